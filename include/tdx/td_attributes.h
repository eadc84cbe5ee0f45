/* SPDX-License-Identifier: MIT */
/* TD ATTRIBUTES (TDG.VP.INFO RDX, TDINFO.ATTRIBUTES), TDX Module ABI spec. */
#ifndef TDX_TD_ATTRIBUTES_H
#define TDX_TD_ATTRIBUTES_H

#define TDX_ATTR_DEBUG           (1ull << 0)
#define TDX_ATTR_SEPT_VE_DISABLE (1ull << 28)
#define TDX_ATTR_MIGRATABLE      (1ull << 29)
#define TDX_ATTR_PKS             (1ull << 30)
#define TDX_ATTR_KL              (1ull << 31)
#define TDX_ATTR_PERFMON         (1ull << 63)

#endif /* TDX_TD_ATTRIBUTES_H */
