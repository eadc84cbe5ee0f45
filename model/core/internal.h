/* SPDX-License-Identifier: MIT */
/* Shared by the model's own files; not for tests. */
#ifndef TDXM_INTERNAL_H
#define TDXM_INTERNAL_H

#include "tdxm.h"

/* A misuse of the model (a table overflows, a leaf out of range): say so and abort. */
__attribute__((noreturn)) void tdxm_die(const char *what);

/* ---- helpers for leaf models (module/) ------------------------------------------------ */

/* Output-register masks (bit = enum tdxh_gpr) for tdxm_leaf_fail. */
#define OUT(r) (1u << (r))

/*
 * Fail a leaf: RAX = status, and junk in each output register of `outputs`,
 * as a module's outputs after a failure carry nothing meaningful.
 */
void tdxm_leaf_fail(struct tdxh_leaf_call *c, uint64_t status, unsigned outputs);
/* TDX_OPERAND_INVALID with the operand id (TDX_OPERAND_ID_*), and junk in `outputs`. */
void tdxm_operand_invalid(struct tdxh_leaf_call *c, unsigned operand, unsigned outputs);

/* ---- the default configuration of each area (core/defaults.c calls them) ------------- */

/* Every model, setting and table as a TD starts (lock held). */
void tdxm_defaults(struct tdxm *m);
/* devices/devices.c: the default plug-ins (COM1, scratch port, MMIO RAM, quote service). */
void tdxm_devices_defaults(struct tdxm *m);
/* memory/memory.c: the default space (TDXH_MEM_DEFAULT_SIZE, all PENDING), an honest MapGPA. */
void tdxm_mem_defaults(struct tdxm *m);
/* memory/memory.c: free the page maps (the model then tracks nothing). */
void tdxm_mem_release(struct tdxm *m);

/* ---- the models, one per leaf and sub-function ------------------------------------------ */

void tdxm_vp_info(struct tdxh_leaf_call *c);		/* module/vp_info.c */
void tdxm_mr_rtmr_extend(struct tdxh_leaf_call *c);	/* module/mr_rtmr_extend.c */
void tdxm_vp_veinfo_get(struct tdxh_leaf_call *c);	/* module/vp_veinfo_get.c */
void tdxm_mr_report(struct tdxh_leaf_call *c);		/* module/mr_report.c */
void tdxm_vp_cpuidve_set(struct tdxh_leaf_call *c);	/* module/vp_cpuidve_set.c */
void tdxm_mem_page_accept(struct tdxh_leaf_call *c);	/* module/mem_page_accept.c */
void tdxm_vm_rd(struct tdxh_leaf_call *c);		/* module/vm_rd.c */
void tdxm_vm_wr(struct tdxh_leaf_call *c);		/* module/vm_wr.c */
void tdxm_vp_rd(struct tdxh_leaf_call *c);		/* module/vp_rd.c */
void tdxm_vp_wr(struct tdxh_leaf_call *c);		/* module/vp_wr.c */
void tdxm_sys_rd(struct tdxh_leaf_call *c);		/* module/sys_rd.c */
void tdxm_sys_rdall(struct tdxh_leaf_call *c);		/* module/sys_rdall.c */
void tdxm_servtd_rd_wr(struct tdxh_leaf_call *c);	/* module/servtd_rd_wr.c */
void tdxm_mr_verifyreport(struct tdxh_leaf_call *c);	/* module/mr_verifyreport.c */
void tdxm_mem_page_attr_rd(struct tdxh_leaf_call *c);	/* module/mem_page_attr_rd.c */
void tdxm_mem_page_attr_wr(struct tdxh_leaf_call *c);	/* module/mem_page_attr_wr.c */
void tdxm_vp_enter(struct tdxh_leaf_call *c);		/* module/vp_enter.c */
void tdxm_vp_invept(struct tdxh_leaf_call *c);		/* module/vp_invept.c */
void tdxm_vp_invgla(struct tdxh_leaf_call *c);		/* module/vp_invgla.c */

void tdxm_instruction_cpuid(struct tdxh_vmcall *c);	/* vmm/instruction_cpuid.c */
void tdxm_instruction_hlt(struct tdxh_vmcall *c);	/* vmm/instruction_hlt.c */
void tdxm_instruction_io(struct tdxh_vmcall *c);	/* vmm/instruction_io.c */
void tdxm_instruction_rdmsr(struct tdxh_vmcall *c);	/* vmm/instruction_rdmsr.c */
void tdxm_instruction_wrmsr(struct tdxh_vmcall *c);	/* vmm/instruction_wrmsr.c */
void tdxm_ve_request_mmio(struct tdxh_vmcall *c);	/* vmm/ve_request_mmio.c */
void tdxm_instruction_wbinvd(struct tdxh_vmcall *c);	/* vmm/instruction_wbinvd.c */
void tdxm_instruction_pconfig(struct tdxh_vmcall *c);	/* vmm/instruction_pconfig.c */
void tdxm_get_td_vm_call_info(struct tdxh_vmcall *c);	/* vmm/get_td_vm_call_info.c */
void tdxm_map_gpa(struct tdxh_vmcall *c);		/* vmm/map_gpa.c */
void tdxm_get_quote(struct tdxh_vmcall *c);		/* vmm/get_quote.c */
void tdxm_report_fatal_error(struct tdxh_vmcall *c);	/* vmm/report_fatal_error.c */
void tdxm_setup_event_notify_interrupt(struct tdxh_vmcall *c);	/* vmm/setup_event_notify_interrupt.c */
void tdxm_service(struct tdxh_vmcall *c);		/* vmm/service.c */

/*
 * The virtual x2APIC (vmm/x2apic.c), model lock held: request a vector on
 * a vCPU (0, or -1 when dropped); is one deliverable; the MSRs 0x800-0x8FF
 * for Instruction.RDMSR/WRMSR (true: the MSR is the x2APIC's, answered).
 */
int tdxm__apic_raise(struct tdxm *m, unsigned vcpu, unsigned vector);
bool tdxm__apic_pending(const struct tdxm *m, unsigned vcpu);
bool tdxm__x2apic_rdmsr(struct tdxh_vmcall *c, uint64_t msr);
bool tdxm__x2apic_wrmsr(struct tdxh_vmcall *c, uint64_t msr, uint64_t value);
void tdxm__x2apic_defaults(struct tdxm *m);

/* GetQuote's background work: a request in flight ages by one TDCALL (vmm/get_quote.c). */
void tdxm_get_quote_tick(struct tdxm *m);

#endif
