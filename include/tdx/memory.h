/* SPDX-License-Identifier: MIT */
/*
 * Private memory, all of it: a compatibility umbrella for the four headers
 * below, one concern each.
 *  - tdx/accept.h:      the minimal cover of a range on one vCPU;
 *  - tdx/accept_job.h:  one range accepted by many vCPUs at once;
 *  - tdx/lazy_accept.h: accepting on demand (an unaccepted-memory bitmap);
 *  - tdx/convert.h:     private <-> shared (MapGPA, then accept).
 */
#ifndef TDX_MEMORY_H
#define TDX_MEMORY_H

#include "accept.h"
#include "accept_job.h"
#include "lazy_accept.h"
#include "convert.h"

#endif /* TDX_MEMORY_H */
