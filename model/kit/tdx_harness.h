/* SPDX-License-Identifier: MIT */
/*
 * The harness: the one model instance a back-end drives (`tdxh`,
 * model/kit/instance.c), arming it, and tdxh_*() shortcuts for
 * tdxm_*(&tdxh, ...).  Host-only, never part of libtdx.a; the in-tree
 * tests, tdx-sim, the benchmarks and the fuzzer use it.  Users' tests use
 * <tdx/model.h>.
 *
 * The trap back-end (model/trap/): TDCALL (66 0F 01 CC) traps in user mode,
 * as SIGILL (#UD) on bare metal and AMD hosts and under valgrind, as
 * SIGSEGV (#GP) inside an Intel virtual machine (tdxh_trap.h).  The
 * harness's handler, installed for both, reads the register file from the
 * ucontext, runs it through the model (tdxm_tdcall, model/tdxm.h), writes
 * the results back and steps RIP past the instruction.  The library's
 * shipped trampolines therefore run unmodified.  The stub back-end
 * (model/stub/): C trampolines hand their register file to the same
 * tdxm_tdcall; arming is a flag.  The sti emulation and the page watch
 * below are the trap back-end's alone.
 *
 * Arm the harness (tdxh_arm) inside each test body: cmocka installs its own
 * SIGILL and SIGSEGV handlers around every test and every fixture.
 *
 * Threads: each host thread plays one vCPU (tdxh_set_vcpu); the model
 * serialises the TDCALLs.  Models run with the model lock held and must
 * not issue TDCALLs themselves.
 */
#ifndef TDX_HARNESS_H
#define TDX_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tdxm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The model the trap layer answers every TDCALL from. */
extern struct tdxm tdxh;

/* ---- arming -------------------------------------------------------------------- */

/*
 * Forget everything: tdxm_reset(&tdxh); the #VE glue's MMIO windows,
 * statistics and tamper hook, the sti and ud2 counts; this thread is vCPU 0.
 */
void tdxh_reset(void);
/*
 * Install the handler for SIGILL and SIGSEGV (both TDCALL routes; other
 * SIGSEGVs go to the handler installed before).  Call inside the test body.
 * Resets the model first if it never was.
 */
void tdxh_arm(void);
/* Put back the SIGILL and SIGSEGV handlers tdxh_arm() replaced (nothing if not armed). */
void tdxh_disarm(void);
/* This thread plays vCPU `vcpu` (default 0). */
void tdxh_set_vcpu(unsigned vcpu);
unsigned tdxh_current_vcpu(void);
/*
 * Run fn(arg); returns true if it trapped on ud2 (the refused-hypercall
 * path), false if it returned normally.
 */
bool tdxh_run_expect_trap(void (*fn)(void *), void *arg);
/* ud2 traps taken since the last reset (expected or not). */
uint64_t tdxh_ud2_traps(void);

/* ---- the instance's model: tdxh_X(...) is tdxm_X(&tdxh, ...) ------------------------- */

static inline void tdxh_set_leaf_model(unsigned leaf, tdxh_leaf_fn fn)
{
	tdxm_set_leaf_model(&tdxh, leaf, fn);
}
static inline void tdxh_set_leaf_max_version(unsigned leaf, unsigned version)
{
	tdxm_set_leaf_max_version(&tdxh, leaf, version);
}
static inline void tdxh_set_vmcall_model(uint64_t subfn, tdxh_vmcall_fn fn)
{
	tdxm_set_vmcall_model(&tdxh, subfn, fn);
}
static inline int tdxh_set_vmcall_supported(uint64_t subfn, bool supported)
{
	return tdxm_set_vmcall_supported(&tdxh, subfn, supported);
}
static inline void tdxh_set_vendor_vmcall_model(tdxh_vmcall_fn fn)
{
	tdxm_set_vendor_vmcall_model(&tdxh, fn);
}
static inline int tdxh_add_port_device(const struct tdx_model_port_device *dev)
{
	return tdxm_add_port_device(&tdxh, dev);
}
static inline int tdxh_add_mmio_device(const struct tdx_model_mmio_device *dev)
{
	return tdxm_add_mmio_device(&tdxh, dev);
}
/* As tdxm_inject(); aborts when the injection table is full. */
void tdxh_inject(unsigned leaf, uint64_t subfn, uint64_t status, unsigned count);
static inline const struct tdxh_record *tdxh_record(uint64_t i)
{
	return tdxm_record(&tdxh, i);
}
static inline const struct tdxh_record *tdxh_last_record(void)
{
	return tdxm_last_record(&tdxh);
}
static inline uint64_t tdxh_count(unsigned leaf, uint64_t subfn)
{
	return tdxm_count(&tdxh, leaf, subfn);
}
static inline const char *tdxh_com1(void)
{
	return tdxm_com1(&tdxh);
}
static inline void tdxh_request_stop(int code)
{
	tdxm_request_stop(&tdxh, code);
}
static inline uint64_t tdxh_junk(void)
{
	return tdxm_junk(&tdxh);
}
static inline uint64_t tdxh_shared_bit(void)
{
	return tdxm_shared_bit(&tdxh);
}
/* This thread's vCPU gets VE info (tdxm_post_ve). */
static inline void tdxh_post_ve(const struct tdxh_ve_info *ve)
{
	tdxm_post_ve(&tdxh, tdxh_current_vcpu(), ve);
}
static inline bool tdxh_ve_pending(unsigned vcpu)
{
	return tdxm_ve_pending(&tdxh, vcpu);
}
static inline int tdxh_abi_set_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t eax, uint32_t ebx,
				     uint32_t ecx, uint32_t edx)
{
	return tdxm_set_cpuid(&tdxh, leaf, subleaf, eax, ebx, ecx, edx);
}
static inline int tdxh_abi_set_msr(uint32_t msr, uint64_t value)
{
	return tdxm_set_msr(&tdxh, msr, value);
}

/* ---- the memory model -------------------------------------------------------------- */

static inline bool tdxh_mem_setup(uint64_t size)
{
	return tdxm_mem_setup(&tdxh, size);
}
static inline uint64_t tdxh_mem_size(void)
{
	return tdxm_mem_size(&tdxh);
}
static inline void tdxh_mem_set_state(uint64_t gpa, uint64_t size, enum tdxh_page_state state)
{
	tdxm_mem_set_state(&tdxh, gpa, size, state);
}
static inline enum tdxh_page_state tdxh_mem_state(uint64_t gpa)
{
	return tdxm_mem_state(&tdxh, gpa);
}
static inline uint64_t tdxh_mem_count(uint64_t gpa, uint64_t size, enum tdxh_page_state state)
{
	return tdxm_mem_count(&tdxh, gpa, size, state);
}
static inline void tdxh_mem_map_level(uint64_t gpa, uint64_t size, unsigned level)
{
	tdxm_mem_map_level(&tdxh, gpa, size, level);
}
static inline unsigned tdxh_mem_mapped_level(uint64_t gpa)
{
	return tdxm_mem_mapped_level(&tdxh, gpa);
}
static inline void tdxh_mem_set_busy(uint64_t gpa, uint64_t size)
{
	tdxm_mem_set_busy(&tdxh, gpa, size);
}
static inline void tdxh_mem_interrupt_2m(unsigned count)
{
	tdxm_mem_interrupt_2m(&tdxh, count);
}
static inline void tdxh_mem_map_gpa_chunk(uint64_t bytes)
{
	tdxm_mem_map_gpa_chunk(&tdxh, bytes);
}
static inline void tdxh_mem_map_gpa_hostile(enum tdxh_map_gpa_hostile mode, unsigned honest_retries)
{
	tdxm_mem_map_gpa_hostile(&tdxh, mode, honest_retries);
}
static inline void tdxh_mem_get_stats(struct tdxh_mem_stats *out)
{
	tdxm_mem_get_stats(&tdxh, out);
}
static inline void tdxh_mem_clear_stats(void)
{
	tdxm_mem_clear_stats(&tdxh);
}
static inline uint64_t tdxh_mem_max_accepts(void)
{
	return tdxm_mem_max_accepts(&tdxh);
}
static inline uint64_t tdxh_mem_total_accepts(void)
{
	return tdxm_mem_total_accepts(&tdxh);
}

/*
 * Host memory at a virtual address beyond every GPA the model tracks (from
 * 1 TiB up, mapped read-write), so that with the harness's GPA = VA the VMM
 * sees it as shared memory whatever the host's mmap layout (valgrind maps
 * below 4 GiB).  `size` is rounded up to 4K; NULL when nothing is free.
 * Unmap with munmap().
 */
void *tdxh_map_untracked(uint64_t size);

/* ---- `sti` emulation (sti.c) -------------------------------------------------------- */

/*
 * `sti` raises #GP (SIGSEGV) in user mode (SIGILL under valgrind).  Install
 * (inside the test body, after tdxh_arm) a SIGSEGV and SIGILL handler that
 * emulates `sti` when the TDCALL bytes follow it immediately: it counts it
 * (tdxh_sti_count), notes the record index of that TDCALL, and steps over
 * the sti.  Any other signal goes to the handler that was there before.
 */
void tdxh_arm_sti(void);
/* Was record i's TDCALL immediately preceded by an emulated sti? */
bool tdxh_sti_before(uint64_t record_index);
/* sti + TDCALL pairs emulated since the last reset. */
uint64_t tdxh_sti_count(void);

/* ---- watching a shared buffer: every guest access traps (watch.c) ------------------- */

/*
 * Protect [base, base + len) (page-aligned, whole pages) so that each guest
 * access to it faults; before the access runs, before(off, write, ctx)
 * may change the buffer (the VMM acting between two guest accesses); the
 * access then runs single-stepped with the buffer readable, after(off, write,
 * ctx) runs, and the protection comes back.  off is the faulting address
 * minus base.  Per-offset read counts are kept in tdxh_watch_reads[] (up to
 * TDXH_WATCH_MAX bytes).  Call inside the test body, after tdxh_arm():
 * cmocka replaces SIGSEGV/SIGTRAP around tests.  The model's own accesses
 * (GetQuote) pass: the watch sets tdxh.guest_access_begin/end.
 */
#define TDXH_WATCH_MAX (128 * 1024)
/*
 * Whether this host single-steps (RFLAGS.TF raises SIGTRAP after one
 * instruction), which the watch needs: measured, not guessed.  CPUs do;
 * valgrind's does not.
 */
bool tdxh_single_step_available(void);
typedef void (*tdxh_watch_fn)(size_t off, bool write, void *ctx);
void tdxh_watch(void *base, size_t len, tdxh_watch_fn before, tdxh_watch_fn after, void *ctx);
void tdxh_unwatch(void);
void tdxh_watch_pause(void);
void tdxh_watch_resume(void);
extern uint32_t tdxh_watch_reads[TDXH_WATCH_MAX];
extern uint32_t tdxh_watch_writes[TDXH_WATCH_MAX];
/* The hostile GetQuote modes' hook for tdxh_watch(): tdxm_quote_after_guest_access on tdxh. */
void tdxh_quote_hostile_after(size_t off, bool write, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
