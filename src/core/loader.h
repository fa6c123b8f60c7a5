/* SPDX-License-Identifier: MIT */
/*
 * Guest image loading into guest RAM (given as a host buffer of mem_size bytes
 * at IPA ram_base). Portable: unit-tested on the host.
 *   Linux arm64 Image: header detected ("ARM\x64" at 0x38), loaded at
 *                      ram_base + text_offset, entered at its first byte.
 *   ELF64 AArch64:     PT_LOAD segments at their physical addresses (p_paddr).
 *   raw binary:        at a given IPA, entered at a given IPA.
 */
#ifndef CORE_LOADER_H
#define CORE_LOADER_H

#include <stddef.h>
#include <stdint.h>

enum loader_format { LOADER_LINUX, LOADER_ELF, LOADER_RAW };

struct loaded_image {
        uint64_t entry;                 /* IPA */
        uint64_t start, end;            /* IPA range the image occupies (incl. bss) */
};

struct guest_mem {
        uint8_t *hva;                   /* host address of guest RAM */
        uint64_t ipa;                   /* its IPA */
        uint64_t size;
};

/* 0 on success; else a negative code and *why says what is wrong, in words. */
int loader_load(const struct guest_mem *mem, enum loader_format fmt, const void *image,
                uint64_t size, uint64_t raw_load, uint64_t raw_entry, struct loaded_image *out,
                const char **why);
/* Copy a blob (initrd, device tree) to [ipa, ipa+size) inside guest RAM. */
int loader_place(const struct guest_mem *mem, uint64_t ipa, const void *data, uint64_t size);
/* Is this an arm64 Linux Image? (magic at offset 0x38) */
int loader_is_linux_image(const void *image, uint64_t size);
/* Guess the format from the bytes: ELF magic, arm64 Image magic, else raw. */
enum loader_format loader_detect(const void *image, uint64_t size);

#endif
