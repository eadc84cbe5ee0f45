/* SPDX-License-Identifier: MIT */
/*
 * tdboot's payload (payload.c): the ELF it carries in its section
 * .tdboot_payload (payload_blob.S), loaded, measured, logged and started.
 */
#ifndef TDBOOT_PAYLOAD_H
#define TDBOOT_PAYLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "console.h"

/*
 * Where payloads run: [TDBOOT_PAYLOAD_REGION, + TDBOOT_PAYLOAD_REGION_SIZE),
 * accepted by tdboot before it copies the payload there.  RAM from its end
 * to TDBOOT_RAM_END is handed over still pending (unaccepted).
 */
#define TDBOOT_PAYLOAD_REGION      0x2000000ull	/* 32 MiB: the payload's link address */
#define TDBOOT_PAYLOAD_REGION_SIZE 0x400000ull	/* 4 MiB */
#define TDBOOT_RAM_END             0x4000000ull	/* 64 MiB: the RAM tdboot asks a TD to have */
/* The event log area (the CCEL's LAML). */
#define TDBOOT_LOG_SIZE            0x1000u

/*
 * In a TD: start the event log, accept the payload region, measure the
 * memory map tdboot hands over into RTMR[0] and the payload ELF into
 * RTMR[1] (the register TDVF measures the OS loader into), logging each,
 * then separators on both; copy the payload's PT_LOAD segments.  In a
 * normal VM the same without the log and the measurements.  The log area
 * for the CCEL in *lasa and *laml (0 in a normal VM).  False, after saying
 * why on the console, if anything failed.
 */
bool tdboot_load_payload(const struct console *con, uint64_t *lasa, uint64_t *laml);

/*
 * Jump to the loaded payload with the hand-off of bootinfo.h (RSDP at
 * rsdp_gpa).  Returns only if nothing was loaded.
 */
void tdboot_start_payload(const struct console *con, uint64_t rsdp_gpa);

#endif /* TDBOOT_PAYLOAD_H */
