// SPDX-License-Identifier: MIT
#include "lib/printf.h"

#include <stdbool.h>
#include <stdint.h>

struct spec {
        bool left, zero, plus, space, alt;
        int width;
        int prec;               /* -1: none */
        int length;             /* 'H' hh, 'h', 'l', 'L' ll/j/z/t, 0 int */
};

static int emit(fmt_putc_fn putc, void *ctx, char c)
{
        putc(ctx, c);
        return 1;
}

static int pad(fmt_putc_fn putc, void *ctx, char c, int n)
{
        int i;

        for (i = 0; i < n; i++)
                putc(ctx, c);
        return n > 0 ? n : 0;
}

static int format_str(fmt_putc_fn putc, void *ctx, const struct spec *s, const char *str)
{
        int len = 0, n = 0;

        if (!str)
                str = "(null)";
        while (str[len] && (s->prec < 0 || len < s->prec))
                len++;
        if (!s->left)
                n += pad(putc, ctx, ' ', s->width - len);
        for (int i = 0; i < len; i++)
                n += emit(putc, ctx, str[i]);
        if (s->left)
                n += pad(putc, ctx, ' ', s->width - len);
        return n;
}

static int format_num(fmt_putc_fn putc, void *ctx, const struct spec *s,
                      uint64_t v, bool negative, unsigned base, bool upper, const char *prefix)
{
        const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        char buf[24];
        int len = 0, n = 0, plen = 0, zeros = 0, total;
        char sign = 0;

        do {
                buf[len++] = digits[v % base];
                v /= base;
        } while (v);
        if (s->prec == 0 && len == 1 && buf[0] == '0')
                len = 0;                /* "%.0d" of zero prints nothing */

        if (negative)
                sign = '-';
        else if (s->plus)
                sign = '+';
        else if (s->space)
                sign = ' ';
        if (prefix)
                while (prefix[plen])
                        plen++;

        if (s->prec > len)
                zeros = s->prec - len;
        total = len + zeros + plen + (sign ? 1 : 0);
        if (s->zero && !s->left && s->prec < 0 && s->width > total) {
                zeros += s->width - total;
                total = s->width;
        }

        if (!s->left)
                n += pad(putc, ctx, ' ', s->width - total);
        if (sign)
                n += emit(putc, ctx, sign);
        for (int i = 0; i < plen; i++)
                n += emit(putc, ctx, prefix[i]);
        n += pad(putc, ctx, '0', zeros);
        while (len)
                n += emit(putc, ctx, buf[--len]);
        if (s->left)
                n += pad(putc, ctx, ' ', s->width - total);
        return n;
}

static uint64_t arg_unsigned(const struct spec *s, va_list *ap)
{
        switch (s->length) {
        case 'H': return (unsigned char)va_arg(*ap, unsigned int);
        case 'h': return (unsigned short)va_arg(*ap, unsigned int);
        case 'l': return va_arg(*ap, unsigned long);
        case 'L': return va_arg(*ap, unsigned long long);
        default:  return va_arg(*ap, unsigned int);
        }
}

static int64_t arg_signed(const struct spec *s, va_list *ap)
{
        switch (s->length) {
        case 'H': return (signed char)va_arg(*ap, int);
        case 'h': return (short)va_arg(*ap, int);
        case 'l': return va_arg(*ap, long);
        case 'L': return va_arg(*ap, long long);
        default:  return va_arg(*ap, int);
        }
}

int fmt_vformat(fmt_putc_fn putc, void *ctx, const char *fmt, va_list ap_in)
{
        va_list ap;
        int n = 0;

        va_copy(ap, ap_in);
        while (*fmt) {
                struct spec s = { .prec = -1 };
                char c = *fmt++;

                if (c != '%') {
                        n += emit(putc, ctx, c);
                        continue;
                }
                for (;; fmt++) {
                        if (*fmt == '-') s.left = true;
                        else if (*fmt == '0') s.zero = true;
                        else if (*fmt == '+') s.plus = true;
                        else if (*fmt == ' ') s.space = true;
                        else if (*fmt == '#') s.alt = true;
                        else break;
                }
                if (*fmt == '*') {
                        s.width = va_arg(ap, int);
                        if (s.width < 0) {
                                s.left = true;
                                s.width = -s.width;
                        }
                        fmt++;
                } else {
                        while (*fmt >= '0' && *fmt <= '9')
                                s.width = s.width * 10 + (*fmt++ - '0');
                }
                if (*fmt == '.') {
                        fmt++;
                        s.prec = 0;
                        if (*fmt == '*') {
                                s.prec = va_arg(ap, int);
                                fmt++;
                        } else {
                                while (*fmt >= '0' && *fmt <= '9')
                                        s.prec = s.prec * 10 + (*fmt++ - '0');
                        }
                }
                if (*fmt == 'h') {
                        fmt++;
                        s.length = 'h';
                        if (*fmt == 'h') {
                                fmt++;
                                s.length = 'H';
                        }
                } else if (*fmt == 'l') {
                        fmt++;
                        s.length = 'l';
                        if (*fmt == 'l') {
                                fmt++;
                                s.length = 'L';
                        }
                } else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't') {
                        fmt++;
                        s.length = 'L';
                }

                switch (c = *fmt++) {
                case 'd':
                case 'i': {
                        int64_t v = arg_signed(&s, &ap);
                        uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
                        n += format_num(putc, ctx, &s, mag, v < 0, 10, false, NULL);
                        break;
                }
                case 'u':
                        n += format_num(putc, ctx, &s, arg_unsigned(&s, &ap), false, 10, false, NULL);
                        break;
                case 'x':
                case 'X': {
                        uint64_t v = arg_unsigned(&s, &ap);
                        const char *prefix = (s.alt && v) ? (c == 'x' ? "0x" : "0X") : NULL;
                        n += format_num(putc, ctx, &s, v, false, 16, c == 'X', prefix);
                        break;
                }
                case 'o':
                        n += format_num(putc, ctx, &s, arg_unsigned(&s, &ap), false, 8, false,
                                        s.alt ? "0" : NULL);
                        break;
                case 'p':
                        n += format_num(putc, ctx, &s, (uintptr_t)va_arg(ap, void *), false, 16,
                                        false, "0x");
                        break;
                case 's':
                        n += format_str(putc, ctx, &s, va_arg(ap, const char *));
                        break;
                case 'c': {
                        char ch[2] = { (char)va_arg(ap, int), 0 };
                        s.prec = 1;
                        if (!ch[0]) {           /* a NUL character is still one character */
                                n += pad(putc, ctx, ' ', s.left ? 0 : s.width - 1);
                                n += emit(putc, ctx, 0);
                                n += pad(putc, ctx, ' ', s.left ? s.width - 1 : 0);
                        } else {
                                n += format_str(putc, ctx, &s, ch);
                        }
                        break;
                }
                case '%':
                        n += emit(putc, ctx, '%');
                        break;
                case '\0':
                        fmt--;                  /* lone '%' at the end */
                        break;
                default:                        /* unknown conversion: print it as is */
                        n += emit(putc, ctx, '%');
                        n += emit(putc, ctx, c);
                        break;
                }
        }
        va_end(ap);
        return n;
}

struct buf_ctx {
        char *buf;
        size_t size;
        size_t pos;
};

static void buf_putc(void *ctx, char c)
{
        struct buf_ctx *b = ctx;

        if (b->pos + 1 < b->size)
                b->buf[b->pos] = c;
        b->pos++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
        struct buf_ctx b = { buf, size, 0 };
        int n = fmt_vformat(buf_putc, &b, fmt, ap);

        if (size)
                buf[b.pos < size ? b.pos : size - 1] = '\0';
        return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = fmt_vsnprintf(buf, size, fmt, ap);
        va_end(ap);
        return n;
}
