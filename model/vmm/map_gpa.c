/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<MapGPA> (GHCI), as KVM/QEMU do it, over the memory model
 * (memory/memory.c): R12 start (shared bit = direction), R13 size;
 * checked as KVM's tdx_map_gpa checks them (Linux arch/x86/kvm/vmx/tdx.c):
 * first the range - empty, wrapping, beyond GPAW, or a range whose first
 * and last byte differ in the shared bit -> INVALID_OPERAND - then the
 * alignment -> ALIGN_ERROR; either error puts R12 back in R11.  Pages
 * beyond the space are untracked.  At most
 * mem.chunk bytes are converted per call; if more remain, RETRY with R11 =
 * the next GPA (with R12's shared bit).  Converting part of a 2M region
 * splits its mapping to 4K; private -> private leaves a page as it was;
 * shared -> private makes it PENDING; private -> shared SHARED.  Hostile
 * modes (tdxm_mem_map_gpa_hostile) answer RETRY with a bad R11 after a
 * number of honest RETRYs.
 */
#include "../memory/memory.h"

#include <tdx/status.h>

/* The R11 of a RETRY: honest, or what the hostile mode says. */
static uint64_t retry_r11(struct tdxm *m, uint64_t asked, uint64_t next, uint64_t end, uint64_t sbit)
{
	struct tdxm_memory *mem = &m->mem;

	if (mem->hostile == TDXH_MAPGPA_HONEST || mem->retries_seen++ < mem->honest_retries)
		return next | sbit;
	switch (mem->hostile) {
	case TDXH_MAPGPA_R11_NO_SHARED_BIT:
		return next;
	case TDXH_MAPGPA_R11_OUTSIDE:
		return end | sbit;
	case TDXH_MAPGPA_R11_BACKWARDS:
		return (asked - PAGE) | sbit;
	case TDXH_MAPGPA_R11_STUCK:
		return asked | sbit;
	case TDXH_MAPGPA_R11_UNALIGNED:
		return (next + 0x800) | sbit;
	case TDXH_MAPGPA_R11_HIGH_BIT:
		return next | sbit | (1ull << (m->td.gpaw + 1));
	default:
		return next | sbit;
	}
}

/* To private: SHARED pages become PENDING (the host adds them back); private ones stay. */
static void unshare(struct tdxm_memory *mem, uint64_t first, uint64_t n)
{
	for (uint64_t pfn = first; pfn < first + n;) {
		uint64_t region = pfn / PAGES_PER_REGION;
		uint64_t rend = (region + 1) * PAGES_PER_REGION;

		if (pfn % PAGES_PER_REGION == 0 && rend <= first + n && tdxm_mem_region_full(mem, region) &&
		    tdxm_mem_region_all(mem, region, TDXH_PAGE_SHARED)) {
			tdxm_mem_region_set(mem, region, TDXH_PAGE_PENDING);
			pfn = rend;
			continue;
		}
		for (; pfn < first + n && pfn < rend; pfn++)
			if (tdxm_mem_page(mem, pfn) == TDXH_PAGE_SHARED)
				tdxm_mem_set_range(mem, pfn, 1, TDXH_PAGE_PENDING);
	}
}

/* One MapGPA under the memory lock: the status, and R11 of a RETRY in *r11. */
static uint64_t map_gpa(struct tdxm *m, unsigned vcpu, uint64_t r12, uint64_t size, uint64_t *r11)
{
	struct tdxm_memory *mem = &m->mem;
	uint64_t sbit = r12 & tdxm_shared_bit(m);
	uint64_t start = r12 & ~tdxm_shared_bit(m);
	uint64_t end = start + size, done;

	if (vcpu < TDXH_MEM_MAX_VCPUS)
		mem->stats.map_gpa[vcpu]++;
	/* KVM's order: the range first, then the alignment (tdx_map_gpa). */
	if (r12 + size <= r12 || r12 >> m->td.gpaw || (r12 + size - 1) >> m->td.gpaw ||
	    ((r12 ^ (r12 + size - 1)) & tdxm_shared_bit(m)))
		return TDVMCALL_STATUS_INVALID_OPERAND;
	if ((start | size) % PAGE)
		return TDVMCALL_STATUS_ALIGN_ERROR;
	mem->map_gpa_last = r12;
	mem->map_gpa_last_size = size;
	done = mem->chunk && mem->chunk < size ? mem->chunk : size;
	if (mem->hostile == TDXH_MAPGPA_R11_STUCK && mem->retries_seen >= mem->honest_retries &&
	    done < size)
		done = 0;
	if (start < mem->size) {	/* beyond the space: untracked, nothing to remember */
		uint64_t tracked = start + done > mem->size ? mem->size - start : done;

		if (sbit)
			tdxm_mem_set_range(mem, start / PAGE, tracked / PAGE, TDXH_PAGE_SHARED);
		else
			unshare(mem, start / PAGE, tracked / PAGE);
	} else {
		mem->stats.untracked++;
	}
	if (done == size)
		return TDVMCALL_STATUS_SUCCESS;
	mem->stats.map_gpa_retry++;
	*r11 = retry_r11(m, start, start + done, end, sbit);
	return TDVMCALL_STATUS_RETRY;
}

void tdxm_map_gpa(struct tdxh_vmcall *c)
{
	uint64_t r11 = 0, status;

	pthread_mutex_lock(&c->m->mem.lock);
	status = map_gpa(c->m, c->vcpu, tdxh_vmm_read(c, TDXH_R12), tdxh_vmm_read(c, TDXH_R13), &r11);
	pthread_mutex_unlock(&c->m->mem.lock);
	if (status == TDVMCALL_STATUS_RETRY)
		tdxh_vmm_write(c, TDXH_R11, r11);
	else if (status != TDVMCALL_STATUS_SUCCESS)
		tdxh_vmm_write(c, TDXH_R11, tdxh_vmm_read(c, TDXH_R12));	/* KVM: R11 = the GPA */
	tdxh_vmm_status(c, status);
}
