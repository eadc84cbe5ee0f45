/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target over the #VE decoder and dispatcher: arbitrary
 * instruction bytes, register frames and VE info (exit reason,
 * qualification, GLA/GPA, length, instruction info), a VMM that answers,
 * fails or writes junk; plus the harness's "faulting instruction -> VE
 * info" decoder.  Invariants checked (abort = a finding):
 *  - every status is OK, a known TDX_VE_* or a lifted VMM failure, and the decoder's length is 1..15;
 *  - a refused #VE leaves the frame exactly as it was (a REP INS/OUTS the
 *    VMM failed part way may have moved RCX/RSI/RDI, as on hardware);
 *  - a handled one changes RIP by 0..15 (0 only for an unfinished REP
 *    string chunk) and never CS, SS, RFLAGS;
 *  - an MMIO #VE advances RIP by exactly the decoded length.
 * TDCALL traps to the harness's trap layer (SIGILL, or SIGSEGV in an Intel
 * VM): the harness is armed inside the callback, so libFuzzer's own
 * SIGILL/SIGSEGV handlers do not matter (they are chained to); the
 * ctest smoke passes -handle_ill=0 -handle_segv=0 anyway.
 * Input layout: mode (4 bytes of switches), VMM failure mask (2), 16
 * registers (2 or 8 bytes each), RFLAGS (8), VE info (exit reason when
 * mode bit 7, qualification 4 or 8, GLA/GPA when bit 23, length 1, info
 * when bit 24, RSI/RDI junk when bit 9), then the instruction bytes (up to
 * 15).  fuzz/corpus has one seed per instruction form.
 * Memory the handler may touch (code at RIP, INS/OUTS buffers) lies below
 * 4 GiB so that 32-bit addressing reaches it too (flat mapping).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <tdx/tdx.h>
#include <tdx/module.h>
#include "tdx_harness.h"
#include "tdxh_ve.h"

void tdx_ve_fatal(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve, uint64_t status,
		  uint64_t detail)
{
	(void)frame;
	(void)ve;
	(void)status;
	(void)detail;
}

/* A status the #VE code may return: OK, a #VE software status tdx_strerror() names, or a lifted VMM failure. */
static int known_status(uint64_t st)
{
	if (st == TDX_VE_OK || tdx_status_is_vmcall(st))
		return 1;
	return tdx_status_is_sw(st) && strcmp(tdx_strerror(st), "TDX status (unknown code)") != 0;
}

#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "fuzz_ve: %s (line %d)\n", #cond, __LINE__); abort(); } } while (0)

static uint8_t *code;	/* 2 pages: the instruction, possibly straddling the boundary */
static uint8_t *mem;	/* 256 KiB for INS/OUTS, RSI/RDI in the middle */
static uint8_t *window;	/* 2 pages of MMIO */
#define MEM_SIZE 0x40000

struct input {
	const uint8_t *p;
	size_t n;
};

static uint64_t take(struct input *in, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes && in->n; i++, in->p++, in->n--)
		v |= (uint64_t)*in->p << (8 * i);
	return v;
}

/* Every TDVMCALL the #VE handler makes: succeed with junk in R11 (the handler
 * must mask it), or fail when bit i of the mask is set for the i-th call. */
static uint64_t vmm_fail_mask;
static unsigned vmm_calls;

static void vmm_any(struct tdxh_vmcall *c)
{
	if (vmm_calls < 64 && (vmm_fail_mask >> vmm_calls) & 1) {
		vmm_calls++;
		tdxh_vmm_status(c, 0x8000000000000000ull);
		return;
	}
	vmm_calls++;
	tdxh_vmm_write(c, TDXH_R11, tdxh_junk());
	tdxh_vmm_status(c, 0);
}

static void init(void)
{
	static const struct tdx_model_mmio_device dev = { .read = NULL, .write = NULL };

	code = mmap(NULL, 0x2000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	CHECK(code != MAP_FAILED && mem != MAP_FAILED);
	tdxh_reset();
	window = tdxh_ve_map_mmio(0x2000, &dev);
	tdxh_set_vmcall_model(10, vmm_any);
	tdxh_set_vmcall_model(12, vmm_any);
	tdxh_set_vmcall_model(31, vmm_any);
	tdxh_set_vmcall_model(32, vmm_any);
	tdxh_set_vmcall_model(30, vmm_any);	/* I/O and MMIO: junk answers, failures on demand */
	tdxh_set_vmcall_model(48, vmm_any);
}

static const uint32_t reasons[8] = { 10, 12, 30, 31, 32, 48, 48, 30 };

static uint64_t *gpr(struct tdx_ve_frame *f, unsigned n)
{
	uint64_t *r[16] = { &f->rax, &f->rcx, &f->rdx, &f->rbx, &f->rsp, &f->rbp, &f->rsi, &f->rdi,
			    &f->r8, &f->r9, &f->r10, &f->r11, &f->r12, &f->r13, &f->r14, &f->r15 };
	return r[n & 15];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct input in = { data, size };
	struct tdx_ve_frame f, before;
	struct tdx_ve_info ve;
	struct tdx_mmio_insn d;
	struct tdxh_ve_info hv;
	struct tdxh_regs hregs;
	uint64_t mode, detail, junk;
	uint64_t st;
	unsigned n, at;
	uint8_t insn[16];

	if (!ready) {
		init();
		ready = 1;
	}
	tdxh_arm();	/* inside the callback: libFuzzer may own SIGILL/SIGSEGV */

	mode = take(&in, 4);
	vmm_fail_mask = take(&in, 2);
	vmm_fail_mask = (mode & (1u << 20)) ? vmm_fail_mask : 0;
	vmm_calls = 0;
	tdxh.state.hostile = (mode >> 21) & 1;

	/* The frame: fuzzed registers, pointers steered into valid memory. */
	memset(&f, 0, sizeof(f));
	for (unsigned r = 0; r < 16; r++)
		*gpr(&f, r) = take(&in, (mode >> 8) & 1 ? 8 : 2);
	f.rflags = take(&in, 8);
	f.cs = 0x10;
	f.ss = 0x18;
	if (mode & (1u << 10))	/* base/index registers (not RSI/RDI: INS/OUTS buffers) in the window */
		for (unsigned r = 0; r < 16; r++)
			if (r != 6 && r != 7 && ((mode >> 11) & 1 || r == 3))
				*gpr(&f, r) = (uint64_t)(uintptr_t)window + (*gpr(&f, r) & 0x1FFF);
	f.rsi = (uint64_t)(uintptr_t)mem + MEM_SIZE / 2 + (f.rsi & 0xFFFF) - 0x8000;
	f.rdi = (uint64_t)(uintptr_t)mem + MEM_SIZE / 2 + (f.rdi & 0xFFFF) - 0x8000;

	/* The VE info as fuzzed (made consistent below on request). */
	memset(&ve, 0, sizeof(ve));
	ve.exit_reason = (mode & 0x80) ? (uint32_t)take(&in, 1) : reasons[mode & 7];
	ve.exit_qualification = take(&in, (mode >> 3) & 1 ? 8 : 4);
	ve.gla = take(&in, (mode >> 23) & 1 ? 8 : 0);
	ve.gpa = take(&in, (mode >> 23) & 1 ? 8 : 0);
	ve.instruction_length = (uint32_t)take(&in, 1) & ((mode >> 4) & 1 ? 0xFF : 0xF);
	ve.instruction_info = (uint32_t)take(&in, (mode >> 24) & 1 ? 4 : 0);
	junk = take(&in, (mode & (1u << 9)) ? 8 : 0);

	/* The instruction at RIP, the rest of the input: at the start of the page or straddling its end. */
	n = (unsigned)(in.n < 15 ? in.n : 15);
	memset(insn, 0x90, sizeof(insn));
	memcpy(insn, in.p, n);
	at = (mode & (1u << 15)) ? 0x1000 - (unsigned)((mode >> 16) & 15) : 0x100;
	memset(code, 0xF0, 0x2000);	/* LOCK prefixes beyond the bytes given */
	memcpy(code + at, insn, n);
	f.rip = (uint64_t)(uintptr_t)(code + at);

	/* 1. The decoder alone, on exactly the bytes given. */
	st = tdx_ve_decode_mmio(insn, n, &f, &d);
	CHECK(known_status(st));
	if (st == TDX_VE_OK)
		CHECK(d.length >= 1 && d.length <= 15 && d.length <= n &&
		      (d.size == 1 || d.size == 2 || d.size == 4 || d.size == 8));

	/* 2. The harness's fault decoder (reused by tdx-sim). */
	for (unsigned r = 0; r < 16; r++)
		hregs.gpr[r] = *gpr(&f, r);
	hregs.rip = f.rip;
	hregs.rflags = f.rflags;
	if (tdxh_ve_decode_insn(insn, n, &hregs, &hv) == 0)
		CHECK(hv.instruction_length >= 1 && hv.instruction_length <= n);

	/* 3. The dispatcher, with VE info fuzzed or made consistent. */
	if (((mode >> 5) & 1) && ve.exit_reason != 48 &&
	    tdxh_ve_decode_insn(insn, n, &hregs, &hv) == 0) {	/* what the module would say */
		ve.exit_reason = (uint32_t)hv.exit_reason;
		ve.exit_qualification = hv.exit_qualification;
		ve.instruction_length = hv.instruction_length;
		ve.instruction_info = hv.instruction_info;
	}
	if (((mode >> 6) & 1) && st == TDX_VE_OK) {	/* the access the decoder saw */
		ve.exit_reason = 48;
		ve.gla = d.ea;
		ve.gpa = tdxh_ve_va_to_gpa((const void *)(uintptr_t)d.ea);
		ve.exit_qualification = (d.write ? 2 : 1) | (1u << 7) | (ve.exit_qualification & 0x178);
	}

	/* Junk above bit 31 of RSI/RDI, when only 32-bit addressing (67 among the prefixes) uses them. */
	if ((mode & (1u << 9)) && ve.exit_reason == 30 && ve.instruction_length >= 2 &&
	    ve.instruction_length <= n && memchr(insn, 0x67, ve.instruction_length - 1)) {
		f.rsi |= junk << 32;
		f.rdi |= junk & 0xFFFFFFFF00000000ull;
	}

	before = f;
	if ((mode >> 22) & 1) {
		/* Through TDG.VP.VEINFO.GET. */
		hv.exit_reason = ve.exit_reason;
		hv.exit_qualification = ve.exit_qualification;
		hv.gla = ve.gla;
		hv.gpa = ve.gpa;
		hv.instruction_length = ve.instruction_length;
		hv.instruction_info = ve.instruction_info;
		tdxh_post_ve(&hv);
		st = tdx_handle_ve(&f);
		detail = 0;
	} else {
		st = tdx_ve_emulate(&f, &ve, &detail);
	}
	CHECK(known_status(st));
	CHECK(f.cs == before.cs && f.ss == before.ss && f.rflags == before.rflags);
	if (st == TDX_VE_OK) {
		CHECK(f.rip - before.rip <= 15);
		if (ve.exit_reason == 48)
			CHECK(tdx_ve_decode_mmio((const uint8_t *)(uintptr_t)before.rip, 15, &before, &d) == TDX_VE_OK &&
			      f.rip - before.rip == d.length);
		else if (f.rip == before.rip)
			CHECK(ve.exit_reason == 30 && (ve.exit_qualification & 0x30) == 0x30);
	} else {
		int partial_string = tdx_status_is_vmcall(st) && ve.exit_reason == 30 &&
				     (ve.exit_qualification & 0x10);
		if (partial_string) {
			before.rcx = f.rcx;
			before.rsi = f.rsi;
			before.rdi = f.rdi;
		}
		CHECK(memcmp(&f, &before, sizeof(f)) == 0);
	}
	return 0;
}
