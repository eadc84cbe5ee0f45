/* SPDX-License-Identifier: MIT */
/* Metadata field ids for TDG.VM.RD/WR (TDCS fields used by Linux), TDX Module ABI spec. */
#ifndef TDX_METADATA_H
#define TDX_METADATA_H

/*
 * The null field id (module: MD_FIELD_ID_NA).  As an input of TDG.VM.RD
 * version 1 or TDG.SYS.RD it asks for the first field id of the context
 * (status TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT); as a "next field id"
 * output it means there is none.  Bits 54:52 (the context code) are ignored.
 */
#define TDX_MD_FIELD_ID_NA 0xFFFFFFFFFFFFFFFFull

/*
 * The metadata list TDG.SYS.RDALL writes (Intel TDX Module ABI spec,
 * metadata list and sequence formats): a 64-bit list header - bits 15:0
 * the list's size in bytes, header included; bits 31:16 the number of
 * sequences - then the sequences back to back.  A sequence is a 64-bit
 * header, a field id whose LAST_ELEMENT_IN_FIELD (bits 37:34) is the
 * number of elements per field - 1 and LAST_FIELD_IN_SEQUENCE (bits
 * 46:38) the number of fields - 1, followed by every element of every
 * field, 64 bits each.  The fields of a sequence have consecutive field
 * codes (bits 23:0) starting at the header's.
 */
#define TDX_MD_LIST_SIZE(hdr)          ((unsigned)((hdr) & 0xFFFF))
#define TDX_MD_LIST_SEQUENCES(hdr)     ((unsigned)(((hdr) >> 16) & 0xFFFF))
#define TDX_MD_SEQ_ELEMENTS(seq_hdr)   ((unsigned)(((seq_hdr) >> 34) & 0xF) + 1)
#define TDX_MD_SEQ_FIELDS(seq_hdr)     ((unsigned)(((seq_hdr) >> 38) & 0x1FF) + 1)
/* The field id of the n-th field of a sequence (its first element), header bits cleared. */
#define TDX_MD_SEQ_FIELD_ID(seq_hdr, n) \
	((((seq_hdr) & ~((0x1FFull << 38) | (0xFull << 34))) & ~0xFFFFFFull) | \
	 ((((seq_hdr) & 0xFFFFFF) + (uint64_t)(n) * TDX_MD_SEQ_ELEMENTS(seq_hdr)) & 0xFFFFFF))

#define TDCS_NOTIFY_ENABLES 0x9100000000000010ull
#define TDCS_CONFIG_FLAGS   0x1110000300000016ull
#define TDCS_TD_CTLS        0x1110000300000017ull

/* TDCS_CONFIG_FLAGS bits. */
#define TDCS_CONFIG_FLEXIBLE_PENDING_VE (1ull << 1)

/* TDCS_TD_CTLS bits. */
#define TD_CTLS_PENDING_VE_DISABLE (1ull << 0)
#define TD_CTLS_ENUM_TOPOLOGY      (1ull << 1)
#define TD_CTLS_VIRT_CPUID2        (1ull << 2)
#define TD_CTLS_REDUCE_VE          (1ull << 3)

#endif /* TDX_METADATA_H */
