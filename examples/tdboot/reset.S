/* SPDX-License-Identifier: MIT */
/*
 * From the reset vector (metadata.S, 0xFFFFFFF0) to 64-bit C.
 *
 * Two ways in, one way on:
 *
 *  normal VM   16-bit real mode, CS base 0xFFFF0000.  tdboot_real16 loads
 *              the GDT, sets CR0.PE, and in 32-bit flat mode checks that guest
 *              RAM reaches the end of TempMem (CMOS), then measures the CPU
 *              (GPA width from CPUID 0x80000008, LA57 from CPUID 7).
 *  TD          32-bit protected mode, flat segments, paging off, CR0 = 0x21,
 *              EFER.LME already set; RBX = GPA width, RSI = vCPU index,
 *              RCX = R8 = the TD HOB GPA (from the VMM, so untrusted),
 *              RDX = CPUID(1).EAX (TDX module, TDH.VP.INIT).  Every vCPU
 *              starts here: vCPU 0 goes on, the others park (tdboot_ap_park).
 *
 *  tdboot_common32 then builds identity-mapped page tables for 0-4 GiB in
 *  TempMem (2 MiB pages; 5 levels when the GPA width is 52 and LA57 is
 *  available, else 4) with TempMem mapped once more at TDBOOT_WINDOW_VA,
 *  where .data and .bss live (linker/tdboot.ld says why), enters long mode
 *  and calls tdboot_main().
 *
 * Instructions a TD would turn into a #VE (CPUID of most leaves, RDMSR/WRMSR
 * of EFER, HLT, IN/OUT) are never executed on the TD path: there is no IDT
 * yet, so a #VE here would be a triple fault.
 */
#include "tdboot.h"

#define CR0_PE     (1 << 0)
#define CR0_NE     (1 << 5)
#define CR0_NW     (1 << 29)
#define CR0_CD     (1 << 30)
#define CR0_PG_BIT 31
#define CR4_PAE    (1 << 5)
#define CR4_LA57   (1 << 12)
#define MSR_EFER   0xC0000080
#define EFER_LME_BIT 8

/*
 * The PC/AT CMOS RAM-size bytes, as QEMU's pc and q35 machines fill them
 * (hw/i386/pc.c, pc_cmos_init) and BIOSes read them: RAM below 4 GiB ends at
 * 16 MiB + 64 KiB * [0x34,0x35] when that is non-zero, else at
 * 1 MiB + 1 KiB * [0x30,0x31].  Bit 7 of the index keeps NMIs off.
 */
#define CMOS_INDEX       0x70
#define CMOS_DATA        0x71
#define CMOS_NMI_OFF     0x80
#define CMOS_EXT_MEM_LO  0x30	/* RAM from 1 MiB, KiB (at most 0xFFFF) */
#define CMOS_EXT_MEM_HI  0x31
#define CMOS_MEM_16M_LO  0x34	/* RAM from 16 MiB, 64 KiB units (at most 0xFFFF) */
#define CMOS_MEM_16M_HI  0x35

/* COM1, written before any memory is used: no stack, no calls. */
#define COM1_THR   0x3F8
#define COM1_LSR   0x3FD
#define LSR_THRE   0x20
#define TX_SPINS   10000	/* LSR is the VMM's answer: never wait on it forever */

#define PTE_P      (1 << 0)
#define PTE_RW     (1 << 1)
#define PTE_PS     (1 << 7)
#define PAGE_SIZE  0x1000
#define PT_TABLE   (PTE_P | PTE_RW)		/* entry pointing to a table */
#define PT_2M      (PTE_P | PTE_RW | PTE_PS)	/* 2 MiB leaf */

/* Page-table pages inside TDBOOT_PAGE_TABLES (TempMem). */
#define PT_PML5    (TDBOOT_PAGE_TABLES + 0 * PAGE_SIZE)
#define PT_PML4    (TDBOOT_PAGE_TABLES + 1 * PAGE_SIZE)
#define PT_PDPT    (TDBOOT_PAGE_TABLES + 2 * PAGE_SIZE)
#define PT_PD0     (TDBOOT_PAGE_TABLES + 3 * PAGE_SIZE)	/* PD0..PD3: 4 GiB */
#define PT_PAGES   7

/* Saved boot values on the 32-bit stack (tdboot_common32). */
#define SAVED_LEVELS 0
#define SAVED_START  4
#define SAVED_GPAW   8
#define SAVED_VCPU   12
#define SAVED_HOB    16

	.section .tdboot_reset, "ax"

/* AX = the 16-bit CMOS value at index \hi:\lo (clobbers nothing else). */
.macro cmos_read16 lo, hi
	mov	$(CMOS_NMI_OFF | \hi), %al
	out	%al, $CMOS_INDEX
	in	$CMOS_DATA, %al
	mov	%al, %ah
	mov	$(CMOS_NMI_OFF | \lo), %al
	out	%al, $CMOS_INDEX
	in	$CMOS_DATA, %al
.endm

/* Send AL to COM1 (clobbers AH, ECX, EDX). */
.macro com1_putc
	mov	%al, %ah
	mov	$TX_SPINS, %ecx
.Lwait\@:
	mov	$COM1_LSR, %dx
	in	%dx, %al
	test	$LSR_THRE, %al
	jnz	.Lready\@
	loop	.Lwait\@
.Lready\@:
	mov	%ah, %al
	mov	$COM1_THR, %dx
	out	%al, %dx
.endm

/* Send the NUL-terminated string at \str to COM1 (clobbers EAX, ECX, EDX, ESI). */
.macro com1_puts str
	mov	$\str, %esi
.Lnext\@:
	lodsb
	test	%al, %al
	jz	.Ldone\@
	com1_putc
	jmp	.Lnext\@
.Ldone\@:
.endm

/* Send \reg as 8 hex digits to COM1 (rotates \reg back; clobbers EAX, ECX, EDX, EDI). */
.macro com1_hex32 reg
	mov	$8, %edi
.Lhex\@:
	rol	$4, \reg
	mov	\reg, %eax
	and	$0xF, %eax
	add	$'0', %al
	cmp	$'9', %al
	jbe	.Ldigit\@
	add	$('a' - '0' - 10), %al
.Ldigit\@:
	com1_putc
	dec	%edi
	jnz	.Lhex\@
.endm

/* ---- GDT: read-only in a normal VM (ROM), so the accessed bits are preset. */
	.balign 16
tdboot_gdt:
	.quad 0					/* null */
	.quad 0x00CF9B000000FFFF		/* TDBOOT_CS32: 32-bit code, flat */
	.quad 0x00CF93000000FFFF		/* TDBOOT_DS: data, flat */
	.quad 0x00AF9B000000FFFF		/* TDBOOT_CS64: 64-bit code */
tdboot_gdt_end:
tdboot_gdtr:
	.short tdboot_gdt_end - tdboot_gdt - 1
	.long tdboot_gdt

/* ---- normal VM: 16-bit real mode, CS:IP = F000:xxxx, CS base 0xFFFF0000. */
	.code16
	.globl tdboot_real16
tdboot_real16:
	cli
	cld
	lgdtl	%cs:(tdboot_gdtr - 0xFFFF0000)
	mov	%cr0, %eax
	and	$~(CR0_CD | CR0_NW), %eax	/* caches on */
	or	$(CR0_PE | CR0_NE), %eax	/* the TD's CR0 */
	mov	%eax, %cr0
	ljmpl	$TDBOOT_CS32, $tdboot_real16_flat32

	.code32
tdboot_real16_flat32:
	mov	$TDBOOT_DS, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	%ax, %fs
	mov	%ax, %gs

	/*
	 * Does guest RAM reach the end of TempMem (stack, page tables, .data)?
	 * Without it the stores below would go nowhere: a hang or a triple fault.
	 * EBX = where RAM ends, in KiB (32 bits hold up to 4 TiB), then bytes.
	 */
	cmos_read16 CMOS_MEM_16M_LO, CMOS_MEM_16M_HI
	movzwl	%ax, %ebx
	test	%ebx, %ebx
	jz	1f
	shl	$6, %ebx			/* 64 KiB units -> KiB */
	add	$(16 << 10), %ebx		/* from 16 MiB */
	jmp	2f
1:	cmos_read16 CMOS_EXT_MEM_LO, CMOS_EXT_MEM_HI
	movzwl	%ax, %ebx
	add	$(1 << 10), %ebx		/* from 1 MiB */
2:	cmp	$(4 << 20), %ebx		/* 4 GiB or more: past anything TempMem can be */
	jae	tdboot_ram_ok
	shl	$10, %ebx
	cmp	$TDBOOT_TEMPMEM_END, %ebx
	jae	tdboot_ram_ok
	com1_puts tdboot_msg_ram
	com1_hex32 %ebx
	com1_puts tdboot_msg_tempmem
	mov	$TDBOOT_TEMPMEM_END, %ebp
	com1_hex32 %ebp
	com1_puts tdboot_msg_more
	mov	$TDBOOT_EXIT_TOO_LITTLE_RAM, %al
	out	%al, $TDBOOT_DEBUG_EXIT_PORT
3:	hlt
	jmp	3b

tdboot_ram_ok:
	/* Long mode at all?  CPUID 0x80000001 EDX bit 29. */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000008, %eax
	jb	tdboot_no_long_mode
	mov	$0x80000001, %eax
	cpuid
	bt	$29, %edx
	jnc	tdboot_no_long_mode

	/* GPA width: CPUID 0x80000008 EAX[7:0] (kept in EBP across CPUIDs). */
	mov	$0x80000008, %eax
	cpuid
	movzbl	%al, %ebp

	/* 5-level paging only for a 52-bit GPA width on a CPU with LA57. */
	mov	$4, %edi
	cmp	$52, %ebp
	jne	1f
	xor	%eax, %eax
	cpuid
	cmp	$7, %eax
	jb	1f
	mov	$7, %eax
	xor	%ecx, %ecx
	cpuid
	bt	$16, %ecx			/* CPUID.(7,0):ECX.LA57 */
	jnc	1f
	mov	$5, %edi
1:
#ifdef TDBOOT_EMULATE_TD_START
	jmp	tdboot_emulate_td_start
#endif
	mov	$TDBOOT_START_REAL16, %eax
	mov	%ebp, %ebx			/* GPA width */
	xor	%ecx, %ecx			/* no TD HOB */
	mov	%edi, %edx			/* paging levels */
	xor	%esi, %esi			/* the BSP */
	jmp	tdboot_common32

tdboot_msg_ram:
	.asciz	"tdboot: guest RAM ends at 0x"
tdboot_msg_tempmem:
	.asciz	", below the end of TempMem at 0x"
tdboot_msg_more:
	.asciz	": give the VM more memory\r\n"

tdboot_no_long_mode:
	/* Nothing to print with yet: leave through isa-debug-exit. */
	mov	$TDBOOT_EXIT_NO_LONG_MODE, %al
	out	%al, $TDBOOT_DEBUG_EXIT_PORT
1:	hlt
	jmp	1b

/* ---- TD: 32-bit protected mode, flat, paging off (see the top). */
	.globl tdboot_td32
tdboot_td32:
	test	%esi, %esi
	jnz	tdboot_ap_park
	lgdtl	tdboot_gdtr
	ljmpl	$TDBOOT_CS32, $1f
1:	mov	$TDBOOT_DS, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	%ax, %fs
	mov	%ax, %gs
	/* GPAW 52: the TD's EPT has 5 levels and LA57 is the TD's to use. */
	mov	$4, %edx
	cmp	$52, %ebx
	jne	2f
	mov	$5, %edx
2:	mov	$TDBOOT_START_TD, %eax
	jmp	tdboot_common32			/* EBX GPAW, ECX HOB, ESI 0 */

/*
 * TD application processors: spin (PAUSE, never HLT: that would be a #VE
 * with no IDT) until the BSP posts a wake-up for this vCPU in the mailbox
 * (tdboot.h).  No stack, no memory other than the mailbox.
 */
tdboot_ap_park:
	pause
	cmpl	$TDBOOT_AP_WAKEUP, TDBOOT_AP_MAILBOX + TDBOOT_AP_MAILBOX_COMMAND
	jne	tdboot_ap_park
	cmp	TDBOOT_AP_MAILBOX + TDBOOT_AP_MAILBOX_VCPU, %esi
	jne	tdboot_ap_park
	mov	TDBOOT_AP_MAILBOX + TDBOOT_AP_MAILBOX_ENTRY, %eax
	movl	$0, TDBOOT_AP_MAILBOX + TDBOOT_AP_MAILBOX_COMMAND	/* taken */
	jmp	*%eax

#ifdef TDBOOT_EMULATE_TD_START
/*
 * Test build only (tdboot-tdemu.fd), so that CI runs the TD path's 32-bit
 * code under TCG: from the normal start, recreate what the TDX module leaves
 * (EFER.LME set, EBX = GPA width, ECX = a TD HOB address, ESI = vCPU index;
 * flat 32-bit mode, paging off, CR0 = PE | NE as set above) and enter
 * tdboot_td32 -- first as vCPU 1, with a wake-up for it already posted in the
 * AP mailbox, whose entry then comes back as vCPU 0, the BSP.  EBP holds the
 * GPA width measured above.
 */
tdboot_emulate_td_start:
	mov	$MSR_EFER, %ecx
	rdmsr
	bts	$EFER_LME_BIT, %eax
	wrmsr
	movl	$tdboot_emulated_wakeup, TDBOOT_AP_MAILBOX + TDBOOT_AP_MAILBOX_ENTRY
	movl	$1, TDBOOT_AP_MAILBOX + TDBOOT_AP_MAILBOX_VCPU
	movl	$TDBOOT_AP_WAKEUP, TDBOOT_AP_MAILBOX + TDBOOT_AP_MAILBOX_COMMAND
	mov	$1, %esi
	jmp	1f
tdboot_emulated_wakeup:
	/* The AP took the wake-up: it cleared the command and kept its index. */
	cmpl	$0, TDBOOT_AP_MAILBOX + TDBOOT_AP_MAILBOX_COMMAND
	jne	tdboot_emulation_failed
	cmp	$1, %esi
	jne	tdboot_emulation_failed
	xor	%esi, %esi
1:	mov	%ebp, %ebx
	mov	$TDBOOT_TD_HOB_BASE, %ecx
	jmp	tdboot_td32
tdboot_emulation_failed:
	mov	$TDBOOT_EXIT_FAILED, %al
	out	%al, $TDBOOT_DEBUG_EXIT_PORT
2:	hlt
	jmp	2b
#endif

/*
 * Both starts meet here, on the BSP, in 32-bit flat mode with paging off.
 * EAX start kind, EBX GPA width, ECX TD HOB (0 if none), EDX paging levels
 * (4 or 5), ESI vCPU index.
 */
tdboot_common32:
	mov	$TDBOOT_STACK_TOP, %esp
	push	%ecx				/* SAVED_HOB */
	push	%esi				/* SAVED_VCPU */
	push	%ebx				/* SAVED_GPAW */
	push	%eax				/* SAVED_START */
	push	%edx				/* SAVED_LEVELS */

	/*
	 * .data: initial bytes from the image into TempMem; .bss: zeroes.
	 * Physical addresses: they run in the data window once paging is on.
	 */
	mov	$TDBOOT_DATA_LMA, %esi
	mov	$TDBOOT_DATA_PHYS, %edi
	mov	$TDBOOT_DATA_END, %ecx
	sub	$TDBOOT_DATA_START, %ecx
	rep movsb
	mov	$TDBOOT_BSS_PHYS, %edi
	mov	$TDBOOT_BSS_PHYS_END, %ecx
	sub	%edi, %ecx
	xor	%eax, %eax
	rep stosb

	/* Page tables: PML5[0] -> PML4[0] -> PDPT[0..3] -> PD0..PD3. */
	mov	$PT_PML5, %edi
	mov	$(PT_PAGES * PAGE_SIZE / 4), %ecx
	xor	%eax, %eax
	rep stosl
	movl	$(PT_PML4 + PT_TABLE), PT_PML5
	movl	$(PT_PDPT + PT_TABLE), PT_PML4
	movl	$(PT_PD0 + 0 * PAGE_SIZE + PT_TABLE), PT_PDPT + 0
	movl	$(PT_PD0 + 1 * PAGE_SIZE + PT_TABLE), PT_PDPT + 8
	movl	$(PT_PD0 + 2 * PAGE_SIZE + PT_TABLE), PT_PDPT + 16
	movl	$(PT_PD0 + 3 * PAGE_SIZE + PT_TABLE), PT_PDPT + 24
	/* 2048 entries of 2 MiB: GPA = VA for 0-4 GiB, all private (no shared bit). */
	mov	$PT_PD0, %edi
	mov	$PT_2M, %eax
	mov	$2048, %ecx
3:	mov	%eax, (%edi)
	add	$0x200000, %eax
	add	$8, %edi
	loop	3b
	/* The data window: one 2 MiB page at TDBOOT_WINDOW_VA -> TempMem. */
	mov	$TDBOOT_WINDOW_VA, %eax
	shr	$21, %eax
	movl	$(TDBOOT_TEMPMEM_BASE + PT_2M), PT_PD0(, %eax, 8)

	/* CR4.PAE (+ LA57), CR3 = the root for that depth. */
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	$PT_PML4, %ebx
	cmpl	$5, SAVED_LEVELS(%esp)
	jne	4f
	or	$CR4_LA57, %eax
	mov	$PT_PML5, %ebx
4:	mov	%eax, %cr4
	mov	%ebx, %cr3

	/* EFER.LME: a TD starts with it set (and RDMSR/WRMSR would be a #VE). */
	cmpl	$TDBOOT_START_TD, SAVED_START(%esp)
	je	5f
	mov	$MSR_EFER, %ecx
	rdmsr
	bts	$EFER_LME_BIT, %eax
	wrmsr
5:	mov	%cr0, %eax
	bts	$CR0_PG_BIT, %eax
	mov	%eax, %cr0
	ljmpl	$TDBOOT_CS64, $tdboot_entry64

	.code64
tdboot_entry64:
	mov	%esp, %esp			/* zero-extend into RSP */
	movl	SAVED_START(%rsp), %edi
	movl	SAVED_GPAW(%rsp), %esi
	movl	SAVED_VCPU(%rsp), %edx
	movl	SAVED_LEVELS(%rsp), %ecx
	movl	SAVED_HOB(%rsp), %r8d
	mov	$TDBOOT_STACK_TOP, %esp		/* 16-byte aligned */
	xor	%ebp, %ebp
	call	tdboot_main
	ud2					/* tdboot_main does not return */

	.section .note.GNU-stack, "", @progbits
