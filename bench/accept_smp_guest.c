/* SPDX-License-Identifier: MIT */
/*
 * The guest half of accept_smp_bench: every vCPU of the TD (TDG.VP.INFO's
 * NUM_VCPUS) runs one parallel accept job (tdx_accept_job_run) over
 * [1 GiB - 12 KiB, 3 GiB + 20 KiB): 1024 2M chunks and a 4K head and tail.
 * vCPU 0 prints, once all are done, one line per vCPU with its accept
 * TDCALLs and chunks, in a form accept_smp_bench.c parses:
 *   job: vcpus N units U quota Q chunks C
 *   vcpu I: calls X chunks Y
 *   job: ok|failed
 * The range lies above guest RAM: accepting it only changes the model's
 * page states.
 */
#include <stdint.h>

#include <tdx/tdx.h>
#include "example.h"

#define MAX_VCPUS 64
#define MIB (1ull << 20)
#define START (1024 * MIB - 0x3000)
#define END   (3072 * MIB + 0x5000)

static struct tdx_accept_job job;
static uint32_t job_ready, vcpus_done, nr_vcpus;
static uint64_t calls[MAX_VCPUS], chunks[MAX_VCPUS];

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	struct tdx_accept_result mine;
	int bad = 0;

	(void)hob;
	if (vcpu_index >= MAX_VCPUS)
		ex_halt_forever();
	if (vcpu_index == 0) {
		struct tdx_td_info info;

		nr_vcpus = 1;
		if (tdg_vp_info(&info) == TDX_SUCCESS && info.num_vcpus && info.num_vcpus <= MAX_VCPUS)
			nr_vcpus = info.num_vcpus;
		if (tdx_accept_job_init(&job, START, END, 0, nr_vcpus, 0) != TDX_SUCCESS)
			bad = 1;
		__atomic_store_n(&job_ready, 1, __ATOMIC_RELEASE);
	} else {
		while (!__atomic_load_n(&job_ready, __ATOMIC_ACQUIRE))
			__asm__ volatile("pause" ::: "memory");
		if (vcpu_index >= nr_vcpus)
			ex_halt_forever();
	}
	chunks[vcpu_index] = tdx_accept_job_run(&job, &mine);
	calls[vcpu_index] = mine.calls;
	__atomic_fetch_add(&vcpus_done, 1, __ATOMIC_RELEASE);
	if (vcpu_index != 0)
		ex_halt_forever();
	while (__atomic_load_n(&vcpus_done, __ATOMIC_ACQUIRE) < nr_vcpus || !tdx_accept_job_done(&job))
		__asm__ volatile("pause" ::: "memory");
	ex_printf("job: vcpus %u units %llu quota %llu chunks %llu\n", nr_vcpus,
		  (unsigned long long)job.nr_units, (unsigned long long)job.quota,
		  (unsigned long long)job.nr_chunks);
	for (unsigned v = 0; v < nr_vcpus; v++)
		ex_printf("vcpu %u: calls %llu chunks %llu\n", v, (unsigned long long)calls[v],
			  (unsigned long long)chunks[v]);
	if (tdx_accept_job_failed(&job, NULL))
		bad = 1;
	ex_printf("job: %s\n", bad ? "failed" : "ok");
	ex_exit(bad ? 1 : 0);
}
