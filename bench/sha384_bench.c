/* SPDX-License-Identifier: MIT */
/*
 * sha384_bench: libtdx's SHA-384 (general-purpose registers only) against
 * OpenSSL's SHA384() in the same process, on the same buffers, run by run:
 * each run times libtdx, then OpenSSL, on the same message; the table shows
 * the best run of each side and the median of the per-run time ratios.
 *
 *   sha384_bench [--quick] [--no-scalar]
 *
 * It names the code path OpenSSL takes on this CPU.  OpenSSL 3 picks its
 * SHA-512 block function (crypto/sha/asm/sha512-x86_64.pl) from
 * its capability vector OPENSSL_ia32cap_P, which OpenSSL_version
 * (OPENSSL_CPU_INFO) prints: XOP if word 1 bit 11; AVX2 with BMI1/BMI2
 * (rorx, andn) if word 2 bits 3, 5 and 8; AVX if word 0 bit 30 (an Intel
 * CPU) and word 1 bits 28 (AVX) and 9 (SSSE3); else the scalar x86-64
 * assembly.  Then, unless --no-scalar, it runs itself once more with
 * OPENSSL_ia32cap masking those bits: OpenSSL restricted to its scalar
 * (general-purpose register) code, for the last line.
 *
 * Exit status: 0, or 1 if a digest differs from OpenSSL's.  Time is not
 * judged: the machines this runs on are noisy.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <tdx/sha384.h>

#ifndef TDX_BENCH_BUILD
#define TDX_BENCH_BUILD "unknown flags"
#endif

/* Clears XOP and AVX (word 1), BMI1, AVX2 and BMI2 (word 2). */
#define SCALAR_MASK "~0x1000080000000000:~0x128"
#define MAX_RUNS 64

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The SHA-512 block function OpenSSL's dispatch picks, from its capability vector. */
static const char *openssl_path(char *caps, size_t capsz)
{
	const char *info = "";
	unsigned long long v0, v1;
	const char *s;

#ifdef OPENSSL_CPU_INFO
	info = OpenSSL_version(OPENSSL_CPU_INFO);
#endif
	s = strstr(info, "OPENSSL_ia32cap=");
	if (s == NULL || sscanf(s, "OPENSSL_ia32cap=%llx:%llx", &v0, &v1) != 2) {
		snprintf(caps, capsz, "not printed by this OpenSSL");
		return "unknown";
	}
	snprintf(caps, capsz, "%s", s);
	{
		uint32_t w0 = (uint32_t)v0, w1 = (uint32_t)(v0 >> 32), w2 = (uint32_t)v1;

		if (w1 & (1u << 11))
			return "XOP";
		if ((w2 & 0x128) == 0x128)
			return "AVX2 + BMI1/BMI2 (rorx, andn)";
		if ((w0 & (1u << 30)) && (w1 & (1u << 28)) && (w1 & (1u << 9)))
			return "AVX";
		return "scalar x86-64 assembly, general-purpose registers";
	}
}

struct row {
	double tdx_best, ossl_best, ratio_median;
};

/* `runs` runs on one message of len bytes: libtdx, then OpenSSL, each timed over `reps` hashes. */
static int measure(const uint8_t *m, size_t len, unsigned runs, unsigned reps, struct row *r)
{
	double ratio[MAX_RUNS];
	uint8_t want[48], got[48];

	/* Untimed: page in the message, let OpenSSL initialise. */
	tdx_sha384(m, len, got);
	SHA384(m, len, want);
	r->tdx_best = r->ossl_best = 1e30;
	for (unsigned i = 0; i < runs; i++) {
		double t0, t1, t2;

		t0 = now();
		for (unsigned k = 0; k < reps; k++)
			tdx_sha384(m, len, got);
		t1 = now();
		for (unsigned k = 0; k < reps; k++)
			SHA384(m, len, want);
		t2 = now();
		if (memcmp(got, want, sizeof(got)) != 0) {
			fprintf(stderr, "sha384_bench: libtdx and OpenSSL differ on %zu bytes\n", len);
			return -1;
		}
		if (t1 - t0 < r->tdx_best)
			r->tdx_best = t1 - t0;
		if (t2 - t1 < r->ossl_best)
			r->ossl_best = t2 - t1;
		ratio[i] = (t1 - t0) / (t2 - t1);
	}
	qsort(ratio, runs, sizeof(ratio[0]), cmp_double);
	r->ratio_median = runs % 2 ? ratio[runs / 2] : (ratio[runs / 2 - 1] + ratio[runs / 2]) / 2;
	r->tdx_best /= reps;
	r->ossl_best /= reps;
	return 0;
}

static void size_name(size_t len, char *out, size_t outsz)
{
	if (len >= 1024 * 1024)
		snprintf(out, outsz, "%zu MiB", len / (1024 * 1024));
	else if (len >= 1024)
		snprintf(out, outsz, "%zu KiB", len / 1024);
	else
		snprintf(out, outsz, "%zu B", len);
}

static void print_row(const char *label, size_t len, const struct row *r)
{
	char name[32];

	size_name(len, name, sizeof(name));
	printf("| %-14s | %7s | %8.0f | %8.0f | %6.2f | %6.2f |\n", label, name,
	       (double)len / r->tdx_best / 1e6, (double)len / r->ossl_best / 1e6,
	       r->tdx_best / r->ossl_best, r->ratio_median);
}

/* Runs this program again with OpenSSL held to its scalar path; its row goes to our stdout. */
static int scalar_child(const char *self, int quick)
{
	char *argv[] = { (char *)self, (char *)"--scalar-row", quick ? (char *)"--quick" : NULL, NULL };
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setenv("OPENSSL_ia32cap", SCALAR_MASK, 1);
		execv("/proc/self/exe", argv);
		fprintf(stderr, "sha384_bench: cannot run itself again: %s\n", strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	static const size_t full[] = { 64, 1024, 16 * 1024, 1024 * 1024 };
	static const size_t quick_sizes[] = { 1024, 1024 * 1024 };
	int quick = 0, scalar = 1, scalar_row = 0;
	const size_t *sizes;
	size_t nsizes, maxlen = 1024 * 1024;
	unsigned runs;
	char caps[160];
	const char *path;
	uint8_t *m;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0)
			quick = 1;
		else if (strcmp(argv[i], "--no-scalar") == 0)
			scalar = 0;
		else if (strcmp(argv[i], "--scalar-row") == 0)
			scalar_row = 1;
		else {
			fprintf(stderr, "usage: %s [--quick] [--no-scalar]\n", argv[0]);
			return 2;
		}
	}
	sizes = quick ? quick_sizes : full;
	nsizes = quick ? sizeof(quick_sizes) / sizeof(quick_sizes[0]) : sizeof(full) / sizeof(full[0]);
	runs = quick ? 5 : 41;

	m = malloc(maxlen);
	if (m == NULL)
		return 1;
	for (size_t i = 0; i < maxlen; i++)
		m[i] = (uint8_t)(i * 131 + 7);

	path = openssl_path(caps, sizeof(caps));
	if (scalar_row) {
		struct row r;

		int bad = measure(m, maxlen, runs, 1, &r);

		free(m);
		if (bad)
			return 1;
		print_row("OpenSSL scalar", maxlen, &r);
		printf("\nOpenSSL scalar: OPENSSL_ia32cap=%s, so its path: %s.\n", SCALAR_MASK, path);
		return 0;
	}

	printf("SHA-384, libtdx against %s (SHA384(), libcrypto)\n", OpenSSL_version(OPENSSL_VERSION));
	printf("libtdx: src/attest/sha384.c, general-purpose registers only, %s\n", TDX_BENCH_BUILD);
	printf("OpenSSL: sha512_block_data_order, path on this CPU: %s\n", path);
	printf("  (%s)\n", caps);
	printf("%u runs per size, libtdx then OpenSSL on the same buffer; "
	       "MB/s = 10^6 bytes/s of the best run;\n"
	       "ratio = libtdx time / OpenSSL time (best runs, and median of the per-run ratios)\n\n",
	       runs);
	printf("| %-14s | %7s | %8s | %8s | %6s | %6s |\n", "OpenSSL path", "message", "libtdx",
	       "OpenSSL", "ratio", "median");
	printf("|----------------|--------:|---------:|---------:|-------:|-------:|\n");
	for (size_t i = 0; i < nsizes; i++) {
		/* Enough hashes per timed run that the clock's resolution does not matter. */
		unsigned reps = (unsigned)(sizes[i] >= 65536 ? 1 : 65536 / sizes[i]);
		struct row r;

		if (measure(m, sizes[i], runs, reps, &r) != 0) {
			free(m);
			return 1;
		}
		print_row("default", sizes[i], &r);
	}
	free(m);
	if (scalar && scalar_child(argv[0], quick) != 0) {
		fprintf(stderr, "sha384_bench: the scalar-path run failed\n");
		return 1;
	}
	return 0;
}
