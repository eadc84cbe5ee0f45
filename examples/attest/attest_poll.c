/* SPDX-License-Identifier: MIT */
/* attest, polling for the quote (an I/O-port delay between status reads) instead of the notify interrupt. */
#define ATTEST_POLL 1
#include "attest.c"
