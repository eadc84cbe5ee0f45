/* SPDX-License-Identifier: MIT */
/*
 * tdinfo: what TDG.VP.INFO tells each vCPU about its TD.
 *
 * Every vCPU enters _start.  They take turns (a ticket in .bss; the loader
 * zero-fills it) so their lines do not interleave on the one UART, and the
 * last one ends the guest.  Each also checks that the module's VCPU_INDEX is
 * the index it was started with (RSI at entry).
 */
#include <stdbool.h>
#include <stdint.h>
#include <tdx/tdx.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

static volatile uint32_t turn;	/* the vCPU index whose turn it is to print */

static void wait_for_turn(uint32_t index)
{
	while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != index)
		__asm__ volatile("pause");
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

void _start(void *hob, uint32_t vcpu_index)
{
	struct tdx_td_info info;
	uint64_t status;
	bool ok;

	(void)hob;
	wait_for_turn(vcpu_index);
	status = tdg_vp_info(&info);
	if (status != TDX_SUCCESS) {
		ex_printf("vCPU %u: TDG.VP.INFO failed: %s\n", vcpu_index, tdx_strerror(status));
		ex_exit(1);
	}
	ok = info.vcpu_index == vcpu_index && info.vcpu_index < info.num_vcpus;
	ex_printf("TDG.VP.INFO on vCPU %u:\n", vcpu_index);
	ex_printf("  GPAW         %u (shared bit %u: mask %#llx)\n", info.gpaw, info.gpaw - 1,
		  1ull << (info.gpaw - 1));
	ex_printf("  ATTRIBUTES   %#llx (DEBUG %s, SEPT_VE_DISABLE %s, PERFMON %s)\n",
		  (unsigned long long)info.attributes, yes_no(info.attributes & TDX_ATTR_DEBUG),
		  yes_no(info.attributes & TDX_ATTR_SEPT_VE_DISABLE),
		  yes_no(info.attributes & TDX_ATTR_PERFMON));
	ex_printf("  NUM_VCPUS    %u\n", info.num_vcpus);
	ex_printf("  MAX_VCPUS    %u\n", info.max_vcpus);
	ex_printf("  VCPU_INDEX   %u%s\n", info.vcpu_index,
		  ok ? "" : " (does not match the index this vCPU started with!)");
	ex_printf("  SYS.RD       %s\n", info.sys_rd_available ? "available" : "not available");
	if (!ok)
		ex_exit(2);

	__atomic_store_n(&turn, vcpu_index + 1, __ATOMIC_RELEASE);
	if (vcpu_index + 1 < info.num_vcpus)
		ex_halt_forever();	/* the last vCPU ends the guest */
	ex_exit(0);
}
