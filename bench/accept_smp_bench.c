/* SPDX-License-Identifier: MIT */
/*
 * accept_smp_bench: the parallel accept job (tdx_accept_job_run) on
 * N = 1, 2, 4, 8 vCPUs under tdx-sim, counted in TDCALLs, not timed.
 *
 *   accept_smp_bench [--quick] TDX-SIM IMAGE
 *
 * IMAGE is accept_smp_guest.c built as a TD payload; each run is
 * `TDX-SIM --vcpus N IMAGE`, whose vCPUs are host threads racing for
 * chunks as a TD's vCPUs would (on a loaded 2-core host some start late).
 * Each N runs 5 times (--quick: once); the table shows the run whose
 * busiest vCPU made the most TDG.MEM.PAGE.ACCEPT calls: each vCPU's calls,
 * and the busiest against an even share (all calls / N).  tdx-sim's own
 * messages go to /dev/null; a failed run names the command to repeat.
 *
 * Exit status 0 only if every run succeeded, every run's calls add up to
 * the one-vCPU count (the job's chunks issue the single-vCPU cover on any
 * number of vCPUs) and no vCPU claimed more than the job's quota.
 */
#define _POSIX_C_SOURCE 200809L	/* popen */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define MAX_VCPUS 8
#define RUNS 5

struct run {
	unsigned vcpus;
	uint64_t units, quota, chunks;
	uint64_t calls[MAX_VCPUS], claimed[MAX_VCPUS];
	int ok;
};

static int failures;

static void check(int ok, unsigned n, const char *what)
{
	if (!ok) {
		fprintf(stderr, "accept_smp_bench: FAILED on %u vCPU(s): %s\n", n, what);
		failures++;
	}
}

/* One tdx-sim run on n vCPUs; false if it could not run or said nothing usable. */
static int run_once(const char *sim, const char *image, unsigned n, struct run *r)
{
	char cmd[4096], line[256];
	unsigned seen = 0;
	FILE *p;
	int status;

	memset(r, 0, sizeof(*r));
	snprintf(cmd, sizeof(cmd), "'%s' --vcpus %u '%s' 2>/dev/null", sim, n, image);
	p = popen(cmd, "r");
	if (!p)
		return 0;
	while (fgets(line, sizeof(line), p)) {
		unsigned v;
		uint64_t calls, chunks;

		if (sscanf(line, "job: vcpus %u units %" SCNu64 " quota %" SCNu64 " chunks %" SCNu64,
			   &r->vcpus, &r->units, &r->quota, &r->chunks) == 4)
			continue;
		if (sscanf(line, "vcpu %u: calls %" SCNu64 " chunks %" SCNu64, &v, &calls, &chunks) == 3 &&
		    v < MAX_VCPUS) {
			r->calls[v] = calls;
			r->claimed[v] = chunks;
			seen++;
		}
		if (!strcmp(line, "job: ok\n"))
			r->ok = 1;
	}
	status = pclose(p);
	/* The guest's exit(0): status (0 << 1) | 1. */
	if (r->ok && WIFEXITED(status) && WEXITSTATUS(status) == 1 && r->vcpus == n && seen == n)
		return 1;
	fprintf(stderr, "accept_smp_bench: '%s' --vcpus %u '%s' failed (status %#x)\n", sim, n, image,
		(unsigned)status);
	return 0;
}

int main(int argc, char **argv)
{
	static const unsigned ns[] = { 1, 2, 4, 8 };
	int quick = argc > 1 && !strcmp(argv[1], "--quick");
	const char *sim, *image;
	unsigned runs = quick ? 1 : RUNS;
	uint64_t one = 0;

	if (argc != 3 + quick) {
		fprintf(stderr, "usage: accept_smp_bench [--quick] TDX-SIM IMAGE\n");
		return 2;
	}
	sim = argv[1 + quick];
	image = argv[2 + quick];
	printf("The parallel accept job under tdx-sim: TDG.MEM.PAGE.ACCEPT calls per vCPU\n"
	       "(2 GiB + 32 KiB: 1024 2M chunks, a 4K head and tail; %u run%s per row, the ratio the worst)\n\n",
	       runs, runs > 1 ? "s" : "");
	printf("| vCPUs | all vCPUs | per vCPU | busiest | even share | busiest / even share |\n");
	printf("|---:|---:|---|---:|---:|---:|\n");
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		unsigned n = ns[i];
		double worst = 0;
		uint64_t total = 0, busiest = 0;
		struct run r, shown;
		char per[256];
		size_t off = 0;

		for (unsigned k = 0; k < runs; k++) {
			if (!run_once(sim, image, n, &r)) {
				check(0, n, "tdx-sim run (status, or the guest's lines)");
				break;
			}
			total = busiest = 0;
			for (unsigned v = 0; v < n; v++) {
				total += r.calls[v];
				if (r.calls[v] > busiest)
					busiest = r.calls[v];
				check(r.claimed[v] <= r.quota, n, "a vCPU claimed more chunks than the quota");
			}
			if (!one)
				one = total;
			check(total == one, n, "the calls do not add up to the one-vCPU count");
			if ((double)busiest * n / (double)total > worst) {
				worst = (double)busiest * n / (double)total;
				shown = r;
			}
		}
		if (!total)
			continue;
		per[0] = '\0';
		busiest = 0;
		for (unsigned v = 0; v < n && off < sizeof(per); v++) {
			off += (size_t)snprintf(per + off, sizeof(per) - off, "%s%" PRIu64, v ? ", " : "",
						shown.calls[v]);
			if (shown.calls[v] > busiest)
				busiest = shown.calls[v];
		}
		printf("| %u | %" PRIu64 " | %s | %" PRIu64 " | %.1f | %.2f |\n", n, total, per,
		       busiest, (double)total / n, worst);
		fflush(stdout);
	}
	if (failures)
		fprintf(stderr, "accept_smp_bench: %d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
