/* SPDX-License-Identifier: MIT */
/*
 * Harness models of the guest-side TDCALL leaves and GHCI sub-functions,
 * following the module's behaviour (TDX Module ABI spec, tdx-module 1.5 source):
 * operand checks answer TDX_OPERAND_INVALID with the operand id in the
 * detail, and a failed leaf writes junk into its output registers (outputs
 * are only meaningful when RAX = 0), so a library that copies them out is
 * caught.  Installed by tdxh_install_abi_models() (from tdxh_reset()).
 *
 * Other areas override single models with tdxh_set_leaf_model() /
 * tdxh_set_vmcall_model(): the memory area replaces PAGE.ACCEPT and MapGPA,
 * attestation replaces REPORT / RTMR.EXTEND / GetQuote with full models.
 */
#ifndef TDXH_ABI_H
#define TDXH_ABI_H

#include <stdbool.h>
#include <stdint.h>
#include "tdx_harness.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TDXH_ABI_MAX_VCPUS 64

/* ---- the TD configuration the models answer with -------------------------- */

struct tdxh_td_config {
	uint32_t gpaw;			/* default 48; shared bit = gpaw - 1 */
	uint64_t attributes;		/* TD ATTRIBUTES, default 0 */
	uint32_t num_vcpus;		/* default 1 */
	uint32_t max_vcpus;		/* default TDXH_ABI_MAX_VCPUS */
	bool sys_rd_available;		/* TDG.VP.INFO R10 bit 0; default true (module 1.5) */
	unsigned num_l2_vms;		/* TD partitioning: L2 VMs, default 0 */
};
extern struct tdxh_td_config tdxh_td;

/* 1 << (tdxh_td.gpaw - 1) */
uint64_t tdxh_shared_bit(void);
/* gpa < 1 << gpaw, no shared bit, aligned to `align` (a power of two). */
bool tdxh_gpa_private_ok(uint64_t gpa, uint64_t align);

/* ---- a service-TD binding (TDG.SERVTD.RD/WR) ------------------------------ */

/*
 * The one target TD this TD is bound to as a service TD, as tdx-module 1.5
 * answers for it (tdg_servtd_rd_wr.c).  Not bound (the default): every
 * binding handle is OPERAND_INVALID | RCX.  Bound: R10-R13 must carry the
 * target's UUID.  Its UUID from before an import (a binding made before the
 * target migrated) gets TDX_TARGET_UUID_UPDATED with the current UUID in
 * R10-R13 - the only time the module writes them; any other UUID gets
 * TDX_TARGET_UUID_MISMATCH.  The target has one metadata field: read it, or
 * masked-write it within `writable`.
 */
struct tdxh_servtd_config {
	bool bound;
	uint64_t binding_handle;	/* RCX */
	uint64_t uuid[4];		/* the target's TD_UUID: R10, R11, R12, R13 */
	uint64_t preimport_uuid[4];	/* the target's UUID before it was imported */
	uint64_t field_id, value, writable;
};
extern struct tdxh_servtd_config tdxh_servtd;

/* ---- #VE information ------------------------------------------------------ */

struct tdxh_ve_info {
	uint64_t exit_reason, exit_qualification, gla, gpa;
	uint32_t instruction_length, instruction_info;
};

/*
 * This vCPU's VE info becomes valid; TDG.VP.VEINFO.GET returns it and
 * clears valid.  Posting while it is still valid counts a double fault
 * (tdxh_abi.ve_double_faults) - the #DF a real TD would take - and keeps the
 * first information.
 */
void tdxh_post_ve(const struct tdxh_ve_info *ve);
/* Is VE info valid (posted, not yet read) on `vcpu`? */
bool tdxh_ve_pending(unsigned vcpu);

/* ---- VMM-side device models ------------------------------------------------ */

/* CPUID answers of the VMM (Instruction.CPUID).  Unknown leaves answer zeros. */
int tdxh_abi_set_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t eax, uint32_t ebx,
		       uint32_t ecx, uint32_t edx);
/* MSRs the VMM knows; RDMSR/WRMSR of any other answer INVALID_OPERAND. */
int tdxh_abi_set_msr(uint32_t msr, uint64_t value);
bool tdxh_abi_get_msr(uint32_t msr, uint64_t *value);

/* An MMIO device at [base, base + size) of GPAs without the shared bit. */
struct tdxh_mmio_device {
	uint64_t base, size;
	uint64_t (*read)(void *ctx, uint64_t offset, unsigned size);
	void (*write)(void *ctx, uint64_t offset, unsigned size, uint64_t value);
	void *ctx;
};
int tdxh_add_mmio_device(const struct tdxh_mmio_device *dev);
/* The default MMIO device: 4 KiB of RAM at this GPA (| the shared bit to reach it). */
#define TDXH_MMIO_SCRATCH_GPA  0xFEB00000ull
#define TDXH_MMIO_SCRATCH_SIZE 4096

/* ---- what the models saw ------------------------------------------------- */

struct tdxh_abi_state {
	/* HLT */
	uint64_t halts;
	bool last_halt_blocked;		/* R12 of the last HLT */
	/* sti emulation (tdxh_arm_sti) */
	uint64_t stis;			/* sti + TDCALL pairs emulated */
	uint64_t sti_record;		/* record index of the TDCALL after the last sti */
	/* #VE */
	bool ve_valid[TDXH_ABI_MAX_VCPUS];
	struct tdxh_ve_info ve[TDXH_ABI_MAX_VCPUS];
	uint64_t ve_double_faults;
	/* TDG.VP.CPUIDVE.SET */
	uint64_t cpuidve[TDXH_ABI_MAX_VCPUS];
	/* WBINVD: [0] WBINVD, [1] WBNOINVD */
	uint64_t wbinvds[2];
	/* PCONFIG: R12..R15 of the last call; R11 answer */
	uint64_t pconfig_in[4];
	uint64_t pconfig_result;
	/* GetTdVmCallInfo leaf 1 answer */
	uint64_t vmcall_info_r11, vmcall_info_r12;
	/* MapGPA (simple model): last range converted */
	uint64_t map_gpa_calls, map_gpa_last, map_gpa_last_size;
	/* GetQuote (simple model) */
	uint64_t get_quote_calls, get_quote_gpa, get_quote_size;
	/* ReportFatalError */
	uint64_t fatal_errors;
	uint64_t fatal_r12, fatal_r13;
	char fatal_message[65];		/* NUL-terminated */
	/* SetupEventNotifyInterrupt */
	uint64_t event_notify_vector;
	/* Service */
	uint64_t service_calls, service_in[4];
	/* PAGE.ACCEPT (simple model) */
	uint64_t accepts, accept_last_rcx;
	/* MMIO scratch RAM */
	uint8_t mmio_scratch[TDXH_MMIO_SCRATCH_SIZE];
};
extern struct tdxh_abi_state tdxh_abi;

/*
 * `sti` raises #GP (SIGSEGV) in user mode (SIGILL under valgrind).  Install
 * (inside the test body, after tdxh_arm) a SIGSEGV and SIGILL handler that
 * emulates `sti` when the TDCALL bytes follow it immediately: it counts
 * tdxh_abi.stis, notes the record index of that TDCALL in
 * tdxh_abi.sti_record, and steps over the sti.  Any other signal goes to the
 * handler that was there before.
 */
void tdxh_arm_sti(void);
/* Was record i's TDCALL immediately preceded by an emulated sti? */
bool tdxh_sti_before(uint64_t record_index);

/* Called by tdxh_install_default_models(). */
void tdxh_install_abi_models(void);

#ifdef __cplusplus
}
#endif

#endif /* TDXH_ABI_H */
