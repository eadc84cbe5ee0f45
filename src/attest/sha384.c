/* SPDX-License-Identifier: MIT */
/*
 * SHA-384, FIPS 180-4 sections 4.1.3 (functions), 4.2.3 (constants),
 * 5.1.2 (padding), 5.3.4 (initial value), 6.4 (SHA-512 computation).
 *
 * Written for a freestanding, general-registers-only build of baseline
 * x86-64 (no SSE, no BMI1 andn, no BMI2 rorx), in plain C that gcc and
 * clang both compile to about 46 instructions a round:
 *  - the 80 rounds are written out and the eight working variables change
 *    names from round to round instead of being moved;
 *  - the message schedule is a ring of 16 words (as in the alternate method
 *    section 6.1.3 gives for SHA-1), kept in the context's block buffer:
 *    no 640-byte W[80] on the stack;
 *  - Maj reuses the previous round's a ^ b;
 *  - whole blocks are read straight from the message, big-endian words
 *    assembled from bytes (the compilers make that one load and a bswap).
 * Partial blocks go into the buffer the same way, as words or bytes shifted
 * into words.
 * bench/sha384_bench.c measures it against OpenSSL.
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

/*
 * Macros, not functions, and the round's temporaries declared once: at -O0
 * a call per rotate or a variable per round costs gcc and clang a stack
 * slot each (compress() took 2-5 KiB there; now under 200 bytes).
 */
#define ROR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

/*
 * Section 4.1.3.  BSIG0 and the two small sigmas are nested (three shifts,
 * two xors, one register copy fewer than written out); BSIG1 is on the
 * round's longest dependency chain and stays flat.
 */
#define BSIG0(x) ROR(ROR(ROR(x, 5) ^ (x), 6) ^ (x), 28)	/* ror 28 ^ ror 34 ^ ror 39 */
#define BSIG1(x) (ROR(x, 14) ^ ROR(x, 18) ^ ROR(x, 41))
#define SSIG0(x) (ROR(ROR(x, 7) ^ (x), 1) ^ ((x) >> 7))	/* ror 1 ^ ror 8 ^ shr 7 */
#define SSIG1(x) (ROR(ROR(x, 42) ^ (x), 19) ^ ((x) >> 6))	/* ror 19 ^ ror 61 ^ shr 6 */
#define CH(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))

static inline uint64_t load_be64(const uint8_t *q)
{
	return (uint64_t)q[0] << 56 | (uint64_t)q[1] << 48 | (uint64_t)q[2] << 40 |
	       (uint64_t)q[3] << 32 | (uint64_t)q[4] << 24 | (uint64_t)q[5] << 16 |
	       (uint64_t)q[6] << 8 | (uint64_t)q[7];
}

/* Section 6.4.2 step 1 for t >= 16, in the ring: W[t] replaces W[t - 16]. */
#define SCHEDULE(t)                                                             \
	(w[(t) & 15] += SSIG1(w[((t) - 2) & 15]) + w[((t) - 7) & 15] +          \
			SSIG0(w[((t) - 15) & 15]))

/*
 * Section 6.4.2 step 3, one round, renaming instead of moving: the caller's
 * h comes out as the new a and its d as the new e.  ab is a ^ b, kept for
 * the next round where it is b ^ c: Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)).
 * The empty asm ends the round for the compiler: the schedule words stay
 * in ctx->w, not in registers it would spill (without it gcc and clang
 * keep dozens of them live and the frame grows to 250-370 bytes).
 */
#define ROUND(a, b, c, d, e, f, g, h, t, wt)                                    \
	do {                                                                    \
		t1 = h + k[t] + (wt) + CH(e, f, g) + BSIG1(e);                  \
		ab = a ^ b;                                                     \
		maj = b ^ (ab & bc);                                            \
		bc = ab;                                                        \
		d += t1;                                                        \
		h = t1 + BSIG0(a) + maj;                                        \
		__asm__("" ::: "memory");                                       \
	} while (0)

#define R0(a, b, c, d, e, f, g, h, t) ROUND(a, b, c, d, e, f, g, h, t, w[t])
#define RS(a, b, c, d, e, f, g, h, t) ROUND(a, b, c, d, e, f, g, h, t, SCHEDULE(t))

/* Sixteen rounds from t = j: after them the names are back in place. */
#define ROUNDS16(R, j)                                                          \
	R(a, b, c, d, e, f, g, h, (j) + 0);  R(h, a, b, c, d, e, f, g, (j) + 1);  \
	R(g, h, a, b, c, d, e, f, (j) + 2);  R(f, g, h, a, b, c, d, e, (j) + 3);  \
	R(e, f, g, h, a, b, c, d, (j) + 4);  R(d, e, f, g, h, a, b, c, (j) + 5);  \
	R(c, d, e, f, g, h, a, b, (j) + 6);  R(b, c, d, e, f, g, h, a, (j) + 7);  \
	R(a, b, c, d, e, f, g, h, (j) + 8);  R(h, a, b, c, d, e, f, g, (j) + 9);  \
	R(g, h, a, b, c, d, e, f, (j) + 10); R(f, g, h, a, b, c, d, e, (j) + 11); \
	R(e, f, g, h, a, b, c, d, (j) + 12); R(d, e, f, g, h, a, b, c, (j) + 13); \
	R(c, d, e, f, g, h, a, b, (j) + 14); R(b, c, d, e, f, g, h, a, (j) + 15)

/*
 * Section 6.4.2 on n blocks: read from p, or when p is NULL the one block
 * already in ctx->w (as big-endian words).  ctx->w is the schedule ring.
 */
static void compress(struct tdx_sha384_ctx *ctx, const uint8_t *p, size_t n)
{
	uint64_t *w = ctx->w;

	while (n--) {
		uint64_t a = ctx->h[0], b = ctx->h[1], c = ctx->h[2], d = ctx->h[3];
		uint64_t e = ctx->h[4], f = ctx->h[5], g = ctx->h[6], h = ctx->h[7];
		uint64_t bc = b ^ c, ab, maj, t1;
		const uint64_t *k = K;

		/* Reach K through a pointer: one load per round rather than a
		 * 10-byte immediate move. */
		__asm__("" : "+r"(k));
		if (p) {
			for (unsigned i = 0; i < 16; i++)
				w[i] = load_be64(p + 8 * i);
			p += TDX_SHA384_BLOCK_SIZE;
		}
		ROUNDS16(R0, 0);
		ROUNDS16(RS, 16);
		ROUNDS16(RS, 32);
		ROUNDS16(RS, 48);
		ROUNDS16(RS, 64);
		ctx->h[0] += a;
		ctx->h[1] += b;
		ctx->h[2] += c;
		ctx->h[3] += d;
		ctx->h[4] += e;
		ctx->h[5] += f;
		ctx->h[6] += g;
		ctx->h[7] += h;
	}
}

/*
 * n message bytes into the block buffer, not past its end (as big-endian
 * words; a word being filled is zero past its last byte); compress when the
 * block is full.
 */
static void fill(struct tdx_sha384_ctx *ctx, const uint8_t *p, size_t n)
{
	unsigned at = (unsigned)(ctx->len & (TDX_SHA384_BLOCK_SIZE - 1));

	ctx->len += n;
	for (; n > 0 && (at & 7) != 0; n--, at++)
		ctx->w[at >> 3] |= (uint64_t)*p++ << (56 - 8 * (at & 7));
	for (; n >= 8; n -= 8, at += 8, p += 8)
		ctx->w[at >> 3] = load_be64(p);
	if (n > 0) {
		ctx->w[at >> 3] = 0;
		for (; n > 0; n--, at++)
			ctx->w[at >> 3] |= (uint64_t)*p++ << (56 - 8 * (at & 7));
	}
	if (at == TDX_SHA384_BLOCK_SIZE)
		compress(ctx, NULL, 1);
}

void tdx_sha384_init(struct tdx_sha384_ctx *ctx)
{
	memcpy(ctx->h, H0, sizeof(ctx->h));
	memset(ctx->w, 0, sizeof(ctx->w));
	ctx->len = 0;
}

void tdx_sha384_update(struct tdx_sha384_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;
	unsigned at = (unsigned)(ctx->len & (TDX_SHA384_BLOCK_SIZE - 1));
	size_t blocks;

	if (at != 0) {		/* complete the buffered block first */
		size_t n = len < TDX_SHA384_BLOCK_SIZE - at ? len : TDX_SHA384_BLOCK_SIZE - at;

		fill(ctx, p, n);
		p += n;
		len -= n;
	}
	/* The buffer is empty now, or len is 0: whole blocks straight from p. */
	blocks = len / TDX_SHA384_BLOCK_SIZE;
	if (blocks != 0) {
		compress(ctx, p, blocks);
		ctx->len += blocks * TDX_SHA384_BLOCK_SIZE;
		p += blocks * TDX_SHA384_BLOCK_SIZE;
		len -= blocks * TDX_SHA384_BLOCK_SIZE;
	}
	if (len != 0)
		fill(ctx, p, len);
}

void tdx_sha384_final(struct tdx_sha384_ctx *ctx, uint8_t digest[TDX_SHA384_DIGEST_SIZE])
{
	/* Section 5.1.2: the length in bits as a 128-bit big-endian number. */
	uint64_t bits_hi = ctx->len >> 61, bits_lo = ctx->len << 3;
	const uint8_t one = 0x80;
	unsigned at, used;

	fill(ctx, &one, 1);
	at = (unsigned)(ctx->len & (TDX_SHA384_BLOCK_SIZE - 1));
	used = (at + 7) / 8;			/* words holding message bytes */
	if (at > TDX_SHA384_BLOCK_SIZE - 16) {	/* no room for the length: one more block */
		memset(&ctx->w[used], 0, (16 - used) * sizeof(ctx->w[0]));
		compress(ctx, NULL, 1);
		used = 0;
	}
	memset(&ctx->w[used], 0, (14 - used) * sizeof(ctx->w[0]));
	ctx->w[14] = bits_hi;
	ctx->w[15] = bits_lo;
	compress(ctx, NULL, 1);

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
