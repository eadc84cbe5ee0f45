/* SPDX-License-Identifier: MIT */
/*
 * The GHCI sub-function wrappers (include/tdx/tdvmcall.h) under the harness.
 * Expected encodings are typed from the GHCI's TDG.VP.VMCALL sub-function
 * tables: R10 = 0, R11 = sub-function number, inputs from R12 on; every
 * other exposed register must reach the VMM as 0.  For each: the encoding,
 * success, each documented error, outputs untouched on failure, and for
 * every sub-function that returns data a run against a hostile VMM.
 */
#include <tdx/tdx.h>
#include "abi_test.h"

#define INVALID_OPERAND     0x8000000000000000ull
#define ALIGN_ERROR         0x8000000000000002ull
#define SUBFUNC_UNSUPPORTED 0x8000000000000003ull
#define RETRY               1ull
#define SHARED_BIT          (1ull << 47)	/* GPAW 48, the harness default */

/* ---- Instruction.CPUID (10) -------------------------------------------------- */

static void cpuid_encoding_and_answer(void **state)
{
	struct tdx_cpuid_regs r;

	(void)state;
	tdxh_arm();
	tdxh_abi_set_cpuid(0x40000010, 3, 0x11, 0x22, 0x33, 0x44);
	poison(r);
	assert_int_equal(tdvmcall_cpuid(0x40000010, 3, &r), 0);
	assert_vmcall(10, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 0x40000010, [TDXH_R13] = 3 });
	assert_int_equal(r.eax, 0x11);
	assert_int_equal(r.ebx, 0x22);
	assert_int_equal(r.ecx, 0x33);
	assert_int_equal(r.edx, 0x44);

	/* The raw call forwards any leaf, even one tdx_cpuid() would not. */
	assert_int_equal(tdvmcall_cpuid(1, 0, &r), 0);
	assert_vmcall(10, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 1, [TDXH_R13] = 0 });

	poison(r);
	tdxh_inject(0, 10, INVALID_OPERAND, 1);
	assert_int_equal(tdvmcall_cpuid(0x40000000, 0, &r), INVALID_OPERAND);
	assert_untouched(r);
}

/* A VMM answering 64-bit junk where 32-bit registers are expected. */
static void cpuid_wide(struct tdxh_vmcall *c)
{
	tdxh_vmm_write(c, TDXH_R12, 0xFFFFFFFF00000011ull);
	tdxh_vmm_write(c, TDXH_R13, 0xFFFFFFFF00000022ull);
	tdxh_vmm_write(c, TDXH_R14, 0xFFFFFFFF00000033ull);
	tdxh_vmm_write(c, TDXH_R15, 0xFFFFFFFF00000044ull);
	tdxh_vmm_status(c, 0);
}

static void cpuid_hostile_vmm(void **state)
{
	struct tdx_cpuid_regs r;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	tdxh_set_vmcall_model(10, cpuid_wide);
	assert_int_equal(tdvmcall_cpuid(0x40000000, 0, &r), 0);
	assert_int_equal(r.eax, 0x11);
	assert_int_equal(r.ebx, 0x22);
	assert_int_equal(r.ecx, 0x33);
	assert_int_equal(r.edx, 0x44);
	assert_int_equal(tdxh_last_record()->vmm_wrote, 0xFFCC);
}

/* ---- Instruction.HLT (12) ----------------------------------------------------- */

static void hlt_encoding(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdvmcall_hlt(true), 0);
	assert_vmcall(12, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 1 });
	assert_true(tdxh.vmm.last_halt_blocked);
	assert_int_equal(tdvmcall_hlt(false), 0);
	assert_vmcall(12, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 0 });
	assert_false(tdxh.vmm.last_halt_blocked);
	assert_int_equal(tdxh.vmm.halts, 2);
	tdxh_inject(0, 12, INVALID_OPERAND, 1);
	assert_int_equal(tdvmcall_hlt(false), INVALID_OPERAND);
}

/* ---- Instruction.RDMSR (31) / WRMSR (32) ---------------------------------------- */

static void rdmsr_wrmsr_encoding_and_errors(void **state)
{
	uint64_t value = 0;

	(void)state;
	tdxh_arm();
	tdxh_abi_set_msr(0x4B564D00, 0x1122334455667788ull);
	assert_int_equal(tdvmcall_rdmsr(0x4B564D00, &value), 0);
	assert_vmcall(31, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 0x4B564D00 });
	assert_int_equal(value, 0x1122334455667788ull);

	assert_int_equal(tdvmcall_wrmsr(0x4B564D00, 0xCAFEF00DDEADBEEFull), 0);
	assert_vmcall(32, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R12] = 0x4B564D00, [TDXH_R13] = 0xCAFEF00DDEADBEEFull });
	assert_int_equal(tdvmcall_rdmsr(0x4B564D00, &value), 0);
	assert_int_equal(value, 0xCAFEF00DDEADBEEFull);

	/* An MSR the VMM does not know: INVALID_OPERAND, value untouched. */
	value = 0x5A5A;
	assert_int_equal(tdvmcall_rdmsr(0xC0DE, &value), INVALID_OPERAND);
	assert_int_equal(tdvmcall_wrmsr(0xC0DE, 1), INVALID_OPERAND);
	assert_int_equal(value, 0x5A5A);
}

static void rdmsr_hostile_vmm(void **state)
{
	uint64_t value = 0;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	assert_int_equal(tdvmcall_rdmsr(0x1B, &value), 0);
	assert_int_equal(value, 0xFEE00900);	/* R11 only; junk elsewhere ignored */
	/* A failed RDMSR under a hostile VMM: R11 is junk, value untouched. */
	value = 0x5A5A;
	assert_int_equal(tdvmcall_rdmsr(0xC0DE, &value), INVALID_OPERAND);
	assert_int_equal(value, 0x5A5A);
}

/* ---- #VE.RequestMMIO (48) ---------------------------------------------------------- */

#define MMIO (0xFEB00000ull | SHARED_BIT)	/* the harness's scratch MMIO RAM, shared */

static void mmio_encoding_for_each_size(void **state)
{
	static const unsigned sizes[] = { 1, 2, 4, 8 };
	uint64_t value;

	(void)state;
	tdxh_arm();
	for (unsigned i = 0; i < 4; i++) {
		unsigned size = sizes[i];
		uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;

		assert_int_equal(tdvmcall_mmio_write(size, MMIO + 16, 0x8877665544332211ull), 0);
		assert_vmcall(48, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = size, [TDXH_R13] = 1,
			[TDXH_R14] = MMIO + 16, [TDXH_R15] = 0x8877665544332211ull & mask });
		value = 0;
		assert_int_equal(tdvmcall_mmio_read(size, MMIO + 16, &value), 0);
		assert_vmcall(48, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = size, [TDXH_R13] = 0,
			[TDXH_R14] = MMIO + 16 });
		assert_int_equal(value, 0x8877665544332211ull & mask);
	}
}

static void mmio_errors(void **state)
{
	uint64_t value = 0x77, before;

	(void)state;
	tdxh_arm();
	/* A private GPA: the VMM refuses it (the raw call does not check). */
	assert_int_equal(tdvmcall_mmio_read(4, 0xFEB00000, &value), INVALID_OPERAND);
	assert_int_equal(tdvmcall_mmio_write(4, 0xFEB00000, 1), INVALID_OPERAND);
	assert_int_equal(value, 0x77);
	/* Sizes other than 1, 2, 4, 8 never reach the VMM. */
	before = tdxh.state.nr_calls;
	assert_int_equal(tdvmcall_mmio_read(3, MMIO, &value), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_int_equal(tdvmcall_mmio_write(16, MMIO, 1), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_int_equal(tdvmcall_mmio_read(0, MMIO, &value), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_calls_since(before, 0);
	assert_int_equal(value, 0x77);
	/* No device there: reads as all ones. */
	assert_int_equal(tdvmcall_mmio_read(2, 0x10000000 | SHARED_BIT, &value), 0);
	assert_int_equal(value, 0xFFFF);
}

/* A VMM answering an MMIO read with all 64 bits set. */
static void mmio_wide(struct tdxh_vmcall *c)
{
	tdxh_vmm_write(c, TDXH_R11, 0xDEADBEEFCAFE1234ull);
	tdxh_vmm_status(c, 0);
}

static void mmio_hostile_vmm(void **state)
{
	uint64_t value;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	tdxh_set_vmcall_model(48, mmio_wide);
	assert_int_equal(tdvmcall_mmio_read(1, MMIO, &value), 0);
	assert_int_equal(value, 0x34);
	assert_int_equal(tdvmcall_mmio_read(2, MMIO, &value), 0);
	assert_int_equal(value, 0x1234);
	assert_int_equal(tdvmcall_mmio_read(4, MMIO, &value), 0);
	assert_int_equal(value, 0xCAFE1234);
	assert_int_equal(tdvmcall_mmio_read(8, MMIO, &value), 0);
	assert_int_equal(value, 0xDEADBEEFCAFE1234ull);
}

/* ---- Instruction.WBINVD (54) / Instruction.PCONFIG (65) ------------------------------ */

static void wbinvd_both_kinds(void **state)
{
	uint64_t before;

	(void)state;
	tdxh_arm();
	/* KVM does not implement it (the model's default): the call says so. */
	assert_int_equal(tdvmcall_wbinvd(0), SUBFUNC_UNSUPPORTED);
	assert_int_equal(tdxh.vmm.wbinvds[0], 0);
	/* A VMM that does. */
	assert_int_equal(tdxh_set_vmcall_supported(54, true), 0);
	assert_int_equal(tdvmcall_wbinvd(0), 0);
	assert_vmcall(54, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 0 });
	assert_int_equal(tdvmcall_wbinvd(1), 0);
	assert_vmcall(54, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 1 });
	assert_int_equal(tdxh.vmm.wbinvds[0], 1);
	assert_int_equal(tdxh.vmm.wbinvds[1], 1);
	before = tdxh.state.nr_calls;
	assert_int_equal(tdvmcall_wbinvd(2), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_calls_since(before, 0);
	/* An older host without it. */
	tdxh_set_vmcall_model(54, NULL);
	assert_int_equal(tdvmcall_wbinvd(0), SUBFUNC_UNSUPPORTED);
}

static void pconfig_encoding_result_and_hostile(void **state)
{
	uint64_t result = 0;

	(void)state;
	tdxh_arm();
	tdxh.vmm.pconfig_result = 0x42;
	/* KVM does not implement it (the model's default); a VMM that does. */
	result = 9;
	assert_int_equal(tdvmcall_pconfig(0, 0, 0, 0, &result), SUBFUNC_UNSUPPORTED);
	assert_int_equal(result, 9);
	assert_int_equal(tdxh_set_vmcall_supported(65, true), 0);
	assert_int_equal(tdvmcall_pconfig(0, 0x1000, 0x2000, 0x3000, &result), 0);
	assert_vmcall(65, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R12] = 0, [TDXH_R13] = 0x1000, [TDXH_R14] = 0x2000, [TDXH_R15] = 0x3000 });
	assert_int_equal(result, 0x42);
	assert_int_equal(tdvmcall_pconfig(0, 0, 0, 0, NULL), 0);
	result = 9;
	assert_int_equal(tdvmcall_pconfig(7, 0, 0, 0, &result), INVALID_OPERAND);
	assert_int_equal(result, 9);
	tdxh.state.hostile = true;
	assert_int_equal(tdvmcall_pconfig(0, 0, 0, 0, &result), 0);
	assert_int_equal(result, 0x42);
}

/* ---- GetTdVmCallInfo (0x10000) ---------------------------------------------------------- */

static void get_td_vmcall_info_leaves(void **state)
{
	struct tdx_td_vmcall_info info;
	uint64_t before;

	(void)state;
	tdxh_arm();
	poison(info);
	assert_int_equal(tdvmcall_get_td_vmcall_info(0, &info), 0);
	assert_vmcall(0x10000, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 0 });
	assert_int_equal(info.r11, 0);
	assert_int_equal(info.r12, 0);
	assert_int_equal(info.r13, 0);
	assert_int_equal(info.r14, 0);

	assert_int_equal(tdvmcall_get_td_vmcall_info(1, &info), 0);
	assert_vmcall(0x10000, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 1 });
	assert_int_equal(info.r11, 2);	/* bit 1: SetupEventNotifyInterrupt */
	assert_int_equal(info.r12, 0);

	/* Leaf 2 is not defined: refused locally. */
	before = tdxh.state.nr_calls;
	poison(info);
	assert_int_equal(tdvmcall_get_td_vmcall_info(2, &info), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_calls_since(before, 0);
	/* An older host that knows only leaf 0. */
	tdxh_inject(0, 0x10000, INVALID_OPERAND, 1);
	assert_int_equal(tdvmcall_get_td_vmcall_info(1, &info), INVALID_OPERAND);
	assert_untouched(info);
}

static void get_td_vmcall_info_hostile_vmm(void **state)
{
	struct tdx_td_vmcall_info info;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	assert_int_equal(tdvmcall_get_td_vmcall_info(1, &info), 0);
	assert_int_equal(info.r11, 2);
	assert_int_equal(info.r12, 0);
	/* R13/R14 are junk from the hostile VMM but mean nothing for leaf 1. */
	assert_int_equal(info.r13, 0);
	assert_int_equal(info.r14, 0);
}

/* ---- MapGPA (0x10001) -------------------------------------------------------------------- */

static void map_gpa_encoding_and_errors(void **state)
{
	uint64_t retry = 0x1111;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdvmcall_map_gpa(0x100000 | SHARED_BIT, 0x4000, &retry), 0);
	assert_vmcall(0x10001, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R12] = 0x100000 | SHARED_BIT, [TDXH_R13] = 0x4000 });
	assert_int_equal(retry, 0x1111);	/* only written on RETRY */
	assert_int_equal(tdxh.mem.map_gpa_last, 0x100000 | SHARED_BIT);
	assert_int_equal(tdvmcall_map_gpa(0x100800, 0x1000, &retry), ALIGN_ERROR);
	assert_int_equal(tdvmcall_map_gpa(0x100000, 0, &retry), INVALID_OPERAND);
	assert_int_equal(tdvmcall_map_gpa(1ull << 48, 0x1000, &retry), INVALID_OPERAND);
	assert_int_equal(retry, 0x1111);
	assert_int_equal(tdvmcall_map_gpa(0x100000, 0x1000, NULL), 0);
}

/* A VMM that converts one page, then says RETRY from the next, with junk elsewhere. */
static void map_gpa_partial(struct tdxh_vmcall *c)
{
	tdxh_vmm_write(c, TDXH_R11, tdxh_vmm_read(c, TDXH_R12) + 0x1000);
	tdxh_vmm_status(c, 1);
}

static void map_gpa_retry_hostile_vmm(void **state)
{
	uint64_t retry = 0;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	tdxh_set_vmcall_model(0x10001, map_gpa_partial);
	assert_int_equal(tdvmcall_map_gpa(0x100000 | SHARED_BIT, 0x4000, &retry), RETRY);
	/* R11 raw, shared bit included: the caller range-checks it. */
	assert_int_equal(retry, 0x101000 | SHARED_BIT);
	assert_int_equal(tdvmcall_map_gpa(0x100000, 0x4000, NULL), RETRY);
}

/* ---- GetQuote (0x10002) -------------------------------------------------------------------- */

static void get_quote_encoding_and_errors(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdvmcall_get_quote(0x200000 | SHARED_BIT, 0x2000), 0);
	assert_vmcall(0x10002, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R12] = 0x200000 | SHARED_BIT, [TDXH_R13] = 0x2000 });
	assert_int_equal(tdxh.vmm.quote.nr_requests, 1);
	assert_int_equal(tdvmcall_get_quote(0x200100 | SHARED_BIT, 0x2000), ALIGN_ERROR);
	assert_int_equal(tdvmcall_get_quote(0x200000, 0x2000), INVALID_OPERAND);	/* private */
	assert_int_equal(tdvmcall_get_quote(0x200000 | SHARED_BIT, 0x21000), INVALID_OPERAND);
	tdxh_set_vmcall_model(0x10002, NULL);
	assert_int_equal(tdvmcall_get_quote(0x200000 | SHARED_BIT, 0x1000), SUBFUNC_UNSUPPORTED);
}

/* ---- ReportFatalError (0x10003) ------------------------------------------------------------- */

static void report_fatal_error_packs_the_message(void **state)
{
	char message[64];

	(void)state;
	tdxh_arm();
	for (int i = 0; i < 64; i++)
		message[i] = (char)('A' + i % 26);
	message[63] = '\0';
	assert_int_equal(tdvmcall_report_fatal_error(0x1234560000ull, 0x300000 | SHARED_BIT,
						     message), 0);
	/* R12 bit 63: R13 valid; bits 15:0 zero.  Message bytes 0-7 in R14 ... 56-63 in RDX. */
	assert_vmcall(0x10003, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R12] = 0x8000001234560000ull, [TDXH_R13] = 0x300000 | SHARED_BIT,
		[TDXH_R14] = 0x4847464544434241ull,	/* "ABCDEFGH" little-endian */
		[TDXH_R15] = 0x504F4E4D4C4B4A49ull,	/* "IJKLMNOP" */
		[TDXH_RBX] = 0x5857565554535251ull,	/* "QRSTUVWX" */
		[TDXH_RDI] = 0x4645444342415A59ull,	/* "YZABCDEF" */
		[TDXH_RSI] = 0x4E4D4C4B4A494847ull,	/* "GHIJKLMN" */
		[TDXH_R8] = 0x565554535251504Full,	/* "OPQRSTUV" */
		[TDXH_R9] = 0x444342415A595857ull,	/* "WXYZABCD" */
		[TDXH_RDX] = 0x004B4A4948474645ull });	/* "EFGHIJK\0" */
	assert_int_equal(tdxh.vmm.fatal.nr_reports, 1);
	assert_memory_equal(tdxh.vmm.fatal.message, message, 64);
}

static void report_fatal_error_short_message_stops_at_nul(void **state)
{
	char message[64];

	(void)state;
	tdxh_arm();
	/* 13 bytes + NUL, then junk the VMM must not see. */
	memset(message, 'X', sizeof(message));
	memcpy(message, "panic: no mem", 14);
	assert_int_equal(tdvmcall_report_fatal_error(0, 0, message), 0);
	assert_vmcall(0x10003, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R14] = 0x6E203A63696E6170ull,	/* "panic: n" */
		[TDXH_R15] = 0x000000006D656D206Full });	/* "o mem" */
	assert_string_equal(tdxh.vmm.fatal.message, "panic: no mem");

	/* 64 bytes without a NUL are sent whole. */
	{
		char full[64];

		memset(full, 'z', sizeof(full));
		assert_int_equal(tdvmcall_report_fatal_error(0, 0, full), 0);
		assert_int_equal(tdxh_last_record()->vmm_saw.gpr[TDXH_RDX], 0x7A7A7A7A7A7A7A7Aull);
		assert_memory_equal(tdxh.vmm.fatal.message, full, 64);
	}
}

static void report_fatal_error_without_gpa_or_message(void **state)
{
	(void)state;
	tdxh_arm();
	/* Caller's bit 63 and bits 15:0 are not sent: R13 is not valid. */
	assert_int_equal(tdvmcall_report_fatal_error(0x800000000000FFFFull | 0x70000, 0, NULL), 0);
	assert_vmcall(0x10003, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 0x70000 });
	assert_int_equal(tdxh.vmm.fatal.r12, 0x70000);
}

/* ---- SetupEventNotifyInterrupt (0x10004) ------------------------------------------------------ */

static void setup_event_notify_interrupt(void **state)
{
	uint64_t before;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdvmcall_setup_event_notify_interrupt(0xEC), 0);
	assert_vmcall(0x10004, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 0xEC });
	assert_int_equal(tdxh.vmm.event_notify_vector, 0xEC);
	before = tdxh.state.nr_calls;
	assert_int_equal(tdvmcall_setup_event_notify_interrupt(31), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_int_equal(tdvmcall_setup_event_notify_interrupt(256), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12);
	assert_calls_since(before, 0);
	tdxh_set_vmcall_model(0x10004, NULL);
	assert_int_equal(tdvmcall_setup_event_notify_interrupt(32), SUBFUNC_UNSUPPORTED);
}

/* ---- Service (0x10005) ------------------------------------------------------------------------- */

static void service_encoding_and_errors(void **state)
{
	(void)state;
	tdxh_arm();
	/* KVM does not implement it (the model's default); a VMM that does. */
	assert_int_equal(tdvmcall_service(0x400000 | SHARED_BIT, 0x401000 | SHARED_BIT, 0x30, 100),
			 SUBFUNC_UNSUPPORTED);
	assert_int_equal(tdxh.vmm.service_calls, 0);
	assert_int_equal(tdxh_set_vmcall_supported(0x10005, true), 0);
	assert_int_equal(tdvmcall_service(0x400000 | SHARED_BIT, 0x401000 | SHARED_BIT, 0x30, 100), 0);
	assert_vmcall(0x10005, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R12] = 0x400000 | SHARED_BIT, [TDXH_R13] = 0x401000 | SHARED_BIT,
		[TDXH_R14] = 0x30, [TDXH_R15] = 100 });
	assert_int_equal(tdxh.vmm.service_calls, 1);
	assert_int_equal(tdvmcall_service(0x400010 | SHARED_BIT, 0x401000 | SHARED_BIT, 0, 0),
			 ALIGN_ERROR);
	assert_int_equal(tdvmcall_service(0x400000, 0x401000 | SHARED_BIT, 0, 0), INVALID_OPERAND);
	tdxh_set_vmcall_model(0x10005, NULL);
	assert_int_equal(tdvmcall_service(0x400000 | SHARED_BIT, 0x401000 | SHARED_BIT, 0, 0),
			 SUBFUNC_UNSUPPORTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(cpuid_encoding_and_answer, abi_setup),
		cmocka_unit_test_setup(cpuid_hostile_vmm, abi_setup),
		cmocka_unit_test_setup(hlt_encoding, abi_setup),
		cmocka_unit_test_setup(rdmsr_wrmsr_encoding_and_errors, abi_setup),
		cmocka_unit_test_setup(rdmsr_hostile_vmm, abi_setup),
		cmocka_unit_test_setup(mmio_encoding_for_each_size, abi_setup),
		cmocka_unit_test_setup(mmio_errors, abi_setup),
		cmocka_unit_test_setup(mmio_hostile_vmm, abi_setup),
		cmocka_unit_test_setup(wbinvd_both_kinds, abi_setup),
		cmocka_unit_test_setup(pconfig_encoding_result_and_hostile, abi_setup),
		cmocka_unit_test_setup(get_td_vmcall_info_leaves, abi_setup),
		cmocka_unit_test_setup(get_td_vmcall_info_hostile_vmm, abi_setup),
		cmocka_unit_test_setup(map_gpa_encoding_and_errors, abi_setup),
		cmocka_unit_test_setup(map_gpa_retry_hostile_vmm, abi_setup),
		cmocka_unit_test_setup(get_quote_encoding_and_errors, abi_setup),
		cmocka_unit_test_setup(report_fatal_error_packs_the_message, abi_setup),
		cmocka_unit_test_setup(report_fatal_error_short_message_stops_at_nul, abi_setup),
		cmocka_unit_test_setup(report_fatal_error_without_gpa_or_message, abi_setup),
		cmocka_unit_test_setup(setup_event_notify_interrupt, abi_setup),
		cmocka_unit_test_setup(service_encoding_and_errors, abi_setup),
	};
	return cmocka_run_group_tests_name("abi_tdvmcall", tests, NULL, NULL);
}
