/* SPDX-License-Identifier: MIT */
/*
 * The payload ELF (examples/tdboot-payload/, built first), carried byte for
 * byte in a section of tdboot's image of its own.  TDBOOT_PAYLOAD_FILE is
 * its path, set by examples/tdboot/CMakeLists.txt.
 */
	.section .tdboot_payload, "a"
	.balign	16
	.globl	tdboot_payload_elf
	.globl	tdboot_payload_elf_end
tdboot_payload_elf:
	.incbin	TDBOOT_PAYLOAD_FILE
tdboot_payload_elf_end:

	.section .note.GNU-stack, "", @progbits
