/* SPDX-License-Identifier: MIT */
/* The harness's default models: one line per area of the library. */
#include "tdx_harness.h"
#include "tdxh_abi.h"
#include "tdxh_attest.h"
#include "tdxh_ve.h"
#include "tdxh_memory.h"

void tdxh_install_default_models(void)
{
	tdxh_install_io_models();
	tdxh_install_abi_models();
	tdxh_install_ve_models();
	tdxh_install_memory_models();
	tdxh_install_attest_models();	/* after abi: the full TDREPORT/RTMR/GetQuote models replace its simple ones */
}
