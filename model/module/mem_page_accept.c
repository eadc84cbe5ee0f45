/* SPDX-License-Identifier: MIT */
/*
 * TDG.MEM.PAGE.ACCEPT (leaf 6), RCX = GPA | level, over the memory model
 * (memory/memory.c), as tdx-module 1.5 does it (tdg_mem_page_accept.c:
 * tdg_mem_page_accept and check_tdaccept_failure):
 *  - level > 1 (1G included), reserved bits 11:3 set, GPA misaligned for its
 *    level, shared bit set or GPA beyond GPAW -> OPERAND_INVALID | RCX;
 *  - 2M on a region mapped 4K -> PAGE_SIZE_MISMATCH | 1;
 *  - a page whose leaf is already accepted -> PAGE_ALREADY_ACCEPTED | level
 *    of that leaf (a 4K accept inside an accepted 2M page says 1);
 *  - success zeroes the page (init_sept_4k_page: every 4K page of a 2M
 *    one), in the back-end's RAM window (tdxm_mem_set_ram);
 *  - 4K on a PENDING region mapped 2M: the real module exits to the VMM
 *    (EPT violation), which splits the mapping; the model splits it to 4K
 *    and accepts the page (counted in `splits`);
 *  - a SHARED page (converted with MapGPA; its private page is gone): the
 *    module finds no PENDING leaf and exits to the VMM with an EPT
 *    violation (TDACCEPT_VIOLATION).  KVM reports it to QEMU as a memory
 *    fault on a private GPA, QEMU converts that 4K page back to private,
 *    KVM adds it (PENDING, mapped 4K) and the TD re-executes the accept.
 *    So a 4K accept succeeds: the shared page silently became private and
 *    zero.  A 2M accept finds the region now mapped 4K: PAGE_SIZE_MISMATCH
 *    | 1, that one page PENDING.  Counted in `converted_back`;
 *  - a GPA beyond the modelled space (below 1 << GPAW): untracked: the
 *    accept succeeds and nothing is remembered (a test's host buffers);
 *  - tdxm_mem_interrupt_2m(m, n): the next n 2M accepts are interrupted
 *    once: RAX not written, RIP not advanced, so the guest re-executes;
 *  - OPERAND_BUSY | RCX: a SEPT entry the host holds (tdxm_mem_set_busy),
 *    for as long as it holds it; or inject it (tdxm_inject).
 */
#include "../memory/memory.h"

#include <tdx/module.h>
#include <tdx/status.h>

/* The host holds the SEPT entry of [gpa, gpa + size) locked (tdxm_mem_set_busy). */
static bool host_busy(struct tdxm_memory *mem, uint64_t gpa, uint64_t size)
{
	if (!mem->busy_size || gpa + size <= mem->busy_gpa || gpa >= mem->busy_gpa + mem->busy_size)
		return false;
	mem->stats.busy++;
	return true;
}

static uint64_t page_accept(struct tdxh_leaf_call *call)
{
	struct tdxm_memory *mem = &call->m->mem;
	uint64_t rcx = call->regs->gpr[TDXH_RCX];
	unsigned level = (unsigned)(rcx & 7);
	uint64_t gpa = rcx & ~0xFFFull;
	uint64_t pfn = gpa / PAGE, region = gpa / REGION;

	mem->stats.accept_level[level]++;
	if (level > TDX_PAGE_LEVEL_2M || (rcx & 0xFF8) || (gpa & ((PAGE << (9 * level)) - 1)) ||
	    (gpa & tdxm_shared_bit(call->m)) || gpa >> call->m->td.gpaw) {
		mem->stats.operand_invalid++;
		return TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
	}
	if (gpa >= mem->size) {
		/* Untracked GPA (e.g. a test's host buffer): accepted, nothing remembered. */
		mem->stats.untracked++;
		return TDX_SUCCESS;
	}
	if (level == TDX_PAGE_LEVEL_2M && !tdxm_mem_region_full(mem, region)) {
		/* The space ends inside this region: it is mapped 4K (see tdxm_mem_setup). */
		mem->stats.size_mismatch++;
		return TDX_PAGE_SIZE_MISMATCH | TDX_PAGE_LEVEL_2M;
	}
	if (!tdxm_mem_bit(mem->mapped_4k, region)) {
		/* A 2M region in one state: PENDING, ACCEPTED or SHARED. */
		if (tdxm_mem_region_all(mem, region, TDXH_PAGE_SHARED)) {
			/* The VMM converts the 4K page asked for back, mapped 4K. */
			tdxm_mem_set_range(mem, pfn, 1, TDXH_PAGE_PENDING);
			mem->stats.converted_back++;
			if (level == TDX_PAGE_LEVEL_2M) {
				mem->stats.size_mismatch++;
				return TDX_PAGE_SIZE_MISMATCH | TDX_PAGE_LEVEL_2M;
			}
		}
		if (tdxm_mem_region_all(mem, region, TDXH_PAGE_ACCEPTED)) {
			mem->stats.already++;
			return TDX_PAGE_ALREADY_ACCEPTED | TDX_PAGE_LEVEL_2M;
		}
		if (level == TDX_PAGE_LEVEL_2M) {
			if (host_busy(mem, gpa, REGION))
				return TDX_OPERAND_BUSY | TDX_OPERAND_ID_RCX;
			if (mem->interrupts) {
				mem->interrupts--;
				mem->stats.interrupted++;
				call->no_advance = true;
				return call->regs->gpr[TDXH_RAX];	/* not written */
			}
			tdxm_mem_region_set(mem, region, TDXH_PAGE_ACCEPTED);
			tdxm_mem_zero_accepted(mem, region * PAGES_PER_REGION, PAGES_PER_REGION);
			mem->stats.accept_ok++;
			return TDX_SUCCESS;
		}
		if (!tdxm_mem_bit(mem->mapped_4k, region)) {
			/* 4K accept in a PENDING 2M leaf: the VMM splits it (EPT violation exit). */
			tdxm_mem_set_bit(mem->mapped_4k, region, true);
			mem->stats.splits++;
		}
	}
	if (level == TDX_PAGE_LEVEL_2M) {
		mem->stats.size_mismatch++;
		return TDX_PAGE_SIZE_MISMATCH | TDX_PAGE_LEVEL_2M;
	}
	switch (tdxm_mem_page(mem, pfn)) {
	case TDXH_PAGE_ACCEPTED:
		mem->stats.already++;
		return TDX_PAGE_ALREADY_ACCEPTED | TDX_PAGE_LEVEL_4K;
	case TDXH_PAGE_SHARED:
		/* The VMM converts it back (EPT violation exit), the accept re-executes. */
		mem->stats.converted_back++;
		break;
	case TDXH_PAGE_PENDING:
		break;
	}
	if (host_busy(mem, gpa, PAGE))
		return TDX_OPERAND_BUSY | TDX_OPERAND_ID_RCX;
	tdxm_mem_set_page(mem, pfn, TDXH_PAGE_ACCEPTED);
	tdxm_mem_zero_accepted(mem, pfn, 1);
	mem->stats.accept_ok++;
	return TDX_SUCCESS;
}

void tdxm_mem_page_accept(struct tdxh_leaf_call *c)
{
	struct tdxm_memory *mem = &c->m->mem;
	uint64_t status;

	pthread_mutex_lock(&mem->lock);
	if (c->vcpu < TDXH_MEM_MAX_VCPUS)
		mem->stats.accept[c->vcpu]++;
	status = page_accept(c);
	pthread_mutex_unlock(&mem->lock);
	c->regs->gpr[TDXH_RAX] = status;
}
