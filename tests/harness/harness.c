/* SPDX-License-Identifier: MIT */
/* The trapped-TDCALL harness: module and VMM dispatch, records, the SIGILL/SIGSEGV handler. */
#define _GNU_SOURCE
#include "tdx_harness.h"
#include "tdxh_trap.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

struct tdxh_state tdxh_state = { .no_rbp_mod = true };
void (*tdxh_stop_hook)(int code);

const char *const tdxh_gpr_names[TDXH_NR_GPRS] = {
	"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

/* Module behaviour constants (values typed from the TDX Module ABI spec and the GHCI, not libtdx). */
#define MODULE_OPERAND_INVALID_RCX 0xC000010000000001ull
#define MODULE_OPERAND_INVALID_RAX 0xC000010000000000ull
#define VMCALL_INVALID_OPERAND     0x8000000000000000ull
#define VMCALL_SUBFUNC_UNSUPPORTED 0x8000000000000003ull
/* Expose-mask bits the module always refuses: RAX, RCX, RSP and 63:32. */
#define MODULE_BAD_MASK_BITS       (0xFFFFFFFF00000000ull | 0x13ull)
/* RBP (bit 5): refused only by a TD with NO_RBP_MOD (tdxh_state.no_rbp_mod). */
#define MODULE_RBP_MASK_BIT        (1ull << 5)

#define MAX_MODELS 64
#define MAX_INJECTIONS 32
#define MAX_PORT_DEVICES 16
#define MAX_BACKGROUND 8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread unsigned this_vcpu;
static __thread sigjmp_buf *trap_env;

static tdxh_leaf_fn leaf_models[MAX_MODELS];
static unsigned leaf_max_version[MAX_MODELS];	/* RAX 23:16 a leaf's model accepts */
static struct { uint64_t subfn; tdxh_vmcall_fn fn; } vmcall_models[MAX_MODELS];
static unsigned nr_vmcall_models;
static tdxh_vmcall_fn vendor_model;
static struct { unsigned leaf; uint64_t subfn, status; unsigned count; } injections[MAX_INJECTIONS];
static struct tdxh_port_device port_devices[MAX_PORT_DEVICES];
static unsigned nr_port_devices;
static void (*background[MAX_BACKGROUND])(void);
static unsigned nr_background;
static struct tdxh_record records[TDXH_MAX_RECORDS];
static int stop_requested, stop_code_requested;

static void die(const char *what, const struct tdxh_regs *r)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf), "tdx harness: %s at rip=%#llx\n", what,
			 r ? (unsigned long long)r->rip : 0ull);
	if (n > 0)
		(void)!write(2, buf, (size_t)n);
	abort();
}

uint64_t tdxh_junk(void)
{
	/* xorshift64*, never zero, with a recognisable top byte. */
	uint64_t x = tdxh_state.junk_seed ? tdxh_state.junk_seed : 0x9E3779B97F4A7C15ull;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	tdxh_state.junk_seed = x;
	return (x * 0x2545F4914F6CDD1Dull) | 0x8000000000000001ull;
}

void tdxh_vmm_write(struct tdxh_vmcall *c, enum tdxh_gpr r, uint64_t value)
{
	if (!(c->mask & (1ull << r))) {
		tdxh_state.vmm_violations++;
		return;
	}
	c->view.gpr[r] = value;
	c->written |= (uint16_t)(1u << r);
}

void tdxh_set_leaf_model(unsigned leaf, tdxh_leaf_fn fn)
{
	if (leaf >= MAX_MODELS)
		die("leaf number out of range", NULL);
	leaf_models[leaf] = fn;
}

void tdxh_set_leaf_max_version(unsigned leaf, unsigned version)
{
	if (leaf >= MAX_MODELS)
		die("leaf number out of range", NULL);
	leaf_max_version[leaf] = version;
}

void tdxh_set_vmcall_model(uint64_t subfn, tdxh_vmcall_fn fn)
{
	for (unsigned i = 0; i < nr_vmcall_models; i++) {
		if (vmcall_models[i].subfn == subfn) {
			vmcall_models[i].fn = fn;
			return;
		}
	}
	if (nr_vmcall_models == MAX_MODELS)
		die("too many vmcall models", NULL);
	vmcall_models[nr_vmcall_models].subfn = subfn;
	vmcall_models[nr_vmcall_models].fn = fn;
	nr_vmcall_models++;
}

void tdxh_set_vendor_vmcall_model(tdxh_vmcall_fn fn)
{
	vendor_model = fn;
}

int tdxh_add_port_device(const struct tdxh_port_device *dev)
{
	if (nr_port_devices == MAX_PORT_DEVICES)
		return -1;
	port_devices[nr_port_devices++] = *dev;
	return 0;
}

const struct tdxh_port_device *tdxh_port_device_at(unsigned i)
{
	return i < nr_port_devices ? &port_devices[i] : NULL;
}

int tdxh_add_background(void (*fn)(void))
{
	if (nr_background == MAX_BACKGROUND)
		return -1;
	background[nr_background++] = fn;
	return 0;
}

void tdxh_inject(unsigned leaf, uint64_t subfn, uint64_t status, unsigned count)
{
	pthread_mutex_lock(&lock);
	for (unsigned i = 0; i < MAX_INJECTIONS; i++) {
		if (injections[i].count == 0) {
			injections[i].leaf = leaf;
			injections[i].subfn = leaf == 0 ? subfn : TDXH_NO_SUBFN;
			injections[i].status = status;
			injections[i].count = count;
			pthread_mutex_unlock(&lock);
			return;
		}
	}
	pthread_mutex_unlock(&lock);
	die("too many injections", NULL);
}

/* Consume one matching injection; true if the call is to fail with *status. */
static bool take_injection(unsigned leaf, uint64_t subfn, uint64_t *status)
{
	for (unsigned i = 0; i < MAX_INJECTIONS; i++) {
		if (injections[i].count && injections[i].leaf == leaf &&
		    injections[i].subfn == subfn) {
			injections[i].count--;
			*status = injections[i].status;
			return true;
		}
	}
	return false;
}

void tdxh_set_vcpu(unsigned vcpu)
{
	this_vcpu = vcpu;
}

unsigned tdxh_current_vcpu(void)
{
	return this_vcpu;
}

void tdxh_request_stop(int code)
{
	stop_requested = 1;
	stop_code_requested = code;
}

/* TDG.VP.VMCALL as the module does it, then the VMM model. */
static void module_vmcall(struct tdxh_regs *r, struct tdxh_record *rec)
{
	uint64_t mask = r->gpr[TDXH_RCX];
	struct tdxh_vmcall call;
	uint64_t status;

	if (tdxh_state.vmcall_module_status) {
		r->gpr[TDXH_RAX] = tdxh_state.vmcall_module_status;
		return;
	}
	if ((mask & MODULE_BAD_MASK_BITS) ||
	    ((mask & MODULE_RBP_MASK_BIT) && tdxh_state.no_rbp_mod)) {
		/* Refused by the module: no exit to the VMM. */
		r->gpr[TDXH_RAX] = MODULE_OPERAND_INVALID_RCX;
		return;
	}

	memset(&call, 0, sizeof(call));
	call.mask = mask;
	call.vcpu = this_vcpu;
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (mask & (1ull << g))
			call.view.gpr[g] = r->gpr[g];
	call.view.rip = r->rip;
	call.view.rflags = r->rflags;
	if (rec) {
		rec->vmm_exit = true;
		rec->vmm_saw = call.view;
	}

	if (call.view.gpr[TDXH_R10] != 0) {
		if (vendor_model)
			vendor_model(&call);
		else
			tdxh_vmm_status(&call, VMCALL_INVALID_OPERAND);
	} else if (take_injection(0, call.view.gpr[TDXH_R11], &status)) {
		tdxh_vmm_status(&call, status);
	} else {
		tdxh_vmcall_fn fn = NULL;
		for (unsigned i = 0; i < nr_vmcall_models; i++)
			if (vmcall_models[i].subfn == call.view.gpr[TDXH_R11])
				fn = vmcall_models[i].fn;
		if (fn)
			fn(&call);
		else
			tdxh_vmm_status(&call, VMCALL_SUBFUNC_UNSUPPORTED);
	}

	if (tdxh_state.hostile) {
		for (int g = 0; g < TDXH_NR_GPRS; g++)
			if ((mask & (1ull << g)) && !(call.written & (1u << g))) {
				call.view.gpr[g] = tdxh_junk();
				call.written |= (uint16_t)(1u << g);
			}
	}

	/* Only exposed registers carry the VMM's values back. */
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (call.written & (1u << g))
			r->gpr[g] = call.view.gpr[g];
	if (rec)
		rec->vmm_wrote = call.written;
	r->gpr[TDXH_RAX] = 0;
	r->gpr[TDXH_RCX] = mask;
}

/* One TDCALL: leaf in RAX, results in place.  Returns false to not advance RIP. */
static bool module_tdcall(struct tdxh_regs *r)
{
	uint64_t rax = r->gpr[TDXH_RAX];
	unsigned leaf = (unsigned)(rax & 0xFFFF);
	struct tdxh_record *rec = NULL;
	uint64_t status;
	bool advance = true;

	if (tdxh_state.nr_calls < TDXH_MAX_RECORDS) {
		rec = &records[tdxh_state.nr_calls];
		memset(rec, 0, sizeof(*rec));
		rec->vcpu = this_vcpu;
		rec->leaf = rax;
		rec->subfn = (rax == 0 && r->gpr[TDXH_R10] == 0) ? r->gpr[TDXH_R11] : TDXH_NO_SUBFN;
		rec->in = *r;
		tdxh_state.nr_records = tdxh_state.nr_calls + 1;
	}
	tdxh_state.nr_calls++;
	if (leaf < 64)
		tdxh_state.leaf_calls[leaf]++;
	for (unsigned i = 0; i < nr_background; i++)
		background[i]();

	if (rax == 0) {
		module_vmcall(r, rec);
	} else if (take_injection(leaf, TDXH_NO_SUBFN, &status)) {
		r->gpr[TDXH_RAX] = status;
	} else if ((rax >> 24) == 0 && leaf < MAX_MODELS && leaf_models[leaf] &&
		   ((rax >> 16) & 0xFF) <= leaf_max_version[leaf]) {
		struct tdxh_leaf_call call = { .regs = r, .vcpu = this_vcpu };
		leaf_models[leaf](&call);
		advance = !call.no_advance;
	} else {
		/* Unknown leaf, or a version this model does not implement. */
		r->gpr[TDXH_RAX] = MODULE_OPERAND_INVALID_RAX;
	}
	if (rec)
		rec->out = *r;
	return advance;
}

bool tdxh__model_tdcall(struct tdxh_regs *r, bool *stop, int *stop_code)
{
	bool advance;

	pthread_mutex_lock(&lock);
	advance = module_tdcall(r);
	*stop = stop_requested != 0;
	*stop_code = stop_code_requested;
	stop_requested = 0;
	pthread_mutex_unlock(&lock);
	return advance;
}

void tdxh__stop(int code, const struct tdxh_regs *r)
{
	if (!tdxh_stop_hook)
		die("guest asked to stop, but nobody listens", r);
	tdxh_stop_hook(code);
}

static struct sigaction previous_sigill, previous_sigsegv;

/*
 * The harness's handler for SIGILL and SIGSEGV: a trapped TDCALL by either
 * route goes to the model; a ud2 is the refused-hypercall trap a test may
 * expect; everything else belongs to whoever handled the signal before.
 */
static void on_trap(int sig, siginfo_t *info, void *ctx)
{
	static const unsigned char ud2[2] = { 0x0f, 0x0b };
	const ucontext_t *uc = ctx;
	const void *rip;

	tdxh_signal_enter();
	rip = (const void *)uc->uc_mcontext.gregs[REG_RIP];
	if (tdxh_trap_tdcall(sig, info, ctx))
		return;
	if (sig == SIGILL && memcmp(rip, ud2, sizeof(ud2)) == 0) {
		__atomic_fetch_add(&tdxh_state.traps, 1, __ATOMIC_SEQ_CST);
		if (trap_env)
			siglongjmp(*trap_env, 1);
		die("ud2 (refused TDG.VP.VMCALL?) with no trap expected", NULL);
	}
	tdxh_chain(sig == SIGILL ? &previous_sigill : &previous_sigsegv, sig, info, ctx,
		   "tdx harness");
}

void tdxh_arm(void)
{
	tdxh_sigaction(SIGILL, on_trap, 0, &previous_sigill);
	tdxh_sigaction(SIGSEGV, on_trap, 0, &previous_sigsegv);
}

bool tdxh_run_expect_trap(void (*fn)(void *), void *arg)
{
	sigjmp_buf env;
	sigjmp_buf *volatile saved = trap_env;

	if (sigsetjmp(env, 1)) {
		trap_env = saved;
		tdxh__chain_reset();
		return true;
	}
	trap_env = &env;
	fn(arg);
	trap_env = saved;
	return false;
}

const struct tdxh_record *tdxh_record(uint64_t i)
{
	return i < tdxh_state.nr_records ? &records[i] : NULL;
}

const struct tdxh_record *tdxh_last_record(void)
{
	return tdxh_state.nr_records ? &records[tdxh_state.nr_records - 1] : NULL;
}

uint64_t tdxh_count(unsigned leaf, uint64_t subfn)
{
	uint64_t n = 0;

	for (uint64_t i = 0; i < tdxh_state.nr_records; i++)
		if ((records[i].leaf & 0xFFFF) == leaf &&
		    (leaf != 0 || records[i].subfn == subfn))
			n++;
	return n;
}

const char *tdxh_com1(void)
{
	size_t n = tdxh_state.com1_len;

	if (n >= sizeof(tdxh_state.com1))
		n = sizeof(tdxh_state.com1) - 1;
	tdxh_state.com1[n] = '\0';
	return tdxh_state.com1;
}

void tdxh_reset(void)
{
	pthread_mutex_lock(&lock);
	memset(&tdxh_state, 0, sizeof(tdxh_state));
	tdxh_state.no_rbp_mod = true;
	memset(leaf_models, 0, sizeof(leaf_models));
	memset(leaf_max_version, 0, sizeof(leaf_max_version));
	memset(vmcall_models, 0, sizeof(vmcall_models));
	nr_vmcall_models = 0;
	vendor_model = NULL;
	memset(injections, 0, sizeof(injections));
	nr_port_devices = 0;
	nr_background = 0;
	stop_requested = 0;
	pthread_mutex_unlock(&lock);
	this_vcpu = 0;
	tdxh_install_default_models();
}
