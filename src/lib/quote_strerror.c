/* SPDX-License-Identifier: MIT */
/* Names of tdx_get_quote() results, for logs. */
#include <tdx/quote.h>

const char *tdx_quote_strerror(enum tdx_quote_result result)
{
	switch (result) {
	case TDX_QUOTE_OK: return "TDX_QUOTE_OK";
	case TDX_QUOTE_INVALID_ARGUMENT: return "TDX_QUOTE_INVALID_ARGUMENT";
	case TDX_QUOTE_NO_SHARED_BIT: return "TDX_QUOTE_NO_SHARED_BIT";
	case TDX_QUOTE_NOTIFY_FAILED: return "TDX_QUOTE_NOTIFY_FAILED";
	case TDX_QUOTE_VMCALL_FAILED: return "TDX_QUOTE_VMCALL_FAILED";
	case TDX_QUOTE_TIMEOUT: return "TDX_QUOTE_TIMEOUT";
	case TDX_QUOTE_SERVICE_ERROR: return "TDX_QUOTE_SERVICE_ERROR";
	case TDX_QUOTE_SERVICE_UNAVAILABLE: return "TDX_QUOTE_SERVICE_UNAVAILABLE";
	case TDX_QUOTE_BAD_RESPONSE: return "TDX_QUOTE_BAD_RESPONSE";
	case TDX_QUOTE_TOO_SMALL: return "TDX_QUOTE_TOO_SMALL";
	}
	return "TDX_QUOTE_(unknown)";
}
