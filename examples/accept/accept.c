/* SPDX-License-Identifier: MIT */
/*
 * accept: page acceptance from inside a TD, counted.  Run under tdx-sim (with
 * 4 vCPUs in examples/CMakeLists.txt), where the model's memory model plays
 * the TDX module's SEPT: every GPA starts PENDING and 2M-mapped.
 *
 * vCPU 0 accepts a range with unaligned ends by itself, converts 1 MiB to
 * shared and back, then every vCPU (TDG.VP.INFO's NUM_VCPUS) accepts a share
 * of 256 MiB as one parallel job;
 * vCPU 0 prints what each step cost in TDCALLs.  The ranges lie above the
 * guest's RAM: accepting them only changes the model's page state.
 */
#include <stdint.h>

#include <tdx/tdx.h>
#include "example.h"

#define MAX_VCPUS 64
#define MIB (1ull << 20)

static struct tdx_accept_job job;
static uint32_t job_ready;		/* set (release) once `job` is initialised */
static uint32_t vcpus_done;
static uint32_t nr_vcpus;		/* from TDG.VP.INFO, published with job_ready */
static uint64_t job_calls[MAX_VCPUS];
static uint64_t job_chunks[MAX_VCPUS];

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

static void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

/* vCPU 0 alone: one accept with unaligned ends, and a shared round trip. */
static int single_vcpu(void)
{
	struct tdx_accept_result res;
	struct tdx_convert_result conv;
	uint64_t start = 514 * MIB - 0x3000, end = 576 * MIB + 0x5000;
	uint64_t status = tdx_accept_memory_ex(start, end, 0, &res);

	ex_printf("accept [%#llx, %#llx): %s, %llu TDCALLs (%llu MiB; 2M where aligned, 4K at the ends)\n",
		  (unsigned long long)start, (unsigned long long)end, tdx_strerror(status),
		  (unsigned long long)res.calls, (unsigned long long)((end - start) / MIB));
	if (status != TDX_SUCCESS)
		return 1;
	if (tdx_set_memory_shared_ex(start + 0x1000, MIB, &conv) != TDX_SUCCESS) {
		ex_printf("to shared failed: %s\n", tdx_strerror(conv.status));
		return 1;
	}
	ex_printf("1 MiB to shared (shared bit %#llx): %llu MapGPA call(s)\n",
		  (unsigned long long)tdx_shared_mask(), (unsigned long long)conv.map_gpa_calls);
	if (tdx_set_memory_private_ex(start + 0x1000, MIB, &conv) != TDX_SUCCESS) {
		ex_printf("to private failed: %s at %#llx\n", tdx_strerror(conv.status),
			  (unsigned long long)conv.gpa);
		return 1;
	}
	ex_printf("1 MiB back to private: %llu MapGPA call(s), %llu accept TDCALLs\n",
		  (unsigned long long)conv.map_gpa_calls, (unsigned long long)conv.accept.calls);
	return 0;
}

void _start(void *hob, uint32_t vcpu_index)
{
	struct tdx_accept_result mine, fail;
	int bad = 0;

	(void)hob;
	if (vcpu_index >= MAX_VCPUS)
		ex_halt_forever();
	if (vcpu_index == 0) {
		struct tdx_td_info info;

		nr_vcpus = 1;
		if (tdg_vp_info(&info) == TDX_SUCCESS && info.num_vcpus && info.num_vcpus <= MAX_VCPUS)
			nr_vcpus = info.num_vcpus;
		bad = single_vcpu();
		if (tdx_accept_job_init(&job, 1024 * MIB, 1280 * MIB, 0, nr_vcpus, 0) != TDX_SUCCESS)
			bad = 1;
		__atomic_store_n(&job_ready, 1, __ATOMIC_RELEASE);
	} else {
		while (!__atomic_load_n(&job_ready, __ATOMIC_ACQUIRE))
			cpu_relax();
		if (vcpu_index >= nr_vcpus)
			ex_halt_forever();
	}

	job_chunks[vcpu_index] = tdx_accept_job_run(&job, &mine);
	job_calls[vcpu_index] = mine.calls;
	__atomic_fetch_add(&vcpus_done, 1, __ATOMIC_RELEASE);
	if (vcpu_index != 0)
		ex_halt_forever();

	while (__atomic_load_n(&vcpus_done, __ATOMIC_ACQUIRE) < nr_vcpus || !tdx_accept_job_done(&job))
		cpu_relax();
	ex_printf("parallel job: 256 MiB on %u vCPUs, %llu chunks, quota %llu per vCPU\n", nr_vcpus,
		  (unsigned long long)job.nr_chunks, (unsigned long long)job.quota);
	for (unsigned v = 0; v < nr_vcpus; v++) {
		ex_printf("  vCPU %u: %llu chunks, %llu TDCALLs\n", v, (unsigned long long)job_chunks[v],
			  (unsigned long long)job_calls[v]);
		if (job_chunks[v] > job.quota)
			bad = 1;
	}
	if (tdx_accept_job_failed(&job, &fail)) {
		ex_printf("job failed at %#llx: %s\n", (unsigned long long)fail.gpa, tdx_strerror(fail.status));
		bad = 1;
	}
	ex_printf(bad ? "accept: FAILED\n" : "accept: OK\n");
	ex_exit(bad ? 1 : 0);
}
