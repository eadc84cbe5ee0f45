/* SPDX-License-Identifier: MIT */
/*
 * What a VMM parses in the image: the TDVF descriptor and, in the last 72
 * bytes, the OVMF GUIDed footer table and the reset vector.
 *
 * Every address and size below is a symbol of linker/tdboot.ld, resolved at
 * link time: the metadata cannot drift from the layout it describes.
 *
 * Formats (QEMU hw/i386/pc_sysfw_ovmf.c, hw/i386/tdvf.c; TDVF design guide):
 *  - footer table: read backwards from image_end - 48, where the footer GUID
 *    sits; just below it a u16 with the table's total length (including
 *    that GUID and the u16); below that the entries, each "data, u16 length
 *    of the whole entry, GUID", the last one nearest the footer.
 *  - TDX metadata entry (GUID e47a6535-984a-4798-865e-4685a7bf8ec2): a u32,
 *    the distance from the image's end back to the TDVF descriptor.
 *  - TDVF descriptor: u32 'TDVF', u32 length (16 + 32 * n), u32 version 1,
 *    u32 n >= 2, then n sections of 32 bytes: u32 DataOffset, u32
 *    RawDataSize, u64 MemoryAddress, u64 MemoryDataSize, u32 Type,
 *    u32 Attributes.
 */
#include "tdboot.h"

#define TDVF_SECTION_TYPE_BFV      0
#define TDVF_SECTION_TYPE_CFV      1
#define TDVF_SECTION_TYPE_TD_HOB   2
#define TDVF_SECTION_TYPE_TEMP_MEM 3
#define TDVF_SECTION_ATTRIBUTES_MR_EXTEND 1	/* measured into MRTD */

/* A GUID as stored (the first three fields little-endian). */
.macro guid d1, d2, d3, b0, b1, b2, b3, b4, b5, b6, b7
	.long \d1
	.short \d2, \d3
	.byte \b0, \b1, \b2, \b3, \b4, \b5, \b6, \b7
.endm

.macro tdvf_section data_offset, raw_size, address, size, type, attributes
	.long \data_offset
	.long \raw_size
	.quad \address
	.quad \size
	.long \type
	.long \attributes
.endm

	.section .tdvf_metadata, "a"
	.balign 16
	.globl tdvf_metadata
tdvf_metadata:
	.ascii "TDVF"
	.long tdvf_metadata_end - tdvf_metadata
	.long 1					/* version */
	.long (tdvf_metadata_end - tdvf_sections) / 32
tdvf_sections:
	/* The whole image, copied to private memory and measured. */
	tdvf_section 0, TDBOOT_IMAGE_SIZE, TDBOOT_IMAGE_BASE, TDBOOT_IMAGE_SIZE, \
		TDVF_SECTION_TYPE_BFV, TDVF_SECTION_ATTRIBUTES_MR_EXTEND
	/* Where QEMU writes the TD HOB list (its GPA arrives in RCX and R8). */
	tdvf_section 0, 0, TDBOOT_TD_HOB_BASE, TDBOOT_TD_HOB_SIZE, \
		TDVF_SECTION_TYPE_TD_HOB, 0
	/* Accepted, zeroed RAM for page tables, data and stack. */
	tdvf_section 0, 0, TDBOOT_TEMPMEM_BASE, TDBOOT_TEMPMEM_SIZE, \
		TDVF_SECTION_TYPE_TEMP_MEM, 0
tdvf_metadata_end:

/*
 * The tail, placed by the linker script at image_end - 72 (TDBOOT_TAIL_SIZE).
 */
	.section .tdboot_tail, "ax"
ovmf_table:
tdx_metadata_entry:
	.long TDBOOT_TDVF_METADATA_OFFSET	/* image_end - tdvf_metadata */
	.short tdx_metadata_entry_end - tdx_metadata_entry
	guid 0xe47a6535, 0x984a, 0x4798, 0x86, 0x5e, 0x46, 0x85, 0xa7, 0xbf, 0x8e, 0xc2
tdx_metadata_entry_end:
	.short ovmf_table_end - ovmf_table	/* at image_end - 50 */
	.globl tdboot_ovmf_footer_guid
tdboot_ovmf_footer_guid:			/* at image_end - 48 */
	guid 0x96b582de, 0x1fb2, 0x45f7, 0xba, 0xea, 0xa3, 0x66, 0xc5, 0x5a, 0x08, 0x2d
ovmf_table_end:
	.fill 16, 1, 0				/* image_end - 32: unused */

/*
 * 0xFFFFFFF0: every vCPU starts here.  A normal VM's vCPU decodes these
 * bytes as 16-bit real-mode code, a TD's as 32-bit protected-mode code
 * (CR0.PE = 1).  The first three instructions encode the same in both
 * modes, so the CPU can ask itself which one it is in.
 */
	.globl tdboot_reset_vector
tdboot_reset_vector:
	.code16
	mov	%cr0, %eax			/* 0f 20 c0 (either mode) */
	test	$1, %al				/* a8 01: CR0.PE */
	.byte	0x74, 0x05			/* jz +5: real mode */
	.code32
	jmp	tdboot_td32			/* e9 rel32: the TD start */
	.code16
	jmp	tdboot_real16			/* e9 rel16: the normal start */
	.byte	0xf4				/* pad to 16 bytes (hlt) */
	.code32

	.section .note.GNU-stack, "", @progbits
