/* SPDX-License-Identifier: MIT */
/*
 * libtdx's own memcpy, memset, memmove and memcmp (src/lib/mem.c), the ones
 * a freestanding image links.  A host program must keep the host libc's, so
 * the file is compiled in here under other names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define memcpy lib_memcpy
#define memset lib_memset
#define memmove lib_memmove
#define memcmp lib_memcmp
#include "../src/lib/mem.c"
#undef memcpy
#undef memset
#undef memmove
#undef memcmp

static void fill(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + 3);
}

static void copy_and_set(void **state)
{
	unsigned char a[100], b[100], c[100];

	(void)state;
	fill(a, sizeof(a));
	memset(b, 0xEE, sizeof(b));
	assert_ptr_equal(lib_memcpy(b + 1, a, 97), b + 1);
	assert_memory_equal(b + 1, a, 97);
	assert_int_equal(b[0], 0xEE);
	assert_int_equal(b[98], 0xEE);
	assert_ptr_equal(lib_memcpy(b, a, 0), b);

	memset(c, 0x11, sizeof(c));
	assert_ptr_equal(lib_memset(c + 3, 0x1AB, 50), c + 3);	/* converted to unsigned char */
	for (size_t i = 0; i < sizeof(c); i++)
		assert_int_equal(c[i], i >= 3 && i < 53 ? 0xAB : 0x11);
}

/* Overlap both ways, against the host libc's memmove. */
static void move_overlapping(void **state)
{
	(void)state;
	for (size_t from = 0; from < 16; from++) {
		for (size_t to = 0; to < 16; to++) {
			unsigned char mine[64], want[64];

			fill(mine, sizeof(mine));
			fill(want, sizeof(want));
			assert_ptr_equal(lib_memmove(mine + to, mine + from, 40), mine + to);
			memmove(want + to, want + from, 40);
			assert_memory_equal(mine, want, sizeof(mine));
		}
	}
}

static void compare_sign_and_length(void **state)
{
	unsigned char a[8] = { 1, 2, 3, 0x80 }, b[8] = { 1, 2, 3, 0x7F };

	(void)state;
	assert_int_equal(lib_memcmp(a, b, 3), 0);
	assert_true(lib_memcmp(a, b, 4) > 0);	/* bytes compare as unsigned char */
	assert_true(lib_memcmp(b, a, 4) < 0);
	assert_int_equal(lib_memcmp(a, b, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(copy_and_set),
		cmocka_unit_test(move_overlapping),
		cmocka_unit_test(compare_sign_and_length),
	};
	return cmocka_run_group_tests_name("lib_mem", tests, NULL, NULL);
}
