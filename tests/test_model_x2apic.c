/* SPDX-License-Identifier: MIT */
/*
 * The model's virtual x2APIC (model/vmm/x2apic.c), driven with
 * tdxm_tdcall() on a struct tdxm of the test's own: RDMSR/WRMSR of the
 * x2APIC MSRs as the #VE handler sends them, EOI ending the highest
 * in-service vector, priority classes and TPR, fixed IPIs through the ICR
 * (and what is refused or dropped), and the SetupEventNotifyInterrupt
 * vector raised exactly once per completed GetQuote, on the vCPU that
 * registered it, also while that vCPU halts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/mman.h>

#include <tdx/tdx.h>

#include "tdx_harness.h"

#define MSR_READ  31
#define MSR_WRITE 32
#define INVALID_OPERAND 0x8000000000000000ull
#define VMCALL_MASK ((1u << TDXH_R10) | (1u << TDXH_R11) | (1u << TDXH_R12) | (1u << TDXH_R13))

static struct tdxh_regs vmcall(uint64_t subfn, uint64_t r12, uint64_t r13)
{
	struct tdxh_regs r = { .rip = 0x1000 };

	r.gpr[TDXH_RAX] = TDG_VP_VMCALL;
	r.gpr[TDXH_RCX] = VMCALL_MASK;
	r.gpr[TDXH_R10] = TDVMCALL_STANDARD;
	r.gpr[TDXH_R11] = subfn;
	r.gpr[TDXH_R12] = r12;
	r.gpr[TDXH_R13] = r13;
	return r;
}

/* WRMSR on `vcpu`; returns the TDVMCALL status (R10). */
static uint64_t wrmsr(struct tdxm *m, unsigned vcpu, uint32_t msr, uint64_t value)
{
	struct tdxh_regs r = vmcall(MSR_WRITE, msr, value);

	tdxm_tdcall(m, &r, vcpu);
	assert_int_equal(r.gpr[TDXH_RAX], 0);
	return r.gpr[TDXH_R10];
}

/* RDMSR on `vcpu`: the value (status must be SUCCESS). */
static uint64_t rdmsr(struct tdxm *m, unsigned vcpu, uint32_t msr)
{
	struct tdxh_regs r = vmcall(MSR_READ, msr, 0);

	tdxm_tdcall(m, &r, vcpu);
	assert_int_equal(r.gpr[TDXH_R10], 0);
	return r.gpr[TDXH_R11];
}

static int in_service(struct tdxm *m, unsigned vcpu, unsigned vector)
{
	return (int)((rdmsr(m, vcpu, TDXM_X2APIC_ISR0 + vector / 32) >> (vector % 32)) & 1);
}

static int requested(struct tdxm *m, unsigned vcpu, unsigned vector)
{
	return (int)((rdmsr(m, vcpu, TDXM_X2APIC_IRR0 + vector / 32) >> (vector % 32)) & 1);
}

static unsigned kicks[TDXH_ABI_MAX_VCPUS];

static void count_kick(unsigned vcpu)
{
	kicks[vcpu]++;
}

static struct tdxm *model(unsigned vcpus)
{
	struct tdxm *m = tdxm_create();

	assert_non_null(m);
	m->td.num_vcpus = vcpus;
	m->irq_hook = count_kick;
	for (unsigned v = 0; v < TDXH_ABI_MAX_VCPUS; v++)
		kicks[v] = 0;
	return m;
}

static void eoi_ends_in_service(void **state)
{
	struct tdxm *m = model(1);

	(void)state;
	assert_int_equal(rdmsr(m, 0, TDXM_X2APIC_ID), 0);
	assert_false(tdxm_apic_pending(m, 0));
	assert_int_equal(tdxm_apic_ack(m, 0), -1);
	assert_int_equal(tdxm_apic_raise(m, 0, 0x40), 0);
	assert_int_equal(kicks[0], 1);
	assert_true(tdxm_apic_pending(m, 0));
	assert_int_equal(requested(m, 0, 0x40), 1);
	assert_int_equal(in_service(m, 0, 0x40), 0);

	assert_int_equal(tdxm_apic_ack(m, 0), 0x40);
	assert_int_equal(requested(m, 0, 0x40), 0);
	assert_int_equal(in_service(m, 0, 0x40), 1);
	assert_false(tdxm_apic_pending(m, 0));

	/* x2APIC: only 0 may be written to EOI. */
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_EOI, 1), INVALID_OPERAND);
	assert_int_equal(in_service(m, 0, 0x40), 1);
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_EOI, 0), 0);
	assert_int_equal(in_service(m, 0, 0x40), 0);
	assert_int_equal(m->vmm.x2apic[0].eois, 1);
	/* An EOI with nothing in service ends nothing. */
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_EOI, 0), 0);
	assert_int_equal(m->vmm.x2apic[0].eois, 1);
	tdxm_destroy(m);
}

static void priority_classes_and_tpr(void **state)
{
	struct tdxm *m = model(1);

	(void)state;
	tdxm_apic_raise(m, 0, 0x30);
	tdxm_apic_raise(m, 0, 0x50);
	assert_int_equal(tdxm_apic_ack(m, 0), 0x50);		/* highest first */
	/* 0x50 in service: 0x30 (class 3) and 0x58 (class 5) wait, 0x60 does not. */
	assert_false(tdxm_apic_pending(m, 0));
	tdxm_apic_raise(m, 0, 0x58);
	assert_false(tdxm_apic_pending(m, 0));
	tdxm_apic_raise(m, 0, 0x60);
	assert_int_equal(tdxm_apic_ack(m, 0), 0x60);		/* nests */
	assert_int_equal(rdmsr(m, 0, TDXM_X2APIC_PPR), 0x60);
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_EOI, 0), 0);	/* ends 0x60, the highest */
	assert_int_equal(in_service(m, 0, 0x50), 1);
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_EOI, 0), 0);	/* ends 0x50 */
	assert_int_equal(tdxm_apic_ack(m, 0), 0x58);
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_EOI, 0), 0);
	/* TPR 0x40 holds back class 3; TPR 0 lets it through. */
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_TPR, 0x40), 0);
	assert_false(tdxm_apic_pending(m, 0));
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_TPR, 0), 0);
	assert_int_equal(tdxm_apic_ack(m, 0), 0x30);
	/* Vectors 0-15 are illegal: dropped. */
	assert_int_equal(tdxm_apic_raise(m, 0, 15), -1);
	assert_int_equal(m->vmm.x2apic[0].dropped, 1);
	tdxm_destroy(m);
}

static void ipis_through_the_icr(void **state)
{
	struct tdxm *m = model(4);

	(void)state;
	/* vCPU 1 -> x2APIC ID 3, fixed, physical. */
	assert_int_equal(wrmsr(m, 1, TDXM_X2APIC_ICR, 3ull << 32 | 0x41), 0);
	assert_int_equal(kicks[3], 1);
	assert_true(tdxm_apic_pending(m, 3));
	assert_false(tdxm_apic_pending(m, 0) || tdxm_apic_pending(m, 1) || tdxm_apic_pending(m, 2));
	assert_int_equal(rdmsr(m, 1, TDXM_X2APIC_ICR), 3ull << 32 | 0x41);
	assert_int_equal(m->vmm.x2apic[1].ipis_sent, 1);
	/* An x2APIC ID no vCPU has: dropped. */
	assert_int_equal(wrmsr(m, 1, TDXM_X2APIC_ICR, 9ull << 32 | 0x41), 0);
	assert_int_equal(m->vmm.x2apic[1].dropped, 1);
	/* All but self (shorthand 3). */
	assert_int_equal(wrmsr(m, 2, TDXM_X2APIC_ICR, 3ull << 18 | 0x42), 0);
	assert_int_equal(requested(m, 0, 0x42) + requested(m, 1, 0x42) + requested(m, 3, 0x42), 3);
	assert_int_equal(requested(m, 2, 0x42), 0);
	/* Self IPI. */
	assert_int_equal(wrmsr(m, 2, TDXM_X2APIC_SELF_IPI, 0x43), 0);
	assert_int_equal(requested(m, 2, 0x43), 1);
	/* Refused: logical destination, INIT, NMI, reserved bits. */
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_ICR, 1ull << 11 | 0x41), INVALID_OPERAND);
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_ICR, 5ull << 8), INVALID_OPERAND);
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_ICR, 4ull << 8 | 0x41), INVALID_OPERAND);
	assert_int_equal(wrmsr(m, 0, TDXM_X2APIC_ICR, 1ull << 20 | 0x41), INVALID_OPERAND);
	/* Each vCPU reads its own x2APIC ID. */
	for (unsigned v = 0; v < 4; v++)
		assert_int_equal(rdmsr(m, v, TDXM_X2APIC_ID), v);
	tdxm_destroy(m);
}

/* One TDCALL that does nothing to the x2APIC: the VMM's background work runs once. */
static void tick(struct tdxm *m, unsigned vcpu)
{
	struct tdxh_regs r = { .rip = 0x1000 };

	r.gpr[TDXH_RAX] = TDG_VP_INFO;
	tdxm_tdcall(m, &r, vcpu);
}

static void notify_vector_fires_once(void **state)
{
	struct tdxm *m = model(4);
	uint8_t *buf = tdxh_map_untracked(8192);
	uint64_t shared = tdxm_shared_bit(m);
	struct tdxh_regs r;

	(void)state;
	assert_non_null(buf);
	/* A request as a TD makes it: version 1, a TDREPORT's length in (QEMU checks both). */
	*(struct tdx_quote_header *)buf = (struct tdx_quote_header){
		.version = TDX_QUOTE_VERSION, .in_len = TDX_REPORT_SIZE };
	/* vCPU 2 registers the vector; vCPU 0 sends the request. */
	r = vmcall(TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT, 0xF3, 0);
	tdxm_tdcall(m, &r, 2);
	assert_int_equal(r.gpr[TDXH_R10], 0);
	r = vmcall(TDVMCALL_GET_QUOTE, (uint64_t)(uintptr_t)buf | shared, 8192);
	tdxm_tdcall(m, &r, 0);
	assert_int_equal(r.gpr[TDXH_R10], 0);
	assert_true(m->vmm.quote.pending);
	assert_int_equal(m->vmm.x2apic[2].raised, 0);
	for (unsigned i = 0; i < 20; i++)
		tick(m, 0);
	assert_false(m->vmm.quote.pending);
	assert_int_equal(m->vmm.quote.nr_notifies, 1);
	assert_int_equal(m->vmm.x2apic[2].raised, 1);
	assert_int_equal(kicks[2], 1);
	assert_int_equal(requested(m, 2, 0xF3), 1);
	assert_int_equal(m->vmm.x2apic[0].raised, 0);
	assert_int_equal(tdxm_apic_ack(m, 2), 0xF3);
	assert_int_equal(wrmsr(m, 2, TDXM_X2APIC_EOI, 0), 0);
	for (unsigned i = 0; i < 20; i++)
		tick(m, 2);
	assert_false(tdxm_apic_pending(m, 2));
	assert_int_equal(m->vmm.x2apic[2].raised, 1);

	/* A second request while vCPU 2 halts with interrupts unblocked: the
	 * VMM finishes it meanwhile and the HLT returns with the vector pending. */
	r = vmcall(TDVMCALL_GET_QUOTE, (uint64_t)(uintptr_t)buf | shared, 8192);
	tdxm_tdcall(m, &r, 2);
	r = vmcall(TDVMCALL_INSTRUCTION_HLT, 0, 0);
	tdxm_tdcall(m, &r, 2);
	assert_int_equal(r.gpr[TDXH_R10], 0);
	assert_int_equal(m->vmm.halt_wakes, 1);
	assert_int_equal(m->vmm.x2apic[2].raised, 2);
	assert_int_equal(m->vmm.quote.nr_notifies, 2);
	assert_true(tdxm_apic_pending(m, 2));
	munmap(buf, 8192);
	tdxm_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eoi_ends_in_service),
		cmocka_unit_test(priority_classes_and_tpr),
		cmocka_unit_test(ipis_through_the_icr),
		cmocka_unit_test(notify_vector_fires_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
