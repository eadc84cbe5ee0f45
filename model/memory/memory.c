/* SPDX-License-Identifier: MIT */
/*
 * The TD's memory, host-only: per 4K page PENDING, ACCEPTED or SHARED, and
 * per 2M region the level the host mapped it at (struct tdxm_memory).
 * TDG.MEM.PAGE.ACCEPT (module/mem_page_accept.c) and MapGPA
 * (vmm/map_gpa.c) change the states; GetQuote asks whether a buffer is
 * shared.  Every function here takes the model's memory lock, so host
 * threads playing vCPUs may call them while another is in the model.
 */
#include "memory.h"

#include <stdlib.h>
#include <string.h>

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

void tdxm_mem_set_page(struct tdxm_memory *mem, uint64_t pfn, enum tdxh_page_state s)
{
	tdxm_mem_set_bit(mem->accepted, pfn, s == TDXH_PAGE_ACCEPTED);
	tdxm_mem_set_bit(mem->shared, pfn, s == TDXH_PAGE_SHARED);
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

void tdxm_mem_region_set(struct tdxm_memory *mem, uint64_t region, enum tdxh_page_state s)
{
	for (int w = 0; w < WORDS_PER_REGION; w++) {
		mem->accepted[region * WORDS_PER_REGION + w] = s == TDXH_PAGE_ACCEPTED ? ~0ull : 0;
		mem->shared[region * WORDS_PER_REGION + w] = s == TDXH_PAGE_SHARED ? ~0ull : 0;
	}
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
			tdxm_mem_region_set(mem, region, s);
			pfn = rend;
			continue;
		}
		tdxm_mem_set_bit(mem->mapped_4k, region, true);
		for (; pfn < end && pfn < rend; pfn++)
			tdxm_mem_set_page(mem, pfn, s);
	}
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
	pthread_mutex_unlock(&mem->lock);
	return ok;
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
	memset(&m->mem.stats, 0, sizeof(m->mem.stats));
	pthread_mutex_unlock(&m->mem.lock);
	tdxm_mem_setup(m, TDXH_MEM_DEFAULT_SIZE);
}
