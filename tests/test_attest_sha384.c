/* SPDX-License-Identifier: MIT */
/*
 * SHA-384 against known answers.  The NIST vectors are those of FIPS 180-4's
 * example set (CSRC "SHA384.pdf" and the SHAVS short/long messages): the empty
 * message, "abc", the 448-bit and 896-bit two-block messages and one million
 * 'a'.  The boundary lengths around the 112-byte padding limit and the
 * 128-byte block come from an independent implementation (Python's hashlib),
 * and thousands of random messages are checked against another (OpenSSL's
 * SHA384()), one shot and in random pieces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/sha.h>

#include <tdx/sha384.h>

static void hex(const uint8_t *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void assert_digest(const uint8_t d[48], const char *expect)
{
	char got[97];

	hex(d, 48, got);
	assert_string_equal(got, expect);
}

static void check_oneshot(const void *msg, size_t len, const char *expect)
{
	uint8_t d[48];

	tdx_sha384(msg, len, d);
	assert_digest(d, expect);
}

static void nist_empty(void **state)
{
	(void)state;
	check_oneshot("", 0, "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf"
			     "63f6e1da274edebfe76f65fbd51ad2f14898b95b");
}

static void nist_abc(void **state)
{
	(void)state;
	check_oneshot("abc", 3, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a"
				"43ff5bed8086072ba1e7cc2358baeca134c825a7");
}

static void nist_448_bits(void **state)
{
	static const char m[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	(void)state;
	check_oneshot(m, strlen(m), "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450d"
				    "e5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b");
}

/* 112 bytes: the padding no longer fits, so the hash takes two blocks. */
static void nist_896_bits(void **state)
{
	static const char m[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
				"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

	(void)state;
	assert_int_equal(strlen(m), 112);
	check_oneshot(m, strlen(m), "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086"
				    "e3b0f712fcc7c71a557e2db966c3e9fa91746039");
}

/* One million 'a', fed in uneven pieces through the incremental interface. */
static void nist_million_a(void **state)
{
	static uint8_t chunk[1000];
	struct tdx_sha384_ctx ctx;
	uint8_t d[48];
	size_t done = 0, step = 1;

	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	tdx_sha384_init(&ctx);
	while (done < 1000000) {
		size_t n = step;

		if (n > sizeof(chunk))
			n = sizeof(chunk);
		if (n > 1000000 - done)
			n = 1000000 - done;
		tdx_sha384_update(&ctx, chunk, n);
		done += n;
		step = step % 997 + 13;
	}
	tdx_sha384_final(&ctx, d);
	assert_digest(d, "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5"
			 "704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985");
}

static void pattern(uint8_t *m, size_t len)
{
	for (size_t i = 0; i < len; i++)
		m[i] = (uint8_t)((i * 7) % 251);
}

/* Lengths at the padding and block boundaries (hashlib reference values). */
static void boundary_lengths(void **state)
{
	static const struct { size_t len; const char *hex; } v[] = {
		{ 111, "d5e8553eb173386fd81a97c28e4a08601a5905c0cc5303eede0157579b3c48785d2f20b06a72848b36b383e793dabac4" },
		{ 112, "ded6b6b8bfea17c567cd8d4dd435265aa30a802f74a8ab05a96aebc9c125aa0f12ba6b1ac74edf31686f946ea4cbe64d" },
		{ 113, "53dfbb581f0b8910fa7411c1f0d350305d48fc3c9d99df32447273332b95ff3b7f2bd90d40a5c3aa1552614a78eca899" },
		{ 127, "68009c05dc8647b1ada0608a257c13ad481b5c537e9fcd130d8bc41f5ee7dfff4b6f6a9db4251f9e37eaab8259162432" },
		{ 128, "81a480b144ad0b7596cd061775f2f44c1de29de92ccfa06a34fd8a0a65693f7aa8e00b12cfedb09d1ba04a4fe91c38ef" },
		{ 129, "b11446e7209026b5f7a2dc1bb91a0f75cf10093636477d008d4b3cef369d918f031b6f15a0f483706f0e8d394e3c8ee2" },
		{ 255, "e1eac71291544003e0f8da622cdccc9d96ae5fc2f63c7549684cd781888e1e5eca867446576ab07d08c62f8ecac879c8" },
		{ 256, "4e439caa0f8b02268bb38ccda0908a059f7777ec7a0420017ab96982e9fdfbaa033027f861bbce5d9b9d2d0dada0dfc3" },
	};
	uint8_t m[256];

	(void)state;
	pattern(m, sizeof(m));
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		check_oneshot(m, v[i].len, v[i].hex);
}

/* Any split of a message into two updates gives the one-shot digest. */
static void every_split_matches_oneshot(void **state)
{
	uint8_t m[300], want[48], got[48];
	struct tdx_sha384_ctx ctx;

	(void)state;
	pattern(m, sizeof(m));
	tdx_sha384(m, sizeof(m), want);
	for (size_t cut = 0; cut <= sizeof(m); cut++) {
		tdx_sha384_init(&ctx);
		tdx_sha384_update(&ctx, m, cut);
		tdx_sha384_update(&ctx, m + cut, sizeof(m) - cut);
		tdx_sha384_update(&ctx, m, 0);
		tdx_sha384_final(&ctx, got);
		assert_memory_equal(got, want, 48);
	}
}

/* Final wipes the context: no tail of the message is left behind. */
static void final_wipes_context(void **state)
{
	struct tdx_sha384_ctx ctx, zero;
	uint8_t d[48];

	(void)state;
	memset(&zero, 0, sizeof(zero));
	tdx_sha384_init(&ctx);
	tdx_sha384_update(&ctx, "secret tail", 11);
	tdx_sha384_final(&ctx, d);
	assert_memory_equal(&ctx, &zero, sizeof(ctx));
	assert_int_equal(sizeof(ctx), 200);
}

/* xorshift64*: a fixed seed, so a failing case is the same on every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* A piece length for an incremental update: often short, sometimes 0, up to all that is left. */
static size_t piece(size_t left)
{
	switch (rng() % 4) {
	case 0:
		return rng() % (left < 3 ? left + 1 : 3);
	case 1:
		return rng() % (left < 300 ? left + 1 : 300);
	default:
		return rng() % (left + 1);
	}
}

/*
 * Differential: random messages of random lengths 0..20000 (a third of
 * them under 600 bytes, where the padding cases are dense) at random
 * alignments, each hashed one shot and incrementally in random pieces
 * (empty ones included), against OpenSSL's SHA384().
 */
static void against_openssl_random_lengths(void **state)
{
	enum { CASES = 3000, MAX_LEN = 20000 };
	static uint8_t buf[MAX_LEN + 8];
	struct tdx_sha384_ctx ctx;
	uint8_t want[48], got[48];

	(void)state;
	for (unsigned i = 0; i < CASES; i++) {
		size_t len = (i % 3 == 0) ? rng() % 600 : rng() % (MAX_LEN + 1);
		uint8_t *m = buf + rng() % 8;
		size_t done = 0, pieces = 0;

		for (size_t j = 0; j < len; j++)
			m[j] = (uint8_t)rng();
		SHA384(m, len, want);

		tdx_sha384(m, len, got);
		if (memcmp(got, want, 48) != 0)
			fail_msg("case %u: one shot of %zu bytes differs from OpenSSL", i, len);

		tdx_sha384_init(&ctx);
		while (done < len || pieces == 0) {
			size_t n = piece(len - done);

			tdx_sha384_update(&ctx, m + done, n);
			done += n;
			pieces++;
		}
		tdx_sha384_final(&ctx, got);
		if (memcmp(got, want, 48) != 0)
			fail_msg("case %u: %zu bytes in %zu pieces differ from OpenSSL", i, len, pieces);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nist_empty),
		cmocka_unit_test(nist_abc),
		cmocka_unit_test(nist_448_bits),
		cmocka_unit_test(nist_896_bits),
		cmocka_unit_test(nist_million_a),
		cmocka_unit_test(boundary_lengths),
		cmocka_unit_test(every_split_matches_oneshot),
		cmocka_unit_test(final_wipes_context),
		cmocka_unit_test(against_openssl_random_lengths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
