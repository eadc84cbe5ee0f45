/* SPDX-License-Identifier: MIT */
/*
 * <tdx/model.h>: the TDX model as a host test kit (libtdx-model.a,
 * CMake target tdx::model, pkg-config tdx-model).  Host-only: x86-64 Linux.
 * The same API over the stub back-end (libtdx-model-stub.a, tdx::model-stub,
 * pkg-config tdx-model-stub) runs on any host: C trampolines call the model
 * directly, nothing traps, arming sets a flag (docs/model.md, "Two
 * back-ends, one model").
 *
 * A unit test of your own code that calls libtdx (tdx_outb,
 * tdx_accept_memory, tdx_get_quote, ...) runs on an ordinary dev box: arm
 * the model, call your code, look at what the "TD" did.  libtdx's shipped
 * trampolines run unmodified: their TDCALL instruction traps in user mode
 * (SIGILL, or SIGSEGV inside an Intel VM), and the model - the TDX module
 * and the VMM, written after the Intel TDX Module ABI spec, the GHCI and the
 * module's source - answers it from the register file and steps over it.
 *
 *     tdx_model_reset();
 *     tdx_model_arm();
 *     greet();                        // your code: tdx_outb('h', 0x3F8) ...
 *     tdx_model_disarm();
 *     assert(strcmp(tdx_model_com1(), "hello\n") == 0);
 *
 * docs/model.md has a complete cmocka example.  Works with any test
 * framework; cmocka replaces SIGILL/SIGSEGV handlers around each test and
 * fixture, so arm inside the test body.
 *
 * What the model holds (reset by tdx_model_reset): a TD with GPAW 48 and
 * one vCPU; COM1 (0x3F8) capturing what is sent; a scratch port (0x80)
 * remembering the last value written; 4 KiB of MMIO RAM at
 * TDX_MODEL_MMIO_RAM_GPA; a memory model of GPAs [0, 4 GiB) whose pages
 * are pending until accepted; an honest VMM.  In the host process a GPA is
 * the host address (libtdx's default tdx_va_to_gpa): memory beyond the
 * modelled space (any ordinary heap or stack buffer) is accepted and
 * converted without being tracked.
 *
 * Threads: the model is one per process.  TDCALLs from several threads are
 * answered one at a time, each as vCPU 0; configure the model (inject,
 * set_hostile, add devices) between calls, not while another thread runs.
 */
#ifndef TDX_MODEL_H
#define TDX_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- arming ---------------------------------------------------------------- */

/*
 * Install the model's SIGILL and SIGSEGV handlers, so that every TDCALL
 * (either way the host traps it) is answered by the model; any other
 * SIGSEGV goes to the handler installed before.  The first call in a
 * process starts the model from its defaults (as tdx_model_reset()).
 * Arming again while armed changes nothing.  The stub back-end installs no
 * handler: armed, its trampolines call the model; not armed, they trap.
 */
void tdx_model_arm(void);

/*
 * Put back the SIGILL and SIGSEGV handlers tdx_model_arm() replaced.
 * Nothing if not armed.  The model's state stays for inspection.
 */
void tdx_model_disarm(void);

/*
 * Forget everything: calls, records, COM1 text, injections, devices added,
 * memory states; back to the defaults above.  Does not arm or disarm.
 */
void tdx_model_reset(void);

/* ---- what the TD did ---------------------------------------------------------- */

/* Sub-function value of a record that is not a GHCI-standard TDG.VP.VMCALL. */
#define TDX_MODEL_NO_SUBFN UINT64_MAX

/* The text sent to COM1 (port 0x3F8) since the last reset, NUL-terminated. */
const char *tdx_model_com1(void);

/*
 * How many TDCALLs of `leaf` (RAX bits 15:0) the model answered since the
 * last reset; for leaf 0 (TDG.VP.VMCALL) only those of GHCI sub-function
 * `subfn` (R11, e.g. 30 for Instruction.IO).  `subfn` is ignored for other
 * leaves (pass TDX_MODEL_NO_SUBFN).  Counts the recorded calls (the first
 * TDX_MODEL_MAX_RECORDS).
 */
uint64_t tdx_model_count(unsigned leaf, uint64_t subfn);

/* Every TDCALL the model answered since the last reset, recorded or not. */
uint64_t tdx_model_calls(void);

/* Registers as a TDCALL left or found them. */
struct tdx_model_regs {
	uint64_t rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags;
};

/* One recorded TDCALL. */
struct tdx_model_record {
	unsigned vcpu;
	uint64_t leaf;		/* RAX as sent: leaf number (15:0) and version (23:16) */
	uint64_t subfn;		/* R11 of a GHCI-standard TDG.VP.VMCALL, else TDX_MODEL_NO_SUBFN */
	struct tdx_model_regs in;	/* the guest's registers at the TDCALL */
	struct tdx_model_regs out;	/* and as the model answered (rip: the TDCALL's, in both) */
	bool vmm_exit;		/* the call reached the VMM (TDG.VP.VMCALL the module let through) */
	struct tdx_model_regs vmm_saw;	/* what the VMM saw: the exposed registers, 0 elsewhere */
	uint16_t vmm_wrote;	/* registers the VMM wrote, bit n = register n (RAX 0, RCX 1 ... R15 15) */
};

/* Calls past this many are counted (tdx_model_calls) but not recorded. */
#define TDX_MODEL_MAX_RECORDS 4096

/*
 * Copy the record of the i-th TDCALL since the last reset (0 = the first)
 * into *out; i = tdx_model_calls() - 1 is the last.  Returns false (and
 * leaves *out alone) when there is no such record.
 */
bool tdx_model_record(uint64_t i, struct tdx_model_record *out);

/* ---- failure injection and a hostile VMM ----------------------------------------- */

/*
 * The next `count` calls of `leaf` - for leaf 0, of GHCI sub-function
 * `subfn` - fail with `status` without being modelled: RAX = status for a
 * TDCALL leaf (e.g. TDX_OPERAND_BUSY from <tdx/status.h>), R10 = status for
 * a sub-function (e.g. TDVMCALL_STATUS_RETRY).  Injections add up.
 */
void tdx_model_inject(unsigned leaf, uint64_t subfn, uint64_t status, unsigned count);

/*
 * Hostile VMM (off after reset): on every TDG.VP.VMCALL, each register the
 * guest exposed and the VMM did not answer comes back as junk, so code
 * that trusts a value the VMM may write is caught.
 */
void tdx_model_set_hostile(bool hostile);

/*
 * Which GHCI-standard sub-functions (R11 of a TDG.VP.VMCALL with R10 = 0)
 * the VMM implements.  One it does not is answered
 * TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED.  After reset: what KVM implements -
 * Instruction.CPUID, .HLT, .IO, .RDMSR, .WRMSR, #VE.RequestMMIO,
 * GetTdVmCallInfo, MapGPA, GetQuote, ReportFatalError and
 * SetupEventNotifyInterrupt; not Instruction.WBINVD (54),
 * Instruction.PCONFIG (65) or Service (0x10005), which a test of code for
 * another VMM turns on here.  Returns false (and changes nothing) for a
 * sub-function the model has no model of: it stays unsupported.
 */
bool tdx_model_set_vmcall_supported(uint64_t subfn, bool supported);

/* Does the VMM implement GHCI-standard sub-function `subfn`? */
bool tdx_model_vmcall_supported(uint64_t subfn);

/* ---- the memory model ----------------------------------------------------------- */

/*
 * The state of each 4 KiB page of the modelled GPA space: added by the host
 * and not yet accepted (PENDING), accepted with TDG.MEM.PAGE.ACCEPT
 * (ACCEPTED), or converted with TDG.VP.VMCALL<MapGPA> to shared (SHARED).
 */
enum tdx_model_page_state {
	TDX_MODEL_PAGE_PENDING = 0,
	TDX_MODEL_PAGE_ACCEPTED = 1,
	TDX_MODEL_PAGE_SHARED = 2
};

/*
 * A new GPA space [0, size) (size a multiple of 4 KiB; 4 GiB after reset):
 * every page PENDING.  Returns false if size is not a 4 KiB multiple or
 * the host is out of memory (the model then tracks nothing).
 */
bool tdx_model_set_memory_size(uint64_t size);

/* The state of the page holding `gpa` (PENDING beyond the modelled space). */
enum tdx_model_page_state tdx_model_page_state(uint64_t gpa);

/* How many pages of [gpa, gpa + size) are in `state` (modelled pages only). */
uint64_t tdx_model_page_count(uint64_t gpa, uint64_t size, enum tdx_model_page_state state);

/* Put the pages of [gpa, gpa + size) in `state` (e.g. memory the host added already accepted). */
void tdx_model_set_page_state(uint64_t gpa, uint64_t size, enum tdx_model_page_state state);

/* ---- devices ------------------------------------------------------------------- */

/* Default devices (after reset). */
#define TDX_MODEL_COM1_PORT     0x3F8	/* a 16550's transmit register: captured, tdx_model_com1() */
#define TDX_MODEL_SCRATCH_PORT  0x80	/* reads back the last value written */
#define TDX_MODEL_MMIO_RAM_GPA  0xFEB00000ull	/* 4 KiB of RAM behind #VE.RequestMMIO */
#define TDX_MODEL_MMIO_RAM_SIZE 4096

/*
 * A port I/O device behind TDG.VP.VMCALL<Instruction.IO>: ports
 * [base, base + count).  read returns the value of an IN of `size` bytes
 * (1, 2, 4); write takes an OUT's value.  Either may be NULL (reads then
 * give all ones, writes are dropped).  ctx is passed back as given.
 */
struct tdx_model_port_device {
	uint16_t base, count;
	uint32_t (*read)(void *ctx, uint16_t port, unsigned size);
	void (*write)(void *ctx, uint16_t port, unsigned size, uint32_t value);
	void *ctx;
};

/*
 * Add a port device (copied); it answers before any device added earlier
 * on the same ports (COM1 and the scratch port included).  Returns 0, or
 * -1 when the table (16 devices) is full.  Reset removes it.
 */
int tdx_model_add_port_device(const struct tdx_model_port_device *dev);

/*
 * An MMIO device behind TDG.VP.VMCALL<#VE.RequestMMIO> (tdx_mmio_read*,
 * tdx_mmio_write*, or a #VE on an MMIO access): GPAs [base, base + size),
 * without the shared bit.  read/write get the offset from base and the
 * access size (1, 2, 4, 8); an access lies wholly inside the device.
 * Either may be NULL (reads then give all ones, writes are dropped).
 */
struct tdx_model_mmio_device {
	uint64_t base, size;
	uint64_t (*read)(void *ctx, uint64_t offset, unsigned size);
	void (*write)(void *ctx, uint64_t offset, unsigned size, uint64_t value);
	void *ctx;
};

/*
 * Add an MMIO device (copied); it answers before any device added earlier
 * at the same GPAs.  Returns 0, or -1 when the table (8 devices) is full.
 * Reset removes it.
 */
int tdx_model_add_mmio_device(const struct tdx_model_mmio_device *dev);

#ifdef __cplusplus
}
#endif

#endif /* TDX_MODEL_H */
