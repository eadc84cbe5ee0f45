/* SPDX-License-Identifier: MIT */
/* What both sides of the wakeup mailbox share (mp_wakeup.c, mp_park.c). */
#ifndef TDX_SRC_SMP_MAILBOX_H
#define TDX_SRC_SMP_MAILBOX_H

#include <stdbool.h>
#include <stdint.h>
#include <tdx/mp_wakeup.h>

#include "../lib/internal.h"

/* The first 8 bytes of the mailbox as one value: Command | Reserved << 16 | ApicId << 32. */
static inline uint64_t tdx_mp_head(uint16_t command, uint16_t reserved, uint32_t apic_id)
{
	return command | (uint64_t)reserved << 16 | (uint64_t)apic_id << 32;
}

/*
 * LOCK CMPXCHG16B on the mailbox's first 16 bytes (Command, Reserved,
 * ApicId, WakeupVector): if they are {head, vector}, make them
 * {new_head, vector} and return true; else false.  One locked operation of
 * one size for both sides, so the OS's withdrawal and the AP's
 * acknowledgement can never both succeed.  A full barrier.
 */
static inline bool tdx_mp_cas_head(struct tdx_mp_wakeup_mailbox *mb, uint64_t head, uint64_t vector,
				   uint64_t new_head)
{
#if defined(__x86_64__)
	uint64_t rax = head, rdx = vector;
	unsigned char ok;

	__asm__ volatile("lock cmpxchg16b (%[mb])\n\tsete %[ok]"
			 : [ok] "=q"(ok), "+a"(rax), "+d"(rdx)
			 : [mb] "r"(mb), "b"(new_head), "c"(vector)
			 : "memory", "cc");
	return ok != 0;
#else
	/*
	 * Other hosts (the C layers under the model's stub back-end): the
	 * compiler's 16-byte compare-exchange, little-endian as the mailbox.
	 */
	unsigned __int128 expected = ((unsigned __int128)vector << 64) | head;
	unsigned __int128 desired = ((unsigned __int128)vector << 64) | new_head;

	return __atomic_compare_exchange_n((unsigned __int128 *)(void *)mb, &expected, desired, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
#endif
}

static inline void tdx_mp_pause(void)
{
	tdx__cpu_relax();
}

#endif /* TDX_SRC_SMP_MAILBOX_H */
