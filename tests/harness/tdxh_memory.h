/* SPDX-License-Identifier: MIT */
/*
 * The harness's model of a TD's memory, host-only.
 *
 * State per 4K page of a configurable GPA space [0, size): PENDING (added
 * by the host, not accepted), ACCEPTED, or SHARED (converted with MapGPA;
 * its private alias is gone).  Two bits per page, in two bitmaps, so a
 * 64 GiB space costs 4 MiB of host memory.  Per 2M region: the level the
 * host mapped it at (2M, or 4K pages).
 *
 * TDG.MEM.PAGE.ACCEPT (leaf 6), RCX = GPA | level, as module 1.0/1.5 do it
 * (tdg_mem_page_accept.c):
 *  - level > 1 (1G included), reserved bits 11:3 set, GPA misaligned for its
 *    level, shared bit set or GPA beyond GPAW -> OPERAND_INVALID | RCX;
 *  - 2M on a region mapped 4K -> PAGE_SIZE_MISMATCH | 1;
 *  - a page whose leaf is already accepted -> PAGE_ALREADY_ACCEPTED | level
 *    of that leaf (a 4K accept inside an accepted 2M page says 1);
 *  - 4K on a PENDING region mapped 2M: the real module exits to the VMM
 *    (EPT violation), which splits the mapping; the model splits it to 4K
 *    and accepts the page (counted in `splits`);
 *  - a SHARED page: the real module exits to the VMM (EPT violation) and a
 *    VMM without a private page there never resumes successfully; the model
 *    answers TDX_EPT_WALK_FAILED instead;
 *  - a GPA beyond the modelled space (below 1 << GPAW): untracked, as in
 *    tdxh_abi.h's simple model: the accept succeeds and nothing is remembered
 *    (other areas' tests accept and convert their host buffers there);
 *  - tdxh_mem_interrupt_2m(n): the next n 2M accepts are interrupted once:
 *    RAX not written, RIP not advanced, so the guest re-executes TDCALL;
 *  - OPERAND_BUSY: inject with tdxh_inject(6, 0, 0x8000020000000001, n).
 *
 * TDG.VP.VMCALL<MapGPA> (0x10001), as KVM/QEMU do it: R12 start (shared bit
 * = direction), R13 size; misaligned -> ALIGN_ERROR; empty, wrapping or
 * beyond GPAW -> INVALID_OPERAND; pages beyond the space are untracked.  At most `chunk` bytes are converted per call; if more
 * remain, RETRY with R11 = next GPA (with R12's shared bit).  Converting part
 * of a 2M region splits its mapping to 4K; private -> private leaves a page
 * as it was; shared -> private makes it PENDING; private -> shared SHARED.
 * Hostile modes answer RETRY with a bad R11 after a number of honest
 * RETRYs.  Both models also keep the simple model's counters in tdxh_abi (accepts,
 * accept_last_rcx, map_gpa_calls, map_gpa_last, map_gpa_last_size).
 *
 * Thread-safe: models run under the harness lock; the functions below take
 * the model's own lock, so host threads playing vCPUs may call them.
 */
#ifndef TDXH_MEMORY_H
#define TDXH_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum tdxh_page_state { TDXH_PAGE_PENDING = 0, TDXH_PAGE_ACCEPTED = 1, TDXH_PAGE_SHARED = 2 };

#define TDXH_MEM_DEFAULT_SIZE (4ull << 30)	/* after tdxh_reset(): 4 GiB, all PENDING, 2M-mapped */
#define TDXH_MEM_MAX_VCPUS 64

/* New GPA space [0, size) (4K multiple): every page PENDING, every full 2M region mapped 2M. */
bool tdxh_mem_setup(uint64_t size);
uint64_t tdxh_mem_size(void);

/* Set the state of the pages of [gpa, gpa + size); a partly changed 2M region is split to 4K. */
void tdxh_mem_set_state(uint64_t gpa, uint64_t size, enum tdxh_page_state state);
enum tdxh_page_state tdxh_mem_state(uint64_t gpa);
/* Pages of [gpa, gpa + size) in `state`. */
uint64_t tdxh_mem_count(uint64_t gpa, uint64_t size, enum tdxh_page_state state);

/* Map the 2M regions [gpa, gpa + size) touches at level 0 (4K) or 1 (2M). */
void tdxh_mem_map_level(uint64_t gpa, uint64_t size, unsigned level);
unsigned tdxh_mem_mapped_level(uint64_t gpa);

/* The next `count` 2M accepts that would succeed are interrupted once each. */
void tdxh_mem_interrupt_2m(unsigned count);

/* MapGPA: bytes converted per call before RETRY (0: all at once). Default 2 MiB. */
void tdxh_mem_map_gpa_chunk(uint64_t bytes);

enum tdxh_map_gpa_hostile {
	TDXH_MAPGPA_HONEST,		/* R11 = next GPA with R12's shared bit */
	TDXH_MAPGPA_R11_NO_SHARED_BIT,	/* honest, but R11 without the shared bit (legal) */
	TDXH_MAPGPA_R11_OUTSIDE,	/* R11 = end of the range (nothing left there) */
	TDXH_MAPGPA_R11_BACKWARDS,	/* R11 = 4K below the GPA asked for */
	TDXH_MAPGPA_R11_STUCK,		/* converts nothing, R11 = the GPA asked for, forever */
	TDXH_MAPGPA_R11_UNALIGNED,	/* R11 = next GPA + 0x800 */
	TDXH_MAPGPA_R11_HIGH_BIT,	/* R11 = next GPA | a GPA bit above the shared bit's range */
};
/* Misbehave after `honest_retries` honest RETRYs (each call counts once). */
void tdxh_mem_map_gpa_hostile(enum tdxh_map_gpa_hostile mode, unsigned honest_retries);

struct tdxh_mem_stats {
	uint64_t accept[TDXH_MEM_MAX_VCPUS];	/* TDG.MEM.PAGE.ACCEPT executions per vCPU (re-executions too) */
	uint64_t accept_level[8];		/* ... by RCX level */
	uint64_t accept_ok, already, size_mismatch, operand_invalid, walk_failed;
	uint64_t untracked;			/* accepts and MapGPAs beyond the space */
	uint64_t interrupted;			/* 2M accepts interrupted (re-executed) */
	uint64_t splits;			/* 2M mappings split by a 4K accept */
	uint64_t map_gpa[TDXH_MEM_MAX_VCPUS];	/* MapGPA calls per vCPU */
	uint64_t map_gpa_retry;			/* RETRYs answered */
};
void tdxh_mem_get_stats(struct tdxh_mem_stats *out);
void tdxh_mem_clear_stats(void);
/* The most TDG.MEM.PAGE.ACCEPT executions any one vCPU issued, and their sum. */
uint64_t tdxh_mem_max_accepts(void);
uint64_t tdxh_mem_total_accepts(void);

/*
 * Host memory at a virtual address beyond every GPA the model tracks (from
 * 1 TiB up, mapped read-write), so that with the harness's GPA = VA the VMM
 * sees it as shared memory whatever the host's mmap layout (valgrind maps
 * below 4 GiB).  `size` is rounded up to 4K; NULL when nothing is free.
 * Unmap with munmap().
 */
void *tdxh_map_untracked(uint64_t size);

/* Install the leaf-6 and MapGPA models and reset the model (default space, honest VMM). */
void tdxh_install_memory_models(void);

#ifdef __cplusplus
}
#endif

#endif
