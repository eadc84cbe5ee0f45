/* SPDX-License-Identifier: MIT */
/*
 * The trapped-TDCALL harness: host-only, never part of libtdx.a.
 *
 * TDCALL (66 0F 01 CC) traps in user mode: as SIGILL (#UD) on bare metal
 * and AMD hosts and under valgrind, as SIGSEGV (#GP) inside an Intel virtual
 * machine (tdxh_trap.h).  The harness's handler, installed for both, plays
 * the TDX module and the VMM: it reads the whole register file from the ucontext,
 * runs a model of the called leaf or TDVMCALL sub-function, writes the
 * results back and steps RIP past the instruction.  The library's shipped
 * trampolines therefore run unmodified.
 *
 * Arm the harness (tdxh_arm) inside each test body: cmocka installs its own
 * SIGILL and SIGSEGV handlers around every test and every fixture.
 *
 * Threads: the state below is shared and protected by one lock; each host
 * thread plays one vCPU (tdxh_set_vcpu).  Models run with the lock held and
 * must not issue TDCALLs themselves.
 */
#ifndef TDX_HARNESS_H
#define TDX_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* GPR numbers as the TDX/VMX architecture numbers them (expose-mask bits). */
enum tdxh_gpr {
	TDXH_RAX, TDXH_RCX, TDXH_RDX, TDXH_RBX, TDXH_RSP, TDXH_RBP, TDXH_RSI, TDXH_RDI,
	TDXH_R8, TDXH_R9, TDXH_R10, TDXH_R11, TDXH_R12, TDXH_R13, TDXH_R14, TDXH_R15,
	TDXH_NR_GPRS
};

/* The register file of one vCPU at a TDCALL. */
struct tdxh_regs {
	uint64_t gpr[TDXH_NR_GPRS];
	uint64_t rip;
	uint64_t rflags;
};

extern const char *const tdxh_gpr_names[TDXH_NR_GPRS];

/* ---- the TDX module side ------------------------------------------------ */

/*
 * A model of one TDCALL leaf (other than TDG.VP.VMCALL).  It sees the whole
 * register file, writes the leaf's outputs and the completion status into
 * gpr[TDXH_RAX].  Leave rip alone: the harness steps it past the TDCALL unless
 * the model sets no_advance (an interrupted leaf re-executes).
 */
struct tdxh_leaf_call {
	struct tdxh_regs *regs;
	unsigned vcpu;
	bool no_advance;	/* model: re-execute the TDCALL (interrupted) */
};
typedef void (*tdxh_leaf_fn)(struct tdxh_leaf_call *call);
void tdxh_set_leaf_model(unsigned leaf, tdxh_leaf_fn fn);
/*
 * Highest leaf version (RAX bits 23:16) the model of `leaf` accepts; the
 * model reads the version from RAX.  Default 0: other versions are refused
 * with OPERAND_INVALID | RAX before any model runs.
 */
void tdxh_set_leaf_max_version(unsigned leaf, unsigned version);

/* ---- the VMM side (TDG.VP.VMCALL) --------------------------------------- */

/*
 * What a VMM model sees: only the registers the guest exposed in RCX
 * (others read as 0).  It answers with tdxh_vmm_write(); R10 carries the
 * TDVMCALL status (tdxh_vmm_status).  Writing a register the guest did not
 * expose is a model bug: the harness counts it (tdxh_state.vmm_violations)
 * and drops the value, as the module would.
 */
struct tdxh_vmcall {
	struct tdxh_regs view;	/* exposed registers; unexposed are 0 */
	uint64_t mask;		/* RCX as the guest sent it */
	uint16_t written;	/* bits of the registers the model answered */
	unsigned vcpu;
};
typedef void (*tdxh_vmcall_fn)(struct tdxh_vmcall *call);

static inline uint64_t tdxh_vmm_read(const struct tdxh_vmcall *c, enum tdxh_gpr r)
{
	return c->view.gpr[r];
}
void tdxh_vmm_write(struct tdxh_vmcall *c, enum tdxh_gpr r, uint64_t value);
static inline void tdxh_vmm_status(struct tdxh_vmcall *c, uint64_t status)
{
	tdxh_vmm_write(c, TDXH_R10, status);
}

/* Models for GHCI-standard sub-functions (R10 = 0, R11 = subfn). */
void tdxh_set_vmcall_model(uint64_t subfn, tdxh_vmcall_fn fn);
/* Model for vendor-specific calls (R10 != 0); default: INVALID_OPERAND. */
void tdxh_set_vendor_vmcall_model(tdxh_vmcall_fn fn);

/* ---- port I/O devices ---------------------------------------------------- */

struct tdxh_port_device {
	uint16_t base, count;
	uint32_t (*read)(void *ctx, uint16_t port, unsigned size);
	void (*write)(void *ctx, uint16_t port, unsigned size, uint32_t value);
	void *ctx;
};
/* Returns 0, or -1 when the table is full. Reads of ports with no device give all ones. */
int tdxh_add_port_device(const struct tdxh_port_device *dev);
/* The i-th registered device, NULL past the end; later ones shadow earlier ones. */
const struct tdxh_port_device *tdxh_port_device_at(unsigned i);

#define TDXH_COM1_PORT     0x3F8
#define TDXH_SCRATCH_PORT  0x80	/* POST-code port: remembers the last value written */

/* ---- background work of the VMM ----------------------------------------- */

/*
 * fn runs at the start of every TDCALL (lock held, before the call is
 * modelled): the VMM got the CPU, so asynchronous work it serves (a GetQuote
 * in flight, say) can advance.  Register from a default model; tdxh_reset()
 * forgets them.  Returns 0, or -1 when the table is full.
 */
int tdxh_add_background(void (*fn)(void));

/* ---- failure injection --------------------------------------------------- */

/*
 * The next `count` calls of `leaf` (for TDG.VP.VMCALL: of sub-function
 * `subfn`) return `status` without running the model: RAX for a leaf, R10
 * for a sub-function.  subfn is ignored for leaves other than 0.
 */
void tdxh_inject(unsigned leaf, uint64_t subfn, uint64_t status, unsigned count);

/* ---- records -------------------------------------------------------------- */

#define TDXH_NO_SUBFN UINT64_MAX

struct tdxh_record {
	unsigned vcpu;
	uint64_t leaf;		/* RAX in */
	uint64_t subfn;		/* R11 in for standard VMCALLs, else TDXH_NO_SUBFN */
	struct tdxh_regs in;	/* register file at the TDCALL */
	struct tdxh_regs out;	/* register file after it */
	bool vmm_exit;		/* the call reached the VMM model */
	struct tdxh_regs vmm_saw;	/* what the VMM model was shown */
	uint16_t vmm_wrote;	/* registers the VMM wrote (model + hostile junk) */
};

#define TDXH_MAX_RECORDS 4096

struct tdxh_state {
	bool hostile;		/* VMM writes junk into every exposed register it does not answer */
	uint64_t junk_seed;
	/* Nonzero: the module refuses every TDG.VP.VMCALL with this RAX (a broken TD). */
	uint64_t vmcall_module_status;
	/*
	 * The TD has NO_RBP_MOD (default, as tdxh_reset leaves it): TDG.VP.VMCALL
	 * refuses an expose mask with RBP (bit 5).  Clear it to model a TD
	 * without it, whose VMM may then read and write RBP.
	 */
	bool no_rbp_mod;
	/* counters */
	uint64_t nr_calls;	/* every TDCALL, recorded or not */
	uint64_t nr_records;	/* min(nr_calls, TDXH_MAX_RECORDS) */
	uint64_t leaf_calls[64];
	uint64_t vmm_violations;
	uint64_t traps;		/* ud2 hit */
	/* devices */
	char com1[65536];
	size_t com1_len;
	uint32_t scratch;	/* last value written to TDXH_SCRATCH_PORT */
	unsigned scratch_size;
};

extern struct tdxh_state tdxh_state;

/* Forget everything: models back to defaults, devices, records, injections. */
void tdxh_reset(void);
/*
 * Install the handler for SIGILL and SIGSEGV (both TDCALL routes; other
 * SIGSEGVs go to the handler installed before).  Call inside the test body.
 */
void tdxh_arm(void);
/* This thread plays vCPU `vcpu` (default 0). */
void tdxh_set_vcpu(unsigned vcpu);
unsigned tdxh_current_vcpu(void);

const struct tdxh_record *tdxh_record(uint64_t i);
const struct tdxh_record *tdxh_last_record(void);
/* Number of recorded TDCALLs of `leaf` (and of sub-function `subfn` for leaf 0). */
uint64_t tdxh_count(unsigned leaf, uint64_t subfn);

/* The COM1 output so far, NUL-terminated. */
const char *tdxh_com1(void);

/*
 * Run fn(arg); returns true if it trapped on ud2 (the refused-hypercall
 * path), false if it returned normally.
 */
bool tdxh_run_expect_trap(void (*fn)(void *), void *arg);

/* Called (outside the lock) after a model asked to stop the guest: see tdx-sim. */
void tdxh_request_stop(int code);
extern void (*tdxh_stop_hook)(int code);

/* The default models of the foundation: TDG.VP.VMCALL<Instruction.IO> with devices. */
void tdxh_install_io_models(void);
/* All default models: called by tdxh_reset(). */
void tdxh_install_default_models(void);

/*
 * Call fn(a0, a1) from assembly with known callee-saved values (below) and
 * capture all 16 GPRs as fn returned them, in enum tdxh_gpr order.
 */
uint64_t tdxh_probe_call(void *fn, uint64_t a0, uint64_t a1, uint64_t out[TDXH_NR_GPRS]);
#define TDXH_PROBE_RBX 0xB0B0B0B0B0B0B0B3ull
#define TDXH_PROBE_RBP 0xB0B0B0B0B0B0B0B5ull
#define TDXH_PROBE_R12 0xB0B0B0B0B0B0B0CCull
#define TDXH_PROBE_R13 0xB0B0B0B0B0B0B0DDull
#define TDXH_PROBE_R14 0xB0B0B0B0B0B0B0EEull
#define TDXH_PROBE_R15 0xB0B0B0B0B0B0B0FFull

/* Deterministic junk for hostile models. */
uint64_t tdxh_junk(void);

#ifdef __cplusplus
}
#endif

#endif
