/* SPDX-License-Identifier: MIT */
/*
 * tdx-sim [options] IMAGE.elf: command line, vCPU threads, the watchdog.
 *
 * Every vCPU is a host thread that enters the image's _start in 64-bit user
 * mode on a stack of its own; the model (model/) answers its TDCALLs,
 * trapped as SIGILL or #GP.  The main thread only waits: for every vCPU to
 * be halted for good or asleep in HLT with no interrupt that could wake it,
 * or for the watchdog's deadline.  Whatever ends the run (the guest's exit
 * port, a fault, a halt, the deadline) ends the whole process at once.
 */
#define _GNU_SOURCE
#include "sim.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <tdx/version.h>

#include "tdx_harness.h"

#define DEFAULT_TIMEOUT_S 10

_Static_assert(SIM_MAX_VCPUS <= TDXH_ABI_MAX_VCPUS && SIM_MAX_VCPUS <= TDXH_MEM_MAX_VCPUS,
	       "every vCPU needs its slot in the model's per-vCPU state");
#define PROBE_SIGNAL SIGUSR1

struct sim_config sim_cfg = {
	.mem = SIM_DEFAULT_MEM,
	.vcpus = 1,
	.gpaw = 48,
	.timeout_s = DEFAULT_TIMEOUT_S,
};

static struct sim_image image;
static pthread_t threads[SIM_MAX_VCPUS];
static struct sim_vcpu vcpu_state[SIM_MAX_VCPUS];
static sem_t wake_sem[SIM_MAX_VCPUS];	/* a vCPU asleep in HLT waits on its own */
static sem_t halt_sem, probe_sem;	/* halt_sem: a vCPU halted or fell asleep */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: tdx-sim [options] IMAGE.elf\n"
		"Runs a freestanding TD payload (linked with linker/tdx-payload.ld) in this\n"
		"process; the libtdx model plays the TDX module and the VMM.\n"
		"  --trace          one line per TDCALL on stderr: name, decoded arguments, status;\n"
		"                   and per #VE, per lidt, per interrupt, per loaded segment\n"
		"  --trace=CLASSES  only these, comma-separated: load, tdcall (module leaves), vmcall,\n"
		"                   ve, lidt, irq, all (= --trace); com1 adds COM1 output as whole lines\n"
		"                   in place of its one-byte vmcall lines\n"
		"  --hostile        the VMM writes junk into every exposed register it does not answer\n"
		"  --exec-ram       guest RAM outside the image is executable too (for loaders)\n"
		"  --gpaw 48|52     guest physical address width: TDG.VP.INFO, shared bit GPAW-1 (default 48)\n"
		"  --mem SIZE       end of guest RAM (GPA), e.g. 64M, 1G (default %lluM, max %#llx)\n"
		"  --vcpus N        N vCPUs, each a host thread entering _start (default 1, max %u)\n"
		"  --timeout SECS   watchdog: stop a guest still running after SECS (default %u, 0 = never)\n"
		"  --version        tdx-sim's (libtdx's) version\n"
		"  --help           this text\n"
		"COM1 goes to stdout, tdx-sim's own messages to stderr.  Exit status: the guest's\n"
		"(value << 1) | 1 from the isa-debug-exit port 0xf4 (odd), or tdx-sim's: 2 usage or\n"
		"bad image, 4 guest fault, 6 every vCPU halted, 8 timeout, 10 ReportFatalError.\n",
		(unsigned long long)(SIM_DEFAULT_MEM >> 20), (unsigned long long)SIM_MAX_MEM,
		SIM_MAX_VCPUS, DEFAULT_TIMEOUT_S);
}

static bool parse_u64(const char *s, uint64_t *out, bool size_suffix)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *s == '-')
		return false;
	if (size_suffix && *end) {
		unsigned shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20 :
				 *end == 'G' || *end == 'g' ? 30 : 0;
		if (!shift || end[1] || v > (UINT64_MAX >> shift))
			return false;
		v <<= shift;
		end++;
	}
	if (*end)
		return false;
	*out = v;
	return true;
}

/* The value of option argv[*i] (--opt VALUE or --opt=VALUE). */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (*i + 1 >= argc)
		sim_exit(SIM_EXIT_USAGE, "%s needs a value (see --help)", name);
	return argv[++*i];
}

static bool is_option(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

/* A mistake on the command line: say what, then where to look (not the whole usage). */
__attribute__((noreturn, format(printf, 1, 2))) static void usage_error(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sim_exit(SIM_EXIT_USAGE, "%s\nTry 'tdx-sim --help' for more information.", buf);
}

/* --trace=CLASSES: a comma-separated list of class names. */
static unsigned parse_trace(const char *list)
{
	static const struct {
		const char *name;
		unsigned bits;
	} classes[] = {
		{ "load", SIM_TRACE_LOAD }, { "tdcall", SIM_TRACE_TDCALL },
		{ "vmcall", SIM_TRACE_VMCALL }, { "ve", SIM_TRACE_VE }, { "lidt", SIM_TRACE_LIDT },
		{ "irq", SIM_TRACE_IRQ }, { "com1", SIM_TRACE_COM1 }, { "all", SIM_TRACE_DEFAULT },
	};
	unsigned bits = 0;
	const char *p = list;

	for (;;) {
		size_t n = strcspn(p, ",");
		size_t i = 0;

		while (i < sizeof(classes) / sizeof(classes[0]) &&
		       (strlen(classes[i].name) != n || strncmp(p, classes[i].name, n) != 0))
			i++;
		if (i == sizeof(classes) / sizeof(classes[0]))
			usage_error("--trace=%s: unknown class '%.*s'; expected a comma-separated "
				    "list of load, tdcall, vmcall, ve, lidt, irq, com1, all", list,
				    (int)n, p);
		bits |= classes[i].bits;
		if (!p[n])
			return bits;
		p += n + 1;
	}
}

static void parse_args(int argc, char **argv)
{
	uint64_t v;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(a, "--version") == 0) {
			printf("tdx-sim (libtdx) %s\n", TDX_VERSION_STRING);
			exit(0);
		} else if (strcmp(a, "--trace") == 0) {
			sim_cfg.trace = SIM_TRACE_DEFAULT;
		} else if (strncmp(a, "--trace=", 8) == 0) {
			sim_cfg.trace = parse_trace(a + 8);
		} else if (strcmp(a, "--hostile") == 0) {
			sim_cfg.hostile = true;
		} else if (strcmp(a, "--exec-ram") == 0) {
			sim_cfg.exec_ram = true;
		} else if (is_option(a, "--mem")) {
			const char *s = option_value(argc, argv, &i, "--mem");
			if (!parse_u64(s, &v, true) || v % 4096 || v > SIM_MAX_MEM ||
			    v < SIM_RAM_BASE + (4ull << 20))
				sim_exit(SIM_EXIT_USAGE, "--mem %s: expected a multiple of 4 KiB between "
					 "%lluM and %#llx", s, (unsigned long long)((SIM_RAM_BASE >> 20) + 4),
					 (unsigned long long)SIM_MAX_MEM);
			sim_cfg.mem = v;
		} else if (is_option(a, "--gpaw")) {
			const char *s = option_value(argc, argv, &i, "--gpaw");
			if (!parse_u64(s, &v, false) || (v != 48 && v != 52))
				sim_exit(SIM_EXIT_USAGE, "--gpaw %s: expected 48 or 52", s);
			sim_cfg.gpaw = (unsigned)v;
		} else if (is_option(a, "--vcpus")) {
			const char *s = option_value(argc, argv, &i, "--vcpus");
			if (!parse_u64(s, &v, false) || v < 1 || v > SIM_MAX_VCPUS)
				sim_exit(SIM_EXIT_USAGE, "--vcpus %s: expected 1..%u", s, SIM_MAX_VCPUS);
			sim_cfg.vcpus = (unsigned)v;
		} else if (is_option(a, "--timeout")) {
			const char *s = option_value(argc, argv, &i, "--timeout");
			if (!parse_u64(s, &v, false) || v > 86400)
				sim_exit(SIM_EXIT_USAGE, "--timeout %s: expected seconds, 0..86400", s);
			sim_cfg.timeout_s = (unsigned)v;
		} else if (strcmp(a, "--") == 0 && i + 1 < argc && !sim_cfg.image) {
			sim_cfg.image = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			usage_error("unknown option %s", a);
		} else if (!sim_cfg.image) {
			sim_cfg.image = a;
		} else {
			sim_exit(SIM_EXIT_USAGE, "one image at a time (%s and %s)", sim_cfg.image, a);
		}
	}
	if (!sim_cfg.image)
		usage_error("no image given: tdx-sim [options] IMAGE.elf");
}

/* ---- halting, stopping, the watchdog --------------------------------------- */

struct sim_vcpu *sim_vcpu_self(void)
{
	return &vcpu_state[tdxh_current_vcpu()];
}

void sim_vcpu_halt(bool interrupts_blocked, uint64_t rip)
{
	unsigned i = tdxh_current_vcpu();

	vcpu_state[i].blocked = interrupts_blocked;
	vcpu_state[i].rip = rip;
	vcpu_state[i].halted = 1;
}

void sim_vcpu_wait(uint64_t rip)
{
	unsigned i = tdxh_current_vcpu();

	vcpu_state[i].blocked = 0;
	vcpu_state[i].rip = rip;
	vcpu_state[i].waiting = 1;
}

/*
 * The model's irq_hook (model lock held): vCPU `vcpu` has a new interrupt
 * request.  Asleep in HLT: wake it (it takes the interrupt on its way back
 * to the guest).  Running: interrupt its thread, whose handler delivers it
 * if the guest is running guest code with IF set.  The calling vCPU itself
 * checks on its way back to the guest anyway.
 */
static void kick(unsigned vcpu)
{
	if (vcpu >= sim_cfg.vcpus)
		return;
	if (vcpu_state[vcpu].waiting) {
		vcpu_state[vcpu].waiting = 0;
		sem_post(&wake_sem[vcpu]);
	} else if (vcpu != tdxh_current_vcpu() && !vcpu_state[vcpu].halted) {
		pthread_kill(threads[vcpu], SIM_IRQ_SIGNAL);
	}
}

/* The trap layer calls this (in the vCPU's trap handler, lock dropped) when a model asked to stop. */
/* The memory model's page states on the host mapping: a pending page faults. */
static void protect_ram(void *ctx, uint64_t gpa, uint64_t size, bool accessible)
{
	(void)ctx;
	if (mprotect((void *)(uintptr_t)gpa, size, accessible ? sim_ram_prot() : PROT_NONE))
		sim_exit(SIM_EXIT_USAGE, "mprotect(guest RAM): %s", strerror(errno));
}

static void on_stop(int code)
{
	if (code == TDXH_STOP_PENDING_ACCESS)
		sim_exit(SIM_EXIT_FAULT, "vCPU %u: a TDCALL's memory operand at GPA %#llx is a "
			 "pending page (never accepted): on a TD the TDCALL does not complete (a #VE, "
			 "or with SEPT_VE_DISABLE the VMM ends the TD); expected TDG.MEM.PAGE.ACCEPT "
			 "first", tdxh_current_vcpu(), (unsigned long long)tdxh.mem.pending_gpa);
	if (code >= 0) {
		sim_trace_abandon("the run ends");
		sim_flush_console();
		_exit(code);
	}
	if (code == SIM_STOP_WAIT) {
		/* HLT with interrupts unblocked: sleep until kick() (the HLT then returns). */
		unsigned i = tdxh_current_vcpu();

		sem_post(&halt_sem);
		while (sem_wait(&wake_sem[i]) && errno == EINTR)
			;
		sim_trace_event(SIM_TRACE_IRQ, "HLT: woken by an interrupt request");
		return;
	}
	sim_trace_abandon("SUCCESS; the vCPU halts for good");
	/* Halted with interrupts blocked: no interrupt wakes it, so park for good. */
	sem_post(&halt_sem);
	for (;;)
		pause();
}

/* The watchdog's signal: where is this vCPU?  (In tdx-sim's own code: inside a TDCALL.) */
static void on_probe(int sig, siginfo_t *info, void *ctx)
{
	struct sim_vcpu *v = sim_vcpu_self();
	uint64_t rip = (uint64_t)((ucontext_t *)ctx)->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	(void)info;
	if (!v->halted)
		v->rip = sim_in_ram(rip, 1) ? rip : v->tdcall_rip;
	sem_post(&probe_sem);
}

__attribute__((noreturn)) static void all_halted(void)
{
	char buf[512];
	size_t off = 0;

	for (unsigned i = 0; i < sim_cfg.vcpus && off < sizeof(buf) - 96; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "\n  vCPU %u: HLT with "
					"interrupts %s at rip %#llx", i,
					vcpu_state[i].blocked ? "blocked" : "enabled (none will come)",
					(unsigned long long)vcpu_state[i].rip);
	sim_exit(SIM_EXIT_HALTED, "every vCPU halted for good; the guest can never run again "
		 "(no vCPU runs to send an IPI, no interrupt is pending or in flight)%s", buf);
}

__attribute__((noreturn)) static void watchdog_expired(void)
{
	struct timespec deadline;
	char buf[1024], bytes[64];
	size_t off = 0;

	unsigned probed = 0;

	for (unsigned i = 0; i < sim_cfg.vcpus; i++)
		if (!vcpu_state[i].halted && !vcpu_state[i].waiting) {
			pthread_kill(threads[i], PROBE_SIGNAL);
			probed++;
		}
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 1;
	for (unsigned i = 0; i < probed; i++)
		while (sem_timedwait(&probe_sem, &deadline) && errno == EINTR)
			;
	for (unsigned i = 0; i < sim_cfg.vcpus && off < sizeof(buf) - 160; i++) {
		sim_describe_bytes(vcpu_state[i].rip, bytes, sizeof(bytes));
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					"\n  vCPU %u: %s at rip %#llx [%s], %llu TDCALLs so far", i,
					vcpu_state[i].halted ? "halted" :
					vcpu_state[i].waiting ? "in HLT" : "running",
					(unsigned long long)vcpu_state[i].rip, bytes,
					(unsigned long long)vcpu_state[i].tdcalls);
	}
	sim_exit(SIM_EXIT_TIMEOUT, "watchdog: the guest is still running after %u s (--timeout); "
		 "expected it to end through the isa-debug-exit port, ReportFatalError or HLT%s",
		 sim_cfg.timeout_s, buf);
}

/*
 * Every vCPU halted for good or asleep in HLT?  Under the model lock, which
 * the HLT model and every interrupt request hold: no vCPU can be between
 * sending an IPI and the target's wake-up, and a vCPU asleep has already
 * let the VMM finish its background work (tdxm_halt_idle).
 */
static bool every_vcpu_stopped(void)
{
	bool all = true;

	pthread_mutex_lock(&tdxh.lock);
	for (unsigned i = 0; i < sim_cfg.vcpus; i++)
		if (!vcpu_state[i].halted && !vcpu_state[i].waiting)
			all = false;
	pthread_mutex_unlock(&tdxh.lock);
	return all;
}

static void wait_for_guest(void)
{
	struct timespec deadline;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += sim_cfg.timeout_s;
	for (;;) {
		int r = sim_cfg.timeout_s ? sem_timedwait(&halt_sem, &deadline) : sem_wait(&halt_sem);
		if (r == 0) {
			if (every_vcpu_stopped())
				all_halted();
		} else if (errno == ETIMEDOUT) {
			watchdog_expired();
		} else if (errno != EINTR) {
			sim_exit(SIM_EXIT_USAGE, "sem_wait: %s", strerror(errno));
		}
	}
}

/* ---- vCPUs --------------------------------------------------------------------- */

static void *vcpu_main(void *arg)
{
	unsigned i = (unsigned)(uintptr_t)arg;
	uint64_t rsp = sim_stack_top(i) - 8;
	uint64_t gpr[TDXH_NR_GPRS] = { 0 };

	sim_thread_signal_stack();
	tdxh_set_vcpu(i);
	/* As if _start had been called from the return trap (docs/sim.md). */
	*(uint64_t *)(uintptr_t)rsp = SIM_RETURN_TRAP;
	gpr[TDXH_RSI] = i;		/* vCPU index, as at TD reset */
	gpr[TDXH_RBX] = sim_cfg.gpaw;	/* GPAW, as at TD reset */
	sim_thread_enters_guest();
	sim_enter(image.entry, rsp, gpr);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	sigset_t block, old;

	setvbuf(stdout, NULL, _IONBF, 0);
	parse_args(argc, argv);
	if (sim_load(sim_cfg.image, &image))
		return SIM_EXIT_USAGE;

	tdxh_reset();
	tdxh.state.hostile = sim_cfg.hostile;
	/* The TD as TDG.VP.INFO describes it: every vCPU the TD has is running. */
	tdxh.td.gpaw = sim_cfg.gpaw;
	tdxh.td.num_vcpus = sim_cfg.vcpus;
	tdxh.td.max_vcpus = sim_cfg.vcpus;
	/* The memory model's SEPT: what the loader put in (the image, the
	 * stacks) was added by the host and is ACCEPTED, as TDH.MEM.PAGE.ADD
	 * leaves it; the rest of guest RAM is PENDING until the guest accepts it. */
	tdxh_mem_set_state(image.lo, image.hi - image.lo, TDXH_PAGE_ACCEPTED);
	tdxh_mem_set_state(sim_stack_top(sim_cfg.vcpus), sim_cfg.mem - sim_stack_top(sim_cfg.vcpus),
			   TDXH_PAGE_ACCEPTED);
	/* Guest RAM is the model's RAM window: pending pages fault, an accept zeroes the page. */
	tdxm_mem_set_ram(&tdxh, SIM_RAM_BASE, (void *)(uintptr_t)SIM_RAM_BASE, sim_cfg.mem - SIM_RAM_BASE,
			 protect_ram, NULL);
	tdxh.stop_hook = on_stop;
	tdxh.irq_hook = kick;
	sim_install_models();
	sim_thread_signal_stack();
	sim_install_signal_handlers();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_probe;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(PROBE_SIGNAL, &sa, NULL);
	sim_install_irq_handler();
	sim_install_seccomp();
	if (sem_init(&halt_sem, 0, 0) || sem_init(&probe_sem, 0, 0))
		sim_exit(SIM_EXIT_USAGE, "sem_init: %s", strerror(errno));
	for (unsigned i = 0; i < sim_cfg.vcpus; i++)
		if (sem_init(&wake_sem[i], 0, 0))
			sim_exit(SIM_EXIT_USAGE, "sem_init: %s", strerror(errno));

	/* The main thread never takes the probe or interrupt signal; vCPU threads unblock them. */
	sigemptyset(&block);
	sigaddset(&block, PROBE_SIGNAL);
	sigaddset(&block, SIM_IRQ_SIGNAL);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	for (unsigned i = 0; i < sim_cfg.vcpus; i++) {
		pthread_attr_t attr;
		int err;

		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		err = pthread_create(&threads[i], &attr, vcpu_main, (void *)(uintptr_t)i);
		pthread_sigmask(SIG_BLOCK, &block, NULL);
		pthread_attr_destroy(&attr);
		if (err)
			sim_exit(SIM_EXIT_USAGE, "pthread_create: %s", strerror(err));
	}
	wait_for_guest();
}
