// SPDX-License-Identifier: MIT
#include "core/loader.h"
#include "lib/string.h"

#define LINUX_MAGIC_OFFSET      0x38
#define LINUX_MAGIC             0x644d5241u     /* "ARM\x64" little-endian */
#define LINUX_HEADER_SIZE       64

#define EM_AARCH64              183
#define PT_LOAD                 1

static uint64_t ld(const uint8_t *p, int n)
{
        uint64_t v = 0;

        for (int i = n - 1; i >= 0; i--)
                v = (v << 8) | p[i];
        return v;
}

int loader_is_linux_image(const void *image, uint64_t size)
{
        return size >= LINUX_HEADER_SIZE &&
               ld((const uint8_t *)image + LINUX_MAGIC_OFFSET, 4) == LINUX_MAGIC;
}

enum loader_format loader_detect(const void *image, uint64_t size)
{
        const uint8_t *b = image;

        if (size >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F')
                return LOADER_ELF;
        if (loader_is_linux_image(image, size))
                return LOADER_LINUX;
        return LOADER_RAW;
}

/* Host pointer for [ipa, ipa+len) if inside guest RAM (overflow-safe). */
static uint8_t *span(const struct guest_mem *m, uint64_t ipa, uint64_t len)
{
        if (ipa < m->ipa || ipa - m->ipa > m->size || len > m->size - (ipa - m->ipa))
                return NULL;
        return m->hva + (ipa - m->ipa);
}

int loader_place(const struct guest_mem *mem, uint64_t ipa, const void *data, uint64_t size)
{
        uint8_t *dst = span(mem, ipa, size);

        if (!dst)
                return -1;
        memcpy(dst, data, size);
        return 0;
}

static int load_linux(const struct guest_mem *m, const uint8_t *img, uint64_t size,
                      struct loaded_image *out, const char **why)
{
        uint64_t text_offset = ld(img + 8, 8), image_size = ld(img + 16, 8);
        uint64_t flags = ld(img + 24, 8);
        uint64_t base = m->ipa, load;
        uint8_t *dst;

        /* Bit 0 of flags: kernel endianness (1 = big-endian). */
        if (flags & 1) {
                *why = "big-endian kernel Image (guests run little-endian)";
                return -1;
        }
        /* image_size 0: pre-3.17 kernel; text_offset 0x80000 was the default then. */
        if (!image_size) {
                text_offset = 0x80000;
                image_size = size;
        }
        if (image_size < size)
                image_size = size;
        /* Bit 3 of flags: the kernel may sit anywhere 2 MiB-aligned; RAM base is. */
        load = base + text_offset;
        dst = span(m, load, image_size);
        if (!dst) {
                *why = "kernel Image (with its bss) does not fit in the VM's memory";
                return -1;
        }
        memcpy(dst, img, size);
        memset(dst + size, 0, image_size - size);
        out->entry = load;
        out->start = load;
        out->end = load + image_size;
        return 0;
}

static int load_elf(const struct guest_mem *m, const uint8_t *img, uint64_t size,
                    struct loaded_image *out, const char **why)
{
        uint64_t phoff, lo = ~0ull, hi = 0;
        unsigned int phentsize, phnum, loaded = 0;

        if (size < 64 || img[4] != 2 /* ELFCLASS64 */ || img[5] != 1 /* little-endian */) {
                *why = "not a little-endian ELF64 file";
                return -1;
        }
        if (ld(img + 18, 2) != EM_AARCH64) {
                *why = "ELF file is not for AArch64 (e_machine)";
                return -1;
        }
        phoff = ld(img + 32, 8);
        phentsize = (unsigned int)ld(img + 54, 2);
        phnum = (unsigned int)ld(img + 56, 2);
        if (phentsize < 56 || phoff > size || (uint64_t)phnum * phentsize > size - phoff) {
                *why = "ELF program headers lie outside the file";
                return -1;
        }
        for (unsigned int i = 0; i < phnum; i++) {
                const uint8_t *ph = img + phoff + (uint64_t)i * phentsize;
                uint64_t off = ld(ph + 8, 8), paddr = ld(ph + 24, 8);
                uint64_t filesz = ld(ph + 32, 8), memsz = ld(ph + 40, 8);
                uint8_t *dst;

                if (ld(ph, 4) != PT_LOAD || !memsz)
                        continue;
                if (filesz > memsz || off > size || filesz > size - off) {
                        *why = "ELF segment lies outside the file";
                        return -1;
                }
                dst = span(m, paddr, memsz);
                if (!dst) {
                        *why = "ELF segment lies outside the VM's memory (link it at the guest RAM base)";
                        return -1;
                }
                memcpy(dst, img + off, filesz);
                memset(dst + filesz, 0, memsz - filesz);
                if (paddr < lo)
                        lo = paddr;
                if (paddr + memsz > hi)
                        hi = paddr + memsz;
                loaded++;
        }
        if (!loaded) {
                *why = "ELF file has no loadable segment";
                return -1;
        }
        out->entry = ld(img + 24, 8);
        out->start = lo;
        out->end = hi;
        if (!span(m, out->entry, 4)) {
                *why = "ELF entry point lies outside the VM's memory";
                return -1;
        }
        return 0;
}

int loader_load(const struct guest_mem *m, enum loader_format fmt, const void *image,
                uint64_t size, uint64_t raw_load, uint64_t raw_entry, struct loaded_image *out,
                const char **why)
{
        *why = "";
        if (!size) {
                *why = "empty image";
                return -1;
        }
        switch (fmt) {
        case LOADER_LINUX:
                if (!loader_is_linux_image(image, size)) {
                        *why = "no arm64 Linux Image header (magic \"ARM\\x64\" at 0x38)";
                        return -1;
                }
                return load_linux(m, image, size, out, why);
        case LOADER_ELF:
                return load_elf(m, image, size, out, why);
        case LOADER_RAW:
                if (loader_place(m, raw_load, image, size)) {
                        *why = "raw image does not fit in the VM's memory at its load address";
                        return -1;
                }
                out->entry = raw_entry;
                out->start = raw_load;
                out->end = raw_load + size;
                if (!span(m, raw_entry, 4)) {
                        *why = "raw image entry point lies outside the VM's memory";
                        return -1;
                }
                return 0;
        }
        *why = "unknown image format";
        return -1;
}
