/* SPDX-License-Identifier: MIT */
/*
 * The Multiprocessor Wakeup mailbox (tdx/mp_wakeup.h), both sides: the OS
 * side on the test's thread, APs on host threads running libtdx's own park
 * loop over a mailbox in ordinary memory; and the identity helpers under
 * the model.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include <tdx/tdx.h>
#include "tdx_harness.h"

#define QUICK 20000ull		/* spins for a wake that must time out */
#define PATIENT (1ull << 34)	/* spins for a wake that must succeed (returns as soon as it does) */

static struct tdx_mp_wakeup_mailbox mb;

static int setup(void **state)
{
	(void)state;
	memset(&mb, 0, sizeof(mb));
	tdxh_reset();
	return 0;
}

/* ---- an AP: a host thread in tdx_mp_park() ------------------------------- */

struct ap {
	pthread_t thread;
	uint32_t apic_id;
	jmp_buf back;			/* where the woken vector returns to the thread */
	volatile int parked;		/* about to enter the loop */
	volatile int woken;		/* times the vector ran */
	uint64_t rdi, rsi;		/* what the vector found */
	uintptr_t rsp;
};

static struct ap *aps[16];		/* by APIC ID */

/* The wakeup vector: entered by a jump from the park loop (System V: RDI, RSI). */
static void woken(struct tdx_mp_wakeup_mailbox *m, uint64_t apic_id)
{
	struct ap *ap = aps[apic_id & 15];

	ap->rdi = (uint64_t)(uintptr_t)m;
	ap->rsi = apic_id;
	ap->rsp = (uintptr_t)__builtin_frame_address(0);
	__atomic_add_fetch(&ap->woken, 1, __ATOMIC_RELEASE);
	longjmp(ap->back, 1);
}

static void *ap_thread(void *arg)
{
	struct ap *ap = arg;

	if (setjmp(ap->back) == 0) {
		__atomic_store_n(&ap->parked, 1, __ATOMIC_RELEASE);
		tdx_mp_park(&mb, ap->apic_id);
	}
	return NULL;
}

static void start_ap(struct ap *ap, uint32_t apic_id)
{
	memset(ap, 0, sizeof(*ap));
	ap->apic_id = apic_id;
	aps[apic_id & 15] = ap;
	assert_int_equal(pthread_create(&ap->thread, NULL, ap_thread, ap), 0);
	while (!__atomic_load_n(&ap->parked, __ATOMIC_ACQUIRE))
		;
}

static uint64_t vector_of(void (*fn)(struct tdx_mp_wakeup_mailbox *, uint64_t))
{
	return (uint64_t)(uintptr_t)fn;
}

/* ---- layout ------------------------------------------------------------------ */

static void mailbox_fields_at_spec_offsets(void **state)
{
	const uint8_t *b = (const uint8_t *)&mb;

	(void)state;
	assert_int_equal(sizeof(mb), 4096);
	assert_int_equal((uintptr_t)&mb & 0xFFF, 0);	/* the type carries the alignment */
	mb.command = 0x0201;
	mb.apic_id = 0x07060504;
	mb.wakeup_vector = 0x0F0E0D0C0B0A0908ull;
	mb.reserved_for_os[0] = 0x10;
	mb.reserved_for_firmware[0] = 0x80;
	for (unsigned i = 0; i < 16; i++)
		if (i != 2 && i != 3)
			assert_int_equal(b[i], i < 2 ? i + 1 : i);
	assert_int_equal(b[0x10], 0x10);
	assert_int_equal(b[0x800], 0x80);
}

/* ---- the OS side ---------------------------------------------------------- */

static void wake_of_an_absent_apic_id_times_out(void **state)
{
	(void)state;
	assert_int_equal(tdx_mp_wakeup(&mb, 7, vector_of(woken), QUICK), TDX_SW_MP_WAKEUP_TIMEOUT);
	assert_string_equal(tdx_strerror(TDX_SW_MP_WAKEUP_TIMEOUT), "TDX_SW_MP_WAKEUP_TIMEOUT");
	/* Withdrawn: Command back to Noop, the rest as posted, so the mailbox is usable again. */
	assert_int_equal(mb.command, TDX_MP_WAKEUP_COMMAND_NOOP);
	assert_int_equal(mb.apic_id, 7);
	assert_int_equal(mb.wakeup_vector, vector_of(woken));
	/* A withdrawn command is not taken by an AP that looks afterwards. */
	uint64_t v = 0x5A5A;
	assert_int_equal(tdx_mp_poll(&mb, 7, &v), TDX_MP_WAKEUP_COMMAND_NOOP);
	assert_int_equal(v, 0x5A5A);
	/* And the next wake goes through. */
	struct ap ap;
	start_ap(&ap, 7);
	assert_int_equal(tdx_mp_wakeup(&mb, 7, vector_of(woken), PATIENT), TDX_SUCCESS);
	pthread_join(ap.thread, NULL);
	assert_int_equal(ap.woken, 1);
}

static void second_command_while_busy_is_refused(void **state)
{
	(void)state;
	/* A command still pending (for APIC ID 3, vector 0x1000): nothing is written. */
	mb.apic_id = 3;
	mb.wakeup_vector = 0x1000;
	mb.command = TDX_MP_WAKEUP_COMMAND_WAKEUP;
	assert_int_equal(tdx_mp_wakeup(&mb, 4, vector_of(woken), QUICK), TDX_SW_MP_WAKEUP_BUSY);
	assert_int_equal(tdx_mp_wakeup_test(&mb, 4, QUICK), TDX_SW_MP_WAKEUP_BUSY);
	assert_string_equal(tdx_strerror(TDX_SW_MP_WAKEUP_BUSY), "TDX_SW_MP_WAKEUP_BUSY");
	assert_int_equal(mb.command, TDX_MP_WAKEUP_COMMAND_WAKEUP);
	assert_int_equal(mb.apic_id, 3);
	assert_int_equal(mb.wakeup_vector, 0x1000);
}

/* A first wake waiting on another thread: a second one meanwhile is refused, the first completes. */
struct waker {
	uint32_t apic_id;
	uint64_t status;
	volatile int done;
};

static void *waker_thread(void *arg)
{
	struct waker *w = arg;

	w->status = tdx_mp_wakeup(&mb, w->apic_id, vector_of(woken), PATIENT);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void second_command_while_first_waits_is_refused(void **state)
{
	struct waker w = { .apic_id = 9 };
	pthread_t t;
	struct ap ap;

	(void)state;
	assert_int_equal(pthread_create(&t, NULL, waker_thread, &w), 0);
	while (__atomic_load_n(&mb.command, __ATOMIC_ACQUIRE) != TDX_MP_WAKEUP_COMMAND_WAKEUP)
		;
	assert_int_equal(tdx_mp_wakeup(&mb, 10, vector_of(woken), QUICK), TDX_SW_MP_WAKEUP_BUSY);
	assert_int_equal(mb.apic_id, 9);
	assert_false(__atomic_load_n(&w.done, __ATOMIC_ACQUIRE));
	/* The AP turns up: the first wake completes. */
	start_ap(&ap, 9);
	pthread_join(t, NULL);
	assert_int_equal(w.status, TDX_SUCCESS);
	pthread_join(ap.thread, NULL);
	assert_int_equal(ap.woken, 1);
}

static void bad_arguments_are_refused_and_nothing_written(void **state)
{
	static struct tdx_mp_wakeup_mailbox *misaligned;

	(void)state;
	misaligned = (struct tdx_mp_wakeup_mailbox *)((uint8_t *)&mb + 16);
	assert_int_equal(tdx_mp_wakeup(NULL, 1, 0x1000, QUICK), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_mp_wakeup(misaligned, 1, 0x1000, QUICK), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_mp_wakeup(&mb, TDX_MP_WAKEUP_INVALID_APIC_ID, 0x1000, QUICK), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_mp_wakeup(&mb, 1, 0, QUICK), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_mp_wakeup(&mb, 1, 0x1000, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_mp_wakeup_test(NULL, 1, QUICK), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_mp_wakeup_test(&mb, 1, 0), TDX_SW_INVALID_ARGUMENT);
	for (unsigned i = 0; i < 32; i++)
		assert_int_equal(((uint8_t *)&mb)[i], 0);
}

/* ---- the firmware side -------------------------------------------------------- */

static void ap_ignores_a_command_for_another_apic_id(void **state)
{
	uint64_t v = 0x5A5A;
	struct ap ap;

	(void)state;
	/* One look, by hand: a Wakeup for 6 is not 5's, and stays posted. */
	mb.apic_id = 6;
	mb.wakeup_vector = 0x2000;
	mb.command = TDX_MP_WAKEUP_COMMAND_WAKEUP;
	assert_int_equal(tdx_mp_poll(&mb, 5, &v), TDX_MP_WAKEUP_COMMAND_NOOP);
	assert_int_equal(mb.command, TDX_MP_WAKEUP_COMMAND_WAKEUP);
	assert_int_equal(v, 0x5A5A);
	/* Reserved commands are not taken either, even for the right APIC ID. */
	mb.apic_id = 5;
	mb.command = 3;
	assert_int_equal(tdx_mp_poll(&mb, 5, &v), TDX_MP_WAKEUP_COMMAND_NOOP);
	assert_int_equal(mb.command, 3);
	memset(&mb, 0, 16);

	/* A parked AP 5 while the OS wakes 6: nobody acknowledges, AP 5 never runs the vector. */
	start_ap(&ap, 5);
	assert_int_equal(tdx_mp_wakeup(&mb, 6, vector_of(woken), QUICK), TDX_SW_MP_WAKEUP_TIMEOUT);
	assert_int_equal(__atomic_load_n(&ap.woken, __ATOMIC_ACQUIRE), 0);
	/* Its own wake: taken, at the vector with the registers tdx_mp_park() documents. */
	assert_int_equal(tdx_mp_wakeup(&mb, 5, vector_of(woken), PATIENT), TDX_SUCCESS);
	assert_int_equal(mb.command, TDX_MP_WAKEUP_COMMAND_NOOP);
	pthread_join(ap.thread, NULL);
	assert_int_equal(ap.woken, 1);
	assert_int_equal(ap.rdi, (uint64_t)(uintptr_t)&mb);
	assert_int_equal(ap.rsi, 5);
	assert_int_equal(ap.rsp & 15, 0);	/* entered like a function: the frame's base is 16-aligned */
}

static void ap_acknowledges_test_and_stays_parked(void **state)
{
	struct ap ap;

	(void)state;
	start_ap(&ap, 2);
	assert_int_equal(tdx_mp_wakeup_test(&mb, 2, PATIENT), TDX_SUCCESS);
	assert_int_equal(tdx_mp_wakeup_test(&mb, 2, PATIENT), TDX_SUCCESS);
	assert_int_equal(__atomic_load_n(&ap.woken, __ATOMIC_ACQUIRE), 0);
	assert_int_equal(tdx_mp_wakeup_test(&mb, 4, QUICK), TDX_SW_MP_WAKEUP_TIMEOUT);
	assert_int_equal(tdx_mp_wakeup(&mb, 2, vector_of(woken), PATIENT), TDX_SUCCESS);
	pthread_join(ap.thread, NULL);
	assert_int_equal(ap.woken, 1);
}

/* The acknowledgement compares all 16 bytes: a command changed since the AP read it is not taken. */
static void poll_takes_only_what_it_read(void **state)
{
	uint64_t v = 0;

	(void)state;
	mb.apic_id = 1;
	mb.wakeup_vector = 0x3000;
	mb.command = TDX_MP_WAKEUP_COMMAND_WAKEUP;
	assert_int_equal(tdx_mp_poll(&mb, 1, &v), TDX_MP_WAKEUP_COMMAND_WAKEUP);
	assert_int_equal(v, 0x3000);
	assert_int_equal(mb.command, TDX_MP_WAKEUP_COMMAND_NOOP);
	assert_int_equal(mb.apic_id, 1);		/* only Command is cleared */
	assert_int_equal(mb.wakeup_vector, 0x3000);
	/* Taken once only. */
	assert_int_equal(tdx_mp_poll(&mb, 1, &v), TDX_MP_WAKEUP_COMMAND_NOOP);
}

/* Four APs, woken one after the other through one mailbox, each only by its own command. */
static void four_aps_each_woken_once(void **state)
{
	struct ap ap[4];
	static const uint32_t ids[4] = { 0, 1, 4, 8 };

	(void)state;
	for (unsigned i = 0; i < 4; i++)
		start_ap(&ap[i], ids[i]);
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(tdx_mp_wakeup(&mb, ids[i], vector_of(woken), PATIENT), TDX_SUCCESS);
		pthread_join(ap[i].thread, NULL);
		for (unsigned j = 0; j < 4; j++)
			assert_int_equal(__atomic_load_n(&ap[j].woken, __ATOMIC_ACQUIRE), j <= i);
		assert_int_equal(ap[i].rsi, ids[i]);
	}
}

/* ---- identity ------------------------------------------------------------------ */

static void vcpu_index_is_tdg_vp_info_r9(void **state)
{
	uint32_t index = 99;

	(void)state;
	tdxh_arm();
	tdxh.td.num_vcpus = 4;
	tdxh_set_vcpu(3);
	assert_int_equal(tdx_get_vcpu_index(&index), TDX_SUCCESS);
	assert_int_equal(index, 3);
	assert_int_equal(tdx_get_vcpu_index(NULL), TDX_SW_INVALID_ARGUMENT);
	tdxh_inject(TDG_VP_INFO, 0, TDX_OPERAND_BUSY, 1);
	index = 99;
	assert_int_equal(tdx_get_vcpu_index(&index), TDX_OPERAND_BUSY);
	assert_int_equal(index, 99);
	tdxh_disarm();
}

static uint64_t rdmsr_answer;
static uint64_t rdmsr_asked;

static void rdmsr_model(struct tdxh_vmcall *c)
{
	rdmsr_asked = tdxh_vmm_read(c, TDXH_R12);
	tdxh_vmm_write(c, TDXH_R11, rdmsr_answer);
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}

static void x2apic_id_is_the_vmms_msr_0x802_checked(void **state)
{
	uint32_t id = 99;

	(void)state;
	tdxh_arm();
	tdxh_set_vmcall_model(31, rdmsr_model);
	rdmsr_answer = 0x12;
	assert_int_equal(tdx_get_x2apic_id(&id), TDX_SUCCESS);
	assert_int_equal(rdmsr_asked, 0x802);
	assert_int_equal(id, 0x12);
	assert_int_equal(tdxh_last_record()->vmm_wrote & (1u << 11), 1u << 11);	/* R11 */
	/* Hostile answers: wider than 32 bits, or the invalid ID. */
	id = 99;
	rdmsr_answer = 0x100000012ull;
	assert_int_equal(tdx_get_x2apic_id(&id), TDX_SW_VMM_BAD_ANSWER);
	rdmsr_answer = 0xFFFFFFFFull;
	assert_int_equal(tdx_get_x2apic_id(&id), TDX_SW_VMM_BAD_ANSWER);
	assert_int_equal(id, 99);
	/* A refusal comes back lifted. */
	tdxh_inject(0, 31, TDVMCALL_STATUS_INVALID_OPERAND, 1);
	assert_int_equal(tdx_get_x2apic_id(&id), tdx_status_from_vmcall(TDVMCALL_STATUS_INVALID_OPERAND));
	assert_int_equal(id, 99);
	assert_int_equal(tdx_get_x2apic_id(NULL), TDX_SW_INVALID_ARGUMENT);
	tdxh_disarm();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(mailbox_fields_at_spec_offsets, setup),
		cmocka_unit_test_setup(wake_of_an_absent_apic_id_times_out, setup),
		cmocka_unit_test_setup(second_command_while_busy_is_refused, setup),
		cmocka_unit_test_setup(second_command_while_first_waits_is_refused, setup),
		cmocka_unit_test_setup(bad_arguments_are_refused_and_nothing_written, setup),
		cmocka_unit_test_setup(ap_ignores_a_command_for_another_apic_id, setup),
		cmocka_unit_test_setup(ap_acknowledges_test_and_stays_parked, setup),
		cmocka_unit_test_setup(poll_takes_only_what_it_read, setup),
		cmocka_unit_test_setup(four_aps_each_woken_once, setup),
		cmocka_unit_test_setup(vcpu_index_is_tdg_vp_info_r9, setup),
		cmocka_unit_test_setup(x2apic_id_is_the_vmms_msr_0x802_checked, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
