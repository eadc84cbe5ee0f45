/* SPDX-License-Identifier: MIT */
/* Metadata field ids for TDG.VM.RD/WR (TDCS fields used by Linux), TDX Module ABI spec. */
#ifndef TDX_METADATA_H
#define TDX_METADATA_H

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
