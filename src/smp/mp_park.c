/* SPDX-License-Identifier: MIT */
/*
 * The firmware side of the Multiprocessor Wakeup mailbox (ACPI 6.5
 * §5.2.12.19): an AP polls for a command addressed to its own APIC ID,
 * acknowledges it, and for a Wakeup jumps to the vector.
 */
#include <tdx/mp_wakeup.h>

#include "mailbox.h"

unsigned tdx_mp_poll(struct tdx_mp_wakeup_mailbox *mailbox, uint32_t apic_id, uint64_t *vector)
{
	uint16_t command = __atomic_load_n(&mailbox->command, __ATOMIC_ACQUIRE);
	uint16_t reserved;
	uint32_t target;
	uint64_t wakeup_vector;

	if (command != TDX_MP_WAKEUP_COMMAND_WAKEUP && command != TDX_MP_WAKEUP_COMMAND_TEST)
		return TDX_MP_WAKEUP_COMMAND_NOOP;
	target = __atomic_load_n(&mailbox->apic_id, __ATOMIC_RELAXED);
	if (target != apic_id)
		return TDX_MP_WAKEUP_COMMAND_NOOP;
	reserved = __atomic_load_n(&mailbox->reserved, __ATOMIC_RELAXED);
	wakeup_vector = __atomic_load_n(&mailbox->wakeup_vector, __ATOMIC_RELAXED);
	/*
	 * The reads above may straddle two commands; the compare-exchange
	 * takes the command only if all 16 bytes are still what was read.
	 */
	if (!tdx_mp_cas_head(mailbox, tdx_mp_head(command, reserved, target), wakeup_vector,
			     tdx_mp_head(TDX_MP_WAKEUP_COMMAND_NOOP, reserved, target)))
		return TDX_MP_WAKEUP_COMMAND_NOOP;
	if (command == TDX_MP_WAKEUP_COMMAND_WAKEUP)
		*vector = wakeup_vector;
	return command;
}

void tdx_mp_park(struct tdx_mp_wakeup_mailbox *mailbox, uint32_t apic_id)
{
	uint64_t vector = 0;

	while (tdx_mp_poll(mailbox, apic_id, &vector) != TDX_MP_WAKEUP_COMMAND_WAKEUP)
		tdx_mp_pause();
#if defined(__x86_64__)
	/* The state tdx/mp_wakeup.h documents: RAX vector, RDI mailbox, RSI APIC ID, the rest 0. */
	__asm__ volatile("and	$-16, %%rsp\n\t"
			 "pushq	$0\n\t"
			 "xor	%%ebx, %%ebx\n\t"
			 "xor	%%ecx, %%ecx\n\t"
			 "xor	%%edx, %%edx\n\t"
			 "xor	%%ebp, %%ebp\n\t"
			 "xor	%%r8d, %%r8d\n\t"
			 "xor	%%r9d, %%r9d\n\t"
			 "xor	%%r10d, %%r10d\n\t"
			 "xor	%%r11d, %%r11d\n\t"
			 "xor	%%r12d, %%r12d\n\t"
			 "xor	%%r13d, %%r13d\n\t"
			 "xor	%%r14d, %%r14d\n\t"
			 "xor	%%r15d, %%r15d\n\t"
			 "jmp	*%%rax"
			 :
			 : "a"(vector), "D"(mailbox), "S"((uint64_t)apic_id)
			 : "memory");
#else
	/* Other hosts (the stub back-end's tests): the vector as a C function. */
	((void (*)(struct tdx_mp_wakeup_mailbox *, uint64_t))(uintptr_t)vector)(mailbox, apic_id);
#endif
	__builtin_unreachable();
}
