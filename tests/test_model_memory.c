/* SPDX-License-Identifier: MIT */
/*
 * The memory behaviours of the model against the TDX module's source
 * (tdx-module 1.5, tag TDX_1.5.01) and KVM+QEMU, one test each, on a
 * struct tdxm of the test's own driven with tdxm_tdcall() (no signal): what
 * TDG.MEM.PAGE.ACCEPT does to the page and to a page the TD shared, and
 * what a TDCALL does with a memory operand on a page that is not accepted.
 * docs/model.md, "Fidelity", lists them.
 *
 * The model's RAM window (tdxm_mem_set_ram) is a buffer of this test at
 * GPAs [RAM, RAM + RAM_SIZE): there the model zeroes accepted pages, reads
 * and writes the operands, and reports page states to `protect`.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <tdx/tdx.h>

#include "tdx_harness.h"

#define K4 0x1000ull
#define M2 0x200000ull
#define RAM (4 * M2)		/* GPA of the window */
#define RAM_SIZE (4 * M2)	/* regions 4..7 */
#define OPERAND_BUSY_RCX 0x8000020000000001ull
#define SIZE_MISMATCH_2M 0xC0000B0B00000001ull

static struct tdxm *m;
static uint8_t *ram;

/* What the model told the back-end about the window. */
static struct { uint64_t gpa, size; bool accessible; } told[64];
static unsigned nr_told;

static void protect(void *ctx, uint64_t gpa, uint64_t size, bool accessible)
{
	(void)ctx;
	if (nr_told < 64) {
		told[nr_told].gpa = gpa;
		told[nr_told].size = size;
		told[nr_told].accessible = accessible;
	}
	nr_told++;
}

static int setup(void **state)
{
	(void)state;
	m = tdxm_create();
	ram = aligned_alloc(M2, RAM_SIZE);
	if (!m || !ram)
		return -1;
	memset(ram, 0xAA, RAM_SIZE);
	nr_told = 0;
	tdxm_mem_set_ram(m, RAM, ram, RAM_SIZE, protect, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tdxm_destroy(m);
	free(ram);
	return 0;
}

static uint8_t *host(uint64_t gpa)
{
	return ram + (gpa - RAM);
}

static bool all_bytes(uint64_t gpa, uint64_t size, uint8_t v)
{
	for (uint64_t i = 0; i < size; i++)
		if (host(gpa)[i] != v)
			return false;
	return true;
}

static struct tdxm_result call(struct tdxh_regs *r, uint64_t leaf, uint64_t rcx, uint64_t rdx, uint64_t r8)
{
	memset(r, 0, sizeof(*r));
	r->gpr[TDXH_RAX] = leaf;
	r->gpr[TDXH_RCX] = rcx;
	r->gpr[TDXH_RDX] = rdx;
	r->gpr[TDXH_R8] = r8;
	return tdxm_tdcall(m, r, 0);
}

static uint64_t accept(uint64_t gpa, unsigned level)
{
	struct tdxh_regs r;

	call(&r, TDG_MEM_PAGE_ACCEPT, gpa | level, 0, 0);
	return r.gpr[TDXH_RAX];
}

/*
 * tdg_mem_page_accept.c, tdg_mem_page_accept -> init_sept_4k_page: the
 * module zeroes every 4K page it accepts (each of a 2M page too) before the
 * SEPT entry becomes MAPPED, so nothing the page held before survives.
 * The window's pending pages were reported inaccessible; accepted ones
 * become accessible.
 */
static void accept_zeroes_the_page(void **state)
{
	(void)state;
	/* At set-up the whole window was pending: one inaccessible run. */
	assert_int_equal(nr_told, 1);
	assert_int_equal(told[0].gpa, RAM);
	assert_int_equal(told[0].size, RAM_SIZE);
	assert_false(told[0].accessible);

	assert_int_equal(accept(RAM + K4, TDX_PAGE_LEVEL_4K), TDX_SUCCESS);
	assert_true(all_bytes(RAM + K4, K4, 0));
	assert_true(all_bytes(RAM, K4, 0xAA));
	assert_true(all_bytes(RAM + 2 * K4, K4, 0xAA));
	assert_true(told[nr_told - 1].accessible);
	assert_int_equal(told[nr_told - 1].gpa, RAM + K4);

	assert_int_equal(accept(RAM + M2, TDX_PAGE_LEVEL_2M), TDX_SUCCESS);
	assert_true(all_bytes(RAM + M2, M2, 0));
	assert_true(all_bytes(RAM + 2 * M2, K4, 0xAA));
	assert_int_equal(m->mem.stats.zeroed, 1 + 512);
}

/*
 * tdg_mem_page_accept.c, check_tdaccept_failure: a page the TD converted
 * to shared has no PENDING SEPT leaf, so the accept is TDACCEPT_VIOLATION
 * and the module exits to the VMM with an EPT violation (never a status
 * such as TDX_EPT_WALK_FAILED).  KVM hands QEMU a memory fault on a
 * private GPA, QEMU converts the 4K page back to private, KVM adds it
 * PENDING and 4K-mapped, and the TD re-executes the accept: a 4K accept
 * succeeds (and zeroes the page), a 2M one meets the 4K mapping:
 * PAGE_SIZE_MISMATCH | 1.
 */
static void accept_of_a_shared_page_converts_it_back(void **state)
{
	(void)state;
	tdxm_mem_set_state(m, RAM, 2 * M2, TDXH_PAGE_SHARED);
	assert_int_equal(tdxm_mem_mapped_level(m, RAM), 1);

	assert_int_equal(accept(RAM, TDX_PAGE_LEVEL_2M), SIZE_MISMATCH_2M);
	assert_int_equal(tdxm_mem_state(m, RAM), TDXH_PAGE_PENDING);
	assert_int_equal(tdxm_mem_state(m, RAM + K4), TDXH_PAGE_SHARED);
	assert_int_equal(tdxm_mem_mapped_level(m, RAM), 0);

	assert_int_equal(accept(RAM + K4, TDX_PAGE_LEVEL_4K), TDX_SUCCESS);
	assert_int_equal(tdxm_mem_state(m, RAM + K4), TDXH_PAGE_ACCEPTED);
	assert_true(all_bytes(RAM + K4, K4, 0));

	/* The other region, still 2M-mapped and shared: a 4K accept there too. */
	assert_int_equal(accept(RAM + M2 + 5 * K4, TDX_PAGE_LEVEL_4K), TDX_SUCCESS);
	assert_int_equal(tdxm_mem_state(m, RAM + M2 + 5 * K4), TDXH_PAGE_ACCEPTED);
	assert_int_equal(tdxm_mem_count(m, RAM + M2, M2, TDXH_PAGE_SHARED), 511);
	assert_int_equal(m->mem.stats.converted_back, 3);
}

/*
 * tdg_mem_page_accept.c, tdg_mem_page_accept: sept_lock_acquire_guest()
 * failing (a host-side SEPT operation holds the entry) is returned as
 * TDX_OPERAND_BUSY | RCX, for as long as the host holds it.
 */
static void accept_of_a_page_the_host_holds_is_busy(void **state)
{
	(void)state;
	tdxm_mem_map_level(m, RAM, M2, 0);
	tdxm_mem_set_busy(m, RAM + 3 * K4, K4);
	assert_int_equal(accept(RAM + 3 * K4, TDX_PAGE_LEVEL_4K), OPERAND_BUSY_RCX);
	assert_int_equal(accept(RAM + 3 * K4, TDX_PAGE_LEVEL_4K), OPERAND_BUSY_RCX);
	assert_int_equal(accept(RAM + 4 * K4, TDX_PAGE_LEVEL_4K), TDX_SUCCESS);
	/* A 2M page that holds it, mapped 2M: that entry is locked too. */
	tdxm_mem_set_busy(m, RAM + M2 + 7 * K4, K4);
	assert_int_equal(accept(RAM + M2, TDX_PAGE_LEVEL_2M), OPERAND_BUSY_RCX);
	tdxm_mem_set_busy(m, 0, 0);
	assert_int_equal(accept(RAM + 3 * K4, TDX_PAGE_LEVEL_4K), TDX_SUCCESS);
	assert_int_equal(accept(RAM + M2, TDX_PAGE_LEVEL_2M), TDX_SUCCESS);
}

/*
 * helpers.c, check_walk_and_map_guest_side_gpa, which TDG.MR.RTMR.EXTEND
 * (tdg_mr_rtmr_extend.c) calls for its digest: a private GPA whose SEPT
 * leaf is PENDING completes no TDCALL and returns no status.  With
 * SEPT_VE_DISABLE the module exits to the VMM (EPT violation, extended
 * qualification PENDING_EPT_VIOLATION) and KVM ends the TD ("access before
 * accept"); RAX is not written and RIP stays at the TDCALL.
 */
static void pending_operand_with_sept_ve_disable_ends_the_td(void **state)
{
	struct tdxh_regs r;
	struct tdxm_result res;
	uint8_t before[48];

	(void)state;
	m->td.attributes |= TDX_ATTR_SEPT_VE_DISABLE;
	memcpy(before, m->attest.rtmr[2], sizeof(before));
	res = call(&r, TDG_MR_RTMR_EXTEND, RAM + 2 * M2 + 64, 2, 0);
	assert_false(res.advance);
	assert_true(res.stop);
	assert_int_equal(res.stop_code, TDXH_STOP_PENDING_ACCESS);
	assert_int_equal(r.gpr[TDXH_RAX], TDG_MR_RTMR_EXTEND);	/* not written */
	assert_int_equal(m->mem.pending_gpa, RAM + 2 * M2 + 64);
	assert_false(tdxm_ve_pending(m, 0));
	assert_memory_equal(m->attest.rtmr[2], before, sizeof(before));
	assert_int_equal(m->attest.nr_extends, 0);

	/* Accepted, the same call extends the RTMR with the (zeroed) digest. */
	assert_int_equal(accept(RAM + 2 * M2, TDX_PAGE_LEVEL_4K), TDX_SUCCESS);
	res = call(&r, TDG_MR_RTMR_EXTEND, RAM + 2 * M2 + 64, 2, 0);
	assert_true(res.advance);
	assert_false(res.stop);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(m->attest.nr_extends, 1);
}

/*
 * helpers.c, check_walk_and_map_guest_side_gpa -> inject_ve_and_return_to_td:
 * without SEPT_VE_DISABLE a PENDING operand is a #VE, EPT violation at the
 * operand's GPA, qualification = the access the module tried (read; read
 * and write for the TDREPORT of TDG.MR.REPORT).  No status either.  The
 * REPORTDATA is walked before R8 is checked (tdg_mr_report.c), so a bad
 * subtype is not what the TD hears about.
 */
static void pending_operand_without_sept_ve_disable_is_a_ve(void **state)
{
	struct tdxh_regs r;
	struct tdxm_result res;
	uint64_t reportdata = RAM + 3 * M2, report = RAM + 3 * M2 + 2 * K4;

	(void)state;
	m->td.attributes &= ~TDX_ATTR_SEPT_VE_DISABLE;
	res = call(&r, TDG_MR_REPORT, report, reportdata, 7 /* a bad subtype */);
	assert_false(res.advance);
	assert_int_equal(res.stop_code, TDXH_STOP_PENDING_ACCESS);
	assert_int_equal(r.gpr[TDXH_RAX], TDG_MR_REPORT);
	assert_true(tdxm_ve_pending(m, 0));
	assert_int_equal(m->module.ve[0].exit_reason, 48);
	assert_int_equal(m->module.ve[0].exit_qualification, TDX_EPT_QUAL_READ);
	assert_int_equal(m->module.ve[0].gpa, reportdata);
	m->module.ve_valid[0] = false;	/* as TDG.VP.VEINFO.GET would */

	/* REPORTDATA accepted, the TDREPORT's page not: the write faults. */
	assert_int_equal(accept(reportdata, TDX_PAGE_LEVEL_4K), TDX_SUCCESS);
	res = call(&r, TDG_MR_REPORT, report, reportdata, TDX_REPORT_SUBTYPE_TD);
	assert_false(res.advance);
	assert_int_equal(m->module.ve[0].exit_qualification, TDX_EPT_QUAL_READ | TDX_EPT_QUAL_WRITE);
	assert_int_equal(m->module.ve[0].gpa, report);
	assert_true(all_bytes(report, K4, 0xAA));
	assert_int_equal(m->attest.nr_reports, 0);
	m->module.ve_valid[0] = false;

	assert_int_equal(accept(report, TDX_PAGE_LEVEL_4K), TDX_SUCCESS);
	res = call(&r, TDG_MR_REPORT, report, reportdata, TDX_REPORT_SUBTYPE_TD);
	assert_true(res.advance);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(m->attest.nr_reports, 1);
}

/*
 * tdg_mr_verifyreport.c and tdg_sys_rdall.c read (write) their operand
 * through check_walk_and_map_guest_side_gpa too: on a PENDING page neither
 * answers.
 */
static void verifyreport_and_sys_rdall_operands_must_be_accepted(void **state)
{
	struct tdxh_regs r;
	struct tdxm_result res;

	(void)state;
	res = call(&r, TDG_MR_VERIFYREPORT, RAM + 256, 0, 0);
	assert_false(res.advance);
	assert_int_equal(res.stop_code, TDXH_STOP_PENDING_ACCESS);
	assert_int_equal(m->attest.nr_verifies, 0);
	m->module.ve_valid[0] = false;

	/* The list is walked before the field id is looked at: even a bad one does not answer. */
	res = call(&r, TDG_SYS_RDALL, 0, RAM + 2 * K4, 0x0123456789ABCDEFull);
	assert_false(res.advance);
	assert_int_equal(res.stop_code, TDXH_STOP_PENDING_ACCESS);
	assert_int_equal(m->mem.pending_gpa, RAM + 2 * K4);
	assert_true(all_bytes(RAM + 2 * K4, K4, 0xAA));
	assert_int_equal(m->mem.stats.pending_operands, 2);
}

/*
 * A private operand on a page the TD shared: the walk finds no leaf, an
 * EPT violation exit (check_walk_and_map_guest_side_gpa), QEMU converts
 * the page back and KVM adds it PENDING; the TDCALL re-executes and now
 * meets a PENDING page.  The TD's shared data there is gone either way.
 */
static void private_operand_on_a_shared_page(void **state)
{
	struct tdxh_regs r;
	struct tdxm_result res;

	(void)state;
	m->td.attributes |= TDX_ATTR_SEPT_VE_DISABLE;
	tdxm_mem_set_state(m, RAM, K4, TDXH_PAGE_SHARED);
	res = call(&r, TDG_MR_RTMR_EXTEND, RAM, 0, 0);
	assert_false(res.advance);
	assert_int_equal(res.stop_code, TDXH_STOP_PENDING_ACCESS);
	assert_int_equal(tdxm_mem_state(m, RAM), TDXH_PAGE_PENDING);
	assert_int_equal(m->mem.stats.converted_back, 1);
}

/*
 * tdg_mr_report.c walks both buffers with PRIVATE_OR_SHARED: module 1.5
 * writes a TDREPORT into a shared buffer and reads REPORTDATA from one.
 * TDG.MR.RTMR.EXTEND and TDG.MR.VERIFYREPORT say PRIVATE_ONLY: a shared
 * GPA is OPERAND_INVALID | RCX.
 */
static void mr_report_takes_shared_buffers(void **state)
{
	struct tdxh_regs r;
	uint64_t sbit = tdxm_shared_bit(m);
	uint64_t reportdata = RAM + 2 * M2, report = RAM + 2 * M2 + 2 * K4;

	(void)state;
	tdxm_mem_set_state(m, RAM + 2 * M2, 2 * M2, TDXH_PAGE_SHARED);
	memset(host(reportdata), 0x5D, TDX_REPORTDATA_SIZE);
	call(&r, TDG_MR_REPORT, report | sbit, reportdata | sbit, TDX_REPORT_SUBTYPE_TD);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_true(all_bytes(report + offsetof(struct tdx_report, mac.reportdata), TDX_REPORTDATA_SIZE, 0x5D));
	assert_int_equal(m->mem.stats.converted_back, 0);
	/* Beyond GPAW is still refused. */
	call(&r, TDG_MR_REPORT, report, reportdata | (1ull << m->td.gpaw), TDX_REPORT_SUBTYPE_TD);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_INVALID | TDX_OPERAND_ID_RDX);

	call(&r, TDG_MR_RTMR_EXTEND, reportdata | sbit, 0, 0);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX);
	call(&r, TDG_MR_VERIFYREPORT, report | sbit, 0, 0);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(accept_zeroes_the_page, setup, teardown),
		cmocka_unit_test_setup_teardown(accept_of_a_shared_page_converts_it_back, setup, teardown),
		cmocka_unit_test_setup_teardown(accept_of_a_page_the_host_holds_is_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(pending_operand_with_sept_ve_disable_ends_the_td, setup, teardown),
		cmocka_unit_test_setup_teardown(pending_operand_without_sept_ve_disable_is_a_ve, setup, teardown),
		cmocka_unit_test_setup_teardown(verifyreport_and_sys_rdall_operands_must_be_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(private_operand_on_a_shared_page, setup, teardown),
		cmocka_unit_test_setup_teardown(mr_report_takes_shared_buffers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
