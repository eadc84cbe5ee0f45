/* SPDX-License-Identifier: MIT */
/* libtdx umbrella header: everything a TD guest needs. */
#ifndef TDX_TDX_H
#define TDX_TDX_H

#include "version.h"
#include "tdcall.h"
#include "status.h"
#include "tdvmcall.h"
#include "io.h"

#endif /* TDX_TDX_H */
