/* SPDX-License-Identifier: MIT */
/* Fixture: tools/check-header-docs must reject this header (two functions have no comment). */
#ifndef TDX_FIXTURE_UNDOCUMENTED_H
#define TDX_FIXTURE_UNDOCUMENTED_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Documented, with the two below in the same group. */
uint64_t fixture_documented(void);
uint64_t fixture_grouped_one(void);
uint64_t fixture_grouped_two(unsigned size,
			     uint64_t value);

uint64_t fixture_undocumented(uint64_t value);

__attribute__((noreturn))
void fixture_noreturn_undocumented(void);

#ifdef __cplusplus
}
#endif

#endif
