// SPDX-License-Identifier: MIT
/* The few libc functions a freestanding compiler may still call. */
#include "guest.h"

void *memcpy(void *dst, const void *src, size_t n)
{
        volatile unsigned char *d = dst;
        const unsigned char *s = src;

        while (n--)
                *d++ = *s++;
        return dst;
}

void *memset(void *dst, int c, size_t n)
{
        volatile unsigned char *d = dst;

        while (n--)
                *d++ = (unsigned char)c;
        return dst;
}

size_t guest_strlen(const char *s)
{
        size_t n = 0;

        while (s[n])
                n++;
        return n;
}
