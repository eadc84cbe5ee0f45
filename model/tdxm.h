/* SPDX-License-Identifier: MIT */
/*
 * The TDX model: the TDX module and the VMM as plain code over a register
 * file and one state struct, struct tdxm.  Host-only, never in libtdx.a;
 * nothing here knows about signals.  A back-end hands tdxm_tdcall() the
 * register file of one TDCALL and the vCPU that made it, and puts back
 * what the model wrote: the trap layer (model/trap/) does that from a
 * signal's ucontext for the one instance it drives (`tdxh`,
 * tdx_harness.h); a test may run a struct tdxm of its own directly.
 *
 * Where things are:
 *   core/     tdxm_tdcall (the module's TDCALL dispatch and TDG.VP.VMCALL
 *             gate), records, failure injection, registration of models
 *             and devices, the default configuration (defaults.c: which
 *             model answers which leaf and sub-function, one each);
 *   module/   one file per TDCALL leaf (vp_info.c, mem_page_accept.c, ...);
 *   vmm/      one file per TDG.VP.VMCALL sub-function (instruction_io.c,
 *             get_quote.c, ...);
 *   memory/   the page-state model (PENDING / ACCEPTED / SHARED) that
 *             PAGE.ACCEPT, MapGPA and GetQuote share;
 *   devices/  the default plug-ins: COM1, the scratch port, MMIO RAM, the
 *             quote service;
 *   ve/       a faulting instruction -> the VE info the module reports.
 * Constants (leaf and sub-function numbers, statuses, layouts) come from
 * libtdx's own headers, include/tdx/.
 *
 * Names: tdxm_*() take the model they work on.  Types, the helpers a model
 * answers with (tdxh_vmm_*) and the pure #VE decoder (tdxh_ve_*) keep the
 * tdxh_ names the tests have always used; the other tdxh_*() functions
 * (tdx_harness.h) work on the instance the trap layer drives.
 *
 * Locking: tdxm_tdcall() holds m->lock while a model runs (one TDCALL at a
 * time); models must not issue TDCALLs.  The memory model has its own lock
 * (m->mem.lock), so host threads playing vCPUs may query it meanwhile.
 */
#ifndef TDXM_H
#define TDXM_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tdx/model.h>

#include "regs.h"

#ifdef __cplusplus
extern "C" {
#endif

struct tdxm;

/* ---- the register file (regs.h: enum tdxh_gpr, struct tdxh_regs) ------------------ */

extern const char *const tdxh_gpr_names[TDXH_NR_GPRS];

/* ---- models of the module's leaves -------------------------------------------- */

/*
 * A model of one TDCALL leaf (other than TDG.VP.VMCALL).  It sees the whole
 * register file, writes the leaf's outputs and the completion status into
 * gpr[TDXH_RAX].  Leave rip alone: the back-end steps it past the TDCALL
 * unless the model sets no_advance (an interrupted leaf re-executes).
 */
struct tdxh_leaf_call {
	struct tdxm *m;
	struct tdxh_regs *regs;
	unsigned vcpu;
	bool no_advance;	/* model: re-execute the TDCALL (interrupted) */
};
typedef void (*tdxh_leaf_fn)(struct tdxh_leaf_call *call);

/* ---- models of the VMM's sub-functions (TDG.VP.VMCALL) --------------------------- */

/*
 * What a VMM model sees: only the registers the guest exposed in RCX
 * (others read as 0).  It answers with tdxh_vmm_write(); R10 carries the
 * TDVMCALL status (tdxh_vmm_status).  Writing a register the guest did not
 * expose is a model bug: counted (state.vmm_violations) and dropped, as
 * the module would.
 */
struct tdxh_vmcall {
	struct tdxm *m;
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

/* ---- records ------------------------------------------------------------------- */

#define TDXH_NO_SUBFN TDX_MODEL_NO_SUBFN
#define TDXH_MAX_RECORDS TDX_MODEL_MAX_RECORDS

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

/* The dispatcher's configuration and counters. */
struct tdxh_state {
	bool hostile;		/* VMM writes junk into every exposed register it does not answer */
	uint64_t junk_seed;
	/* Nonzero: the module refuses every TDG.VP.VMCALL with this RAX (a broken TD). */
	uint64_t vmcall_module_status;
	/*
	 * The TD has NO_RBP_MOD (default): TDG.VP.VMCALL refuses an expose mask
	 * with RBP (bit 5).  Clear it to model a TD without it, whose VMM may
	 * then read and write RBP.
	 */
	bool no_rbp_mod;
	uint64_t nr_calls;	/* every TDCALL, recorded or not */
	uint64_t nr_records;	/* min(nr_calls, TDXH_MAX_RECORDS) */
	uint64_t leaf_calls[64];
	uint64_t vmm_violations;
};

/* ---- the TD ---------------------------------------------------------------------- */

#define TDXH_ABI_MAX_VCPUS 64

/* The TD configuration the models answer with. */
struct tdxh_td_config {
	uint32_t gpaw;			/* default 48; shared bit = gpaw - 1 */
	uint64_t attributes;		/* TD ATTRIBUTES: TDG.VP.INFO and the TDREPORT; default SEPT_VE_DISABLE */
	uint32_t num_vcpus;		/* default 1 */
	uint32_t max_vcpus;		/* default TDXH_ABI_MAX_VCPUS */
	bool sys_rd_available;		/* TDG.VP.INFO R10 bit 0; default true (module 1.5) */
	unsigned num_l2_vms;		/* TD partitioning: L2 VMs, default 0 */
};

/*
 * The one target TD this TD is bound to as a service TD, as tdx-module 1.5
 * answers for it (tdg_servtd_rd_wr.c).  Not bound (the default): every
 * binding handle is OPERAND_INVALID | RCX.  Bound: R10-R13 must carry the
 * target's UUID.  Its UUID from before an import (a binding made before the
 * target migrated) gets TDX_TARGET_UUID_UPDATED with the current UUID in
 * R10-R13 - the only time the module writes them; any other UUID gets
 * TDX_TARGET_UUID_MISMATCH.  The target has one metadata field: read it, or
 * masked-write it within `writable`.
 */
struct tdxh_servtd_config {
	bool bound;
	uint64_t binding_handle;	/* RCX */
	uint64_t uuid[4];		/* the target's TD_UUID: R10, R11, R12, R13 */
	uint64_t preimport_uuid[4];	/* the target's UUID before it was imported */
	uint64_t field_id, value, writable;
};

/* #VE information, as TDG.VP.VEINFO.GET returns it. */
struct tdxh_ve_info {
	uint64_t exit_reason, exit_qualification, gla, gpa;
	uint32_t instruction_length, instruction_info;
};

/* Per-vCPU state the module keeps. */
struct tdxm_module {
	bool ve_valid[TDXH_ABI_MAX_VCPUS];
	struct tdxh_ve_info ve[TDXH_ABI_MAX_VCPUS];
	uint64_t ve_double_faults;	/* #VE posted while VE info was valid: the #DF a TD takes */
	uint64_t cpuidve[TDXH_ABI_MAX_VCPUS];	/* TDG.VP.CPUIDVE.SET flags */
};

/*
 * Metadata fields (TDG.VM.RD/WR, TDG.VP.RD/WR, TDG.SYS.RD/RDALL), as the
 * module's lookup tables hold them: the id of the field's first element
 * (its class and field code are what a lookup matches), `elements`
 * elements (0 counts as 1) with consecutive field codes, and the bits the
 * guest may write.  Element 0 is `value`, element k is more[k - 1].
 */
#define TDXM_MAX_ELEMENTS 16	/* LAST_ELEMENT_IN_FIELD is 4 bits wide */
struct tdxm_field {
	uint64_t id, value, writable;
	unsigned elements;
	uint64_t more[TDXM_MAX_ELEMENTS - 1];
};
#define TDXM_MAX_FIELDS 8
#define TDXM_MAX_SYS_FIELDS 640	/* enough to overflow TDG.SYS.RDALL's 4 KiB list */
#define TDXH_VP_TEST_FIELD 0xA020000000000001ull	/* the one vCPU-scope field */
struct tdxm_metadata {
	struct tdxm_field td[TDXM_MAX_FIELDS];	/* TD scope (TDCS) */
	unsigned nr_td;
	struct tdxm_field vp[TDXH_ABI_MAX_VCPUS];	/* vCPU scope: one field each */
	struct tdxm_field sys[TDXM_MAX_SYS_FIELDS];	/* module scope, read only */
	unsigned nr_sys;
};

/* L2 attributes of private pages (TDG.MEM.PAGE.ATTR.RD/WR). */
#define TDXM_MAX_ATTR_PAGES 16
struct tdxm_page_attrs {
	struct { uint64_t gpa, attr; } page[TDXM_MAX_ATTR_PAGES];
	unsigned nr;
};

/* ---- attestation --------------------------------------------------------------- */

#define TDXH_MAX_EXTENDS 64

struct tdxh_attest_state {
	/* TD identity the TDREPORT shows (tests set them; defaults are patterns); ATTRIBUTES: td.attributes */
	uint64_t xfam;
	uint8_t mrtd[48], mrconfigid[48], mrowner[48], mrownerconfig[48];
	uint8_t cpusvn[16];
	/* modelled RTMRs and the log of the extends the module accepted */
	uint8_t rtmr[4][48];
	struct { unsigned index; uint8_t digest[48]; } extends[TDXH_MAX_EXTENDS];
	unsigned nr_extends;
	unsigned nr_reports, nr_verifies;
	unsigned report_interrupts;	/* config: the next n TDG.MR.REPORTs are interrupted (re-executed) */
};

/* ---- the VMM --------------------------------------------------------------------- */

#define TDXH_QUOTE_MAX (128 * 1024)

/* What the GetQuote VMM does with a request. */
enum tdxh_quote_mode {
	TDXH_QUOTE_HONEST = 0,	/* serve it: the quote service's answer */
	TDXH_QUOTE_NEVER,	/* keep it in flight forever */
	TDXH_QUOTE_OUT_LEN_LIE,	/* complete, but write out_len_lie as out_len */
	TDXH_QUOTE_STATUS_FLIP,	/* after each guest read of the buffer, flip the status (watch) */
	TDXH_QUOTE_REWRITE	/* after each guest read, rewrite header and quote with junk (watch) */
};

/*
 * The quote service behind GetQuote (a host's quote generation service), a
 * plug-in: given the TDREPORT of a well-formed request, fill `quote` (room
 * bytes) and say how many bytes it wrote in *len; return the buffer status
 * (TDX_QUOTE_STATUS_SUCCESS, or an error).  The default
 * (devices/quote_service.c) answers the quote model's result_status with
 * quote_size bytes of tdxm_expected_quote().
 */
struct tdxh_quote_service {
	uint64_t (*serve)(void *ctx, const uint8_t *report, uint8_t *quote, uint32_t room,
			  uint32_t *len);
	void *ctx;
};

struct tdxh_quote_model {
	/* configuration (reset sets the defaults in brackets) */
	enum tdxh_quote_mode mode;	/* [HONEST] */
	uint32_t delay;			/* TDCALLs the request stays in flight [3]; 0: done at once */
	uint64_t vmcall_status;		/* R10 answer to GetQuote [SUCCESS] */
	uint64_t result_status;		/* default service: buffer status at completion [SUCCESS] */
	uint32_t quote_size;		/* default service: quote bytes written on success [600] */
	uint32_t out_len_lie;		/* out_len written in OUT_LEN_LIE mode */
	struct tdxh_quote_service service;	/* [the default service] */
	/* what happened */
	unsigned nr_requests;
	bool request_ok;		/* last request: shared GPA, version 1, status 0, in_len 1024, out_len 0, a TDREPORT with a valid MAC */
	uint64_t gpa, size;		/* last request as the VMM saw it */
	bool private_buffer;		/* last request's pages were not SHARED in the memory model */
	uint8_t *buf;			/* host address of the buffer in service */
	bool pending;
	uint32_t ticks_left;
	unsigned nr_completions;
	unsigned nr_notifies;		/* completions signalled by the notify interrupt */
};

/* The stop code ReportFatalError hands to tdxm_request_stop(). */
#define TDXH_STOP_FATAL_ERROR 0x7E
/*
 * The stop code of a TDCALL whose memory operand is a PENDING page
 * (tdxm_mem_operand): the VMM ends the TD (KVM: "access before accept"),
 * or, without SEPT_VE_DISABLE, the module posted a #VE at the TDCALL that
 * no back-end delivers.  mem.pending_gpa says which GPA.
 */
#define TDXH_STOP_PENDING_ACCESS 0x7C

struct tdxh_fatal_report {
	/* configuration */
	bool resume;			/* the VMM resumes the TD [true]; false: it stops it */
	bool read_page;			/* decode the string at R13 (R12 bit 63) from host memory [false] */
	/* what happened */
	unsigned nr_reports;		/* every ReportFatalError the VMM got */
	bool reported;			/* the last one was accepted */
	uint64_t r12, r13;
	char message[65];	/* R14, R15, RBX, RDI, RSI, R8, R9, RDX decoded, NUL-terminated */
	char shared[4097];	/* the string at R13, NUL-terminated (read_page) */
};

#define TDXM_MAX_CPUID 32
#define TDXM_MAX_MSRS  32

/*
 * x2APIC MSRs (MSR 0x800 + the xAPIC register offset >> 4; Intel SDM Vol. 3A,
 * x2APIC register address space table) the virtual x2APIC answers.
 */
#define TDXM_X2APIC_ID        0x802	/* read: the x2APIC ID = VCPU_INDEX */
#define TDXM_X2APIC_VERSION   0x803
#define TDXM_X2APIC_TPR       0x808
#define TDXM_X2APIC_PPR       0x80A
#define TDXM_X2APIC_EOI       0x80B	/* write 0: end the highest in-service interrupt */
#define TDXM_X2APIC_SVR       0x80F
#define TDXM_X2APIC_ISR0      0x810	/* ISR bits 31:0; 0x811 bits 63:32, ... 0x817 */
#define TDXM_X2APIC_IRR0      0x820	/* IRR, likewise up to 0x827 */
#define TDXM_X2APIC_ICR       0x830	/* one 64-bit register: destination in 63:32 */
#define TDXM_X2APIC_SELF_IPI  0x83F	/* write: vector in 7:0 */
/* ICR fields (Intel SDM Vol. 3A, Interrupt Command Register) */
#define TDXM_ICR_VECTOR(icr)        ((unsigned)((icr) & 0xFF))
#define TDXM_ICR_DELIVERY_MODE(icr) ((unsigned)(((icr) >> 8) & 7))	/* 0 fixed */
#define TDXM_ICR_DEST_LOGICAL       (1ull << 11)
#define TDXM_ICR_SHORTHAND(icr)     ((unsigned)(((icr) >> 18) & 3))	/* 0 none, 1 self, 2 all, 3 others */
#define TDXM_ICR_DEST(icr)          ((uint32_t)((icr) >> 32))
#define TDXM_X2APIC_BROADCAST       0xFFFFFFFFu

/*
 * One vCPU's virtual x2APIC, as far as a TD guest sees one: the interrupt
 * request and in-service registers (a bit per vector), the task priority,
 * the last ICR written.  Fixed interrupts only; no timer, LVT or NMI.
 * Vectors 0-15 are illegal (dropped, counted).  An interrupt is deliverable
 * when the priority class (vector >> 4) of the highest requested vector is
 * above that of both the TPR and the highest in-service vector.
 */
struct tdxm_x2apic {
	uint32_t irr[8], isr[8];
	uint32_t tpr, svr;
	uint64_t icr;
	/* what happened */
	uint64_t raised;	/* vectors requested (an already-requested one counts again) */
	uint64_t acked;		/* moved from IRR to ISR: delivered to the guest */
	uint64_t eois;		/* EOIs that ended an in-service vector */
	uint64_t ipis_sent;	/* fixed IPIs this vCPU sent that reached a vCPU */
	uint64_t dropped;	/* illegal vectors, IPIs to an absent x2APIC ID */
};

/* What the VMM models were asked, and what they answer. */
struct tdxm_vmm {
	/* Instruction.HLT */
	uint64_t halts;
	bool last_halt_blocked;		/* R12 of the last HLT */
	/* Instruction.CPUID and RDMSR/WRMSR answers */
	struct { uint32_t leaf, subleaf, regs[4]; } cpuid[TDXM_MAX_CPUID];
	unsigned nr_cpuid;
	struct { uint32_t msr; uint64_t value; } msr[TDXM_MAX_MSRS];
	unsigned nr_msrs;
	/* Instruction.WBINVD: [0] WBINVD, [1] WBNOINVD */
	uint64_t wbinvds[2];
	/* Instruction.PCONFIG: R12..R15 of the last call; R11 answer */
	uint64_t pconfig_in[4];
	uint64_t pconfig_result;
	/* GetTdVmCallInfo leaf 1 answer */
	uint64_t vmcall_info_r11, vmcall_info_r12;
	/* SetupEventNotifyInterrupt: the vector, and the vCPU that registered it (QEMU's way) */
	uint64_t event_notify_vector;
	unsigned event_notify_vcpu;
	/* Instruction.HLT with interrupts unblocked: HLTs that found an interrupt to take */
	uint64_t halt_wakes;
	/* the virtual x2APIC of each vCPU (vmm/x2apic.c) */
	struct tdxm_x2apic x2apic[TDXH_ABI_MAX_VCPUS];
	/* Service */
	uint64_t service_calls, service_in[4];
	struct tdxh_quote_model quote;		/* GetQuote */
	struct tdxh_fatal_report fatal;		/* ReportFatalError */
};

/* ---- devices ---------------------------------------------------------------------- */

#define TDXH_COM1_PORT     TDX_MODEL_COM1_PORT
#define TDXH_SCRATCH_PORT  TDX_MODEL_SCRATCH_PORT	/* POST-code port: remembers the last value written */
#define TDXH_MMIO_SCRATCH_GPA  TDX_MODEL_MMIO_RAM_GPA	/* | the shared bit to reach it */
#define TDXH_MMIO_SCRATCH_SIZE TDX_MODEL_MMIO_RAM_SIZE
#define TDXM_MAX_PORT_DEVICES 16
#define TDXM_MAX_MMIO_DEVICES 8

/* The default devices' state (their ctx). */
struct tdxm_com1 {
	char text[65536];
	size_t len;
};
struct tdxm_scratch_port {
	uint32_t value;		/* last value written */
	unsigned size;		/* and its size */
};

struct tdxm_devices {
	struct tdx_model_port_device port[TDXM_MAX_PORT_DEVICES];
	unsigned nr_port;
	struct tdx_model_mmio_device mmio[TDXM_MAX_MMIO_DEVICES];
	unsigned nr_mmio;
};

/* ---- the memory model ---------------------------------------------------------------- */

/*
 * State per 4K page of a configurable GPA space [0, size): PENDING (added
 * by the host, not accepted), ACCEPTED, or SHARED (converted with MapGPA;
 * its private alias is gone).  Two bits per page, in two bitmaps, so a
 * 64 GiB space costs 4 MiB of host memory.  Per 2M region: the level the
 * host mapped it at (2M, or 4K pages).  memory/memory.c has the page
 * states, module/mem_page_accept.c and vmm/map_gpa.c the calls.
 */
enum tdxh_page_state {
	TDXH_PAGE_PENDING = TDX_MODEL_PAGE_PENDING,
	TDXH_PAGE_ACCEPTED = TDX_MODEL_PAGE_ACCEPTED,
	TDXH_PAGE_SHARED = TDX_MODEL_PAGE_SHARED
};

#define TDXH_MEM_DEFAULT_SIZE (4ull << 30)	/* after reset: 4 GiB, all PENDING, 2M-mapped */
#define TDXH_MEM_MAX_VCPUS 64

enum tdxh_map_gpa_hostile {
	TDXH_MAPGPA_HONEST,		/* R11 = next GPA with R12's shared bit */
	TDXH_MAPGPA_R11_NO_SHARED_BIT,	/* honest, but R11 without the shared bit (legal) */
	TDXH_MAPGPA_R11_OUTSIDE,	/* R11 = end of the range (nothing left there) */
	TDXH_MAPGPA_R11_BACKWARDS,	/* R11 = 4K below the GPA asked for */
	TDXH_MAPGPA_R11_STUCK,		/* converts nothing, R11 = the GPA asked for, forever */
	TDXH_MAPGPA_R11_UNALIGNED,	/* R11 = next GPA + 0x800 */
	TDXH_MAPGPA_R11_HIGH_BIT,	/* R11 = next GPA | a GPA bit above the shared bit's range */
};

struct tdxh_mem_stats {
	uint64_t accept[TDXH_MEM_MAX_VCPUS];	/* TDG.MEM.PAGE.ACCEPT executions per vCPU (re-executions too) */
	uint64_t accept_level[8];		/* ... by RCX level */
	uint64_t accept_ok, already, size_mismatch, operand_invalid;
	uint64_t converted_back;		/* SHARED pages the VMM made private again on an accept or a TDCALL operand */
	uint64_t pending_operands;		/* TDCALLs stopped on a PENDING memory operand */
	uint64_t zeroed;			/* accepted 4K pages zeroed in the RAM window */
	uint64_t busy;				/* accepts answered OPERAND_BUSY (tdxm_mem_set_busy) */
	uint64_t untracked;			/* accepts and MapGPAs beyond the space */
	uint64_t interrupted;			/* 2M accepts interrupted (re-executed) */
	uint64_t splits;			/* 2M mappings split by a 4K accept */
	uint64_t map_gpa[TDXH_MEM_MAX_VCPUS];	/* MapGPA calls per vCPU */
	uint64_t map_gpa_retry;			/* RETRYs answered */
};

struct tdxm_memory {
	pthread_mutex_t lock;
	uint64_t size, nr_pages, nr_regions;
	uint64_t *accepted;	/* bit per page */
	uint64_t *shared;	/* bit per page */
	uint64_t *mapped_4k;	/* bit per 2M region: 1 = host mapped it with 4K pages */
	unsigned interrupts;	/* the next n 2M accepts are interrupted */
	uint64_t chunk;		/* MapGPA: bytes converted per call before RETRY (0: all) */
	enum tdxh_map_gpa_hostile hostile;
	unsigned honest_retries;
	unsigned retries_seen;
	uint64_t map_gpa_last, map_gpa_last_size;	/* the last MapGPA the VMM accepted (R12, R13) */
	/*
	 * The back-end's guest RAM (tdxm_mem_set_ram): GPAs [ram_gpa, ram_gpa +
	 * ram_size) are host memory at ram_host.  There TDG.MEM.PAGE.ACCEPT
	 * zeroes the page, and ram_protect(ram_ctx, gpa, size, accessible) is
	 * told each change of page state: accessible is false for PENDING
	 * pages (the back-end makes them fault), true otherwise.  No window
	 * (size 0, the default): the model touches no memory for page states.
	 */
	uint64_t ram_gpa, ram_size;
	uint8_t *ram_host;
	void (*ram_protect)(void *ctx, uint64_t gpa, uint64_t size, bool accessible);
	void *ram_ctx;
	uint64_t pending_gpa;	/* the PENDING page the last TDXH_STOP_PENDING_ACCESS was about */
	uint64_t busy_gpa, busy_size;	/* tdxm_mem_set_busy: SEPT entries the host holds locked */
	struct tdxh_mem_stats stats;
};

/* ---- the model ------------------------------------------------------------------ */

#define TDXM_MAX_MODELS 64
#define TDXM_MAX_INJECTIONS 32
#define TDXM_MAX_BACKGROUND 8

struct tdxm {
	pthread_mutex_t lock;		/* held while a TDCALL is modelled */
	bool initialized;		/* tdxm_reset() ran */
	struct tdxh_state state;
	/* which model answers what */
	tdxh_leaf_fn leaf_model[TDXM_MAX_MODELS];
	unsigned leaf_max_version[TDXM_MAX_MODELS];	/* RAX 23:16 a leaf's model accepts */
	/* off: the VMM does not implement it (SUBFUNC_UNSUPPORTED), model or not */
	struct { uint64_t subfn; tdxh_vmcall_fn fn; bool off; } vmcall_model[TDXM_MAX_MODELS];
	unsigned nr_vmcall_models;
	tdxh_vmcall_fn vendor_model;	/* R10 != 0; NULL: INVALID_OPERAND */
	struct { unsigned leaf; uint64_t subfn, status; unsigned count; } injection[TDXM_MAX_INJECTIONS];
	void (*background[TDXM_MAX_BACKGROUND])(struct tdxm *m);
	unsigned nr_background;
	struct tdxh_record records[TDXH_MAX_RECORDS];
	/* a model asked to stop the guest (tdxm_request_stop) */
	bool stop_requested;
	int stop_code;
	/* The back-end's listener for stop requests (tdx-sim, a test); NULL: nobody. */
	void (*stop_hook)(int code);
	/*
	 * Called around a model's own accesses to guest memory (GetQuote's
	 * buffer), so that a back-end that traps the guest's accesses (the page
	 * watch) lets them through.  NULL: nothing to do.
	 */
	void (*guest_access_begin)(void);
	void (*guest_access_end)(void);
	/*
	 * Called (model lock held) when vCPU `vcpu` gets a newly requested
	 * interrupt, from a model or tdxm_apic_raise(): a back-end that runs
	 * vCPUs concurrently wakes or interrupts that vCPU.  It must not block
	 * or take the model lock.  NULL: nobody.
	 */
	void (*irq_hook)(unsigned vcpu);
	/* the TD and the module */
	struct tdxh_td_config td;
	struct tdxh_servtd_config servtd;
	struct tdxm_module module;
	struct tdxm_metadata md;
	struct tdxm_page_attrs attrs;
	struct tdxh_attest_state attest;
	/* the VMM and its devices */
	struct tdxm_vmm vmm;
	struct tdxm_devices devices;
	struct tdxm_com1 com1;
	struct tdxm_scratch_port scratch;
	uint8_t mmio_ram[TDXH_MMIO_SCRATCH_SIZE];
	/* guest memory */
	struct tdxm_memory mem;
};

/* ---- lifecycle and the call ------------------------------------------------------- */

/* A model on the heap, initialized and reset; NULL when out of memory. */
struct tdxm *tdxm_create(void);
/* Free what tdxm_create() returned. */
void tdxm_destroy(struct tdxm *m);
/* Initialize *m (locks) and reset it. */
void tdxm_init(struct tdxm *m);
/* Free the memory model's maps and the locks of *m. */
void tdxm_fini(struct tdxm *m);
/* Forget everything: every model, device and setting back to the defaults (core/defaults.c). */
void tdxm_reset(struct tdxm *m);

/* What one TDCALL asked of the back-end. */
struct tdxm_result {
	bool advance;		/* step RIP past the TDCALL (false: re-execute it) */
	bool stop;		/* a model asked to stop the guest ... */
	int stop_code;		/* ... with this code (tdxm_request_stop) */
};

/*
 * One TDCALL of vCPU `vcpu`: leaf in RAX, registers in *r; the model's
 * answer is written into *r (rip is left alone).
 */
struct tdxm_result tdxm_tdcall(struct tdxm *m, struct tdxh_regs *r, unsigned vcpu);

/* Asked from a model: end the guest after this TDCALL with `code`. */
void tdxm_request_stop(struct tdxm *m, int code);

/* Deterministic junk for hostile answers (never 0, top bit set). */
uint64_t tdxm_junk(struct tdxm *m);

/* ---- registration (model lock not taken: configure between calls) ------------------ */

/* The model of TDCALL `leaf` (< 64); NULL: the leaf does not exist (OPERAND_INVALID). */
void tdxm_set_leaf_model(struct tdxm *m, unsigned leaf, tdxh_leaf_fn fn);
/*
 * Highest leaf version (RAX bits 23:16) the model of `leaf` accepts; the
 * model reads the version from RAX.  Default 0: other versions are refused
 * with OPERAND_INVALID | RAX before any model runs.
 */
void tdxm_set_leaf_max_version(struct tdxm *m, unsigned leaf, unsigned version);
/* The model of GHCI-standard sub-function `subfn` (R10 = 0, R11 = subfn); NULL: SUBFUNC_UNSUPPORTED. */
void tdxm_set_vmcall_model(struct tdxm *m, uint64_t subfn, tdxh_vmcall_fn fn);
/*
 * Does the VMM implement GHCI-standard sub-function `subfn`?  One that it
 * does not is answered TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED without running
 * its model.  The defaults are what KVM implements (core/defaults.c):
 * Instruction.WBINVD, Instruction.PCONFIG and Service are not.  Returns
 * 0, or -1 when no model answers `subfn` (it stays unsupported).
 */
int tdxm_set_vmcall_supported(struct tdxm *m, uint64_t subfn, bool supported);
bool tdxm_vmcall_supported(const struct tdxm *m, uint64_t subfn);
/* The model of vendor-specific calls (R10 != 0); default NULL: INVALID_OPERAND. */
void tdxm_set_vendor_vmcall_model(struct tdxm *m, tdxh_vmcall_fn fn);
/* Plug-ins: later ones answer before earlier ones.  0, or -1 when the table is full. */
int tdxm_add_port_device(struct tdxm *m, const struct tdx_model_port_device *dev);
int tdxm_add_mmio_device(struct tdxm *m, const struct tdx_model_mmio_device *dev);
/* The i-th port / MMIO device, NULL past the end. */
const struct tdx_model_port_device *tdxm_port_device_at(const struct tdxm *m, unsigned i);
const struct tdx_model_mmio_device *tdxm_mmio_device_at(const struct tdxm *m, unsigned i);
/* A ready-made MMIO plug-in: `size` bytes of RAM at GPA `base` (little-endian accesses). */
struct tdx_model_mmio_device tdxm_mmio_ram_device(uint64_t base, uint8_t *ram, uint64_t size);
/* The quote service behind GetQuote (NULL serve: back to the default). */
void tdxm_set_quote_service(struct tdxm *m, const struct tdxh_quote_service *svc);
/*
 * fn(m) runs at the start of every TDCALL (lock held, before the call is
 * modelled): the VMM got the CPU, so asynchronous work it serves (a GetQuote
 * in flight, say) can advance.  0, or -1 when the table is full.
 */
int tdxm_add_background(struct tdxm *m, void (*fn)(struct tdxm *m));
/*
 * The next `count` calls of `leaf` (for TDG.VP.VMCALL: of sub-function
 * `subfn`) return `status` without running the model: RAX for a leaf, R10
 * for a sub-function.  subfn is ignored for leaves other than 0.  Takes
 * the model lock.  Returns 0, or -1 when the table is full.
 */
int tdxm_inject(struct tdxm *m, unsigned leaf, uint64_t subfn, uint64_t status, unsigned count);

/* ---- what happened ----------------------------------------------------------------- */

const struct tdxh_record *tdxm_record(const struct tdxm *m, uint64_t i);
const struct tdxh_record *tdxm_last_record(const struct tdxm *m);
/* Number of recorded TDCALLs of `leaf` (and of sub-function `subfn` for leaf 0). */
uint64_t tdxm_count(const struct tdxm *m, unsigned leaf, uint64_t subfn);
/* The COM1 output so far, NUL-terminated. */
const char *tdxm_com1(struct tdxm *m);

/* ---- the TD ------------------------------------------------------------------------ */

/* 1 << (m->td.gpaw - 1) */
uint64_t tdxm_shared_bit(const struct tdxm *m);
/* gpa < 1 << gpaw, no shared bit, aligned to `align` (a power of two). */
bool tdxm_gpa_private_ok(const struct tdxm *m, uint64_t gpa, uint64_t align);
/* Host address of a GPA (the shared bit stripped): in the RAM window (tdxm_mem_set_ram), where the
 * back-end put it; elsewhere host memory is the guest's. */
void *tdxm_gpa_to_host(const struct tdxm *m, uint64_t gpa);
/*
 * vCPU `vcpu`'s VE info becomes valid; TDG.VP.VEINFO.GET returns it and
 * clears valid.  Posting while it is still valid counts a double fault
 * (module.ve_double_faults) and keeps the first information.
 */
void tdxm_post_ve(struct tdxm *m, unsigned vcpu, const struct tdxh_ve_info *ve);
/* Is VE info valid (posted, not yet read) on `vcpu`? */
bool tdxm_ve_pending(const struct tdxm *m, unsigned vcpu);

/*
 * Append a module-scope field (TDG.SYS.RD/RDALL) of `elements` elements
 * (1..TDXM_MAX_ELEMENTS) with these values, after the ones there.  0, or -1
 * when the table is full or `elements` is out of range.
 */
int tdxm_md_add_sys_field(struct tdxm *m, uint64_t id, unsigned elements, const uint64_t *values);

/* The VMM's CPUID answer for (leaf, subleaf) (Instruction.CPUID).  0, or -1 when full. */
int tdxm_set_cpuid(struct tdxm *m, uint32_t leaf, uint32_t subleaf, uint32_t eax, uint32_t ebx,
		   uint32_t ecx, uint32_t edx);
/* MSRs the VMM knows; RDMSR/WRMSR of any other answer INVALID_OPERAND.  0, or -1 when full. */
int tdxm_set_msr(struct tdxm *m, uint32_t msr, uint64_t value);
bool tdxm_get_msr(const struct tdxm *m, uint32_t msr, uint64_t *value);

/* ---- the virtual x2APIC (vmm/x2apic.c) ------------------------------------------------ */

/*
 * Request interrupt `vector` on vCPU `vcpu` (as an I/O device or the VMM
 * would): its IRR bit is set and irq_hook runs.  Takes the model lock.
 * Returns 0, or -1 for an illegal vector (< 16) or vCPU (dropped, counted).
 */
int tdxm_apic_raise(struct tdxm *m, unsigned vcpu, unsigned vector);
/* Has vCPU `vcpu` a deliverable interrupt (see struct tdxm_x2apic)?  Takes the model lock. */
bool tdxm_apic_pending(struct tdxm *m, unsigned vcpu);
/*
 * The CPU takes vCPU `vcpu`'s highest deliverable interrupt: its bit moves
 * from IRR to ISR; returns the vector, or -1 if none is deliverable.  Takes
 * the model lock.
 */
int tdxm_apic_ack(struct tdxm *m, unsigned vcpu);
/*
 * From a model (lock held): a vCPU halts with interrupts unblocked.  The
 * VMM's background work runs while it sleeps (time passes for a GetQuote in
 * flight), at most TDXM_HALT_IDLE_ROUNDS rounds, until the vCPU has a
 * deliverable interrupt.  Returns whether it has one.
 */
#define TDXM_HALT_IDLE_ROUNDS 1000
bool tdxm_halt_idle(struct tdxm *m, unsigned vcpu);

/* ---- attestation helpers ------------------------------------------------------------ */

/* The model's MAC over the first 224 bytes of a REPORTMACSTRUCT (keyed SHA-384, 32 bytes). */
void tdxm_report_mac(const uint8_t reportmac[256], uint8_t mac[32]);
/* The default quote service's quote for a TDREPORT: n bytes into out. */
void tdxm_expected_quote(const uint8_t report[1024], uint8_t *out, size_t n);
/*
 * The hostile GetQuote modes (STATUS_FLIP, REWRITE): the VMM acts on the
 * buffer after the guest's access at `off` (a page-watch hook; ctx is the
 * struct tdxm).
 */
void tdxm_quote_after_guest_access(size_t off, bool write, void *ctx);

/* ---- the memory model (its own lock) ------------------------------------------------- */

/* New GPA space [0, size) (4K multiple): every page PENDING, every full 2M region mapped 2M. */
bool tdxm_mem_setup(struct tdxm *m, uint64_t size);
uint64_t tdxm_mem_size(struct tdxm *m);
/* Set the state of the pages of [gpa, gpa + size); a partly changed 2M region is split to 4K. */
void tdxm_mem_set_state(struct tdxm *m, uint64_t gpa, uint64_t size, enum tdxh_page_state state);
enum tdxh_page_state tdxm_mem_state(struct tdxm *m, uint64_t gpa);
/* Pages of [gpa, gpa + size) in `state`. */
uint64_t tdxm_mem_count(struct tdxm *m, uint64_t gpa, uint64_t size, enum tdxh_page_state state);
/* Map the 2M regions [gpa, gpa + size) touches at level 0 (4K) or 1 (2M). */
void tdxm_mem_map_level(struct tdxm *m, uint64_t gpa, uint64_t size, unsigned level);
unsigned tdxm_mem_mapped_level(struct tdxm *m, uint64_t gpa);
/* The next `count` 2M accepts that would succeed are interrupted once each. */
void tdxm_mem_interrupt_2m(struct tdxm *m, unsigned count);
/* MapGPA: bytes converted per call before RETRY (0: all at once). Default 2 MiB. */
void tdxm_mem_map_gpa_chunk(struct tdxm *m, uint64_t bytes);
/* Misbehave after `honest_retries` honest RETRYs (each call counts once). */
void tdxm_mem_map_gpa_hostile(struct tdxm *m, enum tdxh_map_gpa_hostile mode, unsigned honest_retries);
void tdxm_mem_get_stats(struct tdxm *m, struct tdxh_mem_stats *out);
void tdxm_mem_clear_stats(struct tdxm *m);
/*
 * The host holds the SEPT entries of [gpa, gpa + size) locked (a host-side
 * SEPT operation in progress that never ends): an accept that would lock
 * one (a 4K page in the range, or a 2M page that holds one) gets
 * TDX_OPERAND_BUSY | RCX, as sept_lock_acquire_guest() fails in tdx-module
 * 1.5's tdg_mem_page_accept.  size 0: none (the default).
 */
void tdxm_mem_set_busy(struct tdxm *m, uint64_t gpa, uint64_t size);
/*
 * The back-end's guest RAM window (see struct tdxm_memory): GPA `gpa` is
 * host memory at `host` for `size` bytes; `protect` (may be NULL) is called
 * at once for the PENDING pages of the window and then for every change.
 * size 0 removes the window.  tdxm_mem_setup() keeps it.
 */
void tdxm_mem_set_ram(struct tdxm *m, uint64_t gpa, void *host, uint64_t size,
		      void (*protect)(void *ctx, uint64_t gpa, uint64_t size, bool accessible), void *ctx);
/*
 * A TDCALL's memory operand [gpa, gpa + size), as the module's
 * check_walk_and_map_guest_side_gpa() (tdx-module 1.5, helpers.c) treats it
 * after the leaf's own alignment checks: a shared GPA is the host's memory;
 * a private GPA in the RAM window (tdxm_mem_set_ram) must be an ACCEPTED
 * page (outside the window a GPA is a host buffer, as in a test).  A
 * SHARED page is first converted back to private by the VMM (an EPT
 * violation exit; QEMU converts on KVM's memory-fault exit), which leaves
 * it PENDING.  A PENDING page completes no TDCALL: the module posts a #VE
 * (EPT violation at the GPA) or, with SEPT_VE_DISABLE, exits to the VMM,
 * which ends the TD.  Then the call is left unanswered (RAX as it was,
 * no_advance), a stop is requested (TDXH_STOP_PENDING_ACCESS) and false is
 * returned: the leaf model must return at once.  Takes m->mem.lock.
 */
bool tdxm_mem_operand(struct tdxh_leaf_call *c, uint64_t gpa, uint64_t size, bool write);
/* The most TDG.MEM.PAGE.ACCEPT executions any one vCPU issued, and their sum. */
uint64_t tdxm_mem_max_accepts(struct tdxm *m);
uint64_t tdxm_mem_total_accepts(struct tdxm *m);

/* ---- #VE: a faulting instruction -> the VE info (ve/decode.c) -------------------------- */

/* Trap numbers a host fault handler sees. */
#define TDXH_TRAP_UD 6	/* #UD: invalid opcode */
#define TDXH_TRAP_GP 13	/* #GP: general protection */
#define TDXH_TRAP_PF 14	/* #PF: page fault */

/* Instruction length reported for EPT violations, where the field is
 * architecturally undefined: deliberately wrong, so a handler that uses
 * it instead of decoding the instruction is caught. */
#define TDXH_VE_EPT_JUNK_LENGTH  11

/*
 * The bytes at RIP (`avail` of them; 15 is always enough) of an instruction
 * that the TDX module turns into a #VE without an EPT violation: IN/OUT
 * (imm8 and DX forms), INS/OUTS (with REP), HLT, RDMSR, WRMSR, CPUID.
 * Fills *out as the module would: exit reason; exit qualification (I/O:
 * bits 2:0 size-1, 3 in, 4 string, 5 REP, 6 immediate, 31:16 port, the
 * port of DX forms taken from regs); instruction length; instruction info
 * (INS/OUTS, VMX format: bits 9:7 address size 1 = 32-bit, 2 = 64-bit;
 * bits 17:15 segment of OUTS, DS unless overridden); gla = gpa = 0.
 * Returns 0, or -1 for anything else (out untouched).
 */
int tdxh_ve_decode_insn(const uint8_t *insn, size_t avail, const struct tdxh_regs *regs,
			struct tdxh_ve_info *out);

/*
 * The VE info of an EPT violation at `gla` / `gpa` (read or write): exit
 * reason 48, qualification bit 0 read / bit 1 write, bit 7 GLA valid,
 * bit 8 (access to the final translation), instruction length
 * TDXH_VE_EPT_JUNK_LENGTH.
 */
void tdxh_ve_make_ept(uint64_t gla, uint64_t gpa, bool write, struct tdxh_ve_info *out);

/*
 * One call for a host fault handler (the harness's SIGSEGV, tdx-sim's):
 *  - trap 13 (#GP: in/out/ins/outs/hlt/rdmsr/wrmsr in user mode, no error
 *    code that says why): tdxh_ve_decode_insn() on the bytes at RIP;
 *  - trap 14 (#PF) when the caller says the address is shared MMIO
 *    (`shared_gpa` != 0, the GPA it stands for, shared bit included):
 *    tdxh_ve_make_ept(fault_addr, shared_gpa, write = pf_error bit 1).
 * Returns 0 with *out filled, -1 when the fault is not a #VE.
 */
int tdxh_ve_from_fault(unsigned trapno, uint64_t fault_addr, uint64_t pf_error, uint64_t shared_gpa,
		       const uint8_t *insn, size_t avail, const struct tdxh_regs *regs,
		       struct tdxh_ve_info *out);

#ifdef __cplusplus
}
#endif

#endif /* TDXM_H */
