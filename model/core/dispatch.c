/* SPDX-License-Identifier: MIT */
/*
 * One TDCALL through the model: the record, the VMM's background work,
 * failure injection, then the module - TDG.VP.VMCALL's checks and the exit
 * to the VMM model, or the model of the leaf.
 */
#include "internal.h"

#include <string.h>

#include <tdx/status.h>
#include <tdx/tdcall.h>
#include <tdx/tdvmcall.h>

const char *const tdxh_gpr_names[TDXH_NR_GPRS] = {
	"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

/*
 * Expose-mask bits TDG.VP.VMCALL always refuses: RAX, RCX, RSP and 63:32
 * (Intel TDX Module ABI spec, TDG.VP.VMCALL leaf, RCX input operand).
 */
#define BAD_MASK_BITS ((1ull << TDXH_RAX) | (1ull << TDXH_RCX) | (1ull << TDXH_RSP) | \
		       0xFFFFFFFF00000000ull)
/* RBP: refused only by a TD with NO_RBP_MOD (state.no_rbp_mod). */
#define RBP_MASK_BIT (1ull << TDXH_RBP)

uint64_t tdxm_junk(struct tdxm *m)
{
	/* xorshift64*, never zero, with a recognisable top byte. */
	uint64_t x = m->state.junk_seed ? m->state.junk_seed : 0x9E3779B97F4A7C15ull;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	m->state.junk_seed = x;
	return (x * 0x2545F4914F6CDD1Dull) | 0x8000000000000001ull;
}

void tdxh_vmm_write(struct tdxh_vmcall *c, enum tdxh_gpr r, uint64_t value)
{
	if (!(c->mask & (1ull << r))) {
		c->m->state.vmm_violations++;
		return;
	}
	c->view.gpr[r] = value;
	c->written |= (uint16_t)(1u << r);
}

void tdxm_request_stop(struct tdxm *m, int code)
{
	m->stop_requested = true;
	m->stop_code = code;
}

/* Consume one matching injection; true if the call is to fail with *status. */
static bool take_injection(struct tdxm *m, unsigned leaf, uint64_t subfn, uint64_t *status)
{
	for (unsigned i = 0; i < TDXM_MAX_INJECTIONS; i++) {
		if (m->injection[i].count && m->injection[i].leaf == leaf &&
		    m->injection[i].subfn == subfn) {
			m->injection[i].count--;
			*status = m->injection[i].status;
			return true;
		}
	}
	return false;
}

/* The VMM: the model of the sub-function, shown only what the guest exposed. */
static void vmm_exit(struct tdxm *m, struct tdxh_vmcall *call)
{
	uint64_t status;

	if (call->view.gpr[TDXH_R10] != TDVMCALL_STANDARD) {
		if (m->vendor_model)
			m->vendor_model(call);
		else
			tdxh_vmm_status(call, TDVMCALL_STATUS_INVALID_OPERAND);
	} else if (take_injection(m, TDG_VP_VMCALL, call->view.gpr[TDXH_R11], &status)) {
		tdxh_vmm_status(call, status);
	} else {
		tdxh_vmcall_fn fn = NULL;

		for (unsigned i = 0; i < m->nr_vmcall_models; i++)
			if (m->vmcall_model[i].subfn == call->view.gpr[TDXH_R11] &&
			    !m->vmcall_model[i].off)
				fn = m->vmcall_model[i].fn;
		if (fn)
			fn(call);
		else
			tdxh_vmm_status(call, TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED);
	}
}

/* TDG.VP.VMCALL as the module does it, then the VMM model. */
static void module_vmcall(struct tdxm *m, struct tdxh_regs *r, unsigned vcpu, struct tdxh_record *rec)
{
	uint64_t mask = r->gpr[TDXH_RCX];
	struct tdxh_vmcall call;

	if (m->state.vmcall_module_status) {
		r->gpr[TDXH_RAX] = m->state.vmcall_module_status;
		return;
	}
	if ((mask & BAD_MASK_BITS) || ((mask & RBP_MASK_BIT) && m->state.no_rbp_mod)) {
		/* Refused by the module: no exit to the VMM. */
		r->gpr[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}

	memset(&call, 0, sizeof(call));
	call.m = m;
	call.mask = mask;
	call.vcpu = vcpu;
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (mask & (1ull << g))
			call.view.gpr[g] = r->gpr[g];
	call.view.rip = r->rip;
	call.view.rflags = r->rflags;
	if (rec) {
		rec->vmm_exit = true;
		rec->vmm_saw = call.view;
	}

	vmm_exit(m, &call);

	if (m->state.hostile) {
		for (int g = 0; g < TDXH_NR_GPRS; g++)
			if ((mask & (1ull << g)) && !(call.written & (1u << g))) {
				call.view.gpr[g] = tdxm_junk(m);
				call.written |= (uint16_t)(1u << g);
			}
	}

	/* Only exposed registers carry the VMM's values back. */
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (call.written & (1u << g))
			r->gpr[g] = call.view.gpr[g];
	if (rec)
		rec->vmm_wrote = call.written;
	r->gpr[TDXH_RAX] = TDX_SUCCESS;
	r->gpr[TDXH_RCX] = mask;
}

/* One TDCALL, lock held: leaf in RAX, results in place.  Returns false to not advance RIP. */
static bool module_tdcall(struct tdxm *m, struct tdxh_regs *r, unsigned vcpu)
{
	uint64_t rax = r->gpr[TDXH_RAX];
	unsigned leaf = (unsigned)(rax & 0xFFFF);
	struct tdxh_record *rec = NULL;
	uint64_t status;
	bool advance = true;

	if (m->state.nr_calls < TDXH_MAX_RECORDS) {
		rec = &m->records[m->state.nr_calls];
		memset(rec, 0, sizeof(*rec));
		rec->vcpu = vcpu;
		rec->leaf = rax;
		rec->subfn = (rax == TDG_VP_VMCALL && r->gpr[TDXH_R10] == TDVMCALL_STANDARD) ?
			r->gpr[TDXH_R11] : TDXH_NO_SUBFN;
		rec->in = *r;
		m->state.nr_records = m->state.nr_calls + 1;
	}
	m->state.nr_calls++;
	if (leaf < 64)
		m->state.leaf_calls[leaf]++;
	for (unsigned i = 0; i < m->nr_background; i++)
		m->background[i](m);

	if (rax == TDG_VP_VMCALL) {
		module_vmcall(m, r, vcpu, rec);
	} else if (take_injection(m, leaf, TDXH_NO_SUBFN, &status)) {
		r->gpr[TDXH_RAX] = status;
	} else if ((rax >> 24) == 0 && leaf < TDXM_MAX_MODELS && m->leaf_model[leaf] &&
		   ((rax >> 16) & 0xFF) <= m->leaf_max_version[leaf]) {
		struct tdxh_leaf_call call = { .m = m, .regs = r, .vcpu = vcpu };

		m->leaf_model[leaf](&call);
		advance = !call.no_advance;
	} else {
		/* Unknown leaf, or a version this model does not implement. */
		r->gpr[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RAX;
	}
	if (rec)
		rec->out = *r;
	return advance;
}

struct tdxm_result tdxm_tdcall(struct tdxm *m, struct tdxh_regs *r, unsigned vcpu)
{
	struct tdxm_result res;

	pthread_mutex_lock(&m->lock);
	res.advance = module_tdcall(m, r, vcpu);
	res.stop = m->stop_requested;
	res.stop_code = m->stop_code;
	m->stop_requested = false;
	pthread_mutex_unlock(&m->lock);
	return res;
}

const struct tdxh_record *tdxm_record(const struct tdxm *m, uint64_t i)
{
	return i < m->state.nr_records ? &m->records[i] : NULL;
}

const struct tdxh_record *tdxm_last_record(const struct tdxm *m)
{
	return m->state.nr_records ? &m->records[m->state.nr_records - 1] : NULL;
}

uint64_t tdxm_count(const struct tdxm *m, unsigned leaf, uint64_t subfn)
{
	uint64_t n = 0;

	for (uint64_t i = 0; i < m->state.nr_records; i++)
		if ((m->records[i].leaf & 0xFFFF) == leaf &&
		    (leaf != TDG_VP_VMCALL || m->records[i].subfn == subfn))
			n++;
	return n;
}
