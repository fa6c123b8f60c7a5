/* SPDX-License-Identifier: MIT */
/* Bit masks, usable from C and from assembly. */
#ifndef LIB_BITS_H
#define LIB_BITS_H

#ifdef __ASSEMBLER__
#define BIT(n)          (1 << (n))
#define BITUL(n)        (1 << (n))
#else
#define BIT(n)          (1u << (n))
#define BITUL(n)        (1ull << (n))
#endif

#endif
