/* SPDX-License-Identifier: MIT */
/*
 * Hypervisor link map, preprocessed with the platform's platform.h:
 * loaded and run at PLAT_LOAD_ADDR (identity-mapped: VA == PA).
 */
#include "platform.h"
#include "arch/aarch64/layout.h"

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

/* Where hypctl loads the pack (config + guest images); read from this ELF by hypctl. */
__pack_base = PLAT_PACK_ADDR;

SECTIONS
{
        . = PLAT_LOAD_ADDR;
        __image_start = .;

        .text : {
                KEEP(*(.text.boot._start))
                *(.text.boot .text.boot.*)
                *(.text.vectors)
                *(.text .text.*)
        }
        . = ALIGN(PAGE_SIZE);
        __text_end = .;

        .rodata : {
                *(.rodata .rodata.*)
        }
        . = ALIGN(PAGE_SIZE);
        __rodata_end = .;

        .data : {
                *(.data .data.*)
        }

        .bss (NOLOAD) : {
                . = ALIGN(16);
                __bss_start = .;
                *(.bss .bss.* COMMON)
                . = ALIGN(16);
                __bss_end = .;
        }

        /* Per-CPU stacks, each with a guard page below it. Not cleared. */
        .stacks (NOLOAD) : ALIGN(PAGE_SIZE) {
                __stacks_start = .;
                . += PLAT_MAX_CPUS * HYP_STACK_STRIDE;
                __stacks_end = .;
        }
        . = ALIGN(PAGE_SIZE);
        __image_end = .;

        /DISCARD/ : {
                *(.comment) *(.note .note.*) *(.eh_frame .eh_frame_hdr)
                *(.interp) *(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash)
        }
}
