/* SPDX-License-Identifier: MIT */
/* The TD memory model: per-4K page state, host mapping levels, PAGE.ACCEPT and MapGPA. */
#define _DEFAULT_SOURCE
#include "tdx_harness.h"
#include "tdxh_abi.h"
#include "tdxh_memory.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Values typed from the TDX Module ABI spec (TDG.MEM.PAGE.ACCEPT, completion status
 * codes) and the GHCI (MapGPA), not from libtdx. */
#define LEAF_PAGE_ACCEPT        6
#define SUBFN_MAP_GPA           0x10001
#define ST_SUCCESS              0x0000000000000000ull
#define ST_OPERAND_INVALID_RCX  0xC000010000000001ull
#define ST_ALREADY_ACCEPTED     0x00000B0A00000000ull
#define ST_SIZE_MISMATCH        0xC0000B0B00000000ull
#define ST_EPT_WALK_FAILED      0xC0000B0000000000ull
#define VMCALL_SUCCESS          0x0000000000000000ull
#define VMCALL_RETRY            0x0000000000000001ull
#define VMCALL_INVALID_OPERAND  0x8000000000000000ull
#define VMCALL_ALIGN_ERROR      0x8000000000000002ull

#define PAGE 0x1000ull
#define REGION 0x200000ull
#define PAGES_PER_REGION 512
#define WORDS_PER_REGION (PAGES_PER_REGION / 64)

static pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	uint64_t size, nr_pages, nr_regions;
	uint64_t *accepted;	/* bit per page */
	uint64_t *shared;	/* bit per page */
	uint64_t *mapped_4k;	/* bit per 2M region: 1 = host mapped it with 4K pages */
	unsigned interrupts;
	uint64_t chunk;
	enum tdxh_map_gpa_hostile hostile;
	unsigned honest_retries;
	unsigned retries_seen;
	struct tdxh_mem_stats stats;
} m;

/* GPA width the module answers with: the harness's TD configuration. */
static unsigned td_gpaw(void)
{
	return tdxh_td.gpaw;
}

static bool bit(const uint64_t *map, uint64_t i)
{
	return (map[i / 64] >> (i % 64)) & 1;
}

static void set_bit_to(uint64_t *map, uint64_t i, bool v)
{
	if (v)
		map[i / 64] |= 1ull << (i % 64);
	else
		map[i / 64] &= ~(1ull << (i % 64));
}

static enum tdxh_page_state page_state(uint64_t pfn)
{
	if (bit(m.shared, pfn))
		return TDXH_PAGE_SHARED;
	return bit(m.accepted, pfn) ? TDXH_PAGE_ACCEPTED : TDXH_PAGE_PENDING;
}

static void set_page(uint64_t pfn, enum tdxh_page_state s)
{
	set_bit_to(m.accepted, pfn, s == TDXH_PAGE_ACCEPTED);
	set_bit_to(m.shared, pfn, s == TDXH_PAGE_SHARED);
}

/* Every page of a (full) 2M region is in state s: word compares, 8 words per map. */
static bool region_all(uint64_t region, enum tdxh_page_state s)
{
	const uint64_t *a = &m.accepted[region * WORDS_PER_REGION];
	const uint64_t *sh = &m.shared[region * WORDS_PER_REGION];
	uint64_t want_a = s == TDXH_PAGE_ACCEPTED ? ~0ull : 0, want_s = s == TDXH_PAGE_SHARED ? ~0ull : 0;

	for (int w = 0; w < WORDS_PER_REGION; w++)
		if (a[w] != want_a || sh[w] != want_s)
			return false;
	return true;
}

static void region_set(uint64_t region, enum tdxh_page_state s)
{
	for (int w = 0; w < WORDS_PER_REGION; w++) {
		m.accepted[region * WORDS_PER_REGION + w] = s == TDXH_PAGE_ACCEPTED ? ~0ull : 0;
		m.shared[region * WORDS_PER_REGION + w] = s == TDXH_PAGE_SHARED ? ~0ull : 0;
	}
}

static bool region_full(uint64_t region)
{
	return (region + 1) * REGION <= m.size;
}

/* Pages [first, first + n) to state s; 2M regions changed only in part are split to 4K. */
static void set_range(uint64_t first, uint64_t n, enum tdxh_page_state s)
{
	uint64_t end = first + n;

	for (uint64_t pfn = first; pfn < end;) {
		uint64_t region = pfn / PAGES_PER_REGION;
		uint64_t rend = (region + 1) * PAGES_PER_REGION;

		if (pfn % PAGES_PER_REGION == 0 && rend <= end && region_full(region)) {
			region_set(region, s);
			pfn = rend;
			continue;
		}
		set_bit_to(m.mapped_4k, region, true);
		for (; pfn < end && pfn < rend; pfn++)
			set_page(pfn, s);
	}
}

static void free_maps(void)
{
	free(m.accepted);
	free(m.shared);
	free(m.mapped_4k);
	m.accepted = m.shared = m.mapped_4k = NULL;
}

bool tdxh_mem_setup(uint64_t size)
{
	bool ok = true;

	if (size % PAGE)
		return false;
	pthread_mutex_lock(&mem_lock);
	free_maps();
	m.size = size;
	m.nr_pages = size / PAGE;
	m.nr_regions = (size + REGION - 1) / REGION;
	/* Whole 2M regions' worth of words, so region_all/region_set stay in bounds. */
	m.accepted = calloc(m.nr_regions * WORDS_PER_REGION + 1, sizeof(uint64_t));
	m.shared = calloc(m.nr_regions * WORDS_PER_REGION + 1, sizeof(uint64_t));
	m.mapped_4k = calloc(m.nr_regions / 64 + 1, sizeof(uint64_t));
	if (!m.accepted || !m.shared || !m.mapped_4k) {
		free_maps();
		m.size = m.nr_pages = m.nr_regions = 0;
		ok = false;
	} else if (size % REGION) {
		set_bit_to(m.mapped_4k, m.nr_regions - 1, true);	/* a partial region is never a 2M page */
	}
	pthread_mutex_unlock(&mem_lock);
	return ok;
}

uint64_t tdxh_mem_size(void)
{
	return m.size;
}

/* Clip [gpa, gpa + size) to the space, in pages; false if empty. */
static bool clip(uint64_t gpa, uint64_t size, uint64_t *first, uint64_t *n)
{
	uint64_t end = gpa + size < gpa ? m.size : gpa + size;

	if (end > m.size)
		end = m.size;
	if (gpa >= end)
		return false;
	*first = gpa / PAGE;
	*n = (end + PAGE - 1) / PAGE - *first;
	return true;
}

void tdxh_mem_set_state(uint64_t gpa, uint64_t size, enum tdxh_page_state state)
{
	uint64_t first, n;

	pthread_mutex_lock(&mem_lock);
	if (clip(gpa, size, &first, &n))
		set_range(first, n, state);
	pthread_mutex_unlock(&mem_lock);
}

enum tdxh_page_state tdxh_mem_state(uint64_t gpa)
{
	enum tdxh_page_state s = TDXH_PAGE_PENDING;

	pthread_mutex_lock(&mem_lock);
	if (gpa < m.size)
		s = page_state(gpa / PAGE);
	pthread_mutex_unlock(&mem_lock);
	return s;
}

uint64_t tdxh_mem_count(uint64_t gpa, uint64_t size, enum tdxh_page_state state)
{
	uint64_t first, n, count = 0;

	pthread_mutex_lock(&mem_lock);
	if (clip(gpa, size, &first, &n))
		for (uint64_t pfn = first; pfn < first + n; pfn++)
			count += page_state(pfn) == state;
	pthread_mutex_unlock(&mem_lock);
	return count;
}

void tdxh_mem_map_level(uint64_t gpa, uint64_t size, unsigned level)
{
	uint64_t first, n;

	pthread_mutex_lock(&mem_lock);
	if (clip(gpa, size, &first, &n))
		for (uint64_t r = first / PAGES_PER_REGION; r <= (first + n - 1) / PAGES_PER_REGION; r++)
			/* A 2M mapping needs a full region in one state. */
			set_bit_to(m.mapped_4k, r, level == 0 || !region_full(r) ||
				   !(region_all(r, TDXH_PAGE_PENDING) || region_all(r, TDXH_PAGE_ACCEPTED)));
	pthread_mutex_unlock(&mem_lock);
}

unsigned tdxh_mem_mapped_level(uint64_t gpa)
{
	unsigned level = 0;

	pthread_mutex_lock(&mem_lock);
	if (gpa < m.size)
		level = bit(m.mapped_4k, gpa / REGION) ? 0 : 1;
	pthread_mutex_unlock(&mem_lock);
	return level;
}

void tdxh_mem_interrupt_2m(unsigned count)
{
	pthread_mutex_lock(&mem_lock);
	m.interrupts = count;
	pthread_mutex_unlock(&mem_lock);
}

void tdxh_mem_map_gpa_chunk(uint64_t bytes)
{
	pthread_mutex_lock(&mem_lock);
	m.chunk = bytes;
	pthread_mutex_unlock(&mem_lock);
}

void tdxh_mem_map_gpa_hostile(enum tdxh_map_gpa_hostile mode, unsigned honest_retries)
{
	pthread_mutex_lock(&mem_lock);
	m.hostile = mode;
	m.honest_retries = honest_retries;
	m.retries_seen = 0;
	pthread_mutex_unlock(&mem_lock);
}

void tdxh_mem_get_stats(struct tdxh_mem_stats *out)
{
	pthread_mutex_lock(&mem_lock);
	*out = m.stats;
	pthread_mutex_unlock(&mem_lock);
}

void tdxh_mem_clear_stats(void)
{
	pthread_mutex_lock(&mem_lock);
	memset(&m.stats, 0, sizeof(m.stats));
	pthread_mutex_unlock(&mem_lock);
}

uint64_t tdxh_mem_max_accepts(void)
{
	uint64_t max = 0;

	pthread_mutex_lock(&mem_lock);
	for (int v = 0; v < TDXH_MEM_MAX_VCPUS; v++)
		if (m.stats.accept[v] > max)
			max = m.stats.accept[v];
	pthread_mutex_unlock(&mem_lock);
	return max;
}

uint64_t tdxh_mem_total_accepts(void)
{
	uint64_t sum = 0;

	pthread_mutex_lock(&mem_lock);
	for (int v = 0; v < TDXH_MEM_MAX_VCPUS; v++)
		sum += m.stats.accept[v];
	pthread_mutex_unlock(&mem_lock);
	return sum;
}

static uint64_t shared_bit(void)
{
	return tdxh_shared_bit();
}

/* TDG.MEM.PAGE.ACCEPT, RCX = GPA | level: see tdxh_memory.h. */
static uint64_t page_accept(struct tdxh_leaf_call *call)
{
	uint64_t rcx = call->regs->gpr[TDXH_RCX];
	unsigned level = (unsigned)(rcx & 7);
	uint64_t gpa = rcx & ~0xFFFull;
	uint64_t pfn = gpa / PAGE, region = gpa / REGION;

	m.stats.accept_level[level]++;
	if (level > 1 || (rcx & 0xFF8) || (gpa & ((PAGE << (9 * level)) - 1)) ||
	    (gpa & shared_bit()) || gpa >> td_gpaw()) {
		m.stats.operand_invalid++;
		return ST_OPERAND_INVALID_RCX;
	}
	if (gpa >= m.size) {
		/* Untracked GPA (e.g. a test's host buffer): accepted, nothing remembered. */
		m.stats.untracked++;
		return ST_SUCCESS;
	}
	if (level == 1 && !region_full(region)) {
		/* The space ends inside this region: it is mapped 4K (see tdxh_mem_setup). */
		m.stats.size_mismatch++;
		return ST_SIZE_MISMATCH | 1;
	}
	if (!bit(m.mapped_4k, region)) {
		/* A 2M leaf, uniformly PENDING or ACCEPTED. */
		if (region_all(region, TDXH_PAGE_SHARED)) {
			m.stats.walk_failed++;
			return ST_EPT_WALK_FAILED;
		}
		if (region_all(region, TDXH_PAGE_ACCEPTED)) {
			m.stats.already++;
			return ST_ALREADY_ACCEPTED | 1;
		}
		if (level == 1) {
			if (m.interrupts) {
				m.interrupts--;
				m.stats.interrupted++;
				call->no_advance = true;
				return call->regs->gpr[TDXH_RAX];	/* not written */
			}
			region_set(region, TDXH_PAGE_ACCEPTED);
			m.stats.accept_ok++;
			return ST_SUCCESS;
		}
		/* 4K accept in a PENDING 2M leaf: the VMM splits it (EPT violation exit). */
		set_bit_to(m.mapped_4k, region, true);
		m.stats.splits++;
	}
	if (level == 1) {
		m.stats.size_mismatch++;
		return ST_SIZE_MISMATCH | 1;
	}
	switch (page_state(pfn)) {
	case TDXH_PAGE_ACCEPTED:
		m.stats.already++;
		return ST_ALREADY_ACCEPTED | 0;
	case TDXH_PAGE_SHARED:
		m.stats.walk_failed++;
		return ST_EPT_WALK_FAILED;
	case TDXH_PAGE_PENDING:
		break;
	}
	set_page(pfn, TDXH_PAGE_ACCEPTED);
	m.stats.accept_ok++;
	return ST_SUCCESS;
}

/* Keep the simple model's counters (tdxh_abi) true for the tests that read them. */
static void count_for_abi(uint64_t rcx)
{
	tdxh_abi.accepts++;
	tdxh_abi.accept_last_rcx = rcx;
}

static void page_accept_model(struct tdxh_leaf_call *call)
{
	uint64_t status;

	pthread_mutex_lock(&mem_lock);
	if (call->vcpu < TDXH_MEM_MAX_VCPUS)
		m.stats.accept[call->vcpu]++;
	status = page_accept(call);
	pthread_mutex_unlock(&mem_lock);
	if (status == ST_SUCCESS)
		count_for_abi(call->regs->gpr[TDXH_RCX]);
	call->regs->gpr[TDXH_RAX] = status;
}

/* The R11 of a RETRY: honest, or what the hostile mode says. */
static uint64_t retry_r11(uint64_t asked, uint64_t next, uint64_t end, uint64_t sbit)
{
	if (m.hostile == TDXH_MAPGPA_HONEST || m.retries_seen++ < m.honest_retries)
		return next | sbit;
	switch (m.hostile) {
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
		return next | sbit | (1ull << (td_gpaw() + 1));
	default:
		return next | sbit;
	}
}

/* To private: SHARED pages become PENDING (the host adds them back); private ones stay. */
static void unshare(uint64_t first, uint64_t n)
{
	for (uint64_t pfn = first; pfn < first + n;) {
		uint64_t region = pfn / PAGES_PER_REGION;
		uint64_t rend = (region + 1) * PAGES_PER_REGION;

		if (pfn % PAGES_PER_REGION == 0 && rend <= first + n && region_full(region) &&
		    region_all(region, TDXH_PAGE_SHARED)) {
			region_set(region, TDXH_PAGE_PENDING);
			pfn = rend;
			continue;
		}
		for (; pfn < first + n && pfn < rend; pfn++)
			if (page_state(pfn) == TDXH_PAGE_SHARED)
				set_range(pfn, 1, TDXH_PAGE_PENDING);
	}
}

/* GHCI MapGPA: R12 start (shared bit = direction), R13 size. */
static void map_gpa_model(struct tdxh_vmcall *call)
{
	uint64_t r12 = tdxh_vmm_read(call, TDXH_R12), size = tdxh_vmm_read(call, TDXH_R13);
	uint64_t sbit = r12 & shared_bit();
	uint64_t start = r12 & ~shared_bit();
	uint64_t end = start + size, done;

	pthread_mutex_lock(&mem_lock);
	if (call->vcpu < TDXH_MEM_MAX_VCPUS)
		m.stats.map_gpa[call->vcpu]++;
	if ((start | size) % PAGE) {
		pthread_mutex_unlock(&mem_lock);
		tdxh_vmm_status(call, VMCALL_ALIGN_ERROR);
		return;
	}
	if (!size || end < start || r12 >> td_gpaw()) {
		pthread_mutex_unlock(&mem_lock);
		tdxh_vmm_status(call, VMCALL_INVALID_OPERAND);
		return;
	}
	tdxh_abi.map_gpa_calls++;
	tdxh_abi.map_gpa_last = r12;
	tdxh_abi.map_gpa_last_size = size;
	done = m.chunk && m.chunk < size ? m.chunk : size;
	if (m.hostile == TDXH_MAPGPA_R11_STUCK && m.retries_seen >= m.honest_retries && done < size)
		done = 0;
	if (start < m.size) {	/* beyond the space: untracked, nothing to remember */
		uint64_t tracked = start + done > m.size ? m.size - start : done;

		if (sbit)
			set_range(start / PAGE, tracked / PAGE, TDXH_PAGE_SHARED);
		else
			unshare(start / PAGE, tracked / PAGE);
	} else {
		m.stats.untracked++;
	}
	if (done == size) {
		pthread_mutex_unlock(&mem_lock);
		tdxh_vmm_status(call, VMCALL_SUCCESS);
		return;
	}
	m.stats.map_gpa_retry++;
	{
		uint64_t r11 = retry_r11(r12 & ~shared_bit(), start + done, end, sbit);

		pthread_mutex_unlock(&mem_lock);
		tdxh_vmm_write(call, TDXH_R11, r11);
		tdxh_vmm_status(call, VMCALL_RETRY);
	}
}

void tdxh_install_memory_models(void)
{
	tdxh_set_leaf_model(LEAF_PAGE_ACCEPT, page_accept_model);
	tdxh_set_vmcall_model(SUBFN_MAP_GPA, map_gpa_model);
	pthread_mutex_lock(&mem_lock);
	m.interrupts = 0;
	m.chunk = REGION;
	m.hostile = TDXH_MAPGPA_HONEST;
	m.honest_retries = 0;
	m.retries_seen = 0;
	memset(&m.stats, 0, sizeof(m.stats));
	pthread_mutex_unlock(&mem_lock);
	tdxh_mem_setup(TDXH_MEM_DEFAULT_SIZE);
}

void *tdxh_map_untracked(uint64_t size)
{
	size = (size + 4095) & ~4095ull;
	for (uint64_t va = 1ull << 40; va < (1ull << 46); va += 1ull << 36) {
		void *p = mmap((void *)va, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (p == (void *)va)
			return p;
		if (p != MAP_FAILED)
			munmap(p, size);
	}
	return NULL;
}
