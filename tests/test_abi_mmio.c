/* SPDX-License-Identifier: MIT */
/*
 * tdx_mmio_read/write{8,16,32,64} (include/tdx/mmio.h): GHCI #VE.RequestMMIO
 * (R11 = 48; R12 size, R13 0 read / 1 write, R14 GPA, R15 data) for shared
 * GPAs only.  GPAW is 48 in this program (shared bit 47); tdx_shared_mask()
 * caches that on the first call.
 */
#include <tdx/tdx.h>
#include "abi_test.h"

#include <pthread.h>

#define INVALID_OPERAND 0x8000000000000000ull
#define MMIO (0xFEB00000ull | (1ull << 47))

/* First, the cache itself: vCPUs racing for the first answer all get the same one. */
static void *ask_mask(void *arg)
{
	tdxh_set_vcpu((unsigned)(uintptr_t)arg);
	return (void *)(uintptr_t)tdx_shared_mask();
}

static void shared_mask_race_then_cached(void **state)
{
	pthread_t t[4];
	uint64_t calls;

	(void)state;
	tdxh_arm();
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, ask_mask, (void *)(uintptr_t)i), 0);
	for (unsigned i = 0; i < 4; i++) {
		void *mask;

		pthread_join(t[i], &mask);
		assert_int_equal((uint64_t)(uintptr_t)mask, 1ull << 47);
	}
	calls = tdxh_count(1, 0);
	assert_in_range(calls, 1, 4);	/* each racer may ask once */
	assert_int_equal(tdx_shared_mask(), 1ull << 47);
	assert_int_equal(tdxh_count(1, 0), calls);	/* from now on, never again */
}

static void mmio_helpers_round_trip_each_width(void **state)
{
	uint8_t v8 = 0;
	uint16_t v16 = 0;
	uint32_t v32 = 0;
	uint64_t v64 = 0;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_mmio_write8(MMIO + 1, 0xAB), 0);
	assert_vmcall(48, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R12] = 1, [TDXH_R13] = 1, [TDXH_R14] = MMIO + 1, [TDXH_R15] = 0xAB });
	assert_int_equal(tdx_mmio_read8(MMIO + 1, &v8), 0);
	assert_vmcall(48, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 1, [TDXH_R14] = MMIO + 1 });
	assert_int_equal(v8, 0xAB);

	assert_int_equal(tdx_mmio_write16(MMIO + 2, 0xBEEF), 0);
	assert_vmcall(48, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R12] = 2, [TDXH_R13] = 1, [TDXH_R14] = MMIO + 2, [TDXH_R15] = 0xBEEF });
	assert_int_equal(tdx_mmio_read16(MMIO + 2, &v16), 0);
	assert_int_equal(v16, 0xBEEF);

	assert_int_equal(tdx_mmio_write32(MMIO + 4, 0xDEADBEEF), 0);
	assert_vmcall(48, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_R12] = 4, [TDXH_R13] = 1, [TDXH_R14] = MMIO + 4, [TDXH_R15] = 0xDEADBEEF });
	assert_int_equal(tdx_mmio_read32(MMIO + 4, &v32), 0);
	assert_int_equal(v32, 0xDEADBEEF);

	assert_int_equal(tdx_mmio_write64(MMIO + 8, 0x0123456789ABCDEFull), 0);
	assert_vmcall(48, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 8, [TDXH_R13] = 1,
		[TDXH_R14] = MMIO + 8, [TDXH_R15] = 0x0123456789ABCDEFull });
	assert_int_equal(tdx_mmio_read64(MMIO + 8, &v64), 0);
	assert_vmcall(48, (uint64_t[TDXH_NR_GPRS]){ [TDXH_R12] = 8, [TDXH_R14] = MMIO + 8 });
	assert_int_equal(v64, 0x0123456789ABCDEFull);
	/* Little-endian device RAM: the 32-bit view of the 64-bit value. */
	assert_int_equal(tdx_mmio_read32(MMIO + 8, &v32), 0);
	assert_int_equal(v32, 0x89ABCDEF);
}

static void mmio_helpers_refuse_private_gpas_without_the_vmm(void **state)
{
	uint8_t v8 = 0x5A;
	uint16_t v16 = 0x5A5A;
	uint32_t v32 = 0x5A5A5A5A;
	uint64_t v64 = 0x5A5A5A5A5A5A5A5Aull, before;

	(void)state;
	tdxh_arm();
	(void)tdx_shared_mask();	/* let the one TDG.VP.INFO happen first */
	before = tdxh.state.nr_calls;
	assert_int_equal(tdx_mmio_read8(0xFEB00000, &v8), TDX_SW_PRIVATE_GPA);
	assert_int_equal(tdx_mmio_read16(0xFEB00000, &v16), TDX_SW_PRIVATE_GPA);
	assert_int_equal(tdx_mmio_read32(0xFEB00000, &v32), TDX_SW_PRIVATE_GPA);
	assert_int_equal(tdx_mmio_read64(0xFEB00000, &v64), TDX_SW_PRIVATE_GPA);
	assert_int_equal(tdx_mmio_write8(0xFEB00000, 1), TDX_SW_PRIVATE_GPA);
	assert_int_equal(tdx_mmio_write16(0xFEB00000, 1), TDX_SW_PRIVATE_GPA);
	assert_int_equal(tdx_mmio_write32(0xFEB00000, 1), TDX_SW_PRIVATE_GPA);
	assert_int_equal(tdx_mmio_write64(0xFEB00000, 1), TDX_SW_PRIVATE_GPA);
	/* Bits above GPAW are not a GPA at all, shared bit or not. */
	assert_int_equal(tdx_mmio_write32(MMIO | (1ull << 48), 1), TDX_SW_PRIVATE_GPA);
	assert_calls_since(before, 0);
	assert_int_equal(v8, 0x5A);
	assert_int_equal(v16, 0x5A5A);
	assert_int_equal(v32, 0x5A5A5A5A);
	assert_int_equal(v64, 0x5A5A5A5A5A5A5A5Aull);
}

static void mmio_helpers_failure_leaves_value(void **state)
{
	uint32_t v32 = 7;

	(void)state;
	tdxh_arm();
	tdxh_inject(0, 48, INVALID_OPERAND, 1);
	assert_int_equal(tdx_mmio_read32(MMIO, &v32), INVALID_OPERAND);
	assert_int_equal(v32, 7);
}

/* A VMM answering MMIO reads with 64 bits of junk. */
static void mmio_wide(struct tdxh_vmcall *c)
{
	tdxh_vmm_write(c, TDXH_R11, 0xFEDCBA9876543210ull);
	tdxh_vmm_status(c, 0);
}

static void mmio_helpers_hostile_vmm(void **state)
{
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	(void)state;
	tdxh_arm();
	tdxh.state.hostile = true;
	tdxh_set_vmcall_model(48, mmio_wide);
	assert_int_equal(tdx_mmio_read8(MMIO, &v8), 0);
	assert_int_equal(v8, 0x10);
	assert_int_equal(tdx_mmio_read16(MMIO, &v16), 0);
	assert_int_equal(v16, 0x3210);
	assert_int_equal(tdx_mmio_read32(MMIO, &v32), 0);
	assert_int_equal(v32, 0x76543210);
	assert_int_equal(tdx_mmio_read64(MMIO, &v64), 0);
	assert_int_equal(v64, 0xFEDCBA9876543210ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(shared_mask_race_then_cached, abi_setup),
		cmocka_unit_test_setup(mmio_helpers_round_trip_each_width, abi_setup),
		cmocka_unit_test_setup(mmio_helpers_refuse_private_gpas_without_the_vmm, abi_setup),
		cmocka_unit_test_setup(mmio_helpers_failure_leaves_value, abi_setup),
		cmocka_unit_test_setup(mmio_helpers_hostile_vmm, abi_setup),
	};
	return cmocka_run_group_tests_name("abi_mmio", tests, NULL, NULL);
}
