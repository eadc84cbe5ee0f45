/* SPDX-License-Identifier: MIT */
/*
 * Names of every status of the error model (tdx/error.h), with their
 * detail: TDCALL completion statuses (TDX module tdx_error_codes_defs.h),
 * the library's software statuses, and lifted TDVMCALL statuses.  Every
 * answer is a string literal: no buffer, nothing mutable, safe from any
 * vCPU at any time.
 */
#include <tdx/error.h>

/* DETAIL_ARGUMENT: an operand id, or 0 for none (a refused argument never travels in RAX). */
enum detail_kind { DETAIL_NONE, DETAIL_OPERAND, DETAIL_LEVEL, DETAIL_ARGUMENT };

/*
 * "NAME (operand RAX)" ... "NAME (operand R15)" indexed by operand id 0..15,
 * then "NAME (operand RTMR)" (operand id 168) at index 16.
 */
#define RTMR_INDEX 16
#define OPERANDS(n) {                                                         \
	n " (operand RAX)", n " (operand RCX)", n " (operand RDX)",           \
	n " (operand RBX)", n " (operand RSP)", n " (operand RBP)",           \
	n " (operand RSI)", n " (operand RDI)", n " (operand R8)",            \
	n " (operand R9)", n " (operand R10)", n " (operand R11)",            \
	n " (operand R12)", n " (operand R13)", n " (operand R14)",           \
	n " (operand R15)", n " (operand RTMR)" }
/* "NAME (level 4K)", "(level 2M)", "(level 1G)": SEPT levels 0..2. */
#define LEVELS(n) { n " (level 4K)", n " (level 2M)", n " (level 1G)" }

static const char *const operand_invalid[] = OPERANDS("TDX_OPERAND_INVALID");
static const char *const operand_addr_range[] = OPERANDS("TDX_OPERAND_ADDR_RANGE_ERROR");
static const char *const operand_busy[] = OPERANDS("TDX_OPERAND_BUSY");
static const char *const page_metadata[] = OPERANDS("TDX_PAGE_METADATA_INCORRECT");
static const char *const ept_walk_failed[] = LEVELS("TDX_EPT_WALK_FAILED");
static const char *const already_accepted[] = LEVELS("TDX_PAGE_ALREADY_ACCEPTED");
static const char *const size_mismatch[] = LEVELS("TDX_PAGE_SIZE_MISMATCH");
static const char *const sw_invalid_argument[] = OPERANDS("TDX_SW_INVALID_ARGUMENT");

struct status_name {
	uint64_t code;			/* bits 63:32 of the status */
	enum detail_kind kind;
	const char *name;		/* the code alone (detail 0 of DETAIL_NONE) */
	const char *unknown;		/* with a detail this table cannot name */
	const char *const *detail;	/* OPERANDS() or LEVELS() of the code */
};

#define PLAIN(c, n)      { c, DETAIL_NONE, n, n " (detail unknown)", 0 }
#define OPERAND(c, n, t) { c, DETAIL_OPERAND, n, n " (detail unknown)", t }
#define LEVEL(c, n, t)   { c, DETAIL_LEVEL, n, n " (detail unknown)", t }
#define ARGUMENT(c, n, t) { c, DETAIL_ARGUMENT, n, n " (detail unknown)", t }
#define NAMED(c)         PLAIN(c, #c)

static const struct status_name tdx_statuses[] = {
	NAMED(TDX_SUCCESS),
	NAMED(TDX_NON_RECOVERABLE_VCPU),
	NAMED(TDX_NON_RECOVERABLE_TD),
	NAMED(TDX_INTERRUPTED_RESUMABLE),
	OPERAND(TDX_OPERAND_INVALID, "TDX_OPERAND_INVALID", operand_invalid),
	OPERAND(TDX_OPERAND_ADDR_RANGE_ERROR, "TDX_OPERAND_ADDR_RANGE_ERROR", operand_addr_range),
	OPERAND(TDX_OPERAND_BUSY, "TDX_OPERAND_BUSY", operand_busy),
	OPERAND(TDX_PAGE_METADATA_INCORRECT, "TDX_PAGE_METADATA_INCORRECT", page_metadata),
	NAMED(TDX_TD_FATAL),
	NAMED(TDX_OP_STATE_INCORRECT),
	NAMED(TDX_VCPU_STATE_INCORRECT),
	NAMED(TDX_NO_VALID_VE_INFO),
	LEVEL(TDX_EPT_WALK_FAILED, "TDX_EPT_WALK_FAILED", ept_walk_failed),
	LEVEL(TDX_PAGE_ALREADY_ACCEPTED, "TDX_PAGE_ALREADY_ACCEPTED", already_accepted),
	LEVEL(TDX_PAGE_SIZE_MISMATCH, "TDX_PAGE_SIZE_MISMATCH", size_mismatch),
	NAMED(TDX_METADATA_FIELD_ID_INCORRECT),
	NAMED(TDX_METADATA_FIELD_NOT_WRITABLE),
	NAMED(TDX_METADATA_FIELD_NOT_READABLE),
	NAMED(TDX_METADATA_FIELD_VALUE_NOT_VALID),
	NAMED(TDX_METADATA_LIST_OVERFLOW),
	NAMED(TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT),
	NAMED(TDX_TARGET_UUID_MISMATCH),
	NAMED(TDX_TARGET_UUID_UPDATED),
	NAMED(TDX_INVALID_CPUSVN),
	NAMED(TDX_INVALID_REPORTMACSTRUCT),
	/* the library's own (tdx/error.h) */
	ARGUMENT(TDX_SW_INVALID_ARGUMENT, "TDX_SW_INVALID_ARGUMENT", sw_invalid_argument),
	NAMED(TDX_SW_NO_SHARED_BIT),
	NAMED(TDX_SW_PRIVATE_GPA),
	NAMED(TDX_SW_VMM_BAD_ANSWER),
	NAMED(TDX_SW_TIMEOUT),
	NAMED(TDX_SW_BUFFER_TOO_SMALL),
	NAMED(TDX_SW_QUOTE_SERVICE_ERROR),
	NAMED(TDX_SW_QUOTE_SERVICE_UNAVAILABLE),
	NAMED(TDX_SW_ACPI_BAD_SIGNATURE),
	NAMED(TDX_SW_ACPI_BAD_CHECKSUM),
	NAMED(TDX_SW_ACPI_BAD_LENGTH),
	NAMED(TDX_SW_ACPI_BAD_REVISION),
	NAMED(TDX_SW_ACPI_BAD_ENTRY),
	NAMED(TDX_SW_ACPI_BAD_ADDRESS),
	NAMED(TDX_SW_ACPI_NOT_FOUND),
	NAMED(TDX_SW_ACPI_TOO_MANY_TABLES),
	NAMED(TDX_SW_EVENTLOG_FULL),
	NAMED(TDX_SW_EVENTLOG_BAD_HEADER),
	NAMED(TDX_SW_EVENTLOG_TRUNCATED),
	NAMED(TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM),
	NAMED(TDX_SW_EVENTLOG_DIGEST_MISMATCH),
	NAMED(TDX_SW_EVENTLOG_BAD_INDEX),
	NAMED(TDX_SW_MP_WAKEUP_TIMEOUT),
	NAMED(TDX_SW_MP_WAKEUP_BUSY),
	NAMED(TDX_VE_NO_VEINFO),
	NAMED(TDX_VE_UNSUPPORTED_EXIT),
	NAMED(TDX_VE_BAD_LENGTH),
	NAMED(TDX_VE_BAD_IO),
	NAMED(TDX_VE_DECODE_FAILED),
	NAMED(TDX_VE_TRUNCATED),
	NAMED(TDX_VE_MMIO_LOCK),
	NAMED(TDX_VE_MMIO_STRING),
	NAMED(TDX_VE_MMIO_CMP),
	NAMED(TDX_VE_MMIO_UNSUPPORTED),
	NAMED(TDX_VE_MMIO_NOT_MEMORY),
	NAMED(TDX_VE_MMIO_PAGE_CROSS),
	NAMED(TDX_VE_MMIO_PRIVATE_GPA),
	NAMED(TDX_VE_MMIO_ADDR_MISMATCH),
	NAMED(TDX_VE_MMIO_FETCH),
	NAMED(TDX_VE_MMIO_GPA_OFFSET),
};

/* GHCI TDG.VP.VMCALL statuses (R10). */
static const struct {
	uint64_t status;
	const char *name;
} tdvmcall_statuses[] = {
	{ TDVMCALL_STATUS_SUCCESS, "TDVMCALL_STATUS_SUCCESS" },
	{ TDVMCALL_STATUS_RETRY, "TDVMCALL_STATUS_RETRY" },
	{ TDVMCALL_STATUS_INVALID_OPERAND, "TDVMCALL_STATUS_INVALID_OPERAND" },
	{ TDVMCALL_STATUS_GPA_INUSE, "TDVMCALL_STATUS_GPA_INUSE" },
	{ TDVMCALL_STATUS_ALIGN_ERROR, "TDVMCALL_STATUS_ALIGN_ERROR" },
	{ TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED, "TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED" },
};

/* The name of a TDVMCALL status, or 0. */
static const char *tdvmcall_name(uint64_t status)
{
	for (unsigned i = 0; i < sizeof(tdvmcall_statuses) / sizeof(tdvmcall_statuses[0]); i++)
		if (tdvmcall_statuses[i].status == status)
			return tdvmcall_statuses[i].name;
	return 0;
}

const char *tdvmcall_strerror(uint64_t status)
{
	const char *name = tdvmcall_name(status);

	return name ? name : "TDVMCALL status (unknown)";
}

static const struct status_name *find_status(uint64_t status)
{
	for (unsigned i = 0; i < sizeof(tdx_statuses) / sizeof(tdx_statuses[0]); i++)
		if (tdx_status_is(status, tdx_statuses[i].code))
			return &tdx_statuses[i];
	return 0;
}

/* The constant string for the detail, or 0 when it has none. */
static const char *detail_name(const struct status_name *s, uint32_t detail)
{
	switch (s->kind) {
	case DETAIL_OPERAND:
		if (detail < 16)
			return s->detail[detail];
		if (detail == TDX_OPERAND_ID_RTMR)
			return s->detail[RTMR_INDEX];
		return 0;
	case DETAIL_LEVEL:
		return detail < 3 ? s->detail[detail] : 0;
	case DETAIL_ARGUMENT:
		if (detail == 0)
			return s->name;
		return detail < 16 || detail == TDX_OPERAND_ID_RTMR ?
			s->detail[detail < 16 ? detail : RTMR_INDEX] : 0;
	case DETAIL_NONE:
	default:
		return detail == 0 ? s->name : 0;
	}
}

const char *tdx_strerror(uint64_t status)
{
	const struct status_name *s = find_status(status);
	const char *name;

	if (tdx_status_is_vmcall(status))
		return tdvmcall_strerror(tdx_status_vmcall(status));
	if (!s)
		return "TDX status (unknown code)";
	name = detail_name(s, TDX_STATUS_DETAIL(status));
	return name ? name : s->unknown;
}

/* Append str to buf[*len], keeping room for the NUL. */
static void put_str(char *buf, size_t size, size_t *len, const char *str)
{
	while (*str && *len + 1 < size)
		buf[(*len)++] = *str++;
}

static void put_hex(char *buf, size_t size, size_t *len, uint64_t value, int digits)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[19];
	int n = 0;

	tmp[n++] = '0';
	tmp[n++] = 'x';
	for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
		tmp[n++] = hex[(value >> shift) & 0xF];
	tmp[n] = '\0';
	put_str(buf, size, len, tmp);
}

char *tdx_strerror_r(uint64_t status, char *buf, size_t size)
{
	const struct status_name *s = find_status(status);
	const char *name = s ? detail_name(s, TDX_STATUS_DETAIL(status)) : 0;
	size_t len = 0;

	if (size == 0)
		return buf;
	if (tdx_status_is_vmcall(status)) {
		uint64_t vmcall = tdx_status_vmcall(status);

		if (tdvmcall_name(vmcall)) {
			put_str(buf, size, &len, tdvmcall_strerror(vmcall));
		} else {
			put_str(buf, size, &len, "TDVMCALL status ");
			put_hex(buf, size, &len, vmcall, 16);
			put_str(buf, size, &len, " (unknown)");
		}
	} else if (name) {
		put_str(buf, size, &len, name);
	} else if (s) {
		put_str(buf, size, &len, s->name);
		put_str(buf, size, &len, " (detail ");
		put_hex(buf, size, &len, TDX_STATUS_DETAIL(status), 8);
		put_str(buf, size, &len, ")");
	} else {
		put_str(buf, size, &len, "TDX status ");
		put_hex(buf, size, &len, status, 16);
		put_str(buf, size, &len, " (unknown code)");
	}
	buf[len] = '\0';
	return buf;
}
