/* SPDX-License-Identifier: MIT */
/*
 * A guest that executes `syscall` (or int 0x80, sysenter) would reach the
 * host kernel as the tdx-sim process.  A TD has no such kernel, so a seccomp
 * filter turns every system call made from guest addresses into SIGSYS,
 * which ends the run with a message.  System calls from tdx-sim itself (any
 * other instruction pointer) are untouched.  This is a guard against
 * mistakes, not a sandbox: guest code can still jump into host code.
 */
#define _GNU_SOURCE
#include "sim.h"

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <ucontext.h>

#include "tdx_harness.h"

#define GUEST_LO SIM_RAM_BASE
#define GUEST_HI (SIM_MMIO_BASE + SIM_MMIO_SIZE)	/* below 4 GiB: one 32-bit compare */

static void on_sigsys(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;
	char bytes[64];
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	/* RIP is past the 2-byte syscall instruction. */
	sim_describe_bytes(rip - 2, bytes, sizeof(bytes));
	sim_exit(SIM_EXIT_FAULT, "vCPU %u: system call %d at rip %#llx [%s]: a TD has no host "
		 "kernel to call\n  expected: TDCALL (66 0f 01 cc) for the TDX module and the VMM",
		 tdxh_current_vcpu(), info->si_syscall, (unsigned long long)(rip - 2), bytes);
}

void sim_install_seccomp(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, instruction_pointer) + 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, instruction_pointer)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, GUEST_LO, 0, 1),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, GUEST_HI, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
	};
	struct sock_fprog prog = { .len = sizeof(filter) / sizeof(filter[0]), .filter = filter };
	struct sigaction sa = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO | SA_ONSTACK };

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		sim_msg("warning: no seccomp filter; a guest's system calls would reach the host kernel");
}
