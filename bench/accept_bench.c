/* SPDX-License-Identifier: MIT */
/*
 * accept_bench: how many TDCALLs accepting memory costs, counted on the
 * model's memory model (model/memory/), not timed.
 *
 * Policies, on the same model:
 *  - libtdx: tdx_accept_memory (2M where aligned, 4K elsewhere, 4K for a 2M
 *    page mapped 4K, never 1G); on N vCPUs the parallel job (2M chunks),
 *    one host thread per vCPU;
 *  - linux: 1G, then 2M, then 4K, any failure falling to the next size
 *    (Linux's arch/x86/coco/tdx accept loop), on N vCPUs N equal slices;
 *  - 4k-only: one 4K accept per page (EDK2-style; an ALREADY_ACCEPTED page
 *    is passed over, still one call), measured on 1 vCPU; its N-vCPU figure
 *    is pages / N (an even split of 1-per-page work).
 * Two ranges start or end inside a 2M page that is already accepted (the
 * boot memory a firmware accepted, say): one 4K accept there learns that
 * the whole 2M page is accepted.  The Linux-style loop treats
 * ALREADY_ACCEPTED as a failure (Linux never asks for memory its bitmap
 * says is accepted): "fails".
 * "max/vCPU" is the most TDG.MEM.PAGE.ACCEPT calls any one vCPU issued.
 *
 * Exit status 0 only if every libtdx and 4K-only accept succeeded, libtdx
 * never sent level 2, and libtdx's count on one vCPU, and its total on N,
 * is exactly the minimal cover computed from the range, the host mapping
 * and the accepted 2M pages.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tdx/tdx.h>
#include <tdx/module.h>
#include "tdx_harness.h"

#define K4 0x1000ull
#define M2 0x200000ull
#define G1 0x40000000ull
#define MAX_VCPUS 8

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "accept_bench: FAILED: %s\n", what);
		failures++;
	}
}

struct scenario {
	const char *name;
	uint64_t space, start, end;
	unsigned every_4k;	/* every n-th 2M region mapped 4K (0: none) */
	uint64_t first_4k;	/* [0, first_4k) mapped 4K */
	uint64_t accepted_lo, accepted_hi;	/* 2M-aligned, 2M-mapped, accepted before */
};

static void prepare(const struct scenario *s)
{
	tdxh_reset();
	tdxh_arm();
	check(tdxh_mem_setup(s->space), "model setup");
	if (s->every_4k)
		for (uint64_t r = 0; r * M2 < s->space; r += s->every_4k)
			tdxh_mem_map_level(r * M2, M2, 0);
	if (s->first_4k)
		tdxh_mem_map_level(0, s->first_4k, 0);
	if (s->accepted_hi)
		tdxh_mem_set_state(s->accepted_lo, s->accepted_hi - s->accepted_lo, TDXH_PAGE_ACCEPTED);
}

/*
 * The minimal cover: 4K pages at the ends, one 2M per aligned 2M (+ 512 4K
 * after a SIZE_MISMATCH); one call for the part of an accepted 2M page in
 * the range, wherever it starts.
 */
static uint64_t minimal_cover(const struct scenario *s)
{
	uint64_t n = 0;

	for (uint64_t g = s->start; g < s->end;) {
		if (g >= s->accepted_lo && g < s->accepted_hi) {
			n++;
			g = (g & ~(M2 - 1)) + M2 < s->end ? (g & ~(M2 - 1)) + M2 : s->end;
		} else if (!(g % M2) && s->end - g >= M2) {
			n += ((s->every_4k && (g / M2) % s->every_4k == 0) || g < s->first_4k) ? 1 + 512 : 1;
			g += M2;
		} else {
			n++;
			g += K4;
		}
	}
	return n;
}

/* ---- the Linux-style policy (bench only) ---- */

static int try_accept_one(uint64_t *start, uint64_t len, unsigned level)
{
	uint64_t size = K4 << (9 * level);

	if (*start % size || len < size)
		return 0;
	if (tdg_mem_page_accept(*start, level))
		return 0;
	*start += size;
	return 1;
}

static int linux_accept(uint64_t start, uint64_t end)
{
	while (start < end) {
		uint64_t len = end - start;

		if (try_accept_one(&start, len, 2) || try_accept_one(&start, len, 1) ||
		    try_accept_one(&start, len, 0))
			continue;
		return -1;
	}
	return 0;
}

static int only4k_accept(uint64_t start, uint64_t end)
{
	for (; start < end; start += K4) {
		uint64_t status = tdg_mem_page_accept(start, 0);

		if (status && TDX_STATUS_CODE(status) != TDX_PAGE_ALREADY_ACCEPTED)
			return -1;
	}
	return 0;
}

/* ---- vCPU threads ---- */

enum policy { LIBTDX, LINUX, ONLY4K };

struct vcpu {
	pthread_t thread;
	unsigned index;
	enum policy policy;
	struct tdx_accept_job *job;
	uint64_t lo, hi;
	int rc;
};

static void *vcpu_main(void *arg)
{
	struct vcpu *v = arg;

	tdxh_arm();
	tdxh_set_vcpu(v->index);
	switch (v->policy) {
	case LIBTDX:
		tdx_accept_job_run(v->job, NULL);
		v->rc = 0;
		break;
	case LINUX:
		v->rc = linux_accept(v->lo, v->hi);
		break;
	case ONLY4K:
		v->rc = only4k_accept(v->lo, v->hi);
		break;
	}
	return NULL;
}

struct count {
	uint64_t total, max;
	int failed;	/* some vCPU's accept failed */
};

static struct count run(const struct scenario *s, enum policy p, unsigned n)
{
	struct vcpu v[MAX_VCPUS];
	struct tdx_accept_job job;
	struct tdxh_mem_stats st;
	struct count c;

	prepare(s);
	memset(v, 0, sizeof(v));
	if (p == LIBTDX)
		check(tdx_accept_job_init(&job, s->start, s->end, 0, n, 0) == TDX_SUCCESS, "job init");
	for (unsigned i = 0; i < n; i++) {
		v[i].index = i;
		v[i].policy = p;
		v[i].job = &job;
		/* Static slices for the other policies, cut on 2M boundaries. */
		v[i].lo = i ? (s->start + (s->end - s->start) / n * i) & ~(M2 - 1) : s->start;
		v[i].hi = i + 1 < n ? (s->start + (s->end - s->start) / n * (i + 1)) & ~(M2 - 1) : s->end;
		pthread_create(&v[i].thread, NULL, vcpu_main, &v[i]);
	}
	c.failed = 0;
	for (unsigned i = 0; i < n; i++) {
		pthread_join(v[i].thread, NULL);
		c.failed |= v[i].rc != 0;
	}
	/* Only the Linux-style loop may fail, and only on memory accepted before. */
	check(!c.failed || (p == LINUX && s->accepted_hi), "accept failed");
	if (p == LIBTDX) {
		check(tdx_accept_job_done(&job) && !tdx_accept_job_failed(&job, NULL), "job failed");
		tdxh_mem_get_stats(&st);
		check(st.accept_level[2] == 0, "libtdx sent a 1G accept");
	}
	check(c.failed || tdxh_mem_count(s->start, s->end - s->start, TDXH_PAGE_ACCEPTED) ==
	      (s->end - s->start) / K4, "range not fully accepted");
	c.total = tdxh_mem_total_accepts();
	c.max = tdxh_mem_max_accepts();
	return c;
}

static void table(const struct scenario *sc, unsigned nsc, const unsigned *vcpus, unsigned nv)
{
	printf("| range | policy |");
	for (unsigned j = 0; j < nv; j++)
		printf(" %u vCPU%s |", vcpus[j], vcpus[j] > 1 ? "s (max/vCPU)" : "");
	printf("\n|---|---|");
	for (unsigned j = 0; j < nv; j++)
		printf("---:|");
	printf("\n");
	for (unsigned i = 0; i < nsc; i++) {
		const struct scenario *s = &sc[i];
		uint64_t pages = (s->end - s->start) / K4, one4k = 0;

		for (int p = LIBTDX; p <= ONLY4K; p++) {
			printf("| %s | %s |", p == LIBTDX ? s->name : "",
			       p == LIBTDX ? "**libtdx**" : p == LINUX ? "linux 1G->2M->4K" : "4K only");
			for (unsigned j = 0; j < nv; j++) {
				struct count c;

				if (p == ONLY4K && vcpus[j] > 1) {
					printf(" %" PRIu64 " (pages/N) |", (one4k + vcpus[j] - 1) / vcpus[j]);
					continue;
				}
				c = run(s, (enum policy)p, vcpus[j]);
				if (c.failed) {
					printf(" fails |");
					continue;
				}
				if (p == ONLY4K)
					one4k = c.total;
				/* The job's chunks together: the single-vCPU cover, on any number of vCPUs. */
				if (p == LIBTDX)
					check(c.total == minimal_cover(s), "libtdx is not the minimal cover");
				if (p == ONLY4K)
					check(c.total == pages, "4K-only count");
				printf(" %" PRIu64 " |", vcpus[j] == 1 ? c.total : c.max);
				fflush(stdout);
			}
			printf("\n");
		}
	}
}

/* ---- lazy ---- */

static uint64_t prng = 0x9E3779B97F4A7C15ull;
static uint64_t next_rand(void)
{
	prng ^= prng << 13;
	prng ^= prng >> 7;
	prng ^= prng << 17;
	return prng;
}

/* Touch `touches` buffers of `len` bytes at random 4K-aligned places; TDCALLs issued. */
static uint64_t lazy_run(uint64_t space, uint64_t unit, unsigned touches, uint64_t len)
{
	static uint64_t words[TDX_LAZY_WORDS((64ull << 30) / K4)];
	struct tdx_lazy_accept lazy;
	struct tdx_accept_result res;

	tdxh_reset();
	tdxh_arm();
	check(tdxh_mem_setup(space), "model setup");
	check(tdx_lazy_init(&lazy, 0, space, unit, words, sizeof(words) / sizeof(words[0])) == TDX_SUCCESS,
	      "lazy init");
	check(tdx_lazy_mark_unaccepted(&lazy, 0, space) == TDX_SUCCESS, "mark");
	prng = 0x9E3779B97F4A7C15ull;
	for (unsigned i = 0; i < touches; i++) {
		uint64_t at = (next_rand() % ((space - len) / K4)) * K4;

		check(tdx_lazy_accept(&lazy, at, at + len, &res) == 0, "lazy accept");
		check(tdxh_mem_count(at, len, TDXH_PAGE_ACCEPTED) == len / K4, "lazy range accepted");
	}
	return tdxh_mem_total_accepts();
}

int main(int argc, char **argv)
{
	int quick = argc > 1 && !strcmp(argv[1], "--quick");
	uint64_t size = quick ? 256ull << 20 : 4ull << 30;
	uint64_t lazy_space = quick ? 1ull << 30 : 64ull << 30;
	const struct scenario sc[] = {
		{ "aligned, 2M-mapped", size, 0, size, 0, 0, 0, 0 },
		{ "unaligned ends (1M+4K .. end+1M-12K)", size + 2 * M2, 0x101000, size + 0x100000 - 0x3000, 0, 0, 0, 0 },
		{ "mixed: every 8th 2M mapped 4K", size, 0, size, 8, 0, 0, 0 },
		{ "clustered: first 1/8 mapped 4K", size, 0, size, 0, size / 8, 0, 0 },
		{ "accepted head: [4K, end), [0, 2M) accepted", size, K4, size, 0, 0, 0, M2 },
		{ "accepted tail: [0, end+1M), [end, end+2M) accepted", size + M2, 0, size + M2 / 2, 0, 0,
		  size, size + M2 },
	};
	const unsigned vcpus[] = { 1, 2, 4, 8 };
	unsigned touches = (unsigned)(lazy_space / 100 / (1ull << 20));
	uint64_t lazy2m, lazy4k, eager;

	printf("TDG.MEM.PAGE.ACCEPT calls to accept %" PRIu64 " MiB (1 vCPU: total; N vCPUs: most by one vCPU)\n\n",
	       size >> 20);
	table(sc, sizeof(sc) / sizeof(sc[0]), vcpus, quick ? 2 : 4);

	eager = run(&(struct scenario){ "", lazy_space, 0, lazy_space, 0, 0, 0, 0 }, LIBTDX, 1).total;
	lazy2m = lazy_run(lazy_space, 0, touches, 1ull << 20);
	lazy4k = lazy_run(lazy_space, K4, touches, 1ull << 20);
	printf("\nLazy: touch 1%% of a %" PRIu64 " GiB space (%u buffers of 1 MiB at random 4K-aligned GPAs)\n\n",
	       lazy_space >> 30, touches);
	printf("| mode | TDCALLs |\n|---|---:|\n");
	printf("| eager, libtdx, whole space | %" PRIu64 " |\n", eager);
	printf("| eager, 4K only, whole space | %" PRIu64 " (pages) |\n", (uint64_t)(lazy_space / K4));
	printf("| **lazy, 2 MiB units (default)** | %" PRIu64 " |\n", lazy2m);
	printf("| lazy, 4 KiB units | %" PRIu64 " |\n", lazy4k);
	check(lazy2m < eager, "lazy costs less than eager");
	if (failures)
		fprintf(stderr, "accept_bench: %d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
