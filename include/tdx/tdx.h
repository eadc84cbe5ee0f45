/* SPDX-License-Identifier: MIT */
/* libtdx umbrella header: everything a TD guest needs. */
#ifndef TDX_TDX_H
#define TDX_TDX_H

#include "version.h"
#include "tdcall.h"
#include "status.h"
#include "error.h"
#include "module.h"
#include "metadata.h"
#include "td_attributes.h"
#include "exit_reason.h"
#include "tdvmcall.h"
#include "guest.h"
#include "mmio.h"
#include "addr.h"
#include "io.h"
#include "ve.h"
#include "accept.h"
#include "accept_job.h"
#include "lazy_accept.h"
#include "convert.h"
#include "memory.h"
#include "sha384.h"
#include "report.h"
#include "quote.h"
#include "rtmr.h"
#include "eventlog.h"
#include "fatal.h"
#include "acpi.h"
#include "mp_wakeup.h"

#endif /* TDX_TDX_H */
