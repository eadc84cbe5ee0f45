/* SPDX-License-Identifier: MIT */
/*
 * The model as a TD starts: one model per TDCALL leaf and per GHCI
 * sub-function (the tables below), the TD's configuration, the VMM's
 * answers, the default devices.  Tests and tools change single entries
 * afterwards (tdxm_set_leaf_model, tdxm_set_vmcall_model, the fields of
 * struct tdxm); nothing here depends on the order things are installed in.
 */
#include "internal.h"

#include <string.h>

#include <tdx/metadata.h>
#include <tdx/tdcall.h>
#include <tdx/tdvmcall.h>

static const struct {
	unsigned leaf;
	unsigned max_version;	/* RAX bits 23:16 the model accepts */
	tdxh_leaf_fn fn;
} leaves[] = {
	{ TDG_VP_INFO,          0, tdxm_vp_info },
	{ TDG_MR_RTMR_EXTEND,   0, tdxm_mr_rtmr_extend },
	{ TDG_VP_VEINFO_GET,    0, tdxm_vp_veinfo_get },
	{ TDG_MR_REPORT,        0, tdxm_mr_report },
	{ TDG_VP_CPUIDVE_SET,   0, tdxm_vp_cpuidve_set },
	{ TDG_MEM_PAGE_ACCEPT,  0, tdxm_mem_page_accept },
	{ TDG_VM_RD,            1, tdxm_vm_rd },	/* version 1: module 1.5 */
	{ TDG_VM_WR,            0, tdxm_vm_wr },
	{ TDG_VP_RD,            0, tdxm_vp_rd },
	{ TDG_VP_WR,            0, tdxm_vp_wr },
	{ TDG_SYS_RD,           0, tdxm_sys_rd },
	{ TDG_SYS_RDALL,        0, tdxm_sys_rdall },
	{ TDG_SERVTD_RD,        0, tdxm_servtd_rd_wr },
	{ TDG_SERVTD_WR,        0, tdxm_servtd_rd_wr },
	{ TDG_MR_VERIFYREPORT,  0, tdxm_mr_verifyreport },
	{ TDG_MEM_PAGE_ATTR_RD, 0, tdxm_mem_page_attr_rd },
	{ TDG_MEM_PAGE_ATTR_WR, 0, tdxm_mem_page_attr_wr },
	{ TDG_VP_ENTER,         0, tdxm_vp_enter },
	{ TDG_VP_INVEPT,        0, tdxm_vp_invept },
	{ TDG_VP_INVGLA,        0, tdxm_vp_invgla },
};

/*
 * supported: what KVM implements (Linux arch/x86/kvm/vmx/tdx.c,
 * handle_tdvmcall and the exits it converts; QEMU serves GetQuote,
 * GetTdVmCallInfo leaf 1 and SetupEventNotifyInterrupt).  It answers the
 * others TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED; their models are here for a
 * test that turns them on (tdxm_set_vmcall_supported).
 */
static const struct {
	uint64_t subfn;
	tdxh_vmcall_fn fn;
	bool supported;
} subfns[] = {
	{ TDVMCALL_INSTRUCTION_CPUID,   tdxm_instruction_cpuid, true },
	{ TDVMCALL_INSTRUCTION_HLT,     tdxm_instruction_hlt, true },
	{ TDVMCALL_INSTRUCTION_IO,      tdxm_instruction_io, true },
	{ TDVMCALL_INSTRUCTION_RDMSR,   tdxm_instruction_rdmsr, true },
	{ TDVMCALL_INSTRUCTION_WRMSR,   tdxm_instruction_wrmsr, true },
	{ TDVMCALL_VE_REQUEST_MMIO,     tdxm_ve_request_mmio, true },
	{ TDVMCALL_INSTRUCTION_WBINVD,  tdxm_instruction_wbinvd, false },
	{ TDVMCALL_INSTRUCTION_PCONFIG, tdxm_instruction_pconfig, false },
	{ TDVMCALL_GET_TD_VM_CALL_INFO, tdxm_get_td_vm_call_info, true },
	{ TDVMCALL_MAP_GPA,             tdxm_map_gpa, true },
	{ TDVMCALL_GET_QUOTE,           tdxm_get_quote, true },
	{ TDVMCALL_REPORT_FATAL_ERROR,  tdxm_report_fatal_error, true },
	{ TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT, tdxm_setup_event_notify_interrupt, true },
	{ TDVMCALL_SERVICE,             tdxm_service, false },
};

static void add_field(struct tdxm_field *t, unsigned *n, uint64_t id, uint64_t value, uint64_t writable)
{
	t[*n].id = id;
	t[*n].value = value;
	t[*n].writable = writable;
	(*n)++;
}

/* The TD: GPAW 48, one vCPU, no L2 VMs; the module's per-vCPU state clear. */
static void td_defaults(struct tdxm *m)
{
	memset(&m->td, 0, sizeof(m->td));
	m->td.gpaw = 48;
	m->td.num_vcpus = 1;
	m->td.max_vcpus = TDXH_ABI_MAX_VCPUS;
	m->td.sys_rd_available = true;
	m->td.attributes = 0x10000000;	/* SEPT_VE_DISABLE, as QEMU creates a TD by default */
	memset(&m->module, 0, sizeof(m->module));
	memset(&m->attrs, 0, sizeof(m->attrs));
	memset(&m->servtd, 0, sizeof(m->servtd));
}

/* Metadata: the TD-scope fields Linux's TDX guest code uses, a test field per vCPU, module fields. */
static void metadata_defaults(struct tdxm *m)
{
	struct tdxm_metadata *md = &m->md;

	memset(md, 0, sizeof(*md));
	add_field(md->td, &md->nr_td, TDCS_NOTIFY_ENABLES, 0, 1);
	add_field(md->td, &md->nr_td, TDCS_CONFIG_FLAGS, TDCS_CONFIG_FLEXIBLE_PENDING_VE, 0);
	add_field(md->td, &md->nr_td, TDCS_TD_CTLS, 0,
		  TD_CTLS_PENDING_VE_DISABLE | TD_CTLS_ENUM_TOPOLOGY | TD_CTLS_VIRT_CPUID2 |
		  TD_CTLS_REDUCE_VE);
	for (unsigned v = 0; v < TDXH_ABI_MAX_VCPUS; v++) {
		md->vp[v].id = TDXH_VP_TEST_FIELD;
		md->vp[v].value = 0x1000 + v;
		md->vp[v].writable = 0xFFFF;
	}
	/*
	 * Module scope, read only, made-up ids of class 8 with 2-byte elements:
	 * three one-element fields that follow on (one RDALL sequence), then a
	 * field of four elements (a sequence of its own).
	 */
	static const uint64_t one[3] = { 0x1, 0x5, 0x0 };
	static const uint64_t four[4] = { 0x10, 0x11, 0x12, 0x13 };

	for (unsigned i = 0; i < 3; i++)
		tdxm_md_add_sys_field(m, 0x0800000100000000ull + i, 1, &one[i]);
	tdxm_md_add_sys_field(m, 0x0800000100000010ull, 4, four);
}

/* The TD identity the TDREPORT shows: recognisable patterns. */
static void attest_defaults(struct tdxm *m)
{
	struct tdxh_attest_state *a = &m->attest;

	memset(a, 0, sizeof(*a));
	a->xfam = 0xE7;
	memset(a->mrtd, 0x4D, sizeof(a->mrtd));
	memset(a->cpusvn, 0x0C, sizeof(a->cpusvn));
}

/* The VMM: a hypervisor CPUID leaf, the APIC base MSR, an honest GetQuote, a fatal error resumes. */
static void vmm_defaults(struct tdxm *m)
{
	struct tdxm_vmm *v = &m->vmm;

	memset(v, 0, sizeof(*v));
	/* The hypervisor leaf: max leaf 0x40000001, vendor "TDXHarness!!". */
	tdxm_set_cpuid(m, 0x40000000, 0, 0x40000001, 0x48584454, 0x656E7261, 0x21217373);
	tdxm_set_msr(m, 0x1B, 0xFEE00900);	/* IA32_APIC_BASE: x2APIC off, BSP, enabled */
	v->vmcall_info_r11 = TDVMCALL_INFO_R11_SETUP_EVENT_NOTIFY_INTERRUPT;
	v->quote.delay = 3;
	v->quote.quote_size = 600;
	v->fatal.resume = true;
	tdxm__x2apic_defaults(m);
}

void tdxm_defaults(struct tdxm *m)
{
	td_defaults(m);
	metadata_defaults(m);
	attest_defaults(m);
	vmm_defaults(m);
	for (size_t i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++) {
		tdxm_set_leaf_model(m, leaves[i].leaf, leaves[i].fn);
		tdxm_set_leaf_max_version(m, leaves[i].leaf, leaves[i].max_version);
	}
	for (size_t i = 0; i < sizeof(subfns) / sizeof(subfns[0]); i++) {
		tdxm_set_vmcall_model(m, subfns[i].subfn, subfns[i].fn);
		tdxm_set_vmcall_supported(m, subfns[i].subfn, subfns[i].supported);
	}
	tdxm_add_background(m, tdxm_get_quote_tick);
	tdxm_devices_defaults(m);
}
