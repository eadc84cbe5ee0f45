/* SPDX-License-Identifier: MIT */
/*
 * ACPI tables: the builder, the finder and the MADT readers.  Layouts are
 * compared byte by byte with offsets typed from ACPI 6.5 (§5.2.5.3 RSDP,
 * §5.2.6 header, §5.2.8 XSDT, §5.2.12 MADT, §5.2.12.2 Local APIC,
 * §5.2.12.12 Local x2APIC, §5.2.12.19 Multiprocessor Wakeup, "CC Event
 * Log ACPI Table"); checksums are recomputed here with a loop of this
 * file's own, and every refusal of malformed input is checked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <tdx/tdx.h>

/* ---- helpers of this file ------------------------------------------------ */

static uint8_t sum(const void *p, size_t n)
{
	const uint8_t *b = p;
	unsigned s = 0;

	for (size_t i = 0; i < n; i++)
		s += b[i];
	return (uint8_t)s;
}

static uint64_t le(const uint8_t *p, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void put(uint8_t *p, uint64_t v, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Make a table's checksum (at byte 9) right again after a test changed it. */
static void fix(uint8_t *table)
{
	uint32_t len = (uint32_t)le(table + 4, 4);

	table[9] = 0;
	table[9] = (uint8_t)(0x100 - sum(table, len));
}

/* Both RSDP checksums right again. */
static void fix_rsdp(uint8_t *r)
{
	r[8] = 0;
	r[8] = (uint8_t)(0x100 - sum(r, 20));
	r[32] = 0;
	r[32] = (uint8_t)(0x100 - sum(r, 36));
}

/*
 * A "physical" address space: [base, base + size) is the buffer `mem`; the
 * map callback refuses anything else, so a Length past the buffer is seen.
 */
struct phys {
	uint8_t *mem;
	uint64_t base;
	uint64_t size;
	unsigned calls;
	uint64_t longest;
};

static const void *phys_map(void *ctx, uint64_t pa, uint64_t len)
{
	struct phys *p = ctx;

	p->calls++;
	if (len > p->longest)
		p->longest = len;
	if (pa < p->base || pa - p->base > p->size || len > p->size - (pa - p->base))
		return NULL;
	return p->mem + (pa - p->base);
}

static uint8_t *at(struct phys *p, uint64_t pa)
{
	return p->mem + (pa - p->base);
}

#define PHYS_BASE 0x7F000000ull	/* where the tables "are" for the OS */
#define MAILBOX   0x7E000000ull
#define LOG_START 0x7D000000ull
#define LOG_LEN   0x10000ull

static _Alignas(4096) uint8_t mem[8192];
static const uint32_t ids[4] = { 0, 1, 2, 7 };

/* Build MADT (+ mailbox) and CCEL at PHYS_BASE in mem[]; the RSDP's address. */
static uint64_t build(struct tdx_acpi_builder *b, struct phys *p)
{
	uint64_t rsdp = 0;

	memset(mem, 0xA5, sizeof(mem));
	*p = (struct phys){ .mem = mem, .base = PHYS_BASE, .size = sizeof(mem) };
	assert_int_equal(tdx_acpi_builder_init(b, mem, sizeof(mem), PHYS_BASE), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_add_madt(b, ids, 4, MAILBOX), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_add_ccel(b, LOG_START, LOG_LEN), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_finish(b, &rsdp), TDX_SUCCESS);
	return rsdp;
}

static uint64_t find(struct phys *p, uint64_t rsdp, const char *sig, const struct tdx_acpi_sdt_header **t)
{
	return tdx_acpi_find_table((const struct tdx_acpi_rsdp *)at(p, rsdp), sig, 0, phys_map, p, t);
}

/* ---- layouts ------------------------------------------------------------- */

static void layouts_are_the_spec_bytes(void **state)
{
	struct tdx_acpi_rsdp rsdp;
	struct tdx_acpi_sdt_header h;
	struct tdx_acpi_madt madt;
	struct tdx_acpi_madt_local_apic lapic;
	struct tdx_acpi_madt_local_x2apic x2;
	struct tdx_acpi_madt_mp_wakeup w;
	struct tdx_acpi_ccel ccel;
	uint8_t want[64];

	(void)state;
	/* RSDP (ACPI 6.5 §5.2.5.3): Signature 0/8, Checksum 8/1, OEMID 9/6, Revision 15/1,
	 * RsdtAddress 16/4, Length 20/4, XsdtAddress 24/8, Extended Checksum 32/1, Reserved 33/3. */
	assert_int_equal(sizeof(rsdp), 36);
	memcpy(rsdp.signature, "RSD PTR ", 8);
	rsdp.checksum = 0x11;
	memcpy(rsdp.oem_id, "ABCDEF", 6);
	rsdp.revision = 2;
	rsdp.rsdt_address = 0x44332211;
	rsdp.length = 36;
	rsdp.xsdt_address = 0x8877665544332211ull;
	rsdp.extended_checksum = 0x22;
	memset(rsdp.reserved, 0x33, 3);
	memset(want, 0, sizeof(want));
	memcpy(want, "RSD PTR ", 8);
	want[8] = 0x11;
	memcpy(want + 9, "ABCDEF", 6);
	want[15] = 2;
	put(want + 16, 0x44332211, 4);
	put(want + 20, 36, 4);
	put(want + 24, 0x8877665544332211ull, 8);
	want[32] = 0x22;
	memset(want + 33, 0x33, 3);
	assert_memory_equal(&rsdp, want, 36);

	/* DESCRIPTION_HEADER (§5.2.6): Signature 0/4, Length 4/4, Revision 8/1, Checksum 9/1,
	 * OEMID 10/6, OEM Table ID 16/8, OEM Revision 24/4, Creator ID 28/4, Creator Revision 32/4. */
	assert_int_equal(sizeof(h), 36);
	assert_int_equal(sizeof(struct tdx_acpi_xsdt), 36);
	memcpy(h.signature, "XSDT", 4);
	h.length = 0x0A0B0C0D;
	h.revision = 1;
	h.checksum = 0x5A;
	memcpy(h.oem_id, "OEMIDX", 6);
	memcpy(h.oem_table_id, "TABLEID8", 8);
	h.oem_revision = 0x01020304;
	memcpy(h.creator_id, "CRID", 4);
	h.creator_revision = 0x05060708;
	memset(want, 0, sizeof(want));
	memcpy(want, "XSDT", 4);
	put(want + 4, 0x0A0B0C0D, 4);
	want[8] = 1;
	want[9] = 0x5A;
	memcpy(want + 10, "OEMIDX", 6);
	memcpy(want + 16, "TABLEID8", 8);
	put(want + 24, 0x01020304, 4);
	memcpy(want + 28, "CRID", 4);
	put(want + 32, 0x05060708, 4);
	assert_memory_equal(&h, want, 36);

	/* MADT (§5.2.12): header, Local Interrupt Controller Address 36/4, Flags 40/4. */
	assert_int_equal(sizeof(madt), 44);
	madt.header = h;
	madt.local_apic_address = 0xFEE00000;
	madt.flags = 0x80000001;
	put(want + 36, 0xFEE00000, 4);
	put(want + 40, 0x80000001, 4);
	assert_memory_equal(&madt, want, 44);

	/* Processor Local APIC (§5.2.12.2): Type 0/1, Length 1/1, UID 2/1, APIC ID 3/1, Flags 4/4. */
	assert_int_equal(sizeof(lapic), 8);
	lapic = (struct tdx_acpi_madt_local_apic){ 0, 8, 0x12, 0x34, 0x01020304 };
	memset(want, 0, sizeof(want));
	want[1] = 8;
	want[2] = 0x12;
	want[3] = 0x34;
	put(want + 4, 0x01020304, 4);
	assert_memory_equal(&lapic, want, 8);

	/* Processor Local x2APIC (§5.2.12.12): Type 0/1 = 9, Length 1/1 = 16, Reserved 2/2,
	 * X2APIC ID 4/4, Flags 8/4, ACPI Processor UID 12/4. */
	assert_int_equal(sizeof(x2), 16);
	x2 = (struct tdx_acpi_madt_local_x2apic){ 9, 16, 0xBEEF, 0x11223344, 0x55667788, 0x99AABBCC };
	memset(want, 0, sizeof(want));
	want[0] = 9;
	want[1] = 16;
	put(want + 2, 0xBEEF, 2);
	put(want + 4, 0x11223344, 4);
	put(want + 8, 0x55667788, 4);
	put(want + 12, 0x99AABBCC, 4);
	assert_memory_equal(&x2, want, 16);

	/* Multiprocessor Wakeup (§5.2.12.19, version 0): Type 0/1 = 0x10, Length 1/1 = 16,
	 * MailBoxVersion 2/2, Reserved 4/4, MailBoxAddress 8/8. */
	assert_int_equal(sizeof(w), 16);
	w = (struct tdx_acpi_madt_mp_wakeup){ 0x10, 16, 0x0102, 0x03040506, 0x1122334455667788ull };
	memset(want, 0, sizeof(want));
	want[0] = 0x10;
	want[1] = 16;
	put(want + 2, 0x0102, 2);
	put(want + 4, 0x03040506, 4);
	put(want + 8, 0x1122334455667788ull, 8);
	assert_memory_equal(&w, want, 16);

	/* CCEL: header, CC Type 36/1, CC Subtype 37/1, Reserved 38/2, LAML 40/8, LASA 48/8. */
	assert_int_equal(sizeof(ccel), 56);
	ccel.header = h;
	ccel.cc_type = 2;
	ccel.cc_subtype = 0x77;
	ccel.reserved = 0x8899;
	ccel.laml = 0x0102030405060708ull;
	ccel.lasa = 0x1112131415161718ull;
	memset(want, 0, sizeof(want));
	memcpy(want, &h, 36);
	want[36] = 2;
	want[37] = 0x77;
	put(want + 38, 0x8899, 2);
	put(want + 40, 0x0102030405060708ull, 8);
	put(want + 48, 0x1112131415161718ull, 8);
	assert_memory_equal(&ccel, want, 56);

	assert_int_equal(TDX_ACPI_MADT_TYPE_LOCAL_X2APIC, 9);
	assert_int_equal(TDX_ACPI_MADT_TYPE_MULTIPROCESSOR_WAKEUP, 0x10);
	assert_int_equal(TDX_ACPI_CCEL_CC_TYPE_TDX, 2);
}

static void checksum_is_the_byte_sum(void **state)
{
	uint8_t b[300];

	(void)state;
	for (unsigned i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)(i * 37 + 11);
	for (unsigned n = 0; n <= sizeof(b); n += 7)
		assert_int_equal(tdx_acpi_checksum(b, n), sum(b, n));
	assert_int_equal(tdx_acpi_checksum(b, 0), 0);
}

/* ---- build, then read back ----------------------------------------------- */

static void built_tables_are_what_the_spec_says(void **state)
{
	struct tdx_acpi_builder b;
	struct phys p;
	uint64_t rsdp_pa = build(&b, &p), xsdt_pa, madt_pa, ccel_pa;
	const uint8_t *r, *x, *m, *c;

	(void)state;
	assert_int_equal(b.count, 2);
	madt_pa = b.table_pa[0];
	ccel_pa = b.table_pa[1];
	assert_int_equal(madt_pa, PHYS_BASE);	/* tables first, in the order added, 8-aligned */
	assert_int_equal(ccel_pa % 8, 0);
	assert_int_equal(rsdp_pa % 16, 0);

	/* RSDP */
	r = at(&p, rsdp_pa);
	assert_memory_equal(r, "RSD PTR ", 8);
	assert_int_equal(sum(r, 20), 0);
	assert_int_equal(sum(r, 36), 0);
	assert_memory_equal(r + 9, "LIBTDX", 6);
	assert_int_equal(r[15], 2);
	assert_int_equal(le(r + 16, 4), 0);
	assert_int_equal(le(r + 20, 4), 36);
	xsdt_pa = le(r + 24, 8);
	assert_int_equal(r[33] | r[34] | r[35], 0);

	/* XSDT: two entries, MADT then CCEL, at unaligned offsets 36 and 44 */
	x = at(&p, xsdt_pa);
	assert_memory_equal(x, "XSDT", 4);
	assert_int_equal(le(x + 4, 4), 36 + 16);
	assert_int_equal(x[8], 1);
	assert_int_equal(sum(x, 52), 0);
	assert_memory_equal(x + 10, "LIBTDX", 6);
	assert_memory_equal(x + 16, "LIBTDX  ", 8);
	assert_int_equal(le(x + 24, 4), 1);
	assert_memory_equal(x + 28, "LTDX", 4);
	assert_int_equal(le(x + 32, 4), TDX_VERSION_NUMBER);
	assert_int_equal(le(x + 36, 8), madt_pa);
	assert_int_equal(le(x + 44, 8), ccel_pa);

	/* MADT: 44 + 4 x2APIC entries + wakeup */
	m = at(&p, madt_pa);
	assert_memory_equal(m, "APIC", 4);
	assert_int_equal(le(m + 4, 4), 44 + 4 * 16 + 16);
	assert_int_equal(m[8], 6);
	assert_int_equal(sum(m, 44 + 4 * 16 + 16), 0);
	assert_int_equal(le(m + 36, 4), 0xFEE00000);
	assert_int_equal(le(m + 40, 4), 0);
	for (unsigned i = 0; i < 4; i++) {
		const uint8_t *e = m + 44 + 16 * i;

		assert_int_equal(e[0], 9);
		assert_int_equal(e[1], 16);
		assert_int_equal(le(e + 2, 2), 0);
		assert_int_equal(le(e + 4, 4), ids[i]);
		assert_int_equal(le(e + 8, 4), 1);	/* Enabled */
		assert_int_equal(le(e + 12, 4), i);
	}
	m += 44 + 4 * 16;
	assert_int_equal(m[0], 0x10);
	assert_int_equal(m[1], 16);
	assert_int_equal(le(m + 2, 2), 0);
	assert_int_equal(le(m + 4, 4), 0);
	assert_int_equal(le(m + 8, 8), MAILBOX);

	/* CCEL */
	c = at(&p, ccel_pa);
	assert_memory_equal(c, "CCEL", 4);
	assert_int_equal(le(c + 4, 4), 56);
	assert_int_equal(c[8], 1);
	assert_int_equal(sum(c, 56), 0);
	assert_int_equal(c[36], 2);
	assert_int_equal(c[37], 0);
	assert_int_equal(le(c + 38, 2), 0);
	assert_int_equal(le(c + 40, 8), LOG_LEN);
	assert_int_equal(le(c + 48, 8), LOG_START);

	/* Padding between the pieces is zeroed; nothing past the RSDP was written. */
	assert_int_equal(b.used, rsdp_pa - PHYS_BASE + 36);
	for (size_t i = b.used; i < sizeof(mem); i++)
		assert_int_equal(mem[i], 0xA5);
}

static void find_returns_each_table(void **state)
{
	struct tdx_acpi_builder b;
	struct phys p;
	uint64_t rsdp = build(&b, &p), mailbox = 0;
	const struct tdx_acpi_sdt_header *t = NULL;
	const struct tdx_acpi_ccel *ccel;
	uint32_t got[8], n = 0;
	uint16_t version = 0xFFFF;

	(void)state;
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SUCCESS);
	assert_ptr_equal(t, at(&p, b.table_pa[0]));
	assert_int_equal(tdx_acpi_madt_mp_wakeup((const struct tdx_acpi_madt *)t, &mailbox, &version), TDX_SUCCESS);
	assert_int_equal(mailbox, MAILBOX);
	assert_int_equal(version, 0);
	assert_int_equal(tdx_acpi_madt_apic_ids((const struct tdx_acpi_madt *)t, got, 8, &n), TDX_SUCCESS);
	assert_int_equal(n, 4);
	assert_memory_equal(got, ids, sizeof(ids));

	assert_int_equal(find(&p, rsdp, "CCEL", &t), TDX_SUCCESS);
	ccel = (const struct tdx_acpi_ccel *)t;
	assert_int_equal(ccel->lasa, LOG_START);
	assert_int_equal(ccel->laml, LOG_LEN);
	assert_int_equal(ccel->cc_type, TDX_ACPI_CCEL_CC_TYPE_TDX);

	assert_int_equal(find(&p, rsdp, "XSDT", &t), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_xsdt_entry((const struct tdx_acpi_xsdt *)t, 0), b.table_pa[0]);
	assert_int_equal(tdx_acpi_xsdt_entry((const struct tdx_acpi_xsdt *)t, 1), b.table_pa[1]);
	assert_int_equal(tdx_acpi_xsdt_entry((const struct tdx_acpi_xsdt *)t, 2), 0);

	t = NULL;
	assert_int_equal(find(&p, rsdp, "FACP", &t), TDX_SW_ACPI_NOT_FOUND);
	assert_null(t);
	assert_int_equal(tdx_acpi_find_table((const struct tdx_acpi_rsdp *)at(&p, rsdp), "APIC", 1, phys_map, &p, &t),
			 TDX_SW_ACPI_NOT_FOUND);
	/* No read was ever longer than a table. */
	assert_true(p.longest <= 44 + 5 * 16);
}

/* Identity mapping (no callback): the buffer's own address is the physical address. */
static void find_with_identity_mapping(void **state)
{
	static _Alignas(16) uint8_t buf[1024];
	struct tdx_acpi_builder b;
	const struct tdx_acpi_sdt_header *t;
	uint64_t rsdp = 0, mailbox = 1;
	uint32_t one = 5;

	(void)state;
	assert_int_equal(tdx_acpi_builder_init(&b, buf, sizeof(buf), (uint64_t)(uintptr_t)buf), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_add_madt(&b, &one, 1, 0), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_finish(&b, &rsdp), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_find_table((const struct tdx_acpi_rsdp *)(uintptr_t)rsdp, TDX_ACPI_SIG_MADT, 0,
					     NULL, NULL, &t), TDX_SUCCESS);
	assert_ptr_equal(t, buf);
	assert_int_equal(t->length, 44 + 16);	/* no mailbox, no wakeup structure */
	assert_int_equal(tdx_acpi_madt_mp_wakeup((const struct tdx_acpi_madt *)t, &mailbox, NULL),
			 TDX_SW_ACPI_NOT_FOUND);
	assert_int_equal(mailbox, 1);
	/* An XSDT address of 0 would be a NULL pointer: refused before any read. */
	((struct tdx_acpi_rsdp *)(uintptr_t)rsdp)->xsdt_address = 0;
	fix_rsdp((uint8_t *)(uintptr_t)rsdp);
	assert_int_equal(tdx_acpi_find_table((const struct tdx_acpi_rsdp *)(uintptr_t)rsdp, "APIC", 0, NULL, NULL, &t),
			 TDX_SW_ACPI_BAD_ADDRESS);
}

static void ssdt_instances_and_caller_tables(void **state)
{
	struct tdx_acpi_builder b;
	struct phys p = { .mem = mem, .base = PHYS_BASE, .size = sizeof(mem) };
	uint8_t ssdt[40], oem[37];
	const struct tdx_acpi_sdt_header *t;
	uint64_t rsdp = 0;

	(void)state;
	memset(ssdt, 0, sizeof(ssdt));
	memcpy(ssdt, "SSDT", 4);
	put(ssdt + 4, sizeof(ssdt), 4);
	ssdt[9] = 0x5C;	/* wrong: the builder computes it */
	memset(oem, 0x42, sizeof(oem));
	memcpy(oem, "OEMX", 4);
	put(oem + 4, sizeof(oem), 4);
	assert_int_equal(tdx_acpi_builder_init(&b, mem, sizeof(mem), PHYS_BASE), TDX_SUCCESS);
	memcpy(b.oem_id, "VENDOR", 6);
	assert_int_equal(tdx_acpi_add_table(&b, ssdt, sizeof(ssdt)), TDX_SUCCESS);
	ssdt[39] = 1;
	assert_int_equal(tdx_acpi_add_table(&b, ssdt, sizeof(ssdt)), TDX_SUCCESS);	/* SSDTs may repeat */
	assert_int_equal(tdx_acpi_add_table(&b, oem, sizeof(oem)), TDX_SUCCESS);	/* odd length: next one 8-aligned */
	assert_int_equal(tdx_acpi_add_table(&b, oem, sizeof(oem)), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_add_ccel(&b, LOG_START, LOG_LEN), TDX_SUCCESS);
	assert_int_equal(b.table_pa[3] % 8, 0);
	assert_int_equal(tdx_acpi_finish(&b, &rsdp), TDX_SUCCESS);
	assert_memory_equal(at(&p, rsdp) + 9, "VENDOR", 6);

	assert_int_equal(tdx_acpi_find_table((const struct tdx_acpi_rsdp *)at(&p, rsdp), "SSDT", 1, phys_map, &p, &t),
			 TDX_SUCCESS);
	assert_int_equal(((const uint8_t *)t)[39], 1);
	assert_int_equal(sum(t, 40), 0);
	assert_memory_equal((const uint8_t *)t + 10, ssdt + 10, 30);	/* a caller's table keeps its own OEM fields */
	assert_int_equal(tdx_acpi_find_table((const struct tdx_acpi_rsdp *)at(&p, rsdp), "SSDT", 2, phys_map, &p, &t),
			 TDX_SW_ACPI_NOT_FOUND);
	assert_int_equal(find(&p, rsdp, "OEMX", &t), TDX_SUCCESS);
	assert_int_equal(sum(t, sizeof(oem)), 0);
	assert_memory_equal((const uint8_t *)t + 10, oem + 10, sizeof(oem) - 10);	/* copied as given */
}

/* ---- the builder's refusals -------------------------------------------------- */

/* `call` refuses with `want` and changes neither the builder nor the buffer. */
#define REFUSES(want, call)                                                        \
	do {                                                                       \
		struct tdx_acpi_builder before_ = b;                               \
		memcpy(snapshot, mem, sizeof(mem));                                \
		assert_int_equal((call), (want));                                  \
		assert_memory_equal(&before_, &b, sizeof(b));                      \
		assert_memory_equal(snapshot, mem, sizeof(mem));                   \
	} while (0)

static uint8_t snapshot[sizeof(mem)];

static void builder_refuses_bad_arguments(void **state)
{
	struct tdx_acpi_builder b;
	uint32_t dup[3] = { 1, 2, 1 }, bad[2] = { 1, 0xFFFFFFFF };
	static uint32_t many[TDX_ACPI_MADT_MAX_CPUS + 1];
	uint8_t table[36];
	uint64_t rsdp = 0;

	(void)state;
	assert_int_equal(tdx_acpi_builder_init(NULL, mem, sizeof(mem), PHYS_BASE), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_builder_init(&b, NULL, sizeof(mem), PHYS_BASE), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_builder_init(&b, mem, sizeof(mem), 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_builder_init(&b, mem, sizeof(mem), UINT64_MAX - 100), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_builder_init(&b, mem, 101, UINT64_MAX - 100), TDX_SUCCESS);	/* ends at 2^64 */

	memset(mem, 0xA5, sizeof(mem));
	assert_int_equal(tdx_acpi_builder_init(&b, mem, sizeof(mem), PHYS_BASE), TDX_SUCCESS);
	for (uint32_t i = 0; i < TDX_ACPI_MADT_MAX_CPUS + 1; i++)
		many[i] = i;
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_madt(NULL, ids, 4, 0));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_madt(&b, NULL, 4, 0));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_madt(&b, ids, 0, 0));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_madt(&b, many, TDX_ACPI_MADT_MAX_CPUS + 1, 0));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_madt(&b, dup, 3, 0));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_madt(&b, bad, 2, 0));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_madt(&b, ids, 4, MAILBOX + 8));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_ccel(NULL, LOG_START, LOG_LEN));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_ccel(&b, 0, LOG_LEN));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_ccel(&b, LOG_START, 0));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_ccel(&b, UINT64_MAX - 10, 12));
	assert_int_equal(tdx_acpi_add_ccel(&b, UINT64_MAX - 10, 11), TDX_SUCCESS);	/* ends at 2^64 */
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_ccel(&b, LOG_START, LOG_LEN));	/* a second CCEL */
	assert_int_equal(tdx_acpi_add_madt(&b, ids, 4, MAILBOX), TDX_SUCCESS);
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_madt(&b, ids, 4, MAILBOX));	/* a second MADT */

	memset(table, 0, sizeof(table));
	put(table + 4, 36, 4);
	memcpy(table, "XSDT", 4);
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_table(&b, table, 36));
	memcpy(table, "RSDT", 4);
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_table(&b, table, 36));
	memcpy(table, "RSD ", 4);
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_table(&b, table, 36));
	memcpy(table, "APIC", 4);
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_table(&b, table, 36));	/* one MADT already */
	memcpy(table, "SSDT", 4);
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_table(&b, table, 35));	/* Length says 36 */
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_table(&b, NULL, 36));
	put(table + 4, 35, 4);
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_table(&b, table, 35));	/* shorter than a header */
	put(table + 4, 36, 4);

	/* Eight tables fill the XSDT; the ninth is refused. */
	for (unsigned i = 2; i < TDX_ACPI_BUILDER_MAX_TABLES; i++)
		assert_int_equal(tdx_acpi_add_table(&b, table, 36), TDX_SUCCESS);
	REFUSES(TDX_SW_ACPI_TOO_MANY_TABLES, tdx_acpi_add_table(&b, table, 36));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_finish(&b, NULL));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_finish(NULL, &rsdp));
	assert_int_equal(tdx_acpi_finish(&b, &rsdp), TDX_SUCCESS);
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_finish(&b, &rsdp));
	memcpy(table, "OEMZ", 4);
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_table(&b, table, 36));
	REFUSES(TDX_SW_INVALID_ARGUMENT, tdx_acpi_add_madt(&b, ids, 4, 0));
}

/*
 * Every buffer size short of what MADT + CCEL + XSDT + RSDP need: the first
 * call that does not fit says TDX_SW_BUFFER_TOO_SMALL and writes nothing,
 * nothing is ever written past `size`, and what was added before stays valid.
 */
static void buffer_too_small_at_every_size(void **state)
{
	static uint8_t back[2048];
	struct tdx_acpi_builder b;
	uint64_t rsdp = 0;
	size_t need;

	(void)state;
	assert_int_equal(tdx_acpi_builder_init(&b, back, sizeof(back), PHYS_BASE), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_add_madt(&b, ids, 4, MAILBOX), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_add_ccel(&b, LOG_START, LOG_LEN), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_finish(&b, &rsdp), TDX_SUCCESS);
	need = b.used;
	assert_int_equal(need, rsdp - PHYS_BASE + 36);

	for (size_t size = 0; size <= need; size++) {
		uint64_t status = TDX_SUCCESS;
		unsigned step;

		memset(back, 0xA5, sizeof(back));
		assert_int_equal(tdx_acpi_builder_init(&b, back, size, PHYS_BASE), TDX_SUCCESS);
		for (step = 0; step < 3 && status == TDX_SUCCESS; step++) {
			struct tdx_acpi_builder before = b;

			status = step == 0 ? tdx_acpi_add_madt(&b, ids, 4, MAILBOX) :
				 step == 1 ? tdx_acpi_add_ccel(&b, LOG_START, LOG_LEN) :
					     tdx_acpi_finish(&b, &rsdp);
			if (status != TDX_SUCCESS) {
				assert_int_equal(status, TDX_SW_BUFFER_TOO_SMALL);
				assert_memory_equal(&before, &b, sizeof(b));
			}
		}
		if (size == need) {
			assert_int_equal(status, TDX_SUCCESS);
		} else {
			assert_int_equal(status, TDX_SW_BUFFER_TOO_SMALL);
			assert_false(b.finished);
		}
		assert_true(b.used <= size);
		for (size_t i = b.used; i < sizeof(back); i++)
			assert_int_equal(back[i], 0xA5);
		/* The tables added before the refusal are complete. */
		for (uint32_t i = 0; i < b.count; i++) {
			const uint8_t *t = back + (b.table_pa[i] - PHYS_BASE);

			assert_int_equal(sum(t, le(t + 4, 4)), 0);
		}
	}
}

/* ---- the finder's refusals ------------------------------------------------ */

static void rsdp_refusals(void **state)
{
	struct tdx_acpi_builder b;
	struct phys p;
	uint64_t rsdp = build(&b, &p);
	uint8_t *r = at(&p, rsdp), saved[36];
	const struct tdx_acpi_sdt_header *t = NULL;

	(void)state;
	memcpy(saved, r, 36);
	assert_int_equal(tdx_acpi_check_rsdp(NULL), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_check_rsdp((const struct tdx_acpi_rsdp *)r), TDX_SUCCESS);

	r[7] = 'X';	/* "RSD PTRX" */
	fix_rsdp(r);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_SIGNATURE);
	memcpy(r, saved, 36);
	r[10] ^= 1;	/* in the first 20 bytes */
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_CHECKSUM);
	memcpy(r, saved, 36);
	r[33] = 1;	/* Reserved: only the extended checksum covers it */
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_CHECKSUM);
	memcpy(r, saved, 36);
	r[15] = 0;	/* revision 0: an ACPI 1.0 RSDP, no XSDT */
	fix_rsdp(r);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_REVISION);
	r[15] = 1;
	fix_rsdp(r);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_REVISION);
	memcpy(r, saved, 36);
	put(r + 20, 20, 4);	/* Length shorter than revision 2's */
	fix_rsdp(r);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_LENGTH);
	memcpy(r, saved, 36);
	put(r + 24, 0, 8);
	fix_rsdp(r);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_ADDRESS);
	memcpy(r, saved, 36);
	put(r + 24, PHYS_BASE + sizeof(mem) - 20, 8);	/* the XSDT header would cross the end */
	fix_rsdp(r);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_ADDRESS);
	memcpy(r, saved, 36);
	assert_int_equal(tdx_acpi_find_table((const struct tdx_acpi_rsdp *)r, NULL, 0, phys_map, &p, &t),
			 TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_find_table((const struct tdx_acpi_rsdp *)r, "APIC", 0, phys_map, &p, NULL),
			 TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_find_table(NULL, "APIC", 0, phys_map, &p, &t), TDX_SW_INVALID_ARGUMENT);
	assert_null(t);	/* never written on a refusal */
}

static void xsdt_refusals(void **state)
{
	struct tdx_acpi_builder b;
	struct phys p;
	uint64_t rsdp = build(&b, &p);
	uint8_t *x = at(&p, le(at(&p, rsdp) + 24, 8)), saved[52];
	const struct tdx_acpi_sdt_header *t = NULL;

	(void)state;
	memcpy(saved, x, sizeof(saved));
	x[0] = 'R';	/* "RSDT" */
	fix(x);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_SIGNATURE);
	memcpy(x, saved, sizeof(saved));
	x[40] ^= 0x10;	/* an entry: bad checksum */
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_CHECKSUM);
	memcpy(x, saved, sizeof(saved));
	put(x + 4, 35, 4);	/* truncated: shorter than its header */
	fix(x);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_LENGTH);
	memcpy(x, saved, sizeof(saved));
	put(x + 4, 36 + 12, 4);	/* not a whole number of entries */
	fix(x);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_LENGTH);
	memcpy(x, saved, sizeof(saved));
	put(x + 4, 36 + 8 * (TDX_ACPI_XSDT_MAX_ENTRIES + 1), 4);	/* a huge entry count */
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_LENGTH);
	put(x + 4, 0xFFFFFFFC, 4);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_LENGTH);
	memcpy(x, saved, sizeof(saved));
	put(x + 4, 36 + 8 * 1000, 4);	/* in bounds, but past the end of memory */
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_ADDRESS);
	memcpy(x, saved, sizeof(saved));
	put(x + 36, PHYS_BASE + sizeof(mem), 8);	/* an entry past the end of memory */
	fix(x);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_ADDRESS);
	memcpy(x, saved, sizeof(saved));
	put(x + 36, 0, 8);	/* an empty entry is skipped */
	fix(x);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_NOT_FOUND);
	assert_int_equal(find(&p, rsdp, "CCEL", &t), TDX_SUCCESS);
}

static void table_refusals(void **state)
{
	struct tdx_acpi_builder b;
	struct phys p;
	uint64_t rsdp = build(&b, &p);
	uint8_t *m = at(&p, b.table_pa[0]), *c = at(&p, b.table_pa[1]), saved[124], saved_c[56];
	const struct tdx_acpi_sdt_header *t = NULL;

	(void)state;
	memcpy(saved, m, sizeof(saved));
	memcpy(saved_c, c, sizeof(saved_c));
	m[50] ^= 1;	/* bad checksum */
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_CHECKSUM);
	memcpy(m, saved, sizeof(saved));
	put(m + 4, 43, 4);	/* shorter than the MADT's fixed part */
	fix(m);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_LENGTH);
	put(m + 4, 35, 4);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_LENGTH);
	put(m + 4, 0xFFFFFFFF, 4);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_LENGTH);
	put(m + 4, TDX_ACPI_TABLE_MAX_LENGTH + 1, 4);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_LENGTH);
	put(m + 4, sizeof(mem) + 1, 4);	/* in bounds, past the end of memory */
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SW_ACPI_BAD_ADDRESS);
	memcpy(m, saved, sizeof(saved));
	put(c + 4, 55, 4);	/* a CCEL shorter than its 56 bytes */
	fix(c);
	assert_int_equal(find(&p, rsdp, "CCEL", &t), TDX_SW_ACPI_BAD_LENGTH);
	memcpy(c, saved_c, sizeof(saved_c));
	assert_int_equal(find(&p, rsdp, "CCEL", &t), TDX_SUCCESS);
}

/* A map that answers the second time with other bytes must not move the bound. */
static const void *flipping_map(void *ctx, uint64_t pa, uint64_t len)
{
	static uint8_t other[256];
	struct phys *p = ctx;
	const uint8_t *real = phys_map(ctx, pa, len);

	if (!real || len == 36 || pa != p->base)
		return real;
	memcpy(other, real, len < sizeof(other) ? len : sizeof(other));
	put(other + 4, 0xFFFF, 4);	/* says longer than what was bounded and mapped */
	return other;
}

static void map_cannot_change_a_length(void **state)
{
	struct tdx_acpi_builder b;
	struct phys p;
	uint64_t rsdp = build(&b, &p);
	const struct tdx_acpi_sdt_header *t = NULL;

	(void)state;
	assert_int_equal(tdx_acpi_find_table((const struct tdx_acpi_rsdp *)at(&p, rsdp), "APIC", 0, flipping_map, &p,
					     &t), TDX_SW_ACPI_BAD_LENGTH);
	assert_null(t);
}

/* ---- MADT structures -------------------------------------------------------- */

static void madt_entry_refusals(void **state)
{
	struct tdx_acpi_builder b;
	struct phys p;
	uint64_t rsdp = build(&b, &p), mailbox = 0;
	uint8_t *m = at(&p, b.table_pa[0]), saved[124];
	const struct tdx_acpi_madt *madt = (const struct tdx_acpi_madt *)m;
	const struct tdx_acpi_sdt_header *t;
	const struct tdx_acpi_madt_entry *e;
	struct tdx_acpi_madt_iter it;
	uint32_t got[4] = { 0 }, n = 99;
	unsigned seen = 0;

	(void)state;
	memcpy(saved, m, sizeof(saved));
	/* The iterator walks 5 structures, then says "end" (NULL), again and again. */
	assert_int_equal(tdx_acpi_madt_iter_init(&it, madt), TDX_SUCCESS);
	while (tdx_acpi_madt_next(&it, &e) == TDX_SUCCESS && e)
		seen++;
	assert_int_equal(seen, 5);
	assert_int_equal(tdx_acpi_madt_next(&it, &e), TDX_SUCCESS);
	assert_null(e);

	/* A zero-length entry: every reader refuses, the iterator stays on it. */
	m[44 + 16 + 1] = 0;
	fix(m);
	assert_int_equal(find(&p, rsdp, "APIC", &t), TDX_SUCCESS);	/* the table's own checks pass */
	assert_int_equal(tdx_acpi_madt_iter_init(&it, madt), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_madt_next(&it, &e), TDX_SUCCESS);
	assert_int_equal(tdx_acpi_madt_next(&it, &e), TDX_SW_ACPI_BAD_ENTRY);
	assert_int_equal(tdx_acpi_madt_next(&it, &e), TDX_SW_ACPI_BAD_ENTRY);
	assert_int_equal(it.offset, 44 + 16);
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, NULL), TDX_SW_ACPI_BAD_ENTRY);
	assert_int_equal(tdx_acpi_madt_apic_ids(madt, got, 4, &n), TDX_SW_ACPI_BAD_ENTRY);
	assert_int_equal(n, 99);
	assert_int_equal(got[0], 0);
	m[44 + 16 + 1] = 1;	/* length 1 */
	assert_int_equal(tdx_acpi_madt_apic_ids(madt, got, 4, &n), TDX_SW_ACPI_BAD_ENTRY);
	m[44 + 16 + 1] = 8;	/* an x2APIC structure shorter than its 16 bytes */
	assert_int_equal(tdx_acpi_madt_apic_ids(madt, got, 4, &n), TDX_SW_ACPI_BAD_ENTRY);
	m[44 + 16 + 1] = 17;	/* runs past the table's end in the end */
	assert_int_equal(tdx_acpi_madt_apic_ids(madt, got, 4, &n), TDX_SW_ACPI_BAD_ENTRY);
	memcpy(m, saved, sizeof(saved));
	m[44 + 64 + 1] = 12;	/* a wakeup structure shorter than version 0's 16 bytes */
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, NULL), TDX_SW_ACPI_BAD_ENTRY);
	m[44 + 64 + 1] = 255;	/* past the end */
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, NULL), TDX_SW_ACPI_BAD_ENTRY);
	memcpy(m, saved, sizeof(saved));
	put(m + 4, 44 + 64 + 15, 4);	/* truncated: one byte short of the wakeup structure */
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, NULL), TDX_SW_ACPI_BAD_ENTRY);
	put(m + 4, 44 + 64 + 1, 4);	/* one byte left: not even a structure header */
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, NULL), TDX_SW_ACPI_BAD_ENTRY);
	put(m + 4, 44 + 64, 4);	/* no wakeup structure */
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, NULL), TDX_SW_ACPI_NOT_FOUND);
	put(m + 4, 43, 4);
	assert_int_equal(tdx_acpi_madt_iter_init(&it, madt), TDX_SW_ACPI_BAD_LENGTH);
	put(m + 4, TDX_ACPI_TABLE_MAX_LENGTH + 1, 4);
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, NULL), TDX_SW_ACPI_BAD_LENGTH);
	memcpy(m, saved, sizeof(saved));
	m[0] = 'X';
	assert_int_equal(tdx_acpi_madt_iter_init(&it, madt), TDX_SW_ACPI_BAD_SIGNATURE);
	assert_int_equal(tdx_acpi_madt_iter_init(NULL, madt), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_madt_iter_init(&it, NULL), TDX_SW_INVALID_ARGUMENT);
	memcpy(m, saved, sizeof(saved));
	put(m + 44 + 64 + 8, MAILBOX + 0x800, 8);	/* a mailbox not 4 KiB-aligned */
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, NULL), TDX_SW_ACPI_BAD_ENTRY);
	put(m + 44 + 64 + 8, 0, 8);	/* zeroed: an OS that will not hand CPUs back */
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, NULL), TDX_SW_ACPI_NOT_FOUND);
	assert_int_equal(mailbox, 0);
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, NULL, NULL), TDX_SW_INVALID_ARGUMENT);
}

static void madt_apic_ids_of_others(void **state)
{
	/* A MADT as other firmware writes it: type 0 entries, a disabled one, an unknown type, x2APIC. */
	static uint8_t t[44 + 8 * 3 + 6 + 16 + 24];
	const struct tdx_acpi_madt *madt = (const struct tdx_acpi_madt *)t;
	uint8_t *e = t + 44;
	uint32_t got[8], n = 0;
	uint64_t mailbox = 0;
	uint16_t version = 0;

	(void)state;
	memcpy(t, "APIC", 4);
	put(t + 4, sizeof(t), 4);
	e[0] = 0, e[1] = 8, e[2] = 0, e[3] = 0, put(e + 4, 1, 4), e += 8;
	e[0] = 0, e[1] = 8, e[2] = 1, e[3] = 2, put(e + 4, 0, 4), e += 8;	/* disabled */
	e[0] = 0, e[1] = 8, e[2] = 2, e[3] = 4, put(e + 4, 3, 4), e += 8;
	e[0] = 1, e[1] = 6, e += 6;	/* an I/O APIC, skipped */
	e[0] = 9, e[1] = 16, put(e + 4, 300, 4), put(e + 8, 1, 4), e += 16;
	/* a version 1 wakeup structure (24 bytes): read as version 0 plus more */
	e[0] = 0x10, e[1] = 24, put(e + 2, 1, 2), put(e + 8, MAILBOX, 8), put(e + 16, 0x1234, 8);
	fix(t);
	assert_int_equal(tdx_acpi_madt_apic_ids(madt, got, 8, &n), TDX_SUCCESS);
	assert_int_equal(n, 3);
	assert_int_equal(got[0], 0);
	assert_int_equal(got[1], 4);
	assert_int_equal(got[2], 300);
	assert_int_equal(tdx_acpi_madt_apic_ids(madt, got, 2, &n), TDX_SW_BUFFER_TOO_SMALL);
	assert_int_equal(n, 3);
	assert_int_equal(tdx_acpi_madt_apic_ids(madt, NULL, 0, &n), TDX_SW_BUFFER_TOO_SMALL);
	assert_int_equal(tdx_acpi_madt_apic_ids(madt, NULL, 1, &n), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_madt_apic_ids(madt, got, 8, NULL), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_acpi_madt_mp_wakeup(madt, &mailbox, &version), TDX_SUCCESS);
	assert_int_equal(mailbox, MAILBOX);
	assert_int_equal(version, 1);
}

static void statuses_have_names(void **state)
{
	(void)state;
	assert_string_equal(tdx_strerror(TDX_SW_ACPI_BAD_SIGNATURE), "TDX_SW_ACPI_BAD_SIGNATURE");
	assert_string_equal(tdx_strerror(TDX_SW_ACPI_BAD_CHECKSUM), "TDX_SW_ACPI_BAD_CHECKSUM");
	assert_string_equal(tdx_strerror(TDX_SW_ACPI_BAD_LENGTH), "TDX_SW_ACPI_BAD_LENGTH");
	assert_string_equal(tdx_strerror(TDX_SW_ACPI_BAD_REVISION), "TDX_SW_ACPI_BAD_REVISION");
	assert_string_equal(tdx_strerror(TDX_SW_ACPI_BAD_ENTRY), "TDX_SW_ACPI_BAD_ENTRY");
	assert_string_equal(tdx_strerror(TDX_SW_ACPI_BAD_ADDRESS), "TDX_SW_ACPI_BAD_ADDRESS");
	assert_string_equal(tdx_strerror(TDX_SW_ACPI_NOT_FOUND), "TDX_SW_ACPI_NOT_FOUND");
	assert_string_equal(tdx_strerror(TDX_SW_ACPI_TOO_MANY_TABLES), "TDX_SW_ACPI_TOO_MANY_TABLES");
	assert_true(tdx_status_is_sw(TDX_SW_ACPI_NOT_FOUND));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layouts_are_the_spec_bytes),
		cmocka_unit_test(checksum_is_the_byte_sum),
		cmocka_unit_test(built_tables_are_what_the_spec_says),
		cmocka_unit_test(find_returns_each_table),
		cmocka_unit_test(find_with_identity_mapping),
		cmocka_unit_test(ssdt_instances_and_caller_tables),
		cmocka_unit_test(builder_refuses_bad_arguments),
		cmocka_unit_test(buffer_too_small_at_every_size),
		cmocka_unit_test(rsdp_refusals),
		cmocka_unit_test(xsdt_refusals),
		cmocka_unit_test(table_refusals),
		cmocka_unit_test(map_cannot_change_a_length),
		cmocka_unit_test(madt_entry_refusals),
		cmocka_unit_test(madt_apic_ids_of_others),
		cmocka_unit_test(statuses_have_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
