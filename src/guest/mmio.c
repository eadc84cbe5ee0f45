/* SPDX-License-Identifier: MIT */
/* MMIO to shared GPAs by GHCI #VE.RequestMMIO, refusing private GPAs locally. */
#include <tdx/error.h>
#include <tdx/guest.h>
#include <tdx/mmio.h>

/* Shared bit set and nothing above the GPA width; else the library refuses. */
static uint64_t check_shared(uint64_t gpa)
{
	uint64_t shared = tdx_shared_mask();

	if (!shared)
		return TDX_SW_NO_SHARED_BIT;
	if (!(gpa & shared) || gpa >= (shared << 1))
		return TDX_SW_PRIVATE_GPA;
	return TDX_SUCCESS;
}

static uint64_t mmio_read(unsigned size, uint64_t gpa, uint64_t *value)
{
	uint64_t status = check_shared(gpa);

	return status != TDX_SUCCESS ? status : tdvmcall_mmio_read(size, gpa, value);
}

static uint64_t mmio_write(unsigned size, uint64_t gpa, uint64_t value)
{
	uint64_t status = check_shared(gpa);

	return status != TDX_SUCCESS ? status : tdvmcall_mmio_write(size, gpa, value);
}

uint64_t tdx_mmio_read8(uint64_t gpa, uint8_t *value)
{
	uint64_t v, status = mmio_read(1, gpa, &v);

	if (status == TDVMCALL_STATUS_SUCCESS)
		*value = (uint8_t)v;
	return status;
}

uint64_t tdx_mmio_read16(uint64_t gpa, uint16_t *value)
{
	uint64_t v, status = mmio_read(2, gpa, &v);

	if (status == TDVMCALL_STATUS_SUCCESS)
		*value = (uint16_t)v;
	return status;
}

uint64_t tdx_mmio_read32(uint64_t gpa, uint32_t *value)
{
	uint64_t v, status = mmio_read(4, gpa, &v);

	if (status == TDVMCALL_STATUS_SUCCESS)
		*value = (uint32_t)v;
	return status;
}

uint64_t tdx_mmio_read64(uint64_t gpa, uint64_t *value)
{
	return mmio_read(8, gpa, value);
}

uint64_t tdx_mmio_write8(uint64_t gpa, uint8_t value)
{
	return mmio_write(1, gpa, value);
}

uint64_t tdx_mmio_write16(uint64_t gpa, uint16_t value)
{
	return mmio_write(2, gpa, value);
}

uint64_t tdx_mmio_write32(uint64_t gpa, uint32_t value)
{
	return mmio_write(4, gpa, value);
}

uint64_t tdx_mmio_write64(uint64_t gpa, uint64_t value)
{
	return mmio_write(8, gpa, value);
}
