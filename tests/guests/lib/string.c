// SPDX-License-Identifier: MIT
/* The few libc functions a freestanding compiler may still call. */
#include "guest.h"
#include "lib/string.h"

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

/* For src/lib/fdt.c, which the runtime builds in (the device tree reader). */
void *memmove(void *dst, const void *src, size_t n)
{
        volatile unsigned char *d = dst;
        const unsigned char *s = src;

        if (d < s) {
                while (n--)
                        *d++ = *s++;
        } else {
                while (n--)
                        d[n] = s[n];
        }
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
                        return *x < *y ? -1 : 1;
        return 0;
}

size_t strlen(const char *s)
{
        return guest_strlen(s);
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
