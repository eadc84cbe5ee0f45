/* SPDX-License-Identifier: MIT */
/* The examples' tiny formatter: printf to COM1, nothing else. */
#include <stdbool.h>
#include <stddef.h>
#include <tdx/io.h>

#include "example.h"

void ex_putc(char c)
{
	tdx_outb((uint8_t)c, EX_COM1_PORT);
}

struct spec {
	unsigned width;
	bool zero, alt, upper;
};

/* Digits of v in `base`, right-aligned in the spec's width. */
static int put_number(uint64_t v, unsigned base, bool negative, const struct spec *s)
{
	char digits[24];
	const char *set = s->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned n = 0, len, i;
	int out = 0;

	do {
		digits[n++] = set[v % base];
		v /= base;
	} while (v && n < sizeof(digits));
	len = n + (negative ? 1u : 0u) + (s->alt && base == 16 ? 2u : 0u);
	if (!s->zero)
		for (i = len; i < s->width; i++, out++)
			ex_putc(' ');
	if (negative) {
		ex_putc('-');
		out++;
	}
	if (s->alt && base == 16) {
		ex_putc('0');
		ex_putc(s->upper ? 'X' : 'x');
		out += 2;
	}
	if (s->zero)
		for (i = len; i < s->width; i++, out++)
			ex_putc('0');
	while (n) {
		ex_putc(digits[--n]);
		out++;
	}
	return out;
}

static int put_string(const char *str, const struct spec *s)
{
	unsigned len = 0, i;
	int out = 0;

	if (!str)
		str = "(null)";
	while (str[len])
		len++;
	for (i = len; i < s->width; i++, out++)
		ex_putc(' ');
	for (i = 0; i < len; i++, out++)
		ex_putc(str[i]);
	return out;
}

/* Fetch the next integer argument of the given length ('H' hh, 'h', 'l', 'q' ll, 'z'). */
static uint64_t get_unsigned(va_list *ap, char len)
{
	switch (len) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned);
	case 'h': return (unsigned short)va_arg(*ap, unsigned);
	case 'l': return va_arg(*ap, unsigned long);
	case 'q': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	default:  return va_arg(*ap, unsigned);
	}
}

static int64_t get_signed(va_list *ap, char len)
{
	switch (len) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'q': return va_arg(*ap, long long);
	case 'z': return (int64_t)va_arg(*ap, size_t);
	default:  return va_arg(*ap, int);
	}
}

int ex_vprintf(const char *fmt, va_list ap_in)
{
	va_list ap;
	int out = 0;

	va_copy(ap, ap_in);
	for (; *fmt; fmt++) {
		struct spec s = { .width = 0 };
		char len = 0;

		if (*fmt != '%') {
			ex_putc(*fmt);
			out++;
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0')
				s.zero = true;
			else if (*fmt == '#')
				s.alt = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9' && s.width < 64)
			s.width = s.width * 10 + (unsigned)(*fmt++ - '0');
		if (*fmt == 'h') {
			len = 'h';
			if (*++fmt == 'h') {
				len = 'H';
				fmt++;
			}
		} else if (*fmt == 'l') {
			len = 'l';
			if (*++fmt == 'l') {
				len = 'q';
				fmt++;
			}
		} else if (*fmt == 'z') {
			len = 'z';
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			ex_putc((char)va_arg(ap, int));
			out++;
			break;
		case 's':
			out += put_string(va_arg(ap, const char *), &s);
			break;
		case 'd':
		case 'i': {
			int64_t v = get_signed(&ap, len);
			out += put_number(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, 10, v < 0, &s);
			break;
		}
		case 'u':
			out += put_number(get_unsigned(&ap, len), 10, false, &s);
			break;
		case 'X':
			s.upper = true;
			/* fall through */
		case 'x':
			out += put_number(get_unsigned(&ap, len), 16, false, &s);
			break;
		case 'p':
			s.alt = true;
			out += put_number((uintptr_t)va_arg(ap, void *), 16, false, &s);
			break;
		case '%':
			ex_putc('%');
			out++;
			break;
		default:	/* unknown conversion (or end of string): show it as is */
			ex_putc('%');
			out++;
			if (!*fmt) {
				va_end(ap);
				return out;
			}
			ex_putc(*fmt);
			out++;
			break;
		}
	}
	va_end(ap);
	return out;
}

int ex_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ex_vprintf(fmt, ap);
	va_end(ap);
	return n;
}
