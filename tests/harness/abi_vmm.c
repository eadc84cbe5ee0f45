/* SPDX-License-Identifier: MIT */
/*
 * VMM models of the GHCI sub-functions (other than Instruction.IO and
 * #VE.RequestMMIO): Instruction.CPUID/HLT/RDMSR/WRMSR/WBINVD/PCONFIG,
 * GetTdVmCallInfo, MapGPA (simple), GetQuote (simple), ReportFatalError,
 * SetupEventNotifyInterrupt, Service.  Each checks what a careful host checks
 * and answers INVALID_OPERAND / ALIGN_ERROR otherwise.
 */
#include "abi_internal.h"

#include <string.h>

#define R(r) tdxh_vmm_read(c, TDXH_##r)

/* ---- CPUID and MSR tables ----------------------------------------------------- */

#define MAX_CPUID 32
#define MAX_MSRS  32
static struct { uint32_t leaf, subleaf, regs[4]; } cpuid_table[MAX_CPUID];
static unsigned nr_cpuid;
static struct { uint32_t msr; uint64_t value; } msr_table[MAX_MSRS];
static unsigned nr_msrs;

int tdxh_abi_set_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t eax, uint32_t ebx,
		       uint32_t ecx, uint32_t edx)
{
	unsigned i;

	for (i = 0; i < nr_cpuid; i++)
		if (cpuid_table[i].leaf == leaf && cpuid_table[i].subleaf == subleaf)
			break;
	if (i == MAX_CPUID)
		return -1;
	if (i == nr_cpuid)
		nr_cpuid++;
	cpuid_table[i].leaf = leaf;
	cpuid_table[i].subleaf = subleaf;
	cpuid_table[i].regs[0] = eax;
	cpuid_table[i].regs[1] = ebx;
	cpuid_table[i].regs[2] = ecx;
	cpuid_table[i].regs[3] = edx;
	return 0;
}

static int msr_index(uint32_t msr)
{
	for (unsigned i = 0; i < nr_msrs; i++)
		if (msr_table[i].msr == msr)
			return (int)i;
	return -1;
}

int tdxh_abi_set_msr(uint32_t msr, uint64_t value)
{
	int i = msr_index(msr);

	if (i < 0) {
		if (nr_msrs == MAX_MSRS)
			return -1;
		i = (int)nr_msrs++;
		msr_table[i].msr = msr;
	}
	msr_table[i].value = value;
	return 0;
}

bool tdxh_abi_get_msr(uint32_t msr, uint64_t *value)
{
	int i = msr_index(msr);

	if (i < 0)
		return false;
	*value = msr_table[i].value;
	return true;
}

/* Instruction.CPUID: R12 leaf, R13 sub-leaf -> R12-R15 EAX, EBX, ECX, EDX. */
static void vmcall_cpuid(struct tdxh_vmcall *c)
{
	uint64_t leaf = R(R12), subleaf = R(R13);
	const uint32_t *regs = NULL;
	static const uint32_t zeros[4];

	if (leaf > UINT32_MAX || subleaf > UINT32_MAX) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	for (unsigned i = 0; i < nr_cpuid; i++)
		if (cpuid_table[i].leaf == leaf && cpuid_table[i].subleaf == subleaf)
			regs = cpuid_table[i].regs;
	if (!regs)
		regs = zeros;
	tdxh_vmm_write(c, TDXH_R12, regs[0]);
	tdxh_vmm_write(c, TDXH_R13, regs[1]);
	tdxh_vmm_write(c, TDXH_R14, regs[2]);
	tdxh_vmm_write(c, TDXH_R15, regs[3]);
	tdxh_vmm_status(c, V_SUCCESS);
}

/* Instruction.HLT: R12 = interrupts blocked (0 or 1). */
static void vmcall_hlt(struct tdxh_vmcall *c)
{
	if (R(R12) > 1) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_abi.halts++;
	tdxh_abi.last_halt_blocked = R(R12) == 1;
	tdxh_vmm_status(c, V_SUCCESS);
}

/* Instruction.RDMSR: R12 MSR -> R11 value; unknown MSR: INVALID_OPERAND. */
static void vmcall_rdmsr(struct tdxh_vmcall *c)
{
	uint64_t value;

	if (R(R12) > UINT32_MAX || !tdxh_abi_get_msr((uint32_t)R(R12), &value)) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_vmm_write(c, TDXH_R11, value);
	tdxh_vmm_status(c, V_SUCCESS);
}

/* Instruction.WRMSR: R12 MSR, R13 value; unknown MSR: INVALID_OPERAND. */
static void vmcall_wrmsr(struct tdxh_vmcall *c)
{
	uint64_t old;

	if (R(R12) > UINT32_MAX || !tdxh_abi_get_msr((uint32_t)R(R12), &old)) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_abi_set_msr((uint32_t)R(R12), R(R13));
	tdxh_vmm_status(c, V_SUCCESS);
}

/* Instruction.WBINVD: R12 0 = WBINVD, 1 = WBNOINVD. */
static void vmcall_wbinvd(struct tdxh_vmcall *c)
{
	if (R(R12) > 1) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_abi.wbinvds[R(R12)]++;
	tdxh_vmm_status(c, V_SUCCESS);
}

/* Instruction.PCONFIG: R12 leaf (0 = MKTME_KEY_PROGRAM only), R13-R15 -> R11. */
static void vmcall_pconfig(struct tdxh_vmcall *c)
{
	tdxh_abi.pconfig_in[0] = R(R12);
	tdxh_abi.pconfig_in[1] = R(R13);
	tdxh_abi.pconfig_in[2] = R(R14);
	tdxh_abi.pconfig_in[3] = R(R15);
	if (R(R12) != 0) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_vmm_write(c, TDXH_R11, tdxh_abi.pconfig_result);
	tdxh_vmm_status(c, V_SUCCESS);
}

/* GetTdVmCallInfo: leaf 0 -> R11-R14 = 0; leaf 1 -> R11, R12 bitmaps; else INVALID_OPERAND. */
static void vmcall_info(struct tdxh_vmcall *c)
{
	switch (R(R12)) {
	case 0:
		tdxh_vmm_write(c, TDXH_R11, 0);
		tdxh_vmm_write(c, TDXH_R12, 0);
		tdxh_vmm_write(c, TDXH_R13, 0);
		tdxh_vmm_write(c, TDXH_R14, 0);
		break;
	case 1:
		tdxh_vmm_write(c, TDXH_R11, tdxh_abi.vmcall_info_r11);
		tdxh_vmm_write(c, TDXH_R12, tdxh_abi.vmcall_info_r12);
		break;
	default:
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_vmm_status(c, V_SUCCESS);
}

/* MapGPA (simple): R12 GPA, R13 size, both 4K-aligned, range inside GPAW. */
static void vmcall_map_gpa(struct tdxh_vmcall *c)
{
	uint64_t gpa = R(R12), size = R(R13), limit = 1ull << tdxh_td.gpaw;

	if ((gpa | size) & 0xFFF) {
		tdxh_vmm_status(c, V_ALIGN_ERROR);
		return;
	}
	if (size == 0 || gpa >= limit || size > limit - gpa) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_abi.map_gpa_calls++;
	tdxh_abi.map_gpa_last = gpa;
	tdxh_abi.map_gpa_last_size = size;
	tdxh_vmm_status(c, V_SUCCESS);
}

/* GetQuote (simple): R12 shared, 4K-aligned GPA; R13 size, 4K multiple, <= 128 KiB. */
static void vmcall_get_quote(struct tdxh_vmcall *c)
{
	uint64_t gpa = R(R12), size = R(R13);

	if ((gpa | size) & 0xFFF) {
		tdxh_vmm_status(c, V_ALIGN_ERROR);
		return;
	}
	if (!(gpa & tdxh_shared_bit()) || size == 0 || size > 128 * 1024) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_abi.get_quote_calls++;
	tdxh_abi.get_quote_gpa = gpa;
	tdxh_abi.get_quote_size = size;
	tdxh_vmm_status(c, V_SUCCESS);
}

/*
 * ReportFatalError: R12 error code (bits 15:0 must be 0 [QEMU]), R13 GPA if
 * R12 bit 63; message bytes in R14, R15, RBX, RDI, RSI, R8, R9, RDX.  The
 * model records it and resumes the TD (a real VMM would not).
 */
static void vmcall_fatal(struct tdxh_vmcall *c)
{
	static const enum tdxh_gpr order[8] = {
		TDXH_R14, TDXH_R15, TDXH_RBX, TDXH_RDI, TDXH_RSI, TDXH_R8, TDXH_R9, TDXH_RDX,
	};

	if (R(R12) & 0xFFFF) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_abi.fatal_errors++;
	tdxh_abi.fatal_r12 = R(R12);
	tdxh_abi.fatal_r13 = R(R13);
	for (int i = 0; i < 8; i++)
		for (int b = 0; b < 8; b++)
			tdxh_abi.fatal_message[8 * i + b] = (char)(tdxh_vmm_read(c, order[i]) >> (8 * b));
	tdxh_abi.fatal_message[64] = '\0';
	tdxh_vmm_status(c, V_SUCCESS);
}

/* SetupEventNotifyInterrupt: R12 vector 32..255. */
static void vmcall_event_notify(struct tdxh_vmcall *c)
{
	if (R(R12) < 32 || R(R12) > 255) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_abi.event_notify_vector = R(R12);
	tdxh_vmm_status(c, V_SUCCESS);
}

/* Service: R12 command GPA, R13 response GPA (shared, 4K-aligned), R14 vector, R15 timeout. */
static void vmcall_service(struct tdxh_vmcall *c)
{
	uint64_t cmd = R(R12), resp = R(R13), vector = R(R14);

	if ((cmd | resp) & 0xFFF) {
		tdxh_vmm_status(c, V_ALIGN_ERROR);
		return;
	}
	if (!(cmd & tdxh_shared_bit()) || !(resp & tdxh_shared_bit()) ||
	    (vector != 0 && (vector < 32 || vector > 255))) {
		tdxh_vmm_status(c, V_INVALID_OPERAND);
		return;
	}
	tdxh_abi.service_calls++;
	tdxh_abi.service_in[0] = cmd;
	tdxh_abi.service_in[1] = resp;
	tdxh_abi.service_in[2] = vector;
	tdxh_abi.service_in[3] = R(R15);
	tdxh_vmm_status(c, V_SUCCESS);
}

void abi_install_vmm_models(void)
{
	nr_cpuid = nr_msrs = 0;
	/* The hypervisor leaf: max leaf 0x40000001, vendor "TDXHarness!!". */
	tdxh_abi_set_cpuid(0x40000000, 0, 0x40000001, 0x48584454, 0x656E7261, 0x21217373);
	tdxh_abi_set_msr(0x1B, 0xFEE00900);	/* IA32_APIC_BASE: x2APIC off, BSP, enabled */
	tdxh_abi.vmcall_info_r11 = 1ull << 1;	/* SetupEventNotifyInterrupt supported */

	tdxh_set_vmcall_model(10, vmcall_cpuid);
	tdxh_set_vmcall_model(12, vmcall_hlt);
	tdxh_set_vmcall_model(31, vmcall_rdmsr);
	tdxh_set_vmcall_model(32, vmcall_wrmsr);
	tdxh_set_vmcall_model(54, vmcall_wbinvd);
	tdxh_set_vmcall_model(65, vmcall_pconfig);
	tdxh_set_vmcall_model(0x10000, vmcall_info);
	tdxh_set_vmcall_model(0x10001, vmcall_map_gpa);
	tdxh_set_vmcall_model(0x10002, vmcall_get_quote);
	tdxh_set_vmcall_model(0x10003, vmcall_fatal);
	tdxh_set_vmcall_model(0x10004, vmcall_event_notify);
	tdxh_set_vmcall_model(0x10005, vmcall_service);
}
