// SPDX-License-Identifier: MIT
#include "lib/string.h"

#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n)
{
        unsigned char *d = dst;
        const unsigned char *s = src;

        /* Word copies when both are 8-byte aligned (MMU-off device memory faults on unaligned). */
        if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
                /* 64 bytes a turn (guest images are tens of MB): the compiler pairs these. */
                for (; n >= 64; n -= 64, d += 64, s += 64) {
                        const uint64_t *ss = (const void *)s;
                        uint64_t *dd = (void *)d;
                        uint64_t a = ss[0], b = ss[1], c = ss[2], e = ss[3];
                        uint64_t f = ss[4], g = ss[5], h = ss[6], i = ss[7];

                        dd[0] = a; dd[1] = b; dd[2] = c; dd[3] = e;
                        dd[4] = f; dd[5] = g; dd[6] = h; dd[7] = i;
                }
                for (; n >= 8; n -= 8, d += 8, s += 8)
                        *(uint64_t *)(void *)d = *(const uint64_t *)(const void *)s;
        }
        while (n--)
                *d++ = *s++;
        return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
        unsigned char *d = dst;
        const unsigned char *s = src;

        if (d == s || n == 0)
                return dst;
        if (d < s || d >= s + n)
                return memcpy(dst, src, n);
        while (n--)
                d[n] = s[n];
        return dst;
}

void *memset(void *dst, int c, size_t n)
{
        unsigned char *d = dst;

        if (((uintptr_t)d & 7) == 0) {
                uint64_t w = 0x0101010101010101ull * (unsigned char)c;

                for (; n >= 8; n -= 8, d += 8)
                        *(uint64_t *)(void *)d = w;
        }
        while (n--)
                *d++ = (unsigned char)c;
        return dst;
}

void *memchr(const void *s, int c, size_t n)
{
        const unsigned char *p = s;

        for (; n; n--, p++)
                if (*p == (unsigned char)c)
                        return (void *)p;
        return NULL;
}

int memcmp(const void *a, const void *b, size_t n)
{
        const unsigned char *x = a, *y = b;

        for (; n; n--, x++, y++)
                if (*x != *y)
                        return *x - *y;
        return 0;
}

size_t strlen(const char *s)
{
        size_t n = 0;

        while (s[n])
                n++;
        return n;
}

size_t strnlen(const char *s, size_t max)
{
        size_t n = 0;

        while (n < max && s[n])
                n++;
        return n;
}

int strcmp(const char *a, const char *b)
{
        while (*a && *a == *b) {
                a++;
                b++;
        }
        return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
        for (; n; n--, a++, b++) {
                if (*a != *b)
                        return (unsigned char)*a - (unsigned char)*b;
                if (!*a)
                        return 0;
        }
        return 0;
}

char *strchr(const char *s, int c)
{
        for (;; s++) {
                if (*s == (char)c)
                        return (char *)s;
                if (!*s)
                        return NULL;
        }
}
