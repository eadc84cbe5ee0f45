/* SPDX-License-Identifier: MIT */
/*
 * SHA-384, FIPS 180-4 sections 4.1.3 (functions), 4.2.3 (constants),
 * 5.1.2 (padding), 5.3.4 (initial value), 6.4 (SHA-512 computation).
 *
 * Written for a freestanding, general-registers-only build: the message
 * schedule is the 16-word ring of section 6.4's alternative form, kept in
 * the context's block buffer (no 640-byte W[80] on the stack); message
 * bytes go straight into that ring as big-endian words.
 */
#include <tdx/sha384.h>

#include "lib/internal.h"

static const uint64_t K[80] = {
	0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
	0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
	0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
	0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
	0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
	0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
	0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
	0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
	0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
	0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
	0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
	0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
	0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
	0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
	0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
	0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
	0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
	0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
	0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
	0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

/* Section 5.3.4: the SHA-384 initial hash value. */
static const uint64_t H0[8] = {
	0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull, 0x9159015a3070dd17ull, 0x152fecd8f70e5939ull,
	0x67332667ffc00b31ull, 0x8eb44a8768581511ull, 0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull,
};

static inline uint64_t ror(uint64_t x, unsigned n)
{
	return (x >> n) | (x << (64 - n));
}

#define BSIG0(x) (ror(x, 28) ^ ror(x, 34) ^ ror(x, 39))
#define BSIG1(x) (ror(x, 14) ^ ror(x, 18) ^ ror(x, 41))
#define SSIG0(x) (ror(x, 1) ^ ror(x, 8) ^ ((x) >> 7))
#define SSIG1(x) (ror(x, 19) ^ ror(x, 61) ^ ((x) >> 6))
#define CH(x, y, z)  (((x) & (y)) ^ (~(x) & (z)))
#define MAJ(x, y, z) (((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))

/* Section 6.4.2 on the block in ctx->w, which it consumes as the schedule ring. */
static void compress(struct tdx_sha384_ctx *ctx)
{
	uint64_t *w = ctx->w;
	uint64_t a = ctx->h[0], b = ctx->h[1], c = ctx->h[2], d = ctx->h[3];
	uint64_t e = ctx->h[4], f = ctx->h[5], g = ctx->h[6], h = ctx->h[7];

	for (unsigned t = 0; t < 80; t++) {
		uint64_t t1, t2;

		if (t >= 16)
			w[t & 15] += SSIG1(w[(t - 2) & 15]) + w[(t - 7) & 15] + SSIG0(w[(t - 15) & 15]);
		t1 = h + BSIG1(e) + CH(e, f, g) + K[t] + w[t & 15];
		t2 = BSIG0(a) + MAJ(a, b, c);
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	ctx->h[0] += a;
	ctx->h[1] += b;
	ctx->h[2] += c;
	ctx->h[3] += d;
	ctx->h[4] += e;
	ctx->h[5] += f;
	ctx->h[6] += g;
	ctx->h[7] += h;
}

/* Append one byte to the block; compress when it is full. */
static void put_byte(struct tdx_sha384_ctx *ctx, uint8_t byte)
{
	unsigned at = (unsigned)(ctx->len & (TDX_SHA384_BLOCK_SIZE - 1));

	if ((at & 7) == 0)
		ctx->w[at >> 3] = 0;
	ctx->w[at >> 3] |= (uint64_t)byte << (56 - 8 * (at & 7));
	ctx->len++;
	if ((ctx->len & (TDX_SHA384_BLOCK_SIZE - 1)) == 0)
		compress(ctx);
}

void tdx_sha384_init(struct tdx_sha384_ctx *ctx)
{
	memcpy(ctx->h, H0, sizeof(ctx->h));
	memset(ctx->w, 0, sizeof(ctx->w));
	ctx->len = 0;
}

/* Whole blocks while the buffer is empty: 16 big-endian words straight in. */
static size_t put_blocks(struct tdx_sha384_ctx *ctx, const uint8_t *p, size_t len)
{
	size_t done = 0;

	while ((ctx->len & (TDX_SHA384_BLOCK_SIZE - 1)) == 0 && len - done >= TDX_SHA384_BLOCK_SIZE) {
		for (unsigned i = 0; i < 16; i++) {
			const uint8_t *q = p + done + 8 * i;

			ctx->w[i] = (uint64_t)q[0] << 56 | (uint64_t)q[1] << 48 | (uint64_t)q[2] << 40 |
				    (uint64_t)q[3] << 32 | (uint64_t)q[4] << 24 | (uint64_t)q[5] << 16 |
				    (uint64_t)q[6] << 8 | (uint64_t)q[7];
		}
		compress(ctx);
		ctx->len += TDX_SHA384_BLOCK_SIZE;
		done += TDX_SHA384_BLOCK_SIZE;
	}
	return done;
}

void tdx_sha384_update(struct tdx_sha384_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t i = 0;

	while (i < len) {
		i += put_blocks(ctx, p + i, len - i);
		if (i < len)
			put_byte(ctx, p[i++]);
	}
}

void tdx_sha384_final(struct tdx_sha384_ctx *ctx, uint8_t digest[TDX_SHA384_DIGEST_SIZE])
{
	/* Section 5.1.2: the length in bits as a 128-bit big-endian number. */
	uint64_t bits_hi = ctx->len >> 61, bits_lo = ctx->len << 3;

	put_byte(ctx, 0x80);
	while ((ctx->len & (TDX_SHA384_BLOCK_SIZE - 1)) != TDX_SHA384_BLOCK_SIZE - 16)
		put_byte(ctx, 0);
	for (int s = 56; s >= 0; s -= 8)
		put_byte(ctx, (uint8_t)(bits_hi >> s));
	for (int s = 56; s >= 0; s -= 8)
		put_byte(ctx, (uint8_t)(bits_lo >> s));

	for (unsigned i = 0; i < TDX_SHA384_DIGEST_SIZE; i++)
		digest[i] = (uint8_t)(ctx->h[i >> 3] >> (56 - 8 * (i & 7)));
	tdx__wipe(ctx, sizeof(*ctx));	/* it holds the tail of the message */
}

void tdx_sha384(const void *data, size_t len, uint8_t digest[TDX_SHA384_DIGEST_SIZE])
{
	struct tdx_sha384_ctx ctx;

	tdx_sha384_init(&ctx);
	tdx_sha384_update(&ctx, data, len);
	tdx_sha384_final(&ctx, digest);
}
