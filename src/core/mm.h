/* SPDX-License-Identifier: MIT */
/*
 * Physical page allocator: one bit per 4 KiB page of the RAM bank the
 * hypervisor runs in. Serves page-table pages and guest RAM. Running out is an
 * error the caller reports (NULL), never a hang.
 */
#ifndef CORE_MM_H
#define CORE_MM_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/pgtable.h"

#define MM_MAX_RAM              (8ull << 30)    /* RAM beyond this is left unused */

void mm_init(uint64_t ram_base, uint64_t ram_size);
/* Mark [base, base+size) as not allocatable (the image, the DTB, the pack). */
void mm_reserve(uint64_t base, uint64_t size);
/* npages contiguous pages aligned to align bytes (power of two >= 4 KiB); NULL when out of memory. */
void *mm_alloc_pages(uint64_t npages, uint64_t align);
/* One zeroed page (for translation tables). */
void *mm_alloc_page_zeroed(void);
void mm_free_pages(void *p, uint64_t npages);
/* Free pages that hold someone's data: they are zeroed before they are handed out again. */
void mm_free_pages_dirty(void *p, uint64_t npages);
/* Zero the dirty pages among [p, p + npages) (call after mm_alloc_pages for guest RAM). */
void mm_scrub_dirty(void *p, uint64_t npages);
uint64_t mm_free_bytes(void);
uint64_t mm_total_bytes(void);

/* Translation-table pages from this allocator (identity-mapped: VA == PA), for the
 * EL2 map and the VMs' stage 2. */
extern const struct pgtable_ops hyp_pgtable_ops;

#endif
