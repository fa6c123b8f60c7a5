// SPDX-License-Identifier: MIT
/* Guest image loading: Linux Image header, ELF program headers, raw binaries, and bad input. */
#include <stdint.h>
#include <stdlib.h>

#include "core/loader.h"
#include "test.h"

#define RAM_IPA         0x40000000ull
#define RAM_SIZE        (8u << 20)

static uint8_t *ram;

static struct guest_mem mem(void)
{
        return (struct guest_mem){ .hva = ram, .ipa = RAM_IPA, .size = RAM_SIZE };
}

static void put(uint8_t *p, uint64_t v, int n)
{
        for (int i = 0; i < n; i++)
                p[i] = (uint8_t)(v >> (8 * i));
}

static void test_linux(void)
{
        static uint8_t img[4096];
        struct guest_mem m = mem();
        struct loaded_image out;
        const char *why;

        memset(img, 0x11, sizeof(img));
        put(img + 8, 0x80000, 8);               /* text_offset */
        put(img + 16, 0x10000, 8);              /* image_size (with bss) */
        put(img + 24, 0, 8);                    /* flags: little-endian */
        put(img + 0x38, 0x644d5241, 4);         /* "ARM\x64" */
        CHECK(loader_is_linux_image(img, sizeof(img)));
        CHECK_EQ_U64(loader_detect(img, sizeof(img)), LOADER_LINUX);
        memset(ram, 0xaa, RAM_SIZE);
        CHECK_EQ_U64(loader_load(&m, LOADER_LINUX, img, sizeof(img), 0, 0, &out, &why), 0);
        CHECK_EQ_U64(out.entry, RAM_IPA + 0x80000);
        CHECK_EQ_U64(out.end, RAM_IPA + 0x80000 + 0x10000);
        CHECK(!memcmp(ram + 0x80000, img, sizeof(img)));
        CHECK_EQ_U64(ram[0x80000 + sizeof(img)], 0);            /* bss zeroed */
        CHECK_EQ_U64(ram[0x80000 + 0x10000 - 1], 0);
        CHECK_EQ_U64(ram[0x80000 + 0x10000], 0xaa);             /* nothing beyond */

        put(img + 16, RAM_SIZE, 8);                             /* does not fit */
        CHECK(loader_load(&m, LOADER_LINUX, img, sizeof(img), 0, 0, &out, &why) < 0);
        CHECK(strstr(why, "does not fit") != NULL);
        put(img + 16, 0x10000, 8);
        put(img + 24, 1, 8);                                    /* big-endian kernel */
        CHECK(loader_load(&m, LOADER_LINUX, img, sizeof(img), 0, 0, &out, &why) < 0);
        CHECK(strstr(why, "big-endian") != NULL);
        put(img + 0x38, 0, 4);
        CHECK(loader_load(&m, LOADER_LINUX, img, sizeof(img), 0, 0, &out, &why) < 0);
        CHECK_EQ_U64(loader_detect(img, sizeof(img)), LOADER_RAW);
}

/* An ELF64 AArch64 file with two PT_LOAD segments (the second with bss). */
static size_t make_elf(uint8_t *f, uint64_t paddr2, uint16_t machine)
{
        memset(f, 0, 1024);
        memcpy(f, "\x7f" "ELF", 4);
        f[4] = 2;                                       /* ELFCLASS64 */
        f[5] = 1;                                       /* little-endian */
        put(f + 18, machine, 2);
        put(f + 24, RAM_IPA + 0x1000, 8);               /* e_entry */
        put(f + 32, 64, 8);                             /* e_phoff */
        put(f + 54, 56, 2);                             /* e_phentsize */
        put(f + 56, 2, 2);                              /* e_phnum */
        uint8_t *ph = f + 64;
        put(ph, 1, 4);                                  /* PT_LOAD */
        put(ph + 8, 512, 8);                            /* p_offset */
        put(ph + 24, RAM_IPA + 0x1000, 8);              /* p_paddr */
        put(ph + 32, 16, 8);                            /* p_filesz */
        put(ph + 40, 16, 8);                            /* p_memsz */
        ph += 56;
        put(ph, 1, 4);
        put(ph + 8, 528, 8);
        put(ph + 24, paddr2, 8);
        put(ph + 32, 8, 8);
        put(ph + 40, 64, 8);                            /* 56 bytes of bss */
        memset(f + 512, 0x5a, 16);
        memset(f + 528, 0x6b, 8);
        return 1024;
}

static void test_elf(void)
{
        static uint8_t f[1024];
        struct guest_mem m = mem();
        struct loaded_image out;
        const char *why;
        size_t n = make_elf(f, RAM_IPA + 0x3000, 183);

        CHECK_EQ_U64(loader_detect(f, n), LOADER_ELF);
        memset(ram, 0xaa, RAM_SIZE);
        CHECK_EQ_U64(loader_load(&m, LOADER_ELF, f, n, 0, 0, &out, &why), 0);
        CHECK_EQ_U64(out.entry, RAM_IPA + 0x1000);
        CHECK_EQ_U64(out.start, RAM_IPA + 0x1000);
        CHECK_EQ_U64(out.end, RAM_IPA + 0x3000 + 64);
        CHECK_EQ_U64(ram[0x1000], 0x5a);
        CHECK_EQ_U64(ram[0x3000 + 7], 0x6b);
        CHECK_EQ_U64(ram[0x3000 + 8], 0);                       /* bss zeroed */
        CHECK_EQ_U64(ram[0x3000 + 63], 0);
        CHECK_EQ_U64(ram[0x3000 + 64], 0xaa);

        n = make_elf(f, RAM_IPA + RAM_SIZE - 32, 183);          /* segment runs off RAM */
        CHECK(loader_load(&m, LOADER_ELF, f, n, 0, 0, &out, &why) < 0);
        CHECK(strstr(why, "outside the VM's memory") != NULL);
        n = make_elf(f, RAM_IPA + 0x3000, 62);                  /* x86-64 */
        CHECK(loader_load(&m, LOADER_ELF, f, n, 0, 0, &out, &why) < 0);
        CHECK(strstr(why, "not for AArch64") != NULL);
        n = make_elf(f, RAM_IPA + 0x3000, 183);
        put(f + 56, 1000, 2);                                   /* phnum past the file */
        CHECK(loader_load(&m, LOADER_ELF, f, n, 0, 0, &out, &why) < 0);
        n = make_elf(f, RAM_IPA + 0x3000, 183);
        put(f + 64 + 8, 1020, 8);                               /* p_offset + filesz past the file */
        CHECK(loader_load(&m, LOADER_ELF, f, n, 0, 0, &out, &why) < 0);
}

static void test_raw(void)
{
        static const uint8_t blob[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
        struct guest_mem m = mem();
        struct loaded_image out;
        const char *why;

        CHECK_EQ_U64(loader_load(&m, LOADER_RAW, blob, sizeof(blob), RAM_IPA + 0x2000,
                                 RAM_IPA + 0x2004, &out, &why), 0);
        CHECK_EQ_U64(out.entry, RAM_IPA + 0x2004);
        CHECK(!memcmp(ram + 0x2000, blob, sizeof(blob)));
        CHECK(loader_load(&m, LOADER_RAW, blob, sizeof(blob), RAM_IPA - 8, RAM_IPA, &out, &why) < 0);
        CHECK(loader_load(&m, LOADER_RAW, blob, sizeof(blob), RAM_IPA, RAM_IPA + RAM_SIZE, &out,
                          &why) < 0);
        CHECK(loader_load(&m, LOADER_RAW, blob, sizeof(blob), UINT64_MAX - 4, RAM_IPA, &out, &why) < 0);
        CHECK(loader_load(&m, LOADER_RAW, blob, 0, RAM_IPA, RAM_IPA, &out, &why) < 0);
        CHECK_EQ_U64(loader_place(&m, RAM_IPA + RAM_SIZE - 4, blob, 4), 0);
        CHECK(loader_place(&m, RAM_IPA + RAM_SIZE - 4, blob, 5) < 0);
}

int main(void)
{
        ram = malloc(RAM_SIZE);
        test_linux();
        test_elf();
        test_raw();
        free(ram);
        TEST_MAIN_END();
}
