/* SPDX-License-Identifier: MIT */
/*
 * The parallel accept job and the lazy-accept bitmap, driven by real host
 * threads, each playing one vCPU under the harness (tdxh_set_vcpu).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <time.h>

#include <tdx/tdx.h>
#include "tdx_harness.h"
#include "tdxh_memory.h"

#define K4 0x1000ull
#define M2 0x200000ull
#define MAX_THREADS 8

#define EPT_WALK_FAILED 0xC0000B0000000000ull

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	return 0;
}

static pthread_barrier_t barrier;

struct vcpu {
	pthread_t thread;
	unsigned index;
	struct tdx_accept_job *job;
	struct tdx_lazy_accept *lazy;
	uint64_t lo, hi;		/* lazy: the range this vCPU asks for */
	uint64_t chunks;		/* job: chunks accepted */
	struct tdx_accept_result res;
	uint64_t status;
	bool accepted_on_return;	/* lazy: every page of lo..hi accepted when it returned */
};

static void *job_vcpu(void *arg)
{
	struct vcpu *v = arg;

	tdxh_arm();
	tdxh_set_vcpu(v->index);
	pthread_barrier_wait(&barrier);
	v->chunks = tdx_accept_job_run(v->job, &v->res);
	return NULL;
}

/* n host threads run fn as vCPUs 0..n-1, released together by the barrier. */
static void run_vcpus(unsigned n, struct vcpu *v, void *(*fn)(void *))
{
	pthread_barrier_init(&barrier, NULL, n);
	for (unsigned i = 0; i < n; i++) {
		v[i].index = i;
		assert_int_equal(pthread_create(&v[i].thread, NULL, fn, &v[i]), 0);
	}
	for (unsigned i = 0; i < n; i++)
		pthread_join(v[i].thread, NULL);
	pthread_barrier_destroy(&barrier);
}

static void run_job(struct tdx_accept_job *job, unsigned n, struct vcpu *v)
{
	for (unsigned i = 0; i < n; i++)
		v[i].job = job;
	run_vcpus(n, v, job_vcpu);
}

static void job_on_8_vcpus_accepts_everything_once(void **state)
{
	struct tdx_accept_job job;
	struct vcpu v[MAX_THREADS] = { 0 };
	struct tdxh_mem_stats st;
	uint64_t sum = 0;

	(void)state;
	tdxh_arm();
	assert_true(tdx_accept_job_init(&job, 0, 256 * M2, 0, 8, 0));
	assert_int_equal(job.nr_chunks, 256);
	assert_int_equal(job.quota, 256 / 8 + 1);
	run_job(&job, 8, v);
	assert_true(tdx_accept_job_done(&job));
	assert_false(tdx_accept_job_failed(&job, NULL));
	for (unsigned i = 0; i < 8; i++) {
		assert_true(v[i].chunks <= 256 / 8 + 1);
		sum += v[i].chunks;
	}
	assert_int_equal(sum, 256);
	tdxh_mem_get_stats(&st);
	/* The minimal cover, once: 256 x 2M, nothing twice, nothing else. */
	assert_int_equal(tdxh_mem_total_accepts(), 256);
	assert_int_equal(st.accept_level[1], 256);
	assert_int_equal(st.already, 0);
	assert_true(tdxh_mem_max_accepts() <= 256 / 8 + 1);
	assert_int_equal(tdxh_mem_count(0, 256 * M2, TDXH_PAGE_ACCEPTED), 256 * 512);
}

static void job_cover_equals_single_vcpu_cover(void **state)
{
	struct tdx_accept_job job;
	struct vcpu v[MAX_THREADS] = { 0 };
	uint64_t start = 3 * K4, end = 64 * M2 - 5 * K4, single;

	(void)state;
	tdxh_arm();
	/* Mixed mappings: every third 2M region mapped with 4K pages. */
	for (uint64_t r = 0; r < 64; r += 3)
		tdxh_mem_map_level(r * M2, M2, 0);
	assert_int_equal(tdx_accept_memory(start, end), 0);
	single = tdxh_mem_total_accepts();

	tdxh_reset();
	tdxh_arm();
	for (uint64_t r = 0; r < 64; r += 3)
		tdxh_mem_map_level(r * M2, M2, 0);
	assert_true(tdx_accept_job_init(&job, start, end, 4 * M2, 4, 0));
	/* 509 4K head pages, [2M, 126M) in 8M chunks (the first clipped: 16), 507 4K tail pages. */
	assert_int_equal(job.nr_chunks, 509 + 16 + 507);
	assert_int_equal(job.quota, (509 + 16 + 507 + 3) / 4 + 1);
	run_job(&job, 4, v);
	assert_true(tdx_accept_job_done(&job));
	assert_false(tdx_accept_job_failed(&job, NULL));
	assert_int_equal(tdxh_mem_total_accepts(), single);
	assert_int_equal(tdxh_mem_count(0, 64 * M2, TDXH_PAGE_ACCEPTED), (end - start) / K4);
	for (unsigned i = 0; i < 4; i++)
		assert_true(v[i].chunks <= job.quota);
}

static void job_reports_the_failure(void **state)
{
	struct tdx_accept_job job;
	struct vcpu v[MAX_THREADS] = { 0 };
	struct tdx_accept_result f;
	uint64_t bad = 37 * M2 + 11 * K4;

	(void)state;
	tdxh_arm();
	tdxh_mem_set_state(bad, K4, TDXH_PAGE_SHARED);
	assert_true(tdx_accept_job_init(&job, 0, 128 * M2, 0, 4, 0));
	run_job(&job, 4, v);
	assert_true(tdx_accept_job_done(&job));
	assert_true(tdx_accept_job_failed(&job, &f));
	assert_int_equal(f.gpa, bad);
	assert_int_equal(f.status, EPT_WALK_FAILED);
	assert_int_equal(f.level, 0);
	/* The vCPU that hit it says so too; the others did not fail. */
	unsigned failing = 0;
	for (unsigned i = 0; i < 4; i++)
		if (v[i].res.status) {
			failing++;
			assert_int_equal(v[i].res.gpa, bad);
		}
	assert_int_equal(failing, 1);
	/* The chunk before the bad page was accepted up to it. */
	assert_int_equal(tdxh_mem_count(37 * M2, 11 * K4, TDXH_PAGE_ACCEPTED), 11);
}

static void job_quota_bounds_a_lonely_vcpu(void **state)
{
	struct tdx_accept_job job;
	struct tdx_accept_result me;

	(void)state;
	tdxh_arm();
	assert_true(tdx_accept_job_init(&job, 0, 40 * M2, 0, 4, 0));
	/* Alone, one run takes ceil(40 / 4) + 1 = 11 chunks and leaves the rest. */
	assert_int_equal(tdx_accept_job_run(&job, &me), 11);
	assert_int_equal(me.calls, 11);
	assert_false(tdx_accept_job_done(&job));
	assert_int_equal(tdx_accept_job_run(&job, NULL), 11);
	assert_int_equal(tdx_accept_job_run(&job, NULL), 11);
	assert_false(tdx_accept_job_done(&job));
	assert_int_equal(tdx_accept_job_run(&job, NULL), 7);
	assert_true(tdx_accept_job_done(&job));
	assert_int_equal(tdx_accept_job_run(&job, NULL), 0);
	assert_int_equal(tdxh_mem_count(0, 40 * M2, TDXH_PAGE_ACCEPTED), 40 * 512);
}

static void job_init_rejects_bad_arguments(void **state)
{
	struct tdx_accept_job job;

	(void)state;
	assert_false(tdx_accept_job_init(&job, 0, M2, 0, 0, 0));
	assert_false(tdx_accept_job_init(&job, 0, M2, 3 * K4, 1, 0));
	assert_false(tdx_accept_job_init(&job, 5, M2, 0, 1, 0));
	assert_false(tdx_accept_job_init(&job, 2 * M2, M2, 0, 1, 0));
	assert_true(tdx_accept_job_init(&job, M2, M2, 0, 1, 0));
	assert_true(tdx_accept_job_done(&job));
	/* Inside one 2M page: every 4K page is a chunk. */
	assert_true(tdx_accept_job_init(&job, M2 + K4, M2 + 9 * K4, 0, 2, 0));
	assert_int_equal(job.nr_chunks, 8);
	assert_int_equal(job.quota, 5);
}

/* ---- lazy accept ---------------------------------------------------------------- */

static uint64_t words[TDX_LAZY_WORDS(65536)];

static void lazy_accepts_only_touched_units(void **state)
{
	struct tdx_lazy_accept lazy;
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	assert_true(tdx_lazy_init(&lazy, 0, 1024 * M2, 0, words, TDX_LAZY_WORDS(65536)));
	assert_int_equal(lazy.nr_units, 1024);
	tdxh_mem_set_state(0, 16 * M2, TDXH_PAGE_ACCEPTED);	/* boot memory */
	assert_true(tdx_lazy_mark_unaccepted(&lazy, 16 * M2, 1024 * M2));
	assert_false(tdx_lazy_mark_unaccepted(&lazy, 16 * M2 + K4, 1024 * M2));
	assert_int_equal(tdx_lazy_state(&lazy, 15 * M2), TDX_LAZY_ACCEPTED);
	assert_int_equal(tdx_lazy_state(&lazy, 16 * M2), TDX_LAZY_PENDING);

	/* One byte touches one unit: one 2M accept. */
	assert_int_equal(tdx_lazy_accept(&lazy, 100 * M2 + 5, 100 * M2 + 6, &res), 0);
	assert_int_equal(res.calls, 1);
	assert_true(tdx_lazy_is_accepted(&lazy, 100 * M2, 101 * M2));
	assert_false(tdx_lazy_is_accepted(&lazy, 99 * M2, 101 * M2));
	assert_int_equal(tdxh_mem_count(99 * M2, 3 * M2, TDXH_PAGE_ACCEPTED), 512);

	/* A range across units [10M-1, 3 units): the accepted first unit costs nothing. */
	assert_int_equal(tdx_lazy_accept(&lazy, 101 * M2 - 1, 103 * M2 + 1, &res), 0);
	assert_int_equal(res.calls, 3);	/* 101, 102, 103 */
	assert_int_equal(tdxh_mem_total_accepts(), 4);
	/* Again: nothing left to do, no TDCALL. */
	assert_int_equal(tdx_lazy_accept(&lazy, 100 * M2, 104 * M2, &res), 0);
	assert_int_equal(res.calls, 0);
	assert_int_equal(tdxh_mem_total_accepts(), 4);
	/* Outside the tracked space: not this bitmap's business. */
	assert_int_equal(tdx_lazy_accept(&lazy, 2048 * M2, 2049 * M2, &res), 0);
	assert_int_equal(tdxh_mem_total_accepts(), 4);
}

static void lazy_small_units_still_use_2m_accepts(void **state)
{
	struct tdx_lazy_accept lazy;
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	assert_true(tdx_lazy_init(&lazy, 0, 32 * M2, K4, words, TDX_LAZY_WORDS(65536)));
	assert_true(tdx_lazy_mark_unaccepted(&lazy, 0, 32 * M2));
	assert_int_equal(tdx_lazy_accept(&lazy, 2 * M2 - K4, 4 * M2 + K4, &res), 0);
	/* 1 x 4K, 2 x 2M, 1 x 4K: runs of claimed 4K units are accepted as one range. */
	assert_int_equal(res.calls, 4);
	assert_true(tdx_lazy_is_accepted(&lazy, 2 * M2 - K4, 4 * M2 + K4));
	assert_int_equal(tdx_lazy_state(&lazy, 4 * M2 + K4), TDX_LAZY_PENDING);
	assert_false(tdx_lazy_init(&lazy, 0, 32 * M2, 3 * K4, words, TDX_LAZY_WORDS(65536)));
	assert_false(tdx_lazy_init(&lazy, 0, 32 * M2, 0, words, 0));
}

static void lazy_failure_leaves_unit_pending(void **state)
{
	struct tdx_lazy_accept lazy;
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	assert_true(tdx_lazy_init(&lazy, 0, 64 * M2, 0, words, TDX_LAZY_WORDS(65536)));
	assert_true(tdx_lazy_mark_unaccepted(&lazy, 0, 64 * M2));
	tdxh_mem_set_state(6 * M2 + 3 * K4, K4, TDXH_PAGE_SHARED);
	assert_int_equal(tdx_lazy_accept(&lazy, 4 * M2, 8 * M2, &res), EPT_WALK_FAILED);
	assert_int_equal(res.gpa, 6 * M2 + 3 * K4);
	assert_int_equal(tdx_lazy_state(&lazy, 4 * M2), TDX_LAZY_ACCEPTED);
	assert_int_equal(tdx_lazy_state(&lazy, 5 * M2), TDX_LAZY_ACCEPTED);
	assert_int_equal(tdx_lazy_state(&lazy, 6 * M2), TDX_LAZY_PENDING);
	assert_int_equal(tdx_lazy_state(&lazy, 7 * M2), TDX_LAZY_PENDING);
	/* Fixed by the host: the next ask finishes the unit, its first pages already accepted. */
	tdxh_mem_set_state(6 * M2 + 3 * K4, K4, TDXH_PAGE_PENDING);
	assert_int_equal(tdx_lazy_accept(&lazy, 6 * M2, 8 * M2, &res), 0);
	assert_int_equal(res.skipped, 3 * K4);
	assert_true(tdx_lazy_is_accepted(&lazy, 0 * M2 + 4 * M2, 8 * M2));
	assert_int_equal(tdxh_mem_count(4 * M2, 4 * M2, TDXH_PAGE_ACCEPTED), 4 * 512);
}

static void *lazy_vcpu(void *arg)
{
	struct vcpu *v = arg;

	tdxh_arm();
	tdxh_set_vcpu(v->index);
	pthread_barrier_wait(&barrier);
	v->status = tdx_lazy_accept(v->lazy, v->lo, v->hi, &v->res);
	/* Usable the moment it returns, whoever accepted it. */
	v->accepted_on_return = tdxh_mem_count(v->lo & ~(M2 - 1), ((v->hi + M2 - 1) & ~(M2 - 1)) -
					       (v->lo & ~(M2 - 1)), TDXH_PAGE_ACCEPTED) ==
				((v->hi + M2 - 1) / M2 - v->lo / M2) * 512;
	return NULL;
}

static void lazy_overlapping_vcpus_accept_each_unit_once(void **state)
{
	struct tdx_lazy_accept lazy;
	struct vcpu v[MAX_THREADS] = { 0 };
	struct tdxh_mem_stats st;
	uint64_t calls = 0;

	(void)state;
	tdxh_arm();
	assert_true(tdx_lazy_init(&lazy, 0, 512 * M2, 0, words, TDX_LAZY_WORDS(65536)));
	assert_true(tdx_lazy_mark_unaccepted(&lazy, 0, 512 * M2));
	for (unsigned round = 0; round < 4; round++) {
		for (unsigned i = 0; i < MAX_THREADS; i++) {
			v[i].lazy = &lazy;
			/* Heavily overlapping, unaligned ranges, all within [round*128, +128) units. */
			v[i].lo = (round * 128 + i * 7) * M2 + 0x1234;
			v[i].hi = (round * 128 + 64 + i * 8) * M2 - 0x777;
		}
		run_vcpus(MAX_THREADS, v, lazy_vcpu);
		for (unsigned i = 0; i < MAX_THREADS; i++) {
			assert_int_equal(v[i].status, 0);
			assert_true(v[i].accepted_on_return);
			calls += v[i].res.calls;
		}
	}
	tdxh_mem_get_stats(&st);
	/* Units touched per round: [0, 64 + 7*8) = 120. Each accepted exactly once. */
	assert_int_equal(st.already, 0);
	assert_int_equal(st.accept_ok, 4 * 120);
	assert_int_equal(tdxh_mem_total_accepts(), 4 * 120);
	assert_int_equal(calls, 4 * 120);
	for (unsigned round = 0; round < 4; round++) {
		assert_true(tdx_lazy_is_accepted(&lazy, round * 128 * M2, (round * 128 + 120) * M2));
		assert_int_equal(tdx_lazy_state(&lazy, (round * 128 + 120) * M2), TDX_LAZY_PENDING);
	}
}

static void lazy_all_vcpus_same_range(void **state)
{
	struct tdx_lazy_accept lazy;
	struct vcpu v[MAX_THREADS] = { 0 };

	(void)state;
	tdxh_arm();
	assert_true(tdx_lazy_init(&lazy, 0, 256 * M2, 0, words, TDX_LAZY_WORDS(65536)));
	assert_true(tdx_lazy_mark_unaccepted(&lazy, 0, 256 * M2));
	for (unsigned i = 0; i < MAX_THREADS; i++) {
		v[i].lazy = &lazy;
		v[i].lo = 0;
		v[i].hi = 256 * M2;
	}
	run_vcpus(MAX_THREADS, v, lazy_vcpu);
	for (unsigned i = 0; i < MAX_THREADS; i++) {
		assert_int_equal(v[i].status, 0);
		assert_true(v[i].accepted_on_return);
	}
	assert_int_equal(tdxh_mem_total_accepts(), 256);
	assert_int_equal(tdxh_mem_count(0, 256 * M2, TDXH_PAGE_ACCEPTED), 256 * 512);
}

/* Unit u's two bits in the caller's words, set by hand: another vCPU mid-accept. */
static void set_unit(unsigned u, unsigned st)
{
	uint64_t *w = &words[u / 32];
	unsigned shift = (u % 32) * 2;

	__atomic_store_n(w, (*w & ~(3ull << shift)) | ((uint64_t)st << shift), __ATOMIC_RELEASE);
}

static int returned;

static void *lazy_waiter(void *arg)
{
	struct vcpu *v = arg;

	tdxh_arm();
	tdxh_set_vcpu(1);
	v->status = tdx_lazy_accept(v->lazy, v->lo, v->hi, &v->res);
	__atomic_store_n(&returned, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void lazy_waits_for_a_claimed_unit(void **state)
{
	struct tdx_lazy_accept lazy;
	struct vcpu v = { 0 };
	struct timespec ms50 = { 0, 50 * 1000 * 1000 };

	(void)state;
	tdxh_arm();
	assert_true(tdx_lazy_init(&lazy, 0, 64 * M2, 0, words, TDX_LAZY_WORDS(65536)));
	assert_true(tdx_lazy_mark_unaccepted(&lazy, 0, 64 * M2));

	/* Unit 5 is CLAIMED by "vCPU 0": the waiter accepts 4 and 6 but must not touch 5. */
	set_unit(5, TDX_LAZY_CLAIMED);
	v.lazy = &lazy;
	v.lo = 4 * M2;
	v.hi = 7 * M2;
	returned = 0;
	assert_int_equal(pthread_create(&v.thread, NULL, lazy_waiter, &v), 0);
	nanosleep(&ms50, NULL);
	assert_false(__atomic_load_n(&returned, __ATOMIC_ACQUIRE));
	assert_int_equal(tdxh_mem_total_accepts(), 2);
	/* "vCPU 0" finishes: accepts unit 5, releases it. */
	assert_int_equal(tdx_accept_memory(5 * M2, 6 * M2), 0);
	set_unit(5, TDX_LAZY_ACCEPTED);
	pthread_join(v.thread, NULL);
	assert_int_equal(v.status, 0);
	assert_int_equal(v.res.calls, 2);
	assert_int_equal(tdxh_mem_total_accepts(), 3);

	/* Unit 9 CLAIMED, and its owner fails: back to PENDING, the waiter does it itself. */
	set_unit(9, TDX_LAZY_CLAIMED);
	v.lo = 9 * M2;
	v.hi = 9 * M2 + 1;
	returned = 0;
	assert_int_equal(pthread_create(&v.thread, NULL, lazy_waiter, &v), 0);
	nanosleep(&ms50, NULL);
	assert_false(__atomic_load_n(&returned, __ATOMIC_ACQUIRE));
	set_unit(9, TDX_LAZY_PENDING);
	pthread_join(v.thread, NULL);
	assert_int_equal(v.status, 0);
	assert_int_equal(v.res.calls, 1);
	assert_int_equal(tdx_lazy_state(&lazy, 9 * M2), TDX_LAZY_ACCEPTED);
	assert_int_equal(tdxh_mem_count(9 * M2, M2, TDXH_PAGE_ACCEPTED), 512);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(job_on_8_vcpus_accepts_everything_once, setup),
		cmocka_unit_test_setup(job_cover_equals_single_vcpu_cover, setup),
		cmocka_unit_test_setup(job_reports_the_failure, setup),
		cmocka_unit_test_setup(job_quota_bounds_a_lonely_vcpu, setup),
		cmocka_unit_test_setup(job_init_rejects_bad_arguments, setup),
		cmocka_unit_test_setup(lazy_accepts_only_touched_units, setup),
		cmocka_unit_test_setup(lazy_small_units_still_use_2m_accepts, setup),
		cmocka_unit_test_setup(lazy_failure_leaves_unit_pending, setup),
		cmocka_unit_test_setup(lazy_overlapping_vcpus_accept_each_unit_once, setup),
		cmocka_unit_test_setup(lazy_all_vcpus_same_range, setup),
		cmocka_unit_test_setup(lazy_waits_for_a_claimed_unit, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
