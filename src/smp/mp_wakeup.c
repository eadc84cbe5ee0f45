/* SPDX-License-Identifier: MIT */
/*
 * The OS side of the Multiprocessor Wakeup mailbox (ACPI 6.5 §5.2.12.19):
 * post a command for one APIC ID, wait (bounded) for the AP to clear it.
 */
#include <tdx/mp_wakeup.h>

#include "mailbox.h"

/*
 * Post `command` for `apic_id` and wait for its acknowledgement.
 * Termination: the wait makes at most `spins` looks; the withdrawal is one
 * compare-exchange.  Nothing here trusts the mailbox to change.
 */
static uint64_t post(struct tdx_mp_wakeup_mailbox *mb, uint16_t command, uint32_t apic_id, uint64_t vector,
		     uint64_t spins)
{
	if (__atomic_load_n(&mb->command, __ATOMIC_ACQUIRE) != TDX_MP_WAKEUP_COMMAND_NOOP)
		return TDX_SW_MP_WAKEUP_BUSY;
	/* ApicId and WakeupVector first, then Command: the release orders them. */
	__atomic_store_n(&mb->reserved, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&mb->apic_id, apic_id, __ATOMIC_RELAXED);
	__atomic_store_n(&mb->wakeup_vector, vector, __ATOMIC_RELAXED);
	__atomic_store_n(&mb->command, command, __ATOMIC_RELEASE);

	for (uint64_t i = 0; i < spins; i++) {
		if (__atomic_load_n(&mb->command, __ATOMIC_ACQUIRE) == TDX_MP_WAKEUP_COMMAND_NOOP)
			return TDX_SUCCESS;
		tdx_mp_pause();
	}
	/* Withdraw: clear Command only if the command is still exactly ours. */
	if (tdx_mp_cas_head(mb, tdx_mp_head(command, 0, apic_id), vector, tdx_mp_head(0, 0, apic_id)))
		return TDX_SW_MP_WAKEUP_TIMEOUT;
	/* It changed: acknowledged just now (any firmware clears Command), or not ours any more. */
	if (__atomic_load_n(&mb->command, __ATOMIC_ACQUIRE) == TDX_MP_WAKEUP_COMMAND_NOOP)
		return TDX_SUCCESS;
	return TDX_SW_MP_WAKEUP_TIMEOUT;
}

static bool bad_target(const struct tdx_mp_wakeup_mailbox *mb, uint32_t apic_id, uint64_t spins)
{
	return !mb || ((uintptr_t)mb & (TDX_ACPI_MP_WAKEUP_MAILBOX_SIZE - 1)) ||
	       apic_id == TDX_MP_WAKEUP_INVALID_APIC_ID || spins == 0;
}

uint64_t tdx_mp_wakeup(struct tdx_mp_wakeup_mailbox *mailbox, uint32_t apic_id, uint64_t wakeup_vector,
		       uint64_t spins_bound)
{
	if (bad_target(mailbox, apic_id, spins_bound) || wakeup_vector == 0)
		return TDX_SW_INVALID_ARGUMENT;
	return post(mailbox, TDX_MP_WAKEUP_COMMAND_WAKEUP, apic_id, wakeup_vector, spins_bound);
}

uint64_t tdx_mp_wakeup_test(struct tdx_mp_wakeup_mailbox *mailbox, uint32_t apic_id, uint64_t spins_bound)
{
	if (bad_target(mailbox, apic_id, spins_bound))
		return TDX_SW_INVALID_ARGUMENT;
	return post(mailbox, TDX_MP_WAKEUP_COMMAND_TEST, apic_id, 0, spins_bound);
}
