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
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tdx/tdx.h>
#include "tdx_harness.h"

#define K4 0x1000ull
#define M2 0x200000ull
#define MAX_THREADS 8

#define OPERAND_BUSY_RCX 0x8000020000000001ull

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
	assert_int_equal(tdx_accept_job_init(&job, 0, 256 * M2, 0, 8, 0), TDX_SUCCESS);
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
	assert_int_equal(tdx_accept_job_init(&job, start, end, 4 * M2, 4, 0), TDX_SUCCESS);
	/* The head [12K, 2M), the tail [126M, 128M-20K), [2M, 126M) in 8M chunks (the first clipped: 16). */
	assert_int_equal(job.nr_chunks, 1 + 1 + 16);
	/* Units: the head's 509 and the tail's 507 4K pages, 16 middle chunks. */
	assert_int_equal(job.nr_units, 509 + 16 + 507);
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
	/* The host maps bad's 2M page with 4K pages and holds bad's SEPT entry locked for good. */
	tdxh_mem_map_level(bad, K4, 0);
	tdxh_mem_set_busy(bad, K4);
	assert_int_equal(tdx_accept_job_init(&job, 0, 128 * M2, 0, 4, 0), TDX_SUCCESS);
	run_job(&job, 4, v);
	assert_true(tdx_accept_job_done(&job));
	assert_true(tdx_accept_job_failed(&job, &f));
	assert_int_equal(f.gpa, bad);
	assert_int_equal(f.status, OPERAND_BUSY_RCX);
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
	assert_int_equal(tdx_accept_job_init(&job, 0, 40 * M2, 0, 4, 0), TDX_SUCCESS);
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

static void job_quota_counts_head_and_tail_pages(void **state)
{
	struct tdx_accept_job job;
	struct tdx_accept_result me;

	(void)state;
	tdxh_arm();
	/* [4K, 40M + 8K): head 511 units, 19 middle chunks, tail 2 units; 4 vCPUs: quota 134. */
	assert_int_equal(tdx_accept_job_init(&job, K4, 20 * M2 + 2 * K4, 0, 4, 0), TDX_SUCCESS);
	assert_int_equal(job.nr_chunks, 1 + 1 + 19);
	assert_int_equal(job.nr_units, 511 + 19 + 2);
	assert_int_equal(job.quota, 133 + 1);
	/* The run that takes the head has used up its quota: it takes nothing else. */
	assert_int_equal(tdx_accept_job_run(&job, &me), 1);
	assert_int_equal(me.calls, 511);
	/* The next takes the tail and every middle chunk (2 + 19 units). */
	assert_int_equal(tdx_accept_job_run(&job, &me), 1 + 19);
	assert_int_equal(me.calls, 2 + 19);
	assert_true(tdx_accept_job_done(&job));
	assert_int_equal(tdxh_mem_count(K4, 20 * M2 + K4, TDXH_PAGE_ACCEPTED), 20 * 512 + 1);

	/*
	 * A head in an accepted 2M page counts what it cost, one: the 510 units it
	 * spared lower the quota to ceil((532 - 510) / 4) + 1 = 7.
	 */
	tdxh_reset();
	tdxh_arm();
	tdxh_mem_set_state(0, M2, TDXH_PAGE_ACCEPTED);
	assert_int_equal(tdx_accept_job_init(&job, K4, 20 * M2 + 2 * K4, 0, 4, 0), TDX_SUCCESS);
	assert_int_equal(tdx_accept_job_run(&job, &me), 1 + 6);
	assert_int_equal(me.calls, 1 + 6);
	assert_int_equal(me.skipped, M2 - K4);
	assert_int_equal(job.spared, 510);
	/* A run's first claim is the tail (2), then the middle up to 7 units; then 7; then the last. */
	assert_int_equal(tdx_accept_job_run(&job, &me), 1 + 5);
	assert_int_equal(me.calls, 2 + 5);
	assert_int_equal(tdx_accept_job_run(&job, &me), 7);
	assert_false(tdx_accept_job_done(&job));
	assert_int_equal(tdx_accept_job_run(&job, &me), 1);
	assert_true(tdx_accept_job_done(&job));
	assert_int_equal(tdxh_mem_total_accepts(), 1 + 19 + 2);
}

static void job_init_rejects_bad_arguments(void **state)
{
	struct tdx_accept_job job;

	(void)state;
	assert_int_equal(tdx_accept_job_init(&job, 0, M2, 0, 0, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_accept_job_init(&job, 0, M2, 3 * K4, 1, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_accept_job_init(&job, 5, M2, 0, 1, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_accept_job_init(&job, 2 * M2, M2, 0, 1, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_accept_job_init(&job, M2, M2, 0, 1, 0), TDX_SUCCESS);
	assert_true(tdx_accept_job_done(&job));
	/* Inside one 2M page: one chunk; across one 2M boundary, no whole 2M page: two. */
	assert_int_equal(tdx_accept_job_init(&job, M2 + K4, M2 + 9 * K4, 0, 2, 0), TDX_SUCCESS);
	assert_int_equal(job.nr_chunks, 1);
	assert_int_equal(job.nr_units, 8);
	assert_int_equal(job.quota, 5);
	assert_int_equal(tdx_accept_job_init(&job, M2 - K4, M2 + K4, 0, 2, 0), TDX_SUCCESS);
	assert_int_equal(job.nr_chunks, 2);
	assert_int_equal(tdx_accept_job_init(&job, M2 - K4, 3 * M2 + K4, 0, 2, 0), TDX_SUCCESS);
	assert_int_equal(job.nr_chunks, 1 + 1 + 2);
}

/* ---- the job's cover is the single-vCPU cover ------------------------------------ */

/*
 * A picture of the TD's memory, set up afresh before every run so that
 * tdx_accept_memory and the job meet identical models: a GPA space, ranges
 * the host mapped with 4K pages, ranges already accepted (a range covering
 * part of a 2M region splits it to 4K, as a partial conversion would).
 */
#define PICTURE_RANGES 16

struct picture {
	uint64_t space, start, end;
	unsigned nr_map4k, nr_accepted;
	struct {
		uint64_t gpa, size;
	} map4k[PICTURE_RANGES], accepted[PICTURE_RANGES];
};

/* What the model saw: the count, and the calls themselves (RCX in, RAX out), sorted. */
struct tally {
	uint64_t calls, pages_accepted;
	uint64_t nr_seen;
	struct tdxh_mem_stats st;
	struct call_seen {
		uint64_t rcx, rax;
	} seen[TDXH_MAX_RECORDS];
};

static struct tally single_tally, job_tally;

static void apply(const struct picture *p)
{
	tdxh_reset();
	tdxh_arm();
	assert_true(tdxh_mem_setup(p->space));
	for (unsigned i = 0; i < p->nr_map4k; i++)
		tdxh_mem_map_level(p->map4k[i].gpa, p->map4k[i].size, 0);
	for (unsigned i = 0; i < p->nr_accepted; i++)
		tdxh_mem_set_state(p->accepted[i].gpa, p->accepted[i].size, TDXH_PAGE_ACCEPTED);
}

static int by_call(const void *a, const void *b)
{
	const struct call_seen *x = a, *y = b;

	if (x->rcx != y->rcx)
		return x->rcx < y->rcx ? -1 : 1;
	return x->rax < y->rax ? -1 : x->rax > y->rax;
}

static void take_tally(const struct picture *p, struct tally *t)
{
	t->calls = tdxh_mem_total_accepts();
	t->pages_accepted = tdxh_mem_count(p->start, p->end - p->start, TDXH_PAGE_ACCEPTED);
	tdxh_mem_get_stats(&t->st);
	t->nr_seen = tdxh.state.nr_records;
	for (uint64_t i = 0; i < t->nr_seen; i++) {
		t->seen[i].rcx = tdxh_record(i)->in.gpr[TDXH_RCX];
		t->seen[i].rax = tdxh_record(i)->out.gpr[TDXH_RAX];
	}
	qsort(t->seen, t->nr_seen, sizeof(t->seen[0]), by_call);
}

static uint64_t single_vcpu_cover(const struct picture *p)
{
	struct tdx_accept_result r;

	apply(p);
	assert_int_equal(tdx_accept_memory_ex(p->start, p->end, 0, &r), 0);
	take_tally(p, &single_tally);
	assert_int_equal(r.calls, single_tally.calls);
	assert_int_equal(single_tally.pages_accepted, (p->end - p->start) / K4);
	return single_tally.calls;
}

/* The job on n vCPUs: n runs one after another on this thread, or n host threads at once. */
static void job_cover(const struct picture *p, uint64_t chunk, unsigned n, bool threads)
{
	struct tdx_accept_job job;
	struct vcpu v[MAX_THREADS] = { 0 };
	uint64_t calls = 0;

	apply(p);
	assert_int_equal(tdx_accept_job_init(&job, p->start, p->end, chunk, n, 0), TDX_SUCCESS);
	if (threads) {
		run_job(&job, n, v);
	} else {
		for (unsigned i = 0; i < n; i++) {
			tdxh_set_vcpu(i);
			v[i].chunks = tdx_accept_job_run(&job, &v[i].res);
		}
		tdxh_set_vcpu(0);
	}
	assert_true(tdx_accept_job_done(&job));
	assert_false(tdx_accept_job_failed(&job, NULL));
	for (unsigned i = 0; i < n; i++) {
		assert_int_equal(v[i].res.status, 0);
		assert_true(v[i].chunks <= job.quota);
		calls += v[i].res.calls;
	}
	take_tally(p, &job_tally);
	assert_int_equal(calls, job_tally.calls);
}

static void print_picture(const struct picture *p, uint64_t chunk, unsigned n, bool threads)
{
	print_message("space %#llx, range [%#llx, %#llx), chunk %#llx, %u vCPUs%s\n",
		      (unsigned long long)p->space, (unsigned long long)p->start,
		      (unsigned long long)p->end, (unsigned long long)chunk, n,
		      threads ? " (threads)" : " (one after another)");
	for (unsigned i = 0; i < p->nr_map4k; i++)
		print_message("  mapped 4K [%#llx, +%#llx)\n", (unsigned long long)p->map4k[i].gpa,
			      (unsigned long long)p->map4k[i].size);
	for (unsigned i = 0; i < p->nr_accepted; i++)
		print_message("  accepted [%#llx, +%#llx)\n", (unsigned long long)p->accepted[i].gpa,
			      (unsigned long long)p->accepted[i].size);
}

/* The job issues the very calls tdx_accept_memory issues: same count, same (RCX, status) pairs. */
static bool job_equals_single(const struct picture *p, uint64_t chunk, unsigned n, bool threads)
{
	const struct tdxh_mem_stats *a = &single_tally.st, *b = &job_tally.st;

	job_cover(p, chunk, n, threads);
	if (job_tally.calls == single_tally.calls && job_tally.pages_accepted == single_tally.pages_accepted &&
	    a->accept_level[0] == b->accept_level[0] && a->accept_level[1] == b->accept_level[1] &&
	    a->accept_ok == b->accept_ok && a->already == b->already &&
	    a->size_mismatch == b->size_mismatch && a->splits == b->splits &&
	    /* Every call recorded (the harness keeps the first TDXH_MAX_RECORDS): the same calls. */
	    (job_tally.calls > TDXH_MAX_RECORDS ||
	     !memcmp(job_tally.seen, single_tally.seen, single_tally.nr_seen * sizeof(single_tally.seen[0]))))
		return true;
	print_picture(p, chunk, n, threads);
	print_message("  single vCPU: %llu TDCALLs (%llu ALREADY_ACCEPTED, %llu SIZE_MISMATCH); job: %llu (%llu, %llu)\n",
		      (unsigned long long)single_tally.calls, (unsigned long long)a->already,
		      (unsigned long long)a->size_mismatch, (unsigned long long)job_tally.calls,
		      (unsigned long long)b->already, (unsigned long long)b->size_mismatch);
	return false;
}

static const unsigned job_vcpus[] = { 1, 2, 3, 8 };
static const uint64_t job_chunks[] = { 0, 3 * M2 };

/* Every vCPU count and chunk size, one after another and with threads: all equal the single cover. */
static void assert_job_equals_single(const struct picture *p, uint64_t expected_single)
{
	assert_int_equal(single_vcpu_cover(p), expected_single);
	for (unsigned c = 0; c < sizeof(job_chunks) / sizeof(job_chunks[0]); c++)
		for (unsigned j = 0; j < sizeof(job_vcpus) / sizeof(job_vcpus[0]); j++)
			for (int threads = 0; threads < 2; threads++)
				assert_true(job_equals_single(p, job_chunks[c], job_vcpus[j], threads));
}

#define SPACE (32 * M2)

static void job_cover_with_accepted_head_and_tail(void **state)
{
	(void)state;
	/* Head: [4K, 8M), [0, 2M) accepted: one 4K accept says "accepted at 2M", then 3 x 2M. */
	assert_job_equals_single(&(struct picture){ SPACE, K4, 4 * M2, 0, 1, .accepted = { { 0, M2 } } }, 4);
	/* Tail: [0, 5M), [4M, 6M) accepted: 2 x 2M, then one 4K accept for the 256 tail pages. */
	assert_job_equals_single(&(struct picture){ SPACE, 0, 2 * M2 + M2 / 2, 0, 1,
						    .accepted = { { 2 * M2, M2 } } }, 3);
	/* Both ends, one 4K page each in an accepted 2M page. */
	assert_job_equals_single(&(struct picture){ SPACE, K4, 5 * M2 - K4, 0, 2,
						    .accepted = { { 0, M2 }, { 4 * M2, M2 } } }, 5);
	/* Inside one accepted 2M page; across one boundary with no whole 2M page. */
	assert_job_equals_single(&(struct picture){ SPACE, M2 + K4, M2 + 10 * K4, 0, 1,
						    .accepted = { { M2, M2 } } }, 1);
	assert_job_equals_single(&(struct picture){ SPACE, M2 / 2, M2 + M2 / 2, 0, 1,
						    .accepted = { { 0, 2 * M2 } } }, 2);
	/* Pending ends still cost one 4K accept per page. */
	assert_job_equals_single(&(struct picture){ .space = SPACE, .start = M2 - 3 * K4, .end = 3 * M2 + 2 * K4 }, 3 + 2 + 2);
}

static void job_cover_with_accepted_middle_and_4k_mappings(void **state)
{
	(void)state;
	/* [1M, 15M+4K), [4M, 8M) accepted: 256 + 1 + 2 ALREADY_ACCEPTED + 3 + 257. */
	assert_job_equals_single(&(struct picture){ SPACE, M2 / 2, 7 * M2 + M2 / 2 + K4, 0, 1,
						    .accepted = { { 2 * M2, 2 * M2 } } }, 256 + 1 + 2 + 3 + 257);
	/* Part of a 2M page accepted: the host maps it 4K, SIZE_MISMATCH, then 512 4K answers. */
	assert_job_equals_single(&(struct picture){ SPACE, 0, 8 * M2, 0, 1,
						    .accepted = { { 3 * M2 + 8 * K4, 8 * K4 } } }, 7 + 1 + 512);
	/* A head in an accepted 2M region the host mapped 4K: each 4K page answers for itself. */
	assert_job_equals_single(&(struct picture){ SPACE, K4, 4 * M2, 1, 1, { { 0, M2 } },
						    { { 0, M2 } } }, 511 + 3);
	/* SIZE_MISMATCH in the middle, an accepted 2M head, a tail in a pending region mapped 4K. */
	assert_job_equals_single(&(struct picture){ SPACE, 3 * K4, 6 * M2 + 5 * K4, 2, 1,
						    { { 2 * M2, M2 }, { 6 * M2, M2 } }, { { 0, M2 } } },
				 1 + 1 + 1 + 512 + 3 + 5);
	/* The space ends inside a 2M region: that region is mapped 4K, its accepted pages skipped one by one. */
	assert_job_equals_single(&(struct picture){ SPACE + 3 * K4, 30 * M2 + K4, SPACE + 3 * K4, 0, 2,
						    .accepted = { { 30 * M2, M2 }, { SPACE, 3 * K4 } } },
				 1 + 1 + 3);
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint64_t rand_below(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

/* A random 4K-aligned GPA in [lo, hi]: often on or next to a 2M boundary, where the cuts are. */
static uint64_t random_gpa(uint64_t lo, uint64_t hi)
{
	uint64_t g = lo + rand_below((hi - lo) / K4 + 1) * K4;

	switch (rand_below(4)) {
	case 0:
		g &= ~(M2 - 1);
		break;
	case 1:
		g = (g & ~(M2 - 1)) + K4 * rand_below(3) - K4 * rand_below(3);
		break;
	}
	return g < lo ? lo : g > hi ? hi : g;
}

static void job_cover_equals_single_on_random_memory(void **state)
{
	unsigned rounds = 300;

	(void)state;
	for (unsigned round = 0; round < rounds; round++) {
		struct picture p = { 0 };
		uint64_t regions = 4 + rand_below(6), chunk = job_chunks[rand_below(2)] + M2 * rand_below(2);
		unsigned n = job_vcpus[rand_below(4)];
		bool threads = rand_below(2);

		p.space = regions * M2 + (rand_below(3) ? 0 : K4 * (1 + rand_below(511)));
		for (uint64_t r = 0; r * M2 < p.space; r++) {
			uint64_t at = r * M2, a = rand_below(512), b = a + 1 + rand_below(512 - a);

			switch (rand_below(16)) {
			case 0:
			case 1:
			case 2:
			case 3:
				p.accepted[p.nr_accepted].gpa = at;	/* a 2M page accepted */
				p.accepted[p.nr_accepted++].size = M2;
				break;
			case 4:
				p.map4k[p.nr_map4k].gpa = at;		/* mapped 4K, pending */
				p.map4k[p.nr_map4k++].size = M2;
				break;
			case 5:
				p.map4k[p.nr_map4k].gpa = at;		/* mapped 4K, accepted */
				p.map4k[p.nr_map4k++].size = M2;
				p.accepted[p.nr_accepted].gpa = at;
				p.accepted[p.nr_accepted++].size = M2;
				break;
			case 6:
				p.accepted[p.nr_accepted].gpa = at + a * K4;	/* some 4K pages accepted */
				p.accepted[p.nr_accepted++].size = (b - a) * K4;
				break;
			default:
				break;				/* pending, mapped 2M */
			}
		}
		p.start = random_gpa(0, p.space);
		p.end = random_gpa(p.start, p.space);
		single_vcpu_cover(&p);
		if (!job_equals_single(&p, chunk, n, threads))
			fail_msg("round %u of %u differs", round, rounds);
	}
}

/* ---- lazy accept ---------------------------------------------------------------- */

static uint64_t words[TDX_LAZY_WORDS(65536)];

static void lazy_accepts_only_touched_units(void **state)
{
	struct tdx_lazy_accept lazy;
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_lazy_init(&lazy, 0, 1024 * M2, 0, words, TDX_LAZY_WORDS(65536)), TDX_SUCCESS);
	assert_int_equal(lazy.nr_units, 1024);
	tdxh_mem_set_state(0, 16 * M2, TDXH_PAGE_ACCEPTED);	/* boot memory */
	assert_int_equal(tdx_lazy_mark_unaccepted(&lazy, 16 * M2, 1024 * M2), TDX_SUCCESS);
	assert_int_equal(tdx_lazy_mark_unaccepted(&lazy, 16 * M2 + K4, 1024 * M2), TDX_SW_INVALID_ARGUMENT);
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
	assert_int_equal(tdx_lazy_init(&lazy, 0, 32 * M2, K4, words, TDX_LAZY_WORDS(65536)), TDX_SUCCESS);
	assert_int_equal(tdx_lazy_mark_unaccepted(&lazy, 0, 32 * M2), TDX_SUCCESS);
	assert_int_equal(tdx_lazy_accept(&lazy, 2 * M2 - K4, 4 * M2 + K4, &res), 0);
	/* 1 x 4K, 2 x 2M, 1 x 4K: runs of claimed 4K units are accepted as one range. */
	assert_int_equal(res.calls, 4);
	assert_true(tdx_lazy_is_accepted(&lazy, 2 * M2 - K4, 4 * M2 + K4));
	assert_int_equal(tdx_lazy_state(&lazy, 4 * M2 + K4), TDX_LAZY_PENDING);
	assert_int_equal(tdx_lazy_init(&lazy, 0, 32 * M2, 3 * K4, words, TDX_LAZY_WORDS(65536)), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_lazy_init(&lazy, 0, 32 * M2, 0, words, 0), TDX_SW_INVALID_ARGUMENT);
}

static void lazy_failure_leaves_unit_pending(void **state)
{
	struct tdx_lazy_accept lazy;
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_lazy_init(&lazy, 0, 64 * M2, 0, words, TDX_LAZY_WORDS(65536)), TDX_SUCCESS);
	assert_int_equal(tdx_lazy_mark_unaccepted(&lazy, 0, 64 * M2), TDX_SUCCESS);
	/* 6 * M2 mapped 4K, and the host holds one of its SEPT entries locked. */
	tdxh_mem_map_level(6 * M2, M2, 0);
	tdxh_mem_set_busy(6 * M2 + 3 * K4, K4);
	assert_int_equal(tdx_lazy_accept(&lazy, 4 * M2, 8 * M2, &res), OPERAND_BUSY_RCX);
	assert_int_equal(res.gpa, 6 * M2 + 3 * K4);
	assert_int_equal(tdx_lazy_state(&lazy, 4 * M2), TDX_LAZY_ACCEPTED);
	assert_int_equal(tdx_lazy_state(&lazy, 5 * M2), TDX_LAZY_ACCEPTED);
	assert_int_equal(tdx_lazy_state(&lazy, 6 * M2), TDX_LAZY_PENDING);
	assert_int_equal(tdx_lazy_state(&lazy, 7 * M2), TDX_LAZY_PENDING);
	/* The host lets go: the next ask finishes the unit, its first pages already accepted. */
	tdxh_mem_set_busy(0, 0);
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
	assert_int_equal(tdx_lazy_init(&lazy, 0, 512 * M2, 0, words, TDX_LAZY_WORDS(65536)), TDX_SUCCESS);
	assert_int_equal(tdx_lazy_mark_unaccepted(&lazy, 0, 512 * M2), TDX_SUCCESS);
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
	assert_int_equal(tdx_lazy_init(&lazy, 0, 256 * M2, 0, words, TDX_LAZY_WORDS(65536)), TDX_SUCCESS);
	assert_int_equal(tdx_lazy_mark_unaccepted(&lazy, 0, 256 * M2), TDX_SUCCESS);
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
	assert_int_equal(tdx_lazy_init(&lazy, 0, 64 * M2, 0, words, TDX_LAZY_WORDS(65536)), TDX_SUCCESS);
	assert_int_equal(tdx_lazy_mark_unaccepted(&lazy, 0, 64 * M2), TDX_SUCCESS);

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
		cmocka_unit_test_setup(job_quota_counts_head_and_tail_pages, setup),
		cmocka_unit_test_setup(job_init_rejects_bad_arguments, setup),
		cmocka_unit_test_setup(job_cover_with_accepted_head_and_tail, setup),
		cmocka_unit_test_setup(job_cover_with_accepted_middle_and_4k_mappings, setup),
		cmocka_unit_test_setup(job_cover_equals_single_on_random_memory, setup),
		cmocka_unit_test_setup(lazy_accepts_only_touched_units, setup),
		cmocka_unit_test_setup(lazy_small_units_still_use_2m_accepts, setup),
		cmocka_unit_test_setup(lazy_failure_leaves_unit_pending, setup),
		cmocka_unit_test_setup(lazy_overlapping_vcpus_accept_each_unit_once, setup),
		cmocka_unit_test_setup(lazy_all_vcpus_same_range, setup),
		cmocka_unit_test_setup(lazy_waits_for_a_claimed_unit, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
