/* SPDX-License-Identifier: MIT */
/* The default device plug-ins; devices.c registers them at reset. */
#ifndef TDXM_DEVICES_H
#define TDXM_DEVICES_H

#include "../core/internal.h"

/* COM1 at TDXH_COM1_PORT (8 ports): ctx is a struct tdxm_com1. */
struct tdx_model_port_device tdxm_com1_device(struct tdxm_com1 *com1);
/* The scratch port at TDXH_SCRATCH_PORT: ctx is a struct tdxm_scratch_port. */
struct tdx_model_port_device tdxm_scratch_port_device(struct tdxm_scratch_port *scratch);
/* The default quote service: ctx is the struct tdxh_quote_model it reads its answer from. */
struct tdxh_quote_service tdxm_default_quote_service(struct tdxh_quote_model *q);

#endif
