/* SPDX-License-Identifier: MIT */
/*
 * Harness models of the attestation leaves and sub-functions:
 *  - TDG.MR.REPORT (4): a TDREPORT with the caller's REPORTDATA, the modelled
 *    MRTD/RTMRs, SHA-384 hashes of TEE_TCB_INFO and TDINFO, and a
 *    deterministic fake MAC (keyed SHA-384, truncated to 32 bytes);
 *  - TDG.MR.VERIFYREPORT (22): recomputes that MAC;
 *  - TDG.MR.RTMR.EXTEND (2): RTMR = SHA-384(RTMR || digest), every extend logged;
 *  - GetQuote (0x10002): asynchronous, each error status, hostile variants;
 *  - ReportFatalError (0x10003): the message (registers and shared page)
 *    decoded back to text, then stop - installed on demand only
 *    (tdxh_use_attest_fatal_model), tdxh_abi.h's model stays the default.
 * Installed over tdxh_abi.h's simpler models of leaves 2, 4, 22 and GetQuote;
 * SetupEventNotifyInterrupt stays tdxh_abi.h's (tdxh_abi.event_notify_vector).
 * The SHA-384 used is libtdx's own, which its known-answer tests check.
 *
 * Guest and harness share one address space: a GPA with the shared bit set
 * reaches host memory with the bit stripped.  GetQuote honours the memory
 * model (tdxh_memory.h): a buffer whose pages it tracks but which were not
 * converted to SHARED is out of the VMM's reach - the request is queued and
 * the guest's buffer never changes.
 */
#ifndef TDXH_ATTEST_H
#define TDXH_ATTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TDXH_MAX_EXTENDS 64
#define TDXH_QUOTE_MAX   (128 * 1024)

/* What the GetQuote VMM does with a request. */
enum tdxh_quote_mode {
	TDXH_QUOTE_HONEST = 0,	/* serve it: result_status, quote_size bytes */
	TDXH_QUOTE_NEVER,	/* keep it in flight forever */
	TDXH_QUOTE_OUT_LEN_LIE,	/* complete, but write out_len_lie as out_len */
	TDXH_QUOTE_STATUS_FLIP,	/* after each guest read of the buffer, flip the status (watch) */
	TDXH_QUOTE_REWRITE	/* after each guest read, rewrite header and quote with junk (watch) */
};

struct tdxh_quote_model {
	/* configuration (tdxh_reset sets the defaults in brackets) */
	enum tdxh_quote_mode mode;	/* [HONEST] */
	uint32_t delay;			/* TDCALLs the request stays in flight [3]; 0: done at once */
	uint64_t vmcall_status;		/* R10 answer to GetQuote [SUCCESS] */
	uint64_t result_status;		/* buffer status at completion [SUCCESS] */
	uint32_t quote_size;		/* quote bytes written on success [600] */
	uint32_t out_len_lie;		/* out_len written in OUT_LEN_LIE mode */
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

struct tdxh_fatal_report {
	bool reported;
	uint64_t r12, r13;
	char message[65];	/* R14, R15, RBX, RDI, RSI, R8, R9, RDX decoded, NUL-terminated */
	char shared[4097];	/* the string at R13 (bit 63 of R12 set), NUL-terminated */
	bool resume;		/* config: the VMM resumes the TD instead of stopping it */
	unsigned nr_reports;
};

struct tdxh_attest_state {
	/* TD identity the TDREPORT shows (set by tests, defaults are patterns) */
	uint64_t attributes, xfam;
	uint8_t mrtd[48], mrconfigid[48], mrowner[48], mrownerconfig[48];
	uint8_t cpusvn[16];
	/* modelled RTMRs and the log of the extends the module accepted */
	uint8_t rtmr[4][48];
	struct { unsigned index; uint8_t digest[48]; } extends[TDXH_MAX_EXTENDS];
	unsigned nr_extends;
	unsigned nr_reports, nr_verifies;
	unsigned report_interrupts;	/* config: the next n TDG.MR.REPORTs are interrupted (re-executed) */
	struct tdxh_quote_model quote;
	struct tdxh_fatal_report fatal;
};

extern struct tdxh_attest_state tdxh_attest;

/* Registered by tdxh_install_default_models(); resets tdxh_attest. */
void tdxh_install_attest_models(void);
/* Replace the ReportFatalError model with this area's (after tdxh_reset()). */
void tdxh_use_attest_fatal_model(void);

/* The stop code ReportFatalError hands to tdxh_request_stop(). */
#define TDXH_STOP_FATAL_ERROR 0x7E

/* The fake MAC over the first 224 bytes of a REPORTMACSTRUCT. */
void tdxh_report_mac(const uint8_t reportmac[256], uint8_t mac[32]);
/* The quote the honest model produces for a TDREPORT: n bytes into out. */
void tdxh_expected_quote(const uint8_t report[1024], uint8_t *out, size_t n);
/* Host address of a GPA (the shared bit, tdxh_shared_bit() of tdxh_abi.h, stripped). */
void *tdxh_gpa_to_host(uint64_t gpa);

/* ---- watching a shared buffer: every guest access traps ------------------ */

/*
 * Protect [base, base + len) (page-aligned, whole pages) so that each guest
 * access to it faults; before the access runs, before(off, write, ctx)
 * may change the buffer (the VMM acting between two guest accesses); the
 * access then runs single-stepped with the buffer readable, after(off, write,
 * ctx) runs, and the protection comes back.  off is the faulting address
 * minus base.  Per-offset read counts are kept in tdxh_watch_reads[] (up to
 * TDXH_WATCH_MAX bytes).  Call inside the test body, after tdxh_arm():
 * cmocka replaces SIGSEGV/SIGTRAP around tests.  Models that touch the buffer
 * wrap it in tdxh_watch_pause()/tdxh_watch_resume().
 */
#define TDXH_WATCH_MAX (128 * 1024)
/*
 * Whether this host single-steps (RFLAGS.TF raises SIGTRAP after one
 * instruction), which the watch needs: measured, not guessed.  CPUs do;
 * valgrind's does not.
 */
bool tdxh_single_step_available(void);
typedef void (*tdxh_watch_fn)(size_t off, bool write, void *ctx);
void tdxh_watch(void *base, size_t len, tdxh_watch_fn before, tdxh_watch_fn after, void *ctx);
void tdxh_unwatch(void);
void tdxh_watch_pause(void);
void tdxh_watch_resume(void);
extern uint32_t tdxh_watch_reads[TDXH_WATCH_MAX];
extern uint32_t tdxh_watch_writes[TDXH_WATCH_MAX];
/* The hostile GetQuote modes' hooks (STATUS_FLIP, REWRITE) for tdxh_watch(). */
void tdxh_quote_hostile_after(size_t off, bool write, void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* TDXH_ATTEST_H */
