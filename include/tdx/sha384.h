/* SPDX-License-Identifier: MIT */
/*
 * SHA-384 (FIPS 180-4, section 6.5: SHA-512 with its own initial value,
 * truncated to 384 bits), freestanding: no libc, no SSE, no memcpy.
 * The hash of TDX measurements: MRTD and the RTMRs are SHA-384 values.
 */
#ifndef TDX_SHA384_H
#define TDX_SHA384_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TDX_SHA384_DIGEST_SIZE 48
#define TDX_SHA384_BLOCK_SIZE  128

/*
 * Incremental state: 200 bytes, no pointers, no alignment beyond 8; it may
 * live on the stack, in .bss or anywhere else.  Treat it as opaque.
 */
struct tdx_sha384_ctx {
	uint64_t h[8];		/* chaining value */
	uint64_t w[16];		/* the block being filled, as big-endian words */
	uint64_t len;		/* bytes hashed so far (messages up to 2^64 - 1 bytes) */
};

/* Start a new hash. */
void tdx_sha384_init(struct tdx_sha384_ctx *ctx);
/* Hash `len` more bytes of the message (any length, any alignment; len 0 is fine). */
void tdx_sha384_update(struct tdx_sha384_ctx *ctx, const void *data, size_t len);
/*
 * Finish: pad, write the 48-byte digest to `digest`, then wipe *ctx
 * (it holds the tail of the message); init it again before reuse.
 */
void tdx_sha384_final(struct tdx_sha384_ctx *ctx, uint8_t digest[TDX_SHA384_DIGEST_SIZE]);
/* One shot: digest = SHA-384(data[0..len)).  Uses about 390 bytes of stack (the context). */
void tdx_sha384(const void *data, size_t len, uint8_t digest[TDX_SHA384_DIGEST_SIZE]);

#ifdef __cplusplus
}
#endif

#endif /* TDX_SHA384_H */
