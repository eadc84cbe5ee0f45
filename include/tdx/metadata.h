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
