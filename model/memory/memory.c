/* SPDX-License-Identifier: MIT */
/*
 * The TD's memory, host-only: per 4K page PENDING, ACCEPTED or SHARED, and
 * per 2M region the level the host mapped it at (struct tdxm_memory).
 * TDG.MEM.PAGE.ACCEPT (module/mem_page_accept.c) and MapGPA
 * (vmm/map_gpa.c) change the states; GetQuote asks whether a buffer is
 * shared; the leaves with memory operands ask tdxm_mem_operand().  With a
 * RAM window (tdxm_mem_set_ram) the back-end is told every change of page
 * state, and an accept zeroes the page.  Every function here takes the
 * model's memory lock, so host threads playing vCPUs may call them while
 * another is in the model.
 */
#include "memory.h"

#include <stdlib.h>
#include <string.h>

#include <tdx/exit_reason.h>
#include <tdx/td_attributes.h>
#include <tdx/ve.h>

/* Clip [gpa, gpa + size) to the RAM window: false if they do not meet. */
static bool in_ram(const struct tdxm_memory *mem, uint64_t *gpa, uint64_t *size)
{
	uint64_t lo = *gpa, hi = *gpa + *size;

	if (!mem->ram_size || hi <= mem->ram_gpa || lo >= mem->ram_gpa + mem->ram_size)
		return false;
	if (lo < mem->ram_gpa)
		lo = mem->ram_gpa;
	if (hi > mem->ram_gpa + mem->ram_size)
		hi = mem->ram_gpa + mem->ram_size;
	*gpa = lo;
	*size = hi - lo;
	return true;
}

/* Pages [first, first + n) are now in state s: tell the back-end that owns the RAM window. */
static void ram_notify(const struct tdxm_memory *mem, uint64_t first, uint64_t n, enum tdxh_page_state s)
{
	uint64_t gpa = first * PAGE, size = n * PAGE;

	if (mem->ram_protect && in_ram(mem, &gpa, &size))
		mem->ram_protect(mem->ram_ctx, gpa, size, s != TDXH_PAGE_PENDING);
}

void tdxm_mem_zero_accepted(struct tdxm_memory *mem, uint64_t first, uint64_t n)
{
	uint64_t gpa = first * PAGE, size = n * PAGE;

	if (!in_ram(mem, &gpa, &size))
		return;
	memset(mem->ram_host + (gpa - mem->ram_gpa), 0, size);
	mem->stats.zeroed += size / PAGE;
}

bool tdxm_mem_bit(const uint64_t *map, uint64_t i)
{
	return (map[i / 64] >> (i % 64)) & 1;
}

void tdxm_mem_set_bit(uint64_t *map, uint64_t i, bool v)
{
	if (v)
		map[i / 64] |= 1ull << (i % 64);
	else
		map[i / 64] &= ~(1ull << (i % 64));
}

enum tdxh_page_state tdxm_mem_page(const struct tdxm_memory *mem, uint64_t pfn)
{
	if (tdxm_mem_bit(mem->shared, pfn))
		return TDXH_PAGE_SHARED;
	return tdxm_mem_bit(mem->accepted, pfn) ? TDXH_PAGE_ACCEPTED : TDXH_PAGE_PENDING;
}

static void set_page_bits(struct tdxm_memory *mem, uint64_t pfn, enum tdxh_page_state s)
{
	tdxm_mem_set_bit(mem->accepted, pfn, s == TDXH_PAGE_ACCEPTED);
	tdxm_mem_set_bit(mem->shared, pfn, s == TDXH_PAGE_SHARED);
}

void tdxm_mem_set_page(struct tdxm_memory *mem, uint64_t pfn, enum tdxh_page_state s)
{
	set_page_bits(mem, pfn, s);
	ram_notify(mem, pfn, 1, s);
}

/* Word compares, 8 words per map. */
bool tdxm_mem_region_all(const struct tdxm_memory *mem, uint64_t region, enum tdxh_page_state s)
{
	const uint64_t *a = &mem->accepted[region * WORDS_PER_REGION];
	const uint64_t *sh = &mem->shared[region * WORDS_PER_REGION];
	uint64_t want_a = s == TDXH_PAGE_ACCEPTED ? ~0ull : 0, want_s = s == TDXH_PAGE_SHARED ? ~0ull : 0;

	for (int w = 0; w < WORDS_PER_REGION; w++)
		if (a[w] != want_a || sh[w] != want_s)
			return false;
	return true;
}

static void region_set_bits(struct tdxm_memory *mem, uint64_t region, enum tdxh_page_state s)
{
	for (int w = 0; w < WORDS_PER_REGION; w++) {
		mem->accepted[region * WORDS_PER_REGION + w] = s == TDXH_PAGE_ACCEPTED ? ~0ull : 0;
		mem->shared[region * WORDS_PER_REGION + w] = s == TDXH_PAGE_SHARED ? ~0ull : 0;
	}
}

void tdxm_mem_region_set(struct tdxm_memory *mem, uint64_t region, enum tdxh_page_state s)
{
	region_set_bits(mem, region, s);
	ram_notify(mem, region * PAGES_PER_REGION, PAGES_PER_REGION, s);
}

bool tdxm_mem_region_full(const struct tdxm_memory *mem, uint64_t region)
{
	return (region + 1) * REGION <= mem->size;
}

void tdxm_mem_set_range(struct tdxm_memory *mem, uint64_t first, uint64_t n, enum tdxh_page_state s)
{
	uint64_t end = first + n;

	for (uint64_t pfn = first; pfn < end;) {
		uint64_t region = pfn / PAGES_PER_REGION;
		uint64_t rend = (region + 1) * PAGES_PER_REGION;

		if (pfn % PAGES_PER_REGION == 0 && rend <= end && tdxm_mem_region_full(mem, region)) {
			region_set_bits(mem, region, s);
			pfn = rend;
			continue;
		}
		tdxm_mem_set_bit(mem->mapped_4k, region, true);
		for (; pfn < end && pfn < rend; pfn++)
			set_page_bits(mem, pfn, s);
	}
	ram_notify(mem, first, n, s);
}

static void free_maps(struct tdxm_memory *mem)
{
	free(mem->accepted);
	free(mem->shared);
	free(mem->mapped_4k);
	mem->accepted = mem->shared = mem->mapped_4k = NULL;
	mem->size = mem->nr_pages = mem->nr_regions = 0;
}

void tdxm_mem_release(struct tdxm *m)
{
	pthread_mutex_lock(&m->mem.lock);
	free_maps(&m->mem);
	pthread_mutex_unlock(&m->mem.lock);
}

bool tdxm_mem_setup(struct tdxm *m, uint64_t size)
{
	struct tdxm_memory *mem = &m->mem;
	bool ok = true;

	if (size % PAGE)
		return false;
	pthread_mutex_lock(&mem->lock);
	free_maps(mem);
	mem->size = size;
	mem->nr_pages = size / PAGE;
	mem->nr_regions = (size + REGION - 1) / REGION;
	/* Whole 2M regions' worth of words, so region_all/region_set stay in bounds. */
	mem->accepted = calloc(mem->nr_regions * WORDS_PER_REGION + 1, sizeof(uint64_t));
	mem->shared = calloc(mem->nr_regions * WORDS_PER_REGION + 1, sizeof(uint64_t));
	mem->mapped_4k = calloc(mem->nr_regions / 64 + 1, sizeof(uint64_t));
	if (!mem->accepted || !mem->shared || !mem->mapped_4k) {
		free_maps(mem);
		ok = false;
	} else if (size % REGION) {
		/* a partial region is never a 2M page */
		tdxm_mem_set_bit(mem->mapped_4k, mem->nr_regions - 1, true);
	}
	if (ok)
		ram_notify(mem, 0, mem->nr_pages, TDXH_PAGE_PENDING);	/* every page PENDING */
	pthread_mutex_unlock(&mem->lock);
	return ok;
}

void tdxm_mem_set_busy(struct tdxm *m, uint64_t gpa, uint64_t size)
{
	pthread_mutex_lock(&m->mem.lock);
	m->mem.busy_gpa = gpa;
	m->mem.busy_size = size;
	pthread_mutex_unlock(&m->mem.lock);
}

void tdxm_mem_set_ram(struct tdxm *m, uint64_t gpa, void *host, uint64_t size,
		      void (*protect)(void *ctx, uint64_t gpa, uint64_t size, bool accessible), void *ctx)
{
	struct tdxm_memory *mem = &m->mem;

	pthread_mutex_lock(&mem->lock);
	mem->ram_gpa = gpa;
	mem->ram_host = host;
	mem->ram_size = host ? size : 0;
	mem->ram_protect = mem->ram_size ? protect : NULL;
	mem->ram_ctx = ctx;
	/* The window's PENDING pages, run by run. */
	for (uint64_t pfn = gpa / PAGE, end = (gpa + mem->ram_size) / PAGE; pfn < end && pfn < mem->nr_pages;) {
		uint64_t run = pfn;

		while (run < end && run < mem->nr_pages && tdxm_mem_page(mem, run) == TDXH_PAGE_PENDING)
			run++;
		if (run > pfn)
			ram_notify(mem, pfn, run - pfn, TDXH_PAGE_PENDING);
		pfn = run + 1;
	}
	pthread_mutex_unlock(&mem->lock);
}

bool tdxm_mem_operand(struct tdxh_leaf_call *c, uint64_t gpa, uint64_t size, bool write)
{
	struct tdxm *m = c->m;
	struct tdxm_memory *mem = &m->mem;
	struct tdxh_ve_info ve = { 0 };
	uint64_t fault = 0;
	bool pending = false;

	if ((gpa & tdxm_shared_bit(m)) || size == 0)
		return true;	/* the shared EPT: host memory, never PENDING */
	pthread_mutex_lock(&mem->lock);
	/* Only the back-end's RAM is the TD's memory: elsewhere a GPA is a host buffer. */
	if (!in_ram(mem, &gpa, &size))
		size = 0;
	for (uint64_t pfn = gpa / PAGE; size && pfn <= (gpa + size - 1) / PAGE && pfn < mem->nr_pages; pfn++) {
		enum tdxh_page_state s = tdxm_mem_page(mem, pfn);

		if (s == TDXH_PAGE_SHARED) {
			/* EPT violation exit: the VMM makes the page private again (PENDING). */
			tdxm_mem_set_range(mem, pfn, 1, TDXH_PAGE_PENDING);
			mem->stats.converted_back++;
			s = TDXH_PAGE_PENDING;
		}
		if (s == TDXH_PAGE_PENDING) {
			fault = pfn * PAGE > gpa ? pfn * PAGE : gpa;
			pending = true;
			break;
		}
	}
	if (pending) {
		mem->stats.pending_operands++;
		mem->pending_gpa = fault;
	}
	pthread_mutex_unlock(&mem->lock);
	if (!pending)
		return true;
	if (!(m->td.attributes & TDX_ATTR_SEPT_VE_DISABLE)) {
		/* #VE: EPT violation, no GLA; the qualification is the access the module tried. */
		ve.exit_reason = EXIT_REASON_EPT_VIOLATION;
		ve.exit_qualification = TDX_EPT_QUAL_READ | (write ? TDX_EPT_QUAL_WRITE : 0);
		ve.gpa = fault;
		tdxm_post_ve(m, c->vcpu, &ve);
	}
	c->no_advance = true;
	tdxm_request_stop(m, TDXH_STOP_PENDING_ACCESS);
	return false;
}

uint64_t tdxm_mem_size(struct tdxm *m)
{
	return m->mem.size;
}

/* Clip [gpa, gpa + size) to the space, in pages; false if empty. */
static bool clip(const struct tdxm_memory *mem, uint64_t gpa, uint64_t size, uint64_t *first, uint64_t *n)
{
	uint64_t end = gpa + size < gpa ? mem->size : gpa + size;

	if (end > mem->size)
		end = mem->size;
	if (gpa >= end)
		return false;
	*first = gpa / PAGE;
	*n = (end + PAGE - 1) / PAGE - *first;
	return true;
}

void tdxm_mem_set_state(struct tdxm *m, uint64_t gpa, uint64_t size, enum tdxh_page_state state)
{
	uint64_t first, n;

	pthread_mutex_lock(&m->mem.lock);
	if (clip(&m->mem, gpa, size, &first, &n))
		tdxm_mem_set_range(&m->mem, first, n, state);
	pthread_mutex_unlock(&m->mem.lock);
}

enum tdxh_page_state tdxm_mem_state(struct tdxm *m, uint64_t gpa)
{
	enum tdxh_page_state s = TDXH_PAGE_PENDING;

	pthread_mutex_lock(&m->mem.lock);
	if (gpa < m->mem.size)
		s = tdxm_mem_page(&m->mem, gpa / PAGE);
	pthread_mutex_unlock(&m->mem.lock);
	return s;
}

uint64_t tdxm_mem_count(struct tdxm *m, uint64_t gpa, uint64_t size, enum tdxh_page_state state)
{
	uint64_t first, n, count = 0;

	pthread_mutex_lock(&m->mem.lock);
	if (clip(&m->mem, gpa, size, &first, &n))
		for (uint64_t pfn = first; pfn < first + n; pfn++)
			count += tdxm_mem_page(&m->mem, pfn) == state;
	pthread_mutex_unlock(&m->mem.lock);
	return count;
}

void tdxm_mem_map_level(struct tdxm *m, uint64_t gpa, uint64_t size, unsigned level)
{
	struct tdxm_memory *mem = &m->mem;
	uint64_t first, n;

	pthread_mutex_lock(&mem->lock);
	if (clip(mem, gpa, size, &first, &n))
		for (uint64_t r = first / PAGES_PER_REGION; r <= (first + n - 1) / PAGES_PER_REGION; r++)
			/* A 2M mapping needs a full region in one state. */
			tdxm_mem_set_bit(mem->mapped_4k, r, level == 0 || !tdxm_mem_region_full(mem, r) ||
					 !(tdxm_mem_region_all(mem, r, TDXH_PAGE_PENDING) ||
					   tdxm_mem_region_all(mem, r, TDXH_PAGE_ACCEPTED)));
	pthread_mutex_unlock(&mem->lock);
}

unsigned tdxm_mem_mapped_level(struct tdxm *m, uint64_t gpa)
{
	unsigned level = 0;

	pthread_mutex_lock(&m->mem.lock);
	if (gpa < m->mem.size)
		level = tdxm_mem_bit(m->mem.mapped_4k, gpa / REGION) ? 0 : 1;
	pthread_mutex_unlock(&m->mem.lock);
	return level;
}

void tdxm_mem_interrupt_2m(struct tdxm *m, unsigned count)
{
	pthread_mutex_lock(&m->mem.lock);
	m->mem.interrupts = count;
	pthread_mutex_unlock(&m->mem.lock);
}

void tdxm_mem_map_gpa_chunk(struct tdxm *m, uint64_t bytes)
{
	pthread_mutex_lock(&m->mem.lock);
	m->mem.chunk = bytes;
	pthread_mutex_unlock(&m->mem.lock);
}

void tdxm_mem_map_gpa_hostile(struct tdxm *m, enum tdxh_map_gpa_hostile mode, unsigned honest_retries)
{
	pthread_mutex_lock(&m->mem.lock);
	m->mem.hostile = mode;
	m->mem.honest_retries = honest_retries;
	m->mem.retries_seen = 0;
	pthread_mutex_unlock(&m->mem.lock);
}

void tdxm_mem_get_stats(struct tdxm *m, struct tdxh_mem_stats *out)
{
	pthread_mutex_lock(&m->mem.lock);
	*out = m->mem.stats;
	pthread_mutex_unlock(&m->mem.lock);
}

void tdxm_mem_clear_stats(struct tdxm *m)
{
	pthread_mutex_lock(&m->mem.lock);
	memset(&m->mem.stats, 0, sizeof(m->mem.stats));
	pthread_mutex_unlock(&m->mem.lock);
}

uint64_t tdxm_mem_max_accepts(struct tdxm *m)
{
	uint64_t max = 0;

	pthread_mutex_lock(&m->mem.lock);
	for (int v = 0; v < TDXH_MEM_MAX_VCPUS; v++)
		if (m->mem.stats.accept[v] > max)
			max = m->mem.stats.accept[v];
	pthread_mutex_unlock(&m->mem.lock);
	return max;
}

uint64_t tdxm_mem_total_accepts(struct tdxm *m)
{
	uint64_t sum = 0;

	pthread_mutex_lock(&m->mem.lock);
	for (int v = 0; v < TDXH_MEM_MAX_VCPUS; v++)
		sum += m->mem.stats.accept[v];
	pthread_mutex_unlock(&m->mem.lock);
	return sum;
}

void tdxm_mem_defaults(struct tdxm *m)
{
	pthread_mutex_lock(&m->mem.lock);
	m->mem.interrupts = 0;
	m->mem.chunk = REGION;
	m->mem.hostile = TDXH_MAPGPA_HONEST;
	m->mem.honest_retries = 0;
	m->mem.retries_seen = 0;
	m->mem.map_gpa_last = m->mem.map_gpa_last_size = 0;
	m->mem.ram_gpa = m->mem.ram_size = 0;
	m->mem.ram_host = NULL;
	m->mem.ram_protect = NULL;
	m->mem.ram_ctx = NULL;
	m->mem.pending_gpa = 0;
	m->mem.busy_gpa = m->mem.busy_size = 0;
	memset(&m->mem.stats, 0, sizeof(m->mem.stats));
	pthread_mutex_unlock(&m->mem.lock);
	tdxm_mem_setup(m, TDXH_MEM_DEFAULT_SIZE);
}
