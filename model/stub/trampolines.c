/* SPDX-License-Identifier: MIT */
/*
 * The stub back-end's trampolines: every TDCALL trampoline libtdx has
 * (asm/x86_64/tdcall.S) as C that hands the register file straight to the
 * model, with no TDCALL instruction and no signal.  Linked instead of the
 * assembly (a host build of libtdx's C without asm/: tdx_host_c), it lets
 * code that calls libtdx run under the model on any host.
 *
 * Each one puts in the register file exactly what its assembly twin loads
 * (the same registers from memory or arguments, the same zeros, expose
 * mask and sub-function), hands it over, refuses what the twin refuses
 * (ud2: tdxh__refused) and stores back exactly what the twin stores.  The
 * registers the twin leaves as the caller had them (RBP; in tdx_safe_halt
 * all but RCX and R10-R12) are 0 here, and nothing needs clearing after:
 * no register of the model's reaches the caller.  That is what the trap
 * back-end is for: it runs the shipped trampolines themselves.
 */
#include <stdint.h>

#include <tdx/guest.h>
#include <tdx/tdcall.h>
#include <tdx/tdvmcall.h>

#include "lib/trampolines.h"
#include "backend.h"
#include "stub.h"

/*
 * The register file of a call, all 0 but where it came from: RIP is the
 * trampoline's return address, RSP its frame.
 */
#define AT_CALL_SITE                                                          \
	{                                                                     \
		.gpr[TDXH_RSP] = (uint64_t)(uintptr_t)__builtin_frame_address(0), \
		.rip = (uint64_t)(uintptr_t)__builtin_return_address(0),        \
	}

/* TDG.VP.VMCALL as the trampolines send it: RAX = 0, RCX = the expose mask. */
static void vmcall_regs(struct tdxh_regs *r, uint64_t mask)
{
	r->gpr[TDXH_RAX] = TDG_VP_VMCALL;
	r->gpr[TDXH_RCX] = mask;
}

/* After TDG.VP.VMCALL: the module refused it (RAX != 0): the twin's ud2. */
static void refuse_if_refused(const struct tdxh_regs *r)
{
	if (r->gpr[TDXH_RAX] != 0)
		tdxh__refused(r->rip);
}

uint64_t __tdx_module_call(uint64_t fn, struct tdx_module_args *args)
{
	struct tdxh_regs r = AT_CALL_SITE;

	r.gpr[TDXH_RAX] = fn;
	r.gpr[TDXH_RCX] = args->rcx;
	r.gpr[TDXH_RDX] = args->rdx;
	r.gpr[TDXH_R8] = args->r8;
	r.gpr[TDXH_R9] = args->r9;
	r.gpr[TDXH_R10] = args->r10;
	r.gpr[TDXH_R11] = args->r11;
	r.gpr[TDXH_R12] = args->r12;
	r.gpr[TDXH_R13] = args->r13;
	r.gpr[TDXH_R14] = args->r14;
	r.gpr[TDXH_R15] = args->r15;
	r.gpr[TDXH_RBX] = args->rbx;
	r.gpr[TDXH_RDI] = args->rdi;
	r.gpr[TDXH_RSI] = args->rsi;
	tdxh__stub_tdcall(&r);
	args->rcx = r.gpr[TDXH_RCX];
	args->rdx = r.gpr[TDXH_RDX];
	args->r8 = r.gpr[TDXH_R8];
	args->r9 = r.gpr[TDXH_R9];
	args->r10 = r.gpr[TDXH_R10];
	args->r11 = r.gpr[TDXH_R11];
	args->r12 = r.gpr[TDXH_R12];
	args->r13 = r.gpr[TDXH_R13];
	args->r14 = r.gpr[TDXH_R14];
	args->r15 = r.gpr[TDXH_R15];
	args->rbx = r.gpr[TDXH_RBX];
	args->rdi = r.gpr[TDXH_RDI];
	args->rsi = r.gpr[TDXH_RSI];
	return r.gpr[TDXH_RAX];
}

uint64_t __tdx_hypercall(struct tdx_module_args *args)
{
	struct tdxh_regs r = AT_CALL_SITE;

	vmcall_regs(&r, TDX_HYPERCALL_EXPOSE_MASK);
	r.gpr[TDXH_RDX] = args->rdx;
	r.gpr[TDXH_R8] = args->r8;
	r.gpr[TDXH_R9] = args->r9;
	r.gpr[TDXH_R10] = args->r10;
	r.gpr[TDXH_R11] = args->r11;
	r.gpr[TDXH_R12] = args->r12;
	r.gpr[TDXH_R13] = args->r13;
	r.gpr[TDXH_R14] = args->r14;
	r.gpr[TDXH_R15] = args->r15;
	r.gpr[TDXH_RBX] = args->rbx;
	r.gpr[TDXH_RSI] = args->rsi;
	r.gpr[TDXH_RDI] = args->rdi;
	tdxh__stub_tdcall(&r);
	refuse_if_refused(&r);
	args->rdx = r.gpr[TDXH_RDX];
	args->r8 = r.gpr[TDXH_R8];
	args->r9 = r.gpr[TDXH_R9];
	args->r10 = r.gpr[TDXH_R10];
	args->r11 = r.gpr[TDXH_R11];
	args->r12 = r.gpr[TDXH_R12];
	args->r13 = r.gpr[TDXH_R13];
	args->r14 = r.gpr[TDXH_R14];
	args->r15 = r.gpr[TDXH_R15];
	args->rbx = r.gpr[TDXH_RBX];
	args->rsi = r.gpr[TDXH_RSI];
	args->rdi = r.gpr[TDXH_RDI];
	return r.gpr[TDXH_R10];
}

/*
 * GHCI Instruction.HLT with R12 = 0, only R10-R12 exposed (mask 0x1C00).
 * The twin's `sti` has no meaning in C: the stub does not model interrupts.
 */
uint64_t tdx_safe_halt(void)
{
	struct tdxh_regs r = AT_CALL_SITE;

	vmcall_regs(&r, 0x1C00);
	r.gpr[TDXH_R11] = TDVMCALL_INSTRUCTION_HLT;
	tdxh__stub_tdcall(&r);
	refuse_if_refused(&r);
	return r.gpr[TDXH_R10];
}

uint64_t __tdx_module_call6(uint64_t fn, struct tdx__module_regs6 *regs)
{
	struct tdxh_regs r = AT_CALL_SITE;

	r.gpr[TDXH_RAX] = fn;
	r.gpr[TDXH_RCX] = regs->rcx;
	r.gpr[TDXH_RDX] = regs->rdx;
	r.gpr[TDXH_R8] = regs->r8;
	r.gpr[TDXH_R9] = regs->r9;
	r.gpr[TDXH_R10] = regs->r10;
	r.gpr[TDXH_R11] = regs->r11;
	tdxh__stub_tdcall(&r);
	regs->rcx = r.gpr[TDXH_RCX];
	regs->rdx = r.gpr[TDXH_RDX];
	regs->r8 = r.gpr[TDXH_R8];
	regs->r9 = r.gpr[TDXH_R9];
	regs->r10 = r.gpr[TDXH_R10];
	regs->r11 = r.gpr[TDXH_R11];
	return r.gpr[TDXH_RAX];
}

uint64_t __tdx_hypercall6(struct tdx__vmcall_regs6 *regs)
{
	struct tdxh_regs r = AT_CALL_SITE;

	vmcall_regs(&r, TDX_HYPERCALL_EXPOSE_MASK);
	r.gpr[TDXH_R10] = regs->r10;
	r.gpr[TDXH_R11] = regs->r11;
	r.gpr[TDXH_R12] = regs->r12;
	r.gpr[TDXH_R13] = regs->r13;
	r.gpr[TDXH_R14] = regs->r14;
	r.gpr[TDXH_R15] = regs->r15;
	tdxh__stub_tdcall(&r);
	refuse_if_refused(&r);
	regs->r10 = r.gpr[TDXH_R10];
	regs->r11 = r.gpr[TDXH_R11];
	regs->r12 = r.gpr[TDXH_R12];
	regs->r13 = r.gpr[TDXH_R13];
	regs->r14 = r.gpr[TDXH_R14];
	regs->r15 = r.gpr[TDXH_R15];
	return r.gpr[TDXH_R10];
}

uint64_t __tdx_module_call3(uint64_t fn, uint64_t rcx, uint64_t rdx, uint64_t r8)
{
	struct tdxh_regs r = AT_CALL_SITE;

	r.gpr[TDXH_RAX] = fn;
	r.gpr[TDXH_RCX] = rcx;
	r.gpr[TDXH_RDX] = rdx;
	r.gpr[TDXH_R8] = r8;
	tdxh__stub_tdcall(&r);
	return r.gpr[TDXH_RAX];
}
