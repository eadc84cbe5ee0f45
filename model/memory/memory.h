/* SPDX-License-Identifier: MIT */
/*
 * The page-state maps of struct tdxm_memory, for the models that change
 * them (module/mem_page_accept.c, vmm/map_gpa.c).  Callers hold m->mem.lock.
 */
#ifndef TDXM_MEMORY_H
#define TDXM_MEMORY_H

#include "../core/internal.h"

#define PAGE 0x1000ull
#define REGION 0x200000ull
#define PAGES_PER_REGION 512
#define WORDS_PER_REGION (PAGES_PER_REGION / 64)

bool tdxm_mem_bit(const uint64_t *map, uint64_t i);
void tdxm_mem_set_bit(uint64_t *map, uint64_t i, bool v);
/* The state of page `pfn` (inside the space). */
enum tdxh_page_state tdxm_mem_page(const struct tdxm_memory *mem, uint64_t pfn);
void tdxm_mem_set_page(struct tdxm_memory *mem, uint64_t pfn, enum tdxh_page_state s);
/* Every page of the full 2M region is in state s. */
bool tdxm_mem_region_all(const struct tdxm_memory *mem, uint64_t region, enum tdxh_page_state s);
void tdxm_mem_region_set(struct tdxm_memory *mem, uint64_t region, enum tdxh_page_state s);
/* The region lies wholly inside the space. */
bool tdxm_mem_region_full(const struct tdxm_memory *mem, uint64_t region);
/* Accepted pages [first, first + n): zeroed where they are in the RAM window. */
void tdxm_mem_zero_accepted(struct tdxm_memory *mem, uint64_t first, uint64_t n);
/* Pages [first, first + n) to state s; 2M regions changed only in part are split to 4K. */
void tdxm_mem_set_range(struct tdxm_memory *mem, uint64_t first, uint64_t n, enum tdxh_page_state s);

#endif
