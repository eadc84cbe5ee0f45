/* SPDX-License-Identifier: MIT */
/*
 * tdx_va_to_gpa (include/tdx/addr.h): libtdx's default is a weak identity;
 * a program that defines its own wins at link time.  This program defines
 * one (an offset mapping) and checks it is the one called; the identity
 * default is checked in test_abi_guest.c, which does not override it.
 */
#include <tdx/tdx.h>
#include "abi_test.h"

uint64_t tdx_va_to_gpa(const void *va)
{
	return (uint64_t)(uintptr_t)va - 0xFFFF800000000000ull;
}

static void override_replaces_the_weak_default(void **state)
{
	(void)state;
	assert_int_equal(tdx_va_to_gpa((const void *)(uintptr_t)0xFFFF800000123000ull), 0x123000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(override_replaces_the_weak_default),
	};
	return cmocka_run_group_tests_name("abi_addr", tests, NULL, NULL);
}
