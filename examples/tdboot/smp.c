/* SPDX-License-Identifier: MIT */
/*
 * tdboot's SMP, the TD way (smp.h).  A TD has no INIT-SIPI: every vCPU
 * starts at once.  Here they all accept memory through one libtdx accept
 * job (tdx/accept_job.h), then each AP learns its x2APIC ID and parks in
 * libtdx's Multiprocessor Wakeup loop (tdx/mp_wakeup.h) on the mailbox the
 * MADT names.  The BSP then plays the OS: it wakes each AP through that
 * mailbox at tdboot_ap_entry, which takes a stack the BSP handed it and
 * prints one line from C.  COM1 lines from several vCPUs are serialised by
 * a spinlock.
 *
 * Every wait is bounded (an AP that never comes is reported, and the BSP
 * finishes the accept job alone), though all that is waited on is private
 * memory of this TD: the VMM cannot write it, only withhold a vCPU.
 */
#include <stddef.h>
#include <tdx/tdx.h>

#include "smp.h"
#include "tdboot.h"

#define AP_STACK_SIZE  4096u
#define WAIT_SPINS     (1ull << 28)	/* PAUSEs: seconds, for a vCPU the host has not scheduled */
#define MAX_RANGES     8u		/* unaccepted ranges of the TD HOB tdboot accepts */

/* PI spec, vol. 3 (HOB): the generic header and the Resource Descriptor HOB. */
#define HOB_TYPE_RESOURCE_DESCRIPTOR 0x0003
#define HOB_TYPE_END_OF_HOB_LIST     0xFFFF
#define HOB_RESOURCE_LENGTH          48	/* header 8, owner GUID 16, type, attributes, start, length */
#define RESOURCE_MEMORY_UNACCEPTED   7	/* EFI_RESOURCE_MEMORY_UNACCEPTED */

/* Where the APs park; the MADT's wakeup structure names it (its GPA). */
static struct tdx_mp_wakeup_mailbox mailbox;

static struct tdx_accept_job jobs[MAX_RANGES];
static uint32_t nr_jobs;
static uint32_t nr_vcpus;		/* TDG.VP.INFO NUM_VCPUS, at most TDBOOT_MAX_VCPUS */
static uint32_t jobs_ready;		/* BSP -> APs: jobs[] and nr_vcpus are set (release) */
static uint32_t parked;			/* APs that accepted and are about to park */
static uint32_t x2apic_ids[TDBOOT_MAX_VCPUS];
static uint64_t chunks_by[TDBOOT_MAX_VCPUS];
static uint64_t id_status[TDBOOT_MAX_VCPUS];

/* BSP -> the AP it is waking: its stack and who it is; the AP says when it is done. */
static uint8_t ap_stacks[TDBOOT_MAX_VCPUS][AP_STACK_SIZE] __attribute__((aligned(16)));
uint64_t tdboot_ap_stack_top;		/* read by tdboot_ap_entry */
static uint32_t waking_vcpu;
static uint32_t ap_reported;		/* the woken AP printed its line */
static struct console ap_con = { .td = true };

static uint32_t con_lock_word;

static void con_lock(void)
{
	while (__atomic_exchange_n(&con_lock_word, 1, __ATOMIC_ACQUIRE))
		__asm__ volatile("pause");
}

static void con_unlock(void)
{
	__atomic_store_n(&con_lock_word, 0, __ATOMIC_RELEASE);
}

/* HLT with interrupts blocked (IF is 0 here): the VMM keeps the vCPU halted. */
static __attribute__((noreturn)) void halt_forever(void)
{
	for (;;)
		(void)tdvmcall_hlt(true);
}

static bool wait_for(const uint32_t *word, uint32_t value)
{
	for (uint64_t i = 0; i < WAIT_SPINS; i++) {
		if (__atomic_load_n(word, __ATOMIC_ACQUIRE) == value)
			return true;
		__asm__ volatile("pause");
	}
	return false;
}

/* Every job, in order, on this vCPU; its chunks counted. */
static void run_jobs(uint32_t vcpu)
{
	uint64_t chunks = 0;

	for (uint32_t i = 0; i < nr_jobs; i++)
		chunks += tdx_accept_job_run(&jobs[i], NULL);
	chunks_by[vcpu] = chunks;
}

/*
 * The unaccepted RAM of the TD HOB (untrusted: the VMM wrote it): each
 * header checked to lie inside the TD_HOB section before it is read, at
 * most MAX_RANGES ranges, none wrapping.  Returns the number of jobs
 * made, or -1 with the reason printed.
 */
static int jobs_from_hob(const struct console *con, uint64_t td_hob)
{
	uint64_t base, size, off = 0;
	int n = 0;

	/* linker/tdboot.ld's symbols (weak: the tdx-sim build has no TD_HOB section, and no HOB). */
	__asm__(".weak TDBOOT_TD_HOB_BASE, TDBOOT_TD_HOB_SIZE\n\t"
		"movabs $TDBOOT_TD_HOB_BASE, %0" : "=r"(base));
	__asm__("movabs $TDBOOT_TD_HOB_SIZE, %0" : "=r"(size));
	if (td_hob == 0 || td_hob != base) {
		con_puts(con, "tdboot: SMP: the TD HOB is not in the TD_HOB section\n");
		return -1;
	}
	while (off + 8 <= size) {
		const uint8_t *h = (const uint8_t *)(uintptr_t)(base + off);
		uint16_t type = (uint16_t)(h[0] | h[1] << 8), len = (uint16_t)(h[2] | h[3] << 8);

		if (type == HOB_TYPE_END_OF_HOB_LIST)
			return n;
		if (len < 8 || len % 8 || len > size - off)
			break;
		if (type == HOB_TYPE_RESOURCE_DESCRIPTOR && len >= HOB_RESOURCE_LENGTH &&
		    *(const uint32_t *)(h + 24) == RESOURCE_MEMORY_UNACCEPTED) {
			uint64_t start = *(const uint64_t *)(h + 32), length = *(const uint64_t *)(h + 40);

			if (n == MAX_RANGES || start + length < start) {
				con_puts(con, "tdboot: SMP: too many or wrapping unaccepted ranges in the TD HOB\n");
				return -1;
			}
			if (length && tdx_accept_job_init(&jobs[n], start, start + length, 0, nr_vcpus, 0) != TDX_SUCCESS) {
				con_puts(con, "tdboot: SMP: an unaccepted range the accept job refuses\n");
				return -1;
			}
			n += length != 0;
		}
		off += len;
	}
	con_puts(con, "tdboot: SMP: a malformed TD HOB\n");
	return -1;
}

static void put_range(const struct console *con, const struct tdx_accept_job *job)
{
	con_puts(con, "[");
	con_hex(con, job->start);
	con_puts(con, ", ");
	con_hex(con, job->end);
	con_puts(con, ")");
}

bool tdboot_smp_start(const struct console *con, uint32_t start, uint64_t td_hob)
{
	struct tdx_td_info info;
	uint64_t status;
	int n;
	bool ok = true;

	if (start == TDBOOT_START_REAL16)
		return true;
	status = tdg_vp_info(&info);
	if (status != TDX_SUCCESS || info.vcpu_index != 0 || info.num_vcpus == 0 ||
	    info.num_vcpus > TDBOOT_MAX_VCPUS) {
		con_puts(con, "tdboot: SMP: TDG.VP.INFO: not the BSP of at most 64 vCPUs\n");
		return false;
	}
	/*
	 * reset.S parks a TD's APs in 32-bit mode on its own mailbox and does
	 * not yet bring them to 64-bit C: on that path the BSP works alone and
	 * publishes itself only.  Under tdx-sim every vCPU enters sim_start.S
	 * in 64-bit mode and comes here.
	 */
	nr_vcpus = start == TDBOOT_START_SIM ? info.num_vcpus : 1;
	if (nr_vcpus < info.num_vcpus) {
		con_puts(con, "tdboot: SMP: ");
		con_dec(con, info.num_vcpus - 1);
		con_puts(con, " APs stay parked in reset.S: only tdx-sim's start brings APs to C\n");
	}
	status = tdx_get_x2apic_id(&x2apic_ids[0]);
	if (status != TDX_SUCCESS) {
		con_puts(con, "tdboot: SMP: the BSP's x2APIC ID: ");
		con_puts(con, tdx_strerror(status));
		con_puts(con, "\n");
		return false;
	}
	if (start == TDBOOT_START_SIM) {
		n = tdx_accept_job_init(&jobs[0], TDBOOT_SIM_ACCEPT_BASE, TDBOOT_SIM_ACCEPT_END, 0, nr_vcpus, 0) ==
		    TDX_SUCCESS ? 1 : -1;
	} else {
		n = jobs_from_hob(con, td_hob);
	}
	if (n < 0)
		return false;
	nr_jobs = (uint32_t)n;
	__atomic_store_n(&jobs_ready, 1, __ATOMIC_RELEASE);

	run_jobs(0);
	if (!wait_for(&parked, nr_vcpus - 1)) {
		con_puts(con, "tdboot: SMP: not every AP came; the BSP finishes the accept job alone\n");
		ok = false;
	}
	for (uint32_t i = 0; i < nr_jobs; i++) {
		struct tdx_accept_result failure;

		while (!tdx_accept_job_done(&jobs[i]))
			(void)tdx_accept_job_run(&jobs[i], NULL);
		con_lock();
		con_puts(con, "tdboot: SMP: ");
		put_range(con, &jobs[i]);
		con_puts(con, " accepted by ");
		con_dec(con, nr_vcpus);
		con_puts(con, nr_vcpus == 1 ? " vCPU" : " vCPUs together");
		con_puts(con, start == TDBOOT_START_SIM ? " (tdx-sim: no TD HOB)" : " (TD HOB: unaccepted)");
		if (tdx_accept_job_failed(&jobs[i], &failure)) {
			con_puts(con, ": FAILED at ");
			con_hex(con, failure.gpa);
			con_puts(con, ": ");
			con_puts(con, tdx_strerror(failure.status));
			ok = false;
		}
		con_puts(con, "\n");
		con_unlock();
	}
	con_lock();
	con_puts(con, "tdboot: SMP: 2 MiB chunks accepted by vCPU");
	for (uint32_t v = 0; v < nr_vcpus; v++) {
		con_puts(con, v ? ", " : " ");
		con_dec(con, v);
		con_puts(con, ": ");
		con_dec(con, __atomic_load_n(&chunks_by[v], __ATOMIC_ACQUIRE));
	}
	con_puts(con, "\n");
	for (uint32_t v = 1; v < nr_vcpus; v++) {
		status = __atomic_load_n(&id_status[v], __ATOMIC_ACQUIRE);
		if (status != TDX_SUCCESS) {
			con_puts(con, "tdboot: SMP: vCPU ");
			con_dec(con, v);
			con_puts(con, " has no x2APIC ID: ");
			con_puts(con, tdx_strerror(status));
			con_puts(con, "\n");
			ok = false;
		}
	}
	con_unlock();
	return ok;
}

void tdboot_smp_describe(struct tdboot_tables *t)
{
	static const uint32_t bsp_only[] = { 0 };

	if (!nr_vcpus) {
		t->x2apic_ids = bsp_only;
		t->vcpus = 1;
		return;
	}
	t->x2apic_ids = x2apic_ids;
	t->vcpus = nr_vcpus;
	t->mailbox_gpa = tdx_va_to_gpa(&mailbox);
}

/*
 * Where a woken AP starts (the wakeup vector): 64-bit, paging on, IF = 0,
 * and no stack it may count on (ACPI defines none), so it takes the one
 * the BSP put in tdboot_ap_stack_top before waking it.
 */
void tdboot_ap_entry(void);
void tdboot_ap_woken(void) __attribute__((noreturn, used));
__asm__(".text\n"
	".globl tdboot_ap_entry\n"
	".type tdboot_ap_entry, @function\n"
	"tdboot_ap_entry:\n\t"
	"mov	tdboot_ap_stack_top(%rip), %rsp\n\t"
	"xor	%ebp, %ebp\n\t"
	"call	tdboot_ap_woken\n\t"
	"ud2\n"
	".size tdboot_ap_entry, . - tdboot_ap_entry\n");

void tdboot_ap_woken(void)
{
	uint32_t vcpu = __atomic_load_n(&waking_vcpu, __ATOMIC_ACQUIRE);

	con_lock();
	con_puts(&ap_con, "tdboot: vCPU ");
	con_dec(&ap_con, vcpu);
	con_puts(&ap_con, " (x2APIC ID ");
	con_dec(&ap_con, x2apic_ids[vcpu]);
	con_puts(&ap_con, ") woken through the MP wakeup mailbox, running C on its own stack\n");
	con_unlock();
	__atomic_store_n(&ap_reported, vcpu, __ATOMIC_RELEASE);
	halt_forever();
}

bool tdboot_smp_wake(const struct console *con)
{
	uint64_t entry = tdx_va_to_gpa((const void *)tdboot_ap_entry);
	bool ok = true;

	for (uint32_t v = 1; v < nr_vcpus; v++) {
		uint64_t status;

		tdboot_ap_stack_top = (uint64_t)(uintptr_t)&ap_stacks[v][AP_STACK_SIZE];
		__atomic_store_n(&waking_vcpu, v, __ATOMIC_RELEASE);
		status = tdx_mp_wakeup(&mailbox, x2apic_ids[v], entry, TDX_MP_WAKEUP_DEFAULT_SPINS);
		if (status == TDX_SUCCESS && !wait_for(&ap_reported, v))
			status = TDX_SW_TIMEOUT;
		if (status != TDX_SUCCESS) {
			con_lock();
			con_puts(con, "tdboot: SMP: waking vCPU ");
			con_dec(con, v);
			con_puts(con, ": ");
			con_puts(con, tdx_strerror(status));
			con_puts(con, "\n");
			con_unlock();
			ok = false;
			break;	/* the next AP would share its stack handover */
		}
	}
	if (ok && nr_vcpus > 1) {
		con_lock();
		con_puts(con, "tdboot: SMP: woke ");
		con_dec(con, nr_vcpus - 1);
		con_puts(con, nr_vcpus == 2 ? " AP through the mailbox at " : " APs through the mailbox at ");
		con_hex(con, tdx_va_to_gpa(&mailbox));
		con_puts(con, "\n");
		con_unlock();
	}
	return ok;
}

void tdboot_ap_main(uint32_t vcpu_index)
{
	uint64_t status;

	while (!__atomic_load_n(&jobs_ready, __ATOMIC_ACQUIRE))
		__asm__ volatile("pause");
	if (vcpu_index >= nr_vcpus) {
		halt_forever();
	}
	run_jobs(vcpu_index);
	status = tdx_get_x2apic_id(&x2apic_ids[vcpu_index]);
	__atomic_store_n(&id_status[vcpu_index], status, __ATOMIC_RELEASE);
	__atomic_add_fetch(&parked, 1, __ATOMIC_RELEASE);
	if (status != TDX_SUCCESS) {
		halt_forever();
	}
	tdx_mp_park(&mailbox, x2apic_ids[vcpu_index]);
}
