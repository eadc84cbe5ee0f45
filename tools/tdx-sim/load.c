/* SPDX-License-Identifier: MIT */
/*
 * The loader: maps guest RAM and the MMIO window at fixed addresses, checks
 * the ELF image as untrusted input and copies its PT_LOAD segments to the
 * addresses they were linked for, each page with the permissions its
 * segments ask for.
 */
#define _GNU_SOURCE
#include "sim.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096ull
#define MAX_IMAGE_FILE (256ull << 20)
#define MAX_PHDRS 64

static uint64_t ram_end;

static uint64_t page_down(uint64_t v) { return v & ~(PAGE - 1); }
static uint64_t page_up(uint64_t v) { return (v + PAGE - 1) & ~(PAGE - 1); }

uint64_t sim_stack_top(unsigned vcpu)
{
	return ram_end - (uint64_t)vcpu * (SIM_STACK_SIZE + SIM_GUARD_SIZE);
}

/* Lowest address used by the vCPU stacks and their guard pages. */
static uint64_t stacks_low(void)
{
	return sim_stack_top(sim_cfg.vcpus);
}

bool sim_in_ram(uint64_t gva, uint64_t len)
{
	return gva >= SIM_RAM_BASE && gva <= ram_end && len <= ram_end - gva;
}

bool sim_read_guest(uint64_t gva, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)gva, len };

	return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)len;
}

/* mmap exactly at addr, or say why not. */
static int map_fixed(uint64_t addr, uint64_t size, int prot, const char *what)
{
	void *p = mmap((void *)(uintptr_t)addr, size, prot,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);

	if (p == MAP_FAILED || (uint64_t)(uintptr_t)p != addr) {
		int err = p == MAP_FAILED ? errno : EEXIST;
		if (p != MAP_FAILED)
			munmap(p, size);	/* a kernel without MAP_FIXED_NOREPLACE put it elsewhere */
		sim_msg("cannot map %s at [%#llx, %#llx): %s (something else of this "
			"process lives there)", what, (unsigned long long)addr,
			(unsigned long long)(addr + size), strerror(err));
		return -1;
	}
	return 0;
}

/* Plain guest RAM: read/write; with --exec-ram executable too, as a TD's RAM is to a loader. */
int sim_ram_prot(void)
{
	return PROT_READ | PROT_WRITE | (sim_cfg.exec_ram ? PROT_EXEC : 0);
}

static int map_memory(void)
{
	ram_end = sim_cfg.mem;
	if (map_fixed(SIM_RAM_BASE, ram_end - SIM_RAM_BASE, sim_ram_prot(), "guest RAM"))
		return -1;
	if (map_fixed(SIM_MMIO_BASE, SIM_MMIO_SIZE, PROT_NONE, "the MMIO window"))
		return -1;
	for (unsigned i = 0; i < sim_cfg.vcpus; i++) {
		uint64_t guard = sim_stack_top(i) - SIM_STACK_SIZE - SIM_GUARD_SIZE;
		if (mprotect((void *)(uintptr_t)guard, SIM_GUARD_SIZE, PROT_NONE)) {
			sim_msg("mprotect(stack guard): %s", strerror(errno));
			return -1;
		}
	}
	return 0;
}

static unsigned char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (!f) {
		sim_msg("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		sim_msg("%s: cannot size the file: %s", path, strerror(errno));
		fclose(f);
		return NULL;
	}
	if ((unsigned long long)n > MAX_IMAGE_FILE) {
		sim_msg("%s: %ld bytes; images larger than %llu MiB are refused", path, n,
			MAX_IMAGE_FILE >> 20);
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		sim_msg("%s: cannot read the file", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*size = (size_t)n;
	return buf;
}

/*
 * The ELF header: a 64-bit little-endian x86-64 executable, sane program
 * headers.  Copied into *eh: the file's bytes are never read as structures
 * in place, as nothing in the format makes them aligned.
 */
static int check_header(const char *path, const unsigned char *file, size_t size, Elf64_Ehdr *eh)
{

	if (size < EI_NIDENT || memcmp(file, ELFMAG, SELFMAG) != 0) {
		sim_msg("%s: not an ELF file (no \\177ELF magic); expected an ELF64 x86-64 "
			"executable linked with linker/tdx-payload.ld", path);
		return -1;
	}
	if (size < sizeof(*eh)) {
		sim_msg("%s: truncated ELF header (%zu bytes, need %zu)", path, size, sizeof(*eh));
		return -1;
	}
	memcpy(eh, file, sizeof(*eh));
	if (file[EI_CLASS] != ELFCLASS64 || file[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != EM_X86_64) {
		sim_msg("%s: ELF class %u, data %u, machine %u; expected ELF64 (2), little-endian (1), "
			"x86-64 (%u)", path, file[EI_CLASS], file[EI_DATA], eh->e_machine, EM_X86_64);
		return -1;
	}
	if (file[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT) {
		sim_msg("%s: ELF version %u; expected %u", path, eh->e_version, EV_CURRENT);
		return -1;
	}
	if (eh->e_type == ET_DYN) {
		sim_msg("%s: position-independent image (ET_DYN); link it with -static -no-pie "
			"and linker/tdx-payload.ld so it has fixed addresses", path);
		return -1;
	}
	if (eh->e_type != ET_EXEC) {
		sim_msg("%s: ELF type %u; expected an executable (ET_EXEC)", path, eh->e_type);
		return -1;
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > MAX_PHDRS) {
		sim_msg("%s: %u program headers of %u bytes; expected 1..%u of %zu", path,
			eh->e_phnum, eh->e_phentsize, MAX_PHDRS, sizeof(Elf64_Phdr));
		return -1;
	}
	if (eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff) {
		sim_msg("%s: program headers at %#llx run past the end of the file (%zu bytes)", path,
			(unsigned long long)eh->e_phoff, size);
		return -1;
	}
	return 0;
}

/* One PT_LOAD: inside the file, inside guest RAM below the stacks. */
static int check_segment(const char *path, unsigned i, const Elf64_Phdr *ph, size_t size)
{
	if (ph->p_filesz > ph->p_memsz) {
		sim_msg("%s: segment %u: file size %#llx > memory size %#llx", path, i,
			(unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
		return -1;
	}
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset) {
		sim_msg("%s: segment %u: bytes [%#llx, +%#llx) run past the end of the file "
			"(%zu bytes): truncated image?", path, i, (unsigned long long)ph->p_offset,
			(unsigned long long)ph->p_filesz, size);
		return -1;
	}
	if (ph->p_vaddr < SIM_RAM_BASE || ph->p_vaddr > stacks_low() ||
	    ph->p_memsz > stacks_low() - ph->p_vaddr) {
		sim_msg("%s: segment %u at [%#llx, +%#llx) is outside guest RAM available to "
			"images, [%#llx, %#llx) (--mem %#llx, %u vCPU stack%s at the top)", path, i,
			(unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_memsz,
			(unsigned long long)SIM_RAM_BASE, (unsigned long long)stacks_low(),
			(unsigned long long)sim_cfg.mem, sim_cfg.vcpus, sim_cfg.vcpus == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

static int prot_of(uint32_t flags)
{
	return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
	       (flags & PF_X ? PROT_EXEC : 0);
}

/* The union of the permissions of the segments on one page; plain RAM if none. */
static int page_prot(const Elf64_Phdr *ph, unsigned n, uint64_t page)
{
	int prot = 0;
	bool covered = false;

	for (unsigned i = 0; i < n; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		if (page + PAGE > ph[i].p_vaddr && page < ph[i].p_vaddr + ph[i].p_memsz) {
			prot |= prot_of(ph[i].p_flags);
			covered = true;
		}
	}
	return covered ? prot : sim_ram_prot();
}

static int protect_image(const Elf64_Phdr *ph, unsigned n, uint64_t lo, uint64_t hi)
{
	for (uint64_t page = lo; page < hi;) {
		int prot = page_prot(ph, n, page);
		uint64_t end = page + PAGE;

		while (end < hi && page_prot(ph, n, end) == prot)
			end += PAGE;
		if (mprotect((void *)(uintptr_t)page, end - page, prot)) {
			sim_msg("mprotect(image): %s", strerror(errno));
			return -1;
		}
		page = end;
	}
	return 0;
}

int sim_load(const char *path, struct sim_image *img)
{
	size_t size = 0;
	unsigned char *file = read_file(path, &size);
	Elf64_Ehdr ehdr, *eh = &ehdr;
	/* A copy: e_phoff need not be a multiple of 8 (check_header's comment). */
	Elf64_Phdr ph[MAX_PHDRS];
	bool entry_ok = false;
	unsigned loads = 0;

	if (!file)
		return -1;
	if (check_header(path, file, size, eh))
		goto fail;
	memcpy(ph, file + eh->e_phoff, (size_t)eh->e_phnum * sizeof(*ph));
	img->entry = eh->e_entry;
	img->lo = UINT64_MAX;
	img->hi = 0;

	ram_end = sim_cfg.mem;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP || ph[i].p_type == PT_DYNAMIC || ph[i].p_type == PT_TLS) {
			sim_msg("%s: has a %s program header; a TD payload is linked statically and "
				"uses no TLS", path, ph[i].p_type == PT_INTERP ? "PT_INTERP" :
				ph[i].p_type == PT_DYNAMIC ? "PT_DYNAMIC" : "PT_TLS");
			goto fail;
		}
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		if (check_segment(path, i, &ph[i], size))
			goto fail;
		loads++;
		if (page_down(ph[i].p_vaddr) < img->lo)
			img->lo = page_down(ph[i].p_vaddr);
		if (page_up(ph[i].p_vaddr + ph[i].p_memsz) > img->hi)
			img->hi = page_up(ph[i].p_vaddr + ph[i].p_memsz);
		if ((ph[i].p_flags & PF_X) && img->entry >= ph[i].p_vaddr &&
		    img->entry < ph[i].p_vaddr + ph[i].p_memsz)
			entry_ok = true;
	}
	if (!loads) {
		sim_msg("%s: no PT_LOAD segment: nothing to run", path);
		goto fail;
	}
	if (!entry_ok) {
		sim_msg("%s: bad entry point %#llx: it is not inside an executable (PF_X) PT_LOAD "
			"segment; expected _start in .text", path, (unsigned long long)img->entry);
		goto fail;
	}
	if (img->hi > stacks_low()) {
		sim_msg("%s: image ends at %#llx, inside the vCPU stacks; give more --mem", path,
			(unsigned long long)img->hi);
		goto fail;
	}

	if (map_memory())
		goto fail;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		if (ph[i].p_filesz)
			memcpy((void *)(uintptr_t)ph[i].p_vaddr, file + ph[i].p_offset, ph[i].p_filesz);
		if (sim_cfg.trace & SIM_TRACE_LOAD)
			sim_msg("load: [%#llx, %#llx) %c%c%c, %#llx bytes from the file",
				(unsigned long long)ph[i].p_vaddr,
				(unsigned long long)(ph[i].p_vaddr + ph[i].p_memsz),
				(ph[i].p_flags & PF_R) ? 'R' : '-', (ph[i].p_flags & PF_W) ? 'W' : '-',
				(ph[i].p_flags & PF_X) ? 'X' : '-', (unsigned long long)ph[i].p_filesz);
	}
	if (protect_image(ph, eh->e_phnum, img->lo, img->hi))
		goto fail;
	if (sim_cfg.trace & SIM_TRACE_LOAD)
		sim_msg("load: entry %#llx; RAM [%#llx, %#llx), vCPU stacks from %#llx, MMIO window "
			"[%#llx, %#llx)", (unsigned long long)img->entry, (unsigned long long)SIM_RAM_BASE,
			(unsigned long long)ram_end, (unsigned long long)stacks_low(),
			(unsigned long long)SIM_MMIO_BASE, (unsigned long long)(SIM_MMIO_BASE + SIM_MMIO_SIZE));
	free(file);
	return 0;
fail:
	free(file);
	return -1;
}
