/* SPDX-License-Identifier: MIT */
/*
 * A virtual x2APIC per vCPU (struct tdxm_x2apic in vmm.x2apic[]), as far as
 * a TD guest sees one: interrupt requests (IRR), in-service vectors (ISR),
 * the task priority, EOI, and fixed IPIs through the ICR.  A TD reaches
 * the x2APIC MSRs with RDMSR/WRMSR, which the VMM answers
 * (TDG.VP.VMCALL<Instruction.RDMSR/WRMSR>, from the #VE handler); the
 * x2APIC ID is the vCPU index.  Register layout and priority rules: Intel
 * SDM Vol. 3A, Advanced Programmable Interrupt Controller chapter (x2APIC
 * register address space, Interrupt Command Register, interrupt and task
 * priority).  The back-end delivers what tdxm_apic_ack() hands it through
 * the guest's IDT; irq_hook tells it that a vCPU has something new.
 */
#include "../core/internal.h"

#include <string.h>

#include <tdx/status.h>

#define FIRST_LEGAL_VECTOR 16
#define X2APIC_MSR_FIRST 0x800
#define X2APIC_MSR_LAST  0x8FF
#define X2APIC_VERSION_VALUE 0x50014u	/* version 0x14 (integrated APIC), 6 LVT entries */
#define SVR_RESET 0xFFu			/* spurious vector 0xFF, software disabled */
#define ICR_WRITABLE 0xFFFFFFFF000CCFFFull	/* destination, shorthand, trigger, level, mode, vector */

/* Highest vector set in a 256-bit register, or -1. */
static int highest(const uint32_t *r)
{
	for (int w = 7; w >= 0; w--)
		if (r[w])
			return w * 32 + 31 - __builtin_clz(r[w]);
	return -1;
}

/* The highest requested vector if its priority class beats TPR's and the in-service one's; else -1. */
static int deliverable(const struct tdxm_x2apic *a)
{
	int irr = highest(a->irr), isr = highest(a->isr);
	int ppr_class = (int)(a->tpr >> 4) & 0xF;

	if (isr >= 0 && (isr >> 4) > ppr_class)
		ppr_class = isr >> 4;
	return irr >= 0 && (irr >> 4) > ppr_class ? irr : -1;
}

int tdxm__apic_raise(struct tdxm *m, unsigned vcpu, unsigned vector)
{
	struct tdxm_x2apic *a;

	if (vcpu >= TDXH_ABI_MAX_VCPUS || vcpu >= m->td.num_vcpus) {
		if (vcpu < TDXH_ABI_MAX_VCPUS)
			m->vmm.x2apic[vcpu].dropped++;
		return -1;
	}
	a = &m->vmm.x2apic[vcpu];
	if (vector < FIRST_LEGAL_VECTOR || vector > 255) {
		a->dropped++;
		return -1;
	}
	a->irr[vector / 32] |= 1u << (vector % 32);
	a->raised++;
	if (m->irq_hook)
		m->irq_hook(vcpu);
	return 0;
}

bool tdxm__apic_pending(const struct tdxm *m, unsigned vcpu)
{
	return vcpu < TDXH_ABI_MAX_VCPUS && deliverable(&m->vmm.x2apic[vcpu]) >= 0;
}

int tdxm_apic_raise(struct tdxm *m, unsigned vcpu, unsigned vector)
{
	int r;

	pthread_mutex_lock(&m->lock);
	r = tdxm__apic_raise(m, vcpu, vector);
	pthread_mutex_unlock(&m->lock);
	return r;
}

bool tdxm_apic_pending(struct tdxm *m, unsigned vcpu)
{
	bool r;

	pthread_mutex_lock(&m->lock);
	r = tdxm__apic_pending(m, vcpu);
	pthread_mutex_unlock(&m->lock);
	return r;
}

int tdxm_apic_ack(struct tdxm *m, unsigned vcpu)
{
	struct tdxm_x2apic *a;
	int v = -1;

	if (vcpu >= TDXH_ABI_MAX_VCPUS)
		return -1;
	pthread_mutex_lock(&m->lock);
	a = &m->vmm.x2apic[vcpu];
	v = deliverable(a);
	if (v >= 0) {
		a->irr[v / 32] &= ~(1u << (v % 32));
		a->isr[v / 32] |= 1u << (v % 32);
		a->acked++;
	}
	pthread_mutex_unlock(&m->lock);
	return v;
}

bool tdxm_halt_idle(struct tdxm *m, unsigned vcpu)
{
	for (unsigned round = 0; round < TDXM_HALT_IDLE_ROUNDS && !tdxm__apic_pending(m, vcpu); round++)
		for (unsigned i = 0; i < m->nr_background; i++)
			m->background[i](m);
	return tdxm__apic_pending(m, vcpu);
}

/*
 * A fixed IPI from `from`: shorthand none (physical destination = x2APIC
 * ID, 0xFFFFFFFF all), self, all including self, all excluding self.
 */
static void send_ipi(struct tdxm *m, unsigned from, uint64_t icr)
{
	unsigned vector = TDXM_ICR_VECTOR(icr), shorthand = TDXM_ICR_SHORTHAND(icr);
	uint32_t dest = TDXM_ICR_DEST(icr);

	for (unsigned v = 0; v < m->td.num_vcpus && v < TDXH_ABI_MAX_VCPUS; v++) {
		bool to = shorthand == 1 ? v == from : shorthand == 2 ? true :
			  shorthand == 3 ? v != from : dest == TDXM_X2APIC_BROADCAST || dest == v;

		if (to && tdxm__apic_raise(m, v, vector) == 0)
			m->vmm.x2apic[from].ipis_sent++;
	}
	/* An x2APIC ID no vCPU has: nobody takes it. */
	if (shorthand == 0 && dest != TDXM_X2APIC_BROADCAST && dest >= m->td.num_vcpus)
		m->vmm.x2apic[from].dropped++;
}

bool tdxm__x2apic_rdmsr(struct tdxh_vmcall *c, uint64_t msr)
{
	const struct tdxm_x2apic *a;
	uint64_t value;

	if (msr < X2APIC_MSR_FIRST || msr > X2APIC_MSR_LAST)
		return false;
	if (c->vcpu >= TDXH_ABI_MAX_VCPUS) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return true;
	}
	a = &c->m->vmm.x2apic[c->vcpu];
	if (msr >= TDXM_X2APIC_ISR0 && msr < TDXM_X2APIC_ISR0 + 8) {
		value = a->isr[msr - TDXM_X2APIC_ISR0];
	} else if (msr >= TDXM_X2APIC_IRR0 && msr < TDXM_X2APIC_IRR0 + 8) {
		value = a->irr[msr - TDXM_X2APIC_IRR0];
	} else {
		switch (msr) {
		case TDXM_X2APIC_ID:      value = c->vcpu; break;
		case TDXM_X2APIC_VERSION: value = X2APIC_VERSION_VALUE; break;
		case TDXM_X2APIC_TPR:     value = a->tpr; break;
		case TDXM_X2APIC_PPR: {
			int isr = highest(a->isr);
			value = isr >= 0 && (unsigned)(isr & 0xF0) > (a->tpr & 0xF0) ?
				(unsigned)(isr & 0xF0) : a->tpr;
			break;
		}
		case TDXM_X2APIC_SVR:     value = a->svr; break;
		case TDXM_X2APIC_ICR:     value = a->icr; break;
		default:
			/* EOI and SELF_IPI are write-only; the rest is not modelled. */
			tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
			return true;
		}
	}
	tdxh_vmm_write(c, TDXH_R11, value);
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
	return true;
}

bool tdxm__x2apic_wrmsr(struct tdxh_vmcall *c, uint64_t msr, uint64_t value)
{
	struct tdxm_x2apic *a;
	uint64_t status = TDVMCALL_STATUS_SUCCESS;
	int isr;

	if (msr < X2APIC_MSR_FIRST || msr > X2APIC_MSR_LAST)
		return false;
	if (c->vcpu >= TDXH_ABI_MAX_VCPUS) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return true;
	}
	a = &c->m->vmm.x2apic[c->vcpu];
	switch (msr) {
	case TDXM_X2APIC_EOI:
		/* x2APIC: a non-zero EOI write is an error (the CPU raises #GP). */
		if (value != 0) {
			status = TDVMCALL_STATUS_INVALID_OPERAND;
			break;
		}
		isr = highest(a->isr);
		if (isr >= 0) {
			a->isr[isr / 32] &= ~(1u << (isr % 32));
			a->eois++;
		}
		break;
	case TDXM_X2APIC_TPR:
		if (value > 0xFF)
			status = TDVMCALL_STATUS_INVALID_OPERAND;
		else
			a->tpr = (uint32_t)value;
		break;
	case TDXM_X2APIC_SVR:
		if (value > 0xFFFF)
			status = TDVMCALL_STATUS_INVALID_OPERAND;
		else
			a->svr = (uint32_t)value;
		break;
	case TDXM_X2APIC_ICR:
		/*
		 * Fixed delivery, physical destination or a shorthand: the only
		 * kind a TD sends (INIT/SIPI do not start TD vCPUs; logical
		 * destinations, NMI, SMI are not modelled).
		 */
		if (value & ~ICR_WRITABLE || TDXM_ICR_DELIVERY_MODE(value) != 0 ||
		    (value & TDXM_ICR_DEST_LOGICAL)) {
			status = TDVMCALL_STATUS_INVALID_OPERAND;
			break;
		}
		a->icr = value;
		send_ipi(c->m, c->vcpu, value);
		break;
	case TDXM_X2APIC_SELF_IPI:
		if (value > 0xFF)
			status = TDVMCALL_STATUS_INVALID_OPERAND;
		else
			tdxm__apic_raise(c->m, c->vcpu, (unsigned)value);
		break;
	default:
		status = TDVMCALL_STATUS_INVALID_OPERAND;	/* read-only or not modelled */
		break;
	}
	tdxh_vmm_status(c, status);
	return true;
}

/* The state at TD start: nothing requested or in service, TPR 0, SVR as after reset. */
void tdxm__x2apic_defaults(struct tdxm *m)
{
	for (unsigned v = 0; v < TDXH_ABI_MAX_VCPUS; v++) {
		memset(&m->vmm.x2apic[v], 0, sizeof(m->vmm.x2apic[v]));
		m->vmm.x2apic[v].svr = SVR_RESET;
	}
}
