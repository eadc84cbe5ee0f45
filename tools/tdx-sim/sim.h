/* SPDX-License-Identifier: MIT */
/*
 * tdx-sim: runs a freestanding TD payload (ELF) in this process, in 64-bit
 * user mode, with the model (model/) playing the TDX module and the VMM.
 * Host-only; never part of libtdx.a.  docs/sim.md describes it for users.
 */
#ifndef TDX_SIM_H
#define TDX_SIM_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ucontext_t;

/* ---- guest physical memory map (VA = GPA: the image is loaded flat) ------ */

/* [0, SIM_RAM_BASE) stays unmapped: null pointers and the return trap fault. */
#define SIM_RAM_BASE        0x100000ull		/* 1 MiB */
#define SIM_DEFAULT_MEM     (128ull << 20)	/* guest RAM ends here by default */
/* MMIO window: never mapped readable, every access faults (#VE, EPT violation). */
#define SIM_MMIO_BASE       0x70000000ull
#define SIM_MMIO_SIZE       (16ull << 20)
#define SIM_MAX_MEM         SIM_MMIO_BASE	/* RAM must end below the MMIO window */
/* Each vCPU's stack, carved from the top of RAM, with a guard page below it. */
#define SIM_STACK_SIZE      (64ull << 10)
#define SIM_GUARD_SIZE      4096ull
#define SIM_MAX_VCPUS       64
/* Where _start "returns" to: page 0, never mapped. */
#define SIM_RETURN_TRAP     0xFF0ull

/* ---- exit statuses --------------------------------------------------------- */
/* The guest's own: (value << 1) | 1 from the isa-debug-exit port, always odd.
 * tdx-sim's: even, so the two can never be confused. */
#define SIM_EXIT_USAGE      2	/* bad command line, or the image cannot be loaded */
#define SIM_EXIT_FAULT      4	/* the guest did something the runner cannot handle */
#define SIM_EXIT_HALTED     6	/* every vCPU halted for good (no interrupt will come) */
#define SIM_EXIT_TIMEOUT    8	/* watchdog: the guest ran out of time */
#define SIM_EXIT_FATAL      10	/* the guest called TDG.VP.VMCALL<ReportFatalError> */
#define SIM_DEBUG_EXIT_PORT 0xF4

/* --trace classes (docs/sim.md, Tracing); plain --trace is SIM_TRACE_DEFAULT. */
#define SIM_TRACE_LOAD      0x01u	/* where the loader put each segment */
#define SIM_TRACE_TDCALL    0x02u	/* TDCALLs to the TDX module (every leaf but TDG.VP.VMCALL) */
#define SIM_TRACE_VMCALL    0x04u	/* TDG.VP.VMCALL, by GHCI sub-function */
#define SIM_TRACE_VE        0x08u	/* #VE deliveries */
#define SIM_TRACE_LIDT      0x10u	/* lidt */
#define SIM_TRACE_COM1      0x20u	/* COM1 output as lines, in place of its per-byte VMCALLs */
#define SIM_TRACE_IRQ       0x40u	/* interrupt deliveries, HLT wake-ups */
#define SIM_TRACE_DEFAULT   (SIM_TRACE_LOAD | SIM_TRACE_TDCALL | SIM_TRACE_VMCALL | \
			     SIM_TRACE_VE | SIM_TRACE_LIDT | SIM_TRACE_IRQ)

struct sim_config {
	const char *image;
	uint64_t mem;		/* end of guest RAM (GPA) */
	unsigned vcpus;
	unsigned gpaw;
	unsigned timeout_s;	/* 0: no watchdog */
	unsigned trace;		/* SIM_TRACE_* classes; 0: no trace */
	bool hostile;
	bool exec_ram;		/* RAM outside the image is mapped executable (--exec-ram) */
};
extern struct sim_config sim_cfg;

/* ---- loader (load.c) ------------------------------------------------------ */
struct sim_image {
	uint64_t entry;
	uint64_t lo, hi;	/* page-aligned span of all PT_LOAD segments */
};
/* Map guest RAM and the MMIO window, load the image; prints why and returns -1 on failure. */
int sim_load(const char *path, struct sim_image *img);
/* Top of vCPU `i`'s stack (16-byte aligned). */
uint64_t sim_stack_top(unsigned vcpu);
/* Copy guest memory without faulting; false if any byte is not readable. */
bool sim_read_guest(uint64_t gva, void *buf, size_t len);
/* Is [gva, gva+len) guest RAM? */
bool sim_in_ram(uint64_t gva, uint64_t len);
/* How accessible guest RAM is mapped: read/write, and executable with --exec-ram (load.c). */
int sim_ram_prot(void);

/* ---- devices and VMM models tdx-sim adds (devices.c) ------------------- */
void sim_install_models(void);
/* Write what COM1 holds to stdout (and, with --trace=com1, as trace lines). */
void sim_flush_console(void);
/* Is an OUT to `port` a byte COM1 sends (its THR, DLAB clear)? */
bool sim_com1_sends(uint64_t port);

/* ---- faults and signals (fault.c) --------------------------------------- */
void sim_install_signal_handlers(void);
void sim_thread_signal_stack(void);
/* A vCPU thread calls this just before sim_enter(): from then on, a fault on
 * it outside its signal stack is the guest's. */
void sim_thread_enters_guest(void);
/* seccomp.c: system calls from guest addresses raise SIGSYS and end the run. */
void sim_install_seccomp(void);
/* Print "tdx-sim: ..." on stderr after flushing the console. */
void sim_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* sim_msg, then end the whole process with `status`. */
__attribute__((noreturn)) void sim_exit(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* End the run because of the instruction at the interrupted RIP (status 4). */
__attribute__((noreturn))
void sim_guest_fault(const struct ucontext_t *uc, const char *what, const char *expected);
/* The guest's register file from a signal context. */
struct tdxh_regs;
void sim_regs_of(const struct ucontext_t *uc, struct tdxh_regs *r);
/* Describe up to 15 instruction bytes at rip into buf ("0f 0b ..." or "<unreadable>"). */
void sim_describe_bytes(uint64_t rip, char *buf, size_t size);

/* ---- #VE (ve.c) --------------------------------------------------------------- */
/*
 * The guest faulted (#GP, or #PF at fault_addr) on something that raises
 * #VE in a TD - in/out/ins/outs/hlt/rdmsr/wrmsr, a load or store in the MMIO
 * window: post the VE info and enter its vector-20 handler (true; or end the
 * run if the image cannot take it).  False if the fault is no #VE.
 */
bool sim_ve_fault(struct ucontext_t *uc, uint64_t fault_addr);

/* ---- --trace (trace.c) ------------------------------------------------------ */
/* Around the model's handling of one TDCALL: inputs before, outputs after. */
void sim_trace_begin(const struct ucontext_t *uc);
void sim_trace_end(const struct ucontext_t *uc);
/* The pending TDCALL never returns (the run ends, the vCPU parks): say so. */
void sim_trace_abandon(const char *what);
/* Any other event worth a line (#VE delivered, lidt, ...), if its SIM_TRACE_* class is on. */
void sim_trace_event(unsigned cls, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* --trace=com1: what the guest sent to COM1, one "[COM1] ..." line per line of it. */
void sim_trace_com1(const char *text, size_t len);

/* ---- vCPUs (main.c) ------------------------------------------------------- */
struct sim_vcpu {
	/* IDTR as the guest loaded it with lidt (emulate.c) */
	uint64_t idt_base;
	uint16_t idt_limit;
	bool idt_loaded;
	bool vif;		/* virtual RFLAGS.IF: cli/sti/iretq are emulated; 0 at reset */
	/* the STI interrupt shadow over a TDCALL right after sti (irq.c) */
	bool shadow;
	uint64_t shadow_rip;
	/* the main thread reads these */
	volatile int halted;	/* parked for good */
	volatile int waiting;	/* in HLT with interrupts unblocked; model lock guards it */
	volatile int blocked;	/* halted with interrupts blocked */
	volatile uint64_t rip;	/* where it halted, or where the watchdog found it */
	volatile uint64_t tdcalls;	/* TDCALLs so far */
	volatile uint64_t tdcall_rip;	/* RIP of the latest one */
};
/* The calling thread's vCPU. */
struct sim_vcpu *sim_vcpu_self(void);
/* This vCPU halts for good (called from a model, in a signal handler). */
void sim_vcpu_halt(bool interrupts_blocked, uint64_t rip);
/*
 * This vCPU halts until an interrupt is requested for it (called from the
 * HLT model, model lock held): the model then asks to stop with
 * SIM_STOP_WAIT, and the stop hook sleeps.
 */
void sim_vcpu_wait(uint64_t rip);
#define SIM_STOP_HALT (-1)	/* tdxm_request_stop code: park for good */
#define SIM_STOP_WAIT (-2)	/* tdxm_request_stop code: sleep until an interrupt */

/* ---- interrupts (irq.c) ------------------------------------------------------- */
/* The signal that tells a running vCPU thread it has an interrupt to take. */
#define SIM_IRQ_SIGNAL SIGUSR2
/* Install its handler (every thread blocks it inside tdx-sim's other handlers). */
void sim_install_irq_handler(void);
/*
 * The guest, at `uc`, could take an interrupt now: if its virtual IF is
 * set and it is not in the STI shadow, deliver this vCPU's highest
 * deliverable interrupt through its IDT.  Called before every return to
 * the guest.
 */
void sim_irq_check(struct ucontext_t *uc);
/* sti was just emulated and RIP is past it: start the STI shadow if a TDCALL follows. */
void sim_irq_sti(const struct ucontext_t *uc);
/* Is `uc` (a signal's context) guest code on a vCPU thread, not tdx-sim's own? */
bool sim_guest_context(const struct ucontext_t *uc);

/* ---- system instructions and event delivery (emulate.c) ---------------- */
/* lidt, cli, sti at the interrupted RIP: emulate, step RIP, return true. */
bool sim_emulate_system(struct ucontext_t *uc);
/*
 * Deliver an exception without error code through the guest's IDT the way
 * a CPU does in 64-bit mode (same privilege level): align RSP down to 16,
 * push SS, RSP, RFLAGS, CS, RIP, jump to the gate's handler.  On failure
 * (no IDT, gate not present, stack not writable) explains in why[].
 */
bool sim_deliver_exception(struct ucontext_t *uc, unsigned vector, char *why, size_t size);
/*
 * The frames tdx-sim pushes carry SS = 0, so that the guest's iretq faults
 * (a null SS cannot be loaded at CPL 3) and is emulated here: RIP, RSP and
 * the arithmetic flags from the frame, and IF into the virtual IF.
 */
/* Copy into guest memory without faulting; false if any byte is not writable. */
bool sim_write_guest(uint64_t gva, const void *buf, size_t len);

/* enter.S: switch to the guest stack, load all 16 GPRs, jump to rip. */
__attribute__((noreturn)) void sim_enter(uint64_t rip, uint64_t rsp, const uint64_t gpr[16]);

#endif
