/* SPDX-License-Identifier: MIT */
/*
 * Real instructions through the #VE handler: in/out/ins/outs/hlt/rdmsr/
 * wrmsr fault in user mode (#GP -> SIGSEGV) and loads/stores to a PROT_NONE
 * MMIO window fault (#PF -> SIGSEGV); the harness fabricates the VE info
 * like the TDX module and runs tdx_handle_ve() on the faulting context.
 * Also the real IDT stub tdx_ve_entry, entered with a faked CPU frame.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <asm/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <tdx/tdx.h>
#include <tdx/module.h>
#include "tdx_harness.h"
#include "support.h"
#include "tdxh_ve.h"
#include "ve_hooks.h"

/* ---- an MMIO device: 4 KiB of registers that remember what was written ---- */
static uint8_t regs[0x2000];
static struct { uint64_t offset, value; unsigned size, count; } last_write;

static uint64_t dev_read(void *ctx, uint64_t offset, unsigned size)
{
	uint64_t v = 0;

	(void)ctx;
	memcpy(&v, regs + offset, size);
	return v;
}

static void dev_write(void *ctx, uint64_t offset, unsigned size, uint64_t value)
{
	(void)ctx;
	memcpy(regs + offset, &value, size);
	last_write.offset = offset;
	last_write.value = value;
	last_write.size = size;
	last_write.count++;
}

static uint8_t *win;

/* A tiny MSR file for the VMM. */
static uint64_t msr_index, msr_value;
static void vmm_rdmsr(struct tdxh_vmcall *c)
{
	if (tdxh_vmm_read(c, TDXH_R12) != msr_index) {
		tdxh_vmm_status(c, 0x8000000000000000ull);
		return;
	}
	tdxh_vmm_write(c, TDXH_R11, msr_value);
	tdxh_vmm_status(c, 0);
}
static void vmm_wrmsr(struct tdxh_vmcall *c)
{
	msr_index = tdxh_vmm_read(c, TDXH_R12);
	msr_value = tdxh_vmm_read(c, TDXH_R13);
	tdxh_vmm_status(c, 0);
}
static void vmm_hlt(struct tdxh_vmcall *c)
{
	tdxh_vmm_status(c, 0);
}

static int setup(void **state)
{
	static const struct tdx_model_mmio_device dev = { .read = dev_read, .write = dev_write };

	(void)state;
	tdxh_reset();
	tdxh_set_vmcall_model(31, vmm_rdmsr);
	tdxh_set_vmcall_model(32, vmm_wrmsr);
	tdxh_set_vmcall_model(12, vmm_hlt);
	win = tdxh_ve_map_mmio(0x2000, &dev);
	memset(regs, 0, sizeof(regs));
	memset(&last_write, 0, sizeof(last_write));
	fatal_calls = 0;
	return 0;
}

static void real_outb_reaches_the_device(void **state)
{
	(void)state;
	tdxh_ve_arm();
	__asm__ volatile("outb %%al, %%dx" : : "a"(0x5A), "d"(0x80));
	assert_int_equal(tdxh.scratch.value, 0x5A);
	assert_int_equal(tdxh.scratch.size, 1);
	__asm__ volatile("outb %%al, $0x80" : : "a"(0xA7));
	assert_int_equal(tdxh.scratch.value, 0xA7);
	__asm__ volatile("outw %%ax, %%dx" : : "a"(0xBEEF), "d"(0x80));
	assert_int_equal(tdxh.scratch.value, 0xBEEF);
	assert_int_equal(tdxh.scratch.size, 2);
	__asm__ volatile("outl %%eax, $0x80" : : "a"(0xDEADBEEF));
	assert_int_equal(tdxh.scratch.value, 0xDEADBEEF);
	assert_int_equal(tdxh.scratch.size, 4);
	assert_int_equal(tdxh_ve_stats.delivered, 4);
	/* The last one: exit reason 30, qualification out|imm|size 4|port 0x80. */
	assert_int_equal(tdxh_ve_stats.last.exit_reason, 30);
	assert_int_equal(tdxh_ve_stats.last.exit_qualification, 3 | (1 << 6) | (0x80u << 16));
	assert_int_equal(tdxh_ve_stats.last.instruction_length, 2);
}

static void real_in_merges_and_zero_extends(void **state)
{
	uint64_t rax = 0x1111111111111100ull;

	(void)state;
	tdxh_ve_arm();
	__asm__ volatile("inb %%dx, %%al" : "+a"(rax) : "d"(0x3FD));	/* COM1 LSR */
	assert_int_equal(rax, 0x1111111111111160ull);
	__asm__ volatile("outl %%eax, %%dx" : : "a"(0xCAFEF00D), "d"(0x80));
	rax = 0x2222222222222222ull;
	__asm__ volatile("inw $0x80, %%ax" : "+a"(rax));
	assert_int_equal(rax, 0x222222222222F00Dull);
	rax = 0x3333333333333333ull;
	__asm__ volatile("inl %%dx, %%eax" : "+a"(rax) : "d"(0x80));
	assert_int_equal(rax, 0xCAFEF00Dull);
}

static void real_rep_outsb_to_com1(void **state)
{
	static char text[301];
	const char *p = text;
	uint64_t n;

	(void)state;
	tdxh_ve_arm();
	for (int i = 0; i < 300; i++)
		text[i] = (char)('A' + i % 26);
	n = 300;	/* more than one chunk: the CPU re-executes the rep outsb */
	__asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(0x3F8) : "memory");
	assert_string_equal(tdxh_com1(), text);
	assert_int_equal(n, 0);
	assert_ptr_equal(p, text + 300);
	assert_int_equal(tdxh_ve_stats.delivered, 3);	/* 128 + 128 + 44 */
	assert_int_equal(tdxh_count(0, 30), 300);
}

static void real_outsb_backwards(void **state)
{
	static const char buf[] = "_olleh";
	const char *text = buf + 1, *p = text + 4;
	uint64_t n = 5;

	(void)state;
	tdxh_ve_arm();
	__asm__ volatile("std\n\trep outsb\n\tcld" : "+S"(p), "+c"(n) : "d"(0x3F8) : "memory");
	assert_string_equal(tdxh_com1(), "hello");
	assert_ptr_equal(p, buf);	/* one before the first byte sent */
}

static void real_rep_insb_and_insl(void **state)
{
	uint8_t buf[8] = { 0 };
	uint8_t *p = buf;
	uint64_t n = 4;
	uint32_t words[2] = { 0, 0 };
	uint32_t *w = words;

	(void)state;
	tdxh_ve_arm();
	__asm__ volatile("outl %%eax, %%dx" : : "a"(0x44332211), "d"(0x80));
	__asm__ volatile("rep insb" : "+D"(p), "+c"(n) : "d"(0x80) : "memory");
	assert_memory_equal(buf, "\x11\x11\x11\x11\0\0\0\0", 8);
	assert_ptr_equal(p, buf + 4);
	n = 2;
	__asm__ volatile("rep insl" : "+D"(w), "+c"(n) : "d"(0x80) : "memory");
	assert_int_equal(words[0], 0x44332211);
	assert_int_equal(words[1], 0x44332211);
	/* Without REP: one element. */
	p = buf;
	__asm__ volatile("outb %%al, %%dx\n\tinsb" : "+D"(p) : "a"(0x99), "d"(0x80) : "memory");
	assert_int_equal(buf[0], 0x99);
	assert_ptr_equal(p, buf + 1);
}

static void real_hlt_and_msrs(void **state)
{
	uint32_t lo, hi;
	uint64_t rflags;

	(void)state;
	tdxh_ve_arm();
	/* IF = 1 in user mode on a CPU (valgrind's reports 0 to PUSHF and in the frame). */
	__asm__ volatile("pushfq\n\tpopq %0" : "=r"(rflags));
	__asm__ volatile("hlt");
	assert_int_equal(tdxh_count(0, 12), 1);
	assert_int_equal(tdxh_last_record()->vmm_saw.gpr[TDXH_R12], (rflags & 0x200) ? 0 : 1);

	__asm__ volatile("wrmsr" : : "c"(0xC0000100), "a"(0x89ABCDEF), "d"(0x01234567));
	assert_int_equal(msr_index, 0xC0000100);
	assert_int_equal(msr_value, 0x0123456789ABCDEFull);
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0xC0000100));
	assert_int_equal(lo, 0x89ABCDEF);
	assert_int_equal(hi, 0x01234567);
}

static void real_mmio_stores(void **state)
{
	(void)state;
	tdxh_ve_arm();
	__asm__ volatile("movb %b1, (%0)" : : "r"(win + 0x10), "q"(0x5A) : "memory");
	assert_int_equal(last_write.offset, 0x10);
	assert_int_equal(last_write.size, 1);
	assert_int_equal(last_write.value, 0x5A);
	__asm__ volatile("movw %w1, 2(%0)" : : "r"(win + 0x10), "r"(0xBEEF) : "memory");
	assert_int_equal(last_write.offset, 0x12);
	assert_int_equal(last_write.size, 2);
	assert_int_equal(last_write.value, 0xBEEF);
	__asm__ volatile("movl %1, (%0)" : : "r"(win + 0x20), "r"(0xDEADBEEF) : "memory");
	assert_int_equal(last_write.value, 0xDEADBEEF);
	assert_int_equal(last_write.size, 4);
	__asm__ volatile("movq %1, (%0)" : : "r"(win + 0x28), "r"(0x0123456789ABCDEFull) : "memory");
	assert_int_equal(last_write.value, 0x0123456789ABCDEFull);
	assert_int_equal(last_write.size, 8);
	__asm__ volatile("movl $0x12345678, (%0)" : : "r"(win + 0x30) : "memory");
	assert_int_equal(last_write.value, 0x12345678);
	*(volatile uint32_t *)(win + 0x1004) = 0xA5A5A5A5;	/* whatever the compiler emits */
	__asm__ volatile("" : : : "memory");	/* the device state changed behind the compiler */
	assert_int_equal(last_write.offset, 0x1004);
	assert_int_equal(last_write.value, 0xA5A5A5A5);
	assert_int_equal(tdxh_ve_stats.last.exit_reason, 48);
	assert_int_equal(fatal_calls, 0);
}

static void real_mmio_loads(void **state)
{
	uint64_t r;

	(void)state;
	tdxh_ve_arm();
	memcpy(regs + 0x40, "\x80\xFF\x7F\x01\x02\x03\x04\x85", 8);
	r = 0xAAAAAAAAAAAAAAAAull;
	__asm__ volatile("movb (%1), %b0" : "+q"(r) : "r"(win + 0x40));
	assert_int_equal(r, 0xAAAAAAAAAAAAAA80ull);	/* 8-bit: merged */
	r = 0xAAAAAAAAAAAAAAAAull;
	__asm__ volatile("movw (%1), %w0" : "+r"(r) : "r"(win + 0x40));
	assert_int_equal(r, 0xAAAAAAAAAAAAFF80ull);	/* 16-bit: merged */
	r = 0xAAAAAAAAAAAAAAAAull;
	__asm__ volatile("movl (%1), %k0" : "+r"(r) : "r"(win + 0x40));
	assert_int_equal(r, 0x017FFF80ull);		/* 32-bit: zero-extended */
	__asm__ volatile("movq (%1), %0" : "=r"(r) : "r"(win + 0x40));
	assert_int_equal(r, 0x85040302017FFF80ull);
	__asm__ volatile("movzbl (%1), %k0" : "=r"(r) : "r"(win + 0x40));
	assert_int_equal(r, 0x80);
	__asm__ volatile("movsbq (%1), %0" : "=r"(r) : "r"(win + 0x40));
	assert_int_equal(r, 0xFFFFFFFFFFFFFF80ull);
	__asm__ volatile("movswl (%1), %k0" : "=r"(r) : "r"(win + 0x40));
	assert_int_equal(r, 0xFFFFFF80ull);
	__asm__ volatile("movzwq 6(%1), %0" : "=r"(r) : "r"(win + 0x40));
	assert_int_equal(r, 0x8504);
	assert_int_equal(fatal_calls, 0);
}

/*
 * The window at VA X maps GPA Y (the harness's page tables), Y != X: a real
 * store and load reach the device at Y | shared bit, the GPA of the VE info,
 * with libtdx's identity tdx_va_to_gpa() left as it is.
 */
static void real_mmio_uses_the_gpa_of_the_ve_info(void **state)
{
	uint64_t shared = tdxh_shared_bit(), va = (uint64_t)(uintptr_t)(win + 0x1018);
	uint64_t gpa = tdxh_ve_va_to_gpa(win + 0x1018), r;

	(void)state;
	tdxh_ve_arm();
	assert_true(gpa & shared);
	assert_true((gpa & ~shared) != va);
	assert_int_equal(tdx_va_to_gpa(win), (uint64_t)(uintptr_t)win);	/* the default */

	__asm__ volatile("movl %1, (%0)" : : "r"(win + 0x1018), "r"(0x5EED) : "memory");
	assert_int_equal(tdxh_ve_stats.last.gla, va);
	assert_int_equal(tdxh_ve_stats.last.gpa, gpa);
	assert_int_equal(tdxh_last_record()->vmm_saw.gpr[TDXH_R14], gpa);
	assert_int_equal(last_write.offset, 0x1018);
	assert_int_equal(last_write.value, 0x5EED);
	__asm__ volatile("movl (%1), %k0" : "=r"(r) : "r"(win + 0x1018));
	assert_int_equal(tdxh_last_record()->vmm_saw.gpr[TDXH_R14], gpa);
	assert_int_equal(r, 0x5EED);
	assert_int_equal(fatal_calls, 0);
}

/* A module that reports another GLA, a private GPA, a GPA at another page offset. */
static void gla_plus_8(struct tdxh_ve_info *ve) { ve->gla += 8; }
static void gpa_private(struct tdxh_ve_info *ve) { ve->gpa &= ~tdxh_shared_bit(); }
static void gpa_plus_8(struct tdxh_ve_info *ve) { ve->gpa += 8; }
static void store_mmio(void *arg) { __asm__ volatile("movl $1, (%0)" : : "r"(arg) : "memory"); }

static void real_refusals_of_inconsistent_ve_info(void **state)
{
	static const struct { void (*tamper)(struct tdxh_ve_info *); uint64_t status; } cases[] = {
		{ gla_plus_8, TDX_VE_MMIO_ADDR_MISMATCH },
		{ gpa_private, TDX_VE_MMIO_PRIVATE_GPA },
		{ gpa_plus_8, TDX_VE_MMIO_GPA_OFFSET },
	};

	(void)state;
	tdxh_ve_arm();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tdxh_ve_tamper = cases[i].tamper;
		assert_int_equal(tdxh_ve_run(store_mmio, win + 0x20), cases[i].status);
		assert_int_equal(fatal_status, cases[i].status);
	}
	tdxh_ve_tamper = NULL;
	assert_int_equal(fatal_calls, 3);
	assert_int_equal(last_write.count, 0);	/* nothing reached the device */
	assert_int_equal(tdxh_count(0, 48), 0);
	store_mmio(win + 0x20);	/* and the same store with the true VE info goes through */
	assert_int_equal(last_write.count, 1);
}

/* CPUID faults only where the host supports CPUID faulting (ARCH_SET_CPUID). */
static void real_cpuid_when_the_host_can_fault_it(void **state)
{
	uint32_t a = 0x40000000, b, c = 0, d;

	(void)state;
	tdxh_ve_arm();
	tdxh_abi_set_cpuid(0x40000000, 0, 0x40000001, 0x584D4D56, 0x584D4D56, 0x4D4D4D56);
	if (syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0) != 0)
		skip();	/* no CPUID faulting here: covered by the table test */
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	(void)syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
	assert_int_equal(a, 0x40000001);
	assert_int_equal(b, 0x584D4D56);
	assert_int_equal(tdxh_ve_stats.last.exit_reason, 10);
}

/* ---- refusals: the handler says why, the fatal hook hears it ---- */
static void lock_add(void *arg) { __asm__ volatile("lock addl $1, (%0)" : : "r"(arg) : "memory"); }
static void cmp_mmio(void *arg) { __asm__ volatile("cmpl $0, (%0)" : : "r"(arg) : "memory", "cc"); }
static void movsb_mmio(void *arg)
{
	char dst[4];
	void *s = arg, *d = dst;
	__asm__ volatile("movsb" : "+S"(s), "+D"(d) : : "memory");
}
static void cross_page(void *arg) { __asm__ volatile("movl (%0), %%eax" : : "r"(arg) : "rax", "memory"); }

static void real_refusals(void **state)
{
	(void)state;
	tdxh_ve_arm();
	assert_int_equal(tdxh_ve_run(lock_add, win), TDX_VE_MMIO_LOCK);
	assert_int_equal(fatal_status, TDX_VE_MMIO_LOCK);
	assert_int_equal(tdxh_ve_run(cmp_mmio, win), TDX_VE_MMIO_CMP);
	assert_int_equal(tdxh_ve_run(movsb_mmio, win), TDX_VE_MMIO_STRING);
	assert_int_equal(tdxh_ve_run(cross_page, win + 0xFFE), TDX_VE_MMIO_PAGE_CROSS);
	assert_int_equal(fatal_calls, 4);
	assert_int_equal(last_write.count, 0);	/* nothing reached the device */
	assert_int_equal(tdxh_count(0, 48), 0);
}

static void no_veinfo_is_fatal(void **state)
{
	struct tdx_ve_frame f;

	(void)state;
	tdxh_arm();
	memset(&f, 0, sizeof(f));
	assert_int_equal(tdx_handle_ve(&f), TDX_VE_NO_VEINFO);
	assert_int_equal(fatal_calls, 1);
	assert_int_equal(fatal_status, TDX_VE_NO_VEINFO);
}

/* Other SIGSEGV users keep working: sti emulation (ABI harness) chained either way. */
static void coexists_with_sti_emulation(void **state)
{
	(void)state;
	tdxh_ve_arm();
	tdxh_arm_sti();
	assert_int_equal(tdx_safe_halt(), 0);
	__asm__ volatile("outb %%al, %%dx" : : "a"(0x11), "d"(0x80));
	assert_int_equal(tdxh.scratch.value, 0x11);
	tdxh_ve_arm();	/* again, on top: still chains to sti, never to itself */
	assert_int_equal(tdx_safe_halt(), 0);
	__asm__ volatile("outb %%al, %%dx" : : "a"(0x22), "d"(0x80));
	assert_int_equal(tdxh.scratch.value, 0x22);
	assert_int_equal(tdxh_sti_count(), 2);
}

/* The real IDT stub: every GPR survives, the handler's work lands, RIP advances. */
static void stub_saves_and_restores_everything(void **state)
{
	struct tdxh_ve_info ve;
	struct tdx_ve_frame f;
	uint64_t *g = &f.rax;

	(void)state;
	tdxh_arm();
	memset(&f, 0, sizeof(f));
	for (int i = 0; i < 15; i++)
		g[i] = 0x0101010101010101ull * (uint64_t)(i + 1);
	f.rax = 0xFFFFFFFFFFFFFF3Cull;
	f.rdx = 0x80;
	f.rflags = 0x202 | 0x400;	/* DF set: the stub must clear it for C and restore it */

	memset(&ve, 0, sizeof(ve));
	ve.exit_reason = 30;
	ve.exit_qualification = 0 | (0x80u << 16);	/* out, 1 byte, DX */
	ve.instruction_length = 1;
	tdxh_post_ve(&ve);

	struct tdx_ve_frame before = f;
	tdxh_ve_stub_run(&f);
	assert_int_equal(tdxh.scratch.value, 0x3C);
	for (int i = 0; i < 15; i++)
		assert_int_equal(g[i], (&before.rax)[i]);
	assert_int_equal(f.rflags & 0x400, 0x400);
	assert_int_equal(tdxh_count(3, 0), 1);	/* VEINFO.GET once, first */
	assert_int_equal(tdxh_record(0)->leaf, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(real_outb_reaches_the_device, setup),
		cmocka_unit_test_setup(real_in_merges_and_zero_extends, setup),
		cmocka_unit_test_setup(real_rep_outsb_to_com1, setup),
		cmocka_unit_test_setup(real_outsb_backwards, setup),
		cmocka_unit_test_setup(real_rep_insb_and_insl, setup),
		cmocka_unit_test_setup(real_hlt_and_msrs, setup),
		cmocka_unit_test_setup(real_mmio_stores, setup),
		cmocka_unit_test_setup(real_mmio_loads, setup),
		cmocka_unit_test_setup(real_cpuid_when_the_host_can_fault_it, setup),
		cmocka_unit_test_setup(real_mmio_uses_the_gpa_of_the_ve_info, setup),
		cmocka_unit_test_setup(real_refusals, setup),
		cmocka_unit_test_setup(real_refusals_of_inconsistent_ve_info, setup),
		cmocka_unit_test_setup(no_veinfo_is_fatal, setup),
		cmocka_unit_test_setup(coexists_with_sti_emulation, setup),
		cmocka_unit_test_setup(stub_saves_and_restores_everything, setup),
	};
	return cmocka_run_group_tests_name("ve_real", tests, NULL, NULL);
}
