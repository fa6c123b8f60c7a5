// SPDX-License-Identifier: MIT
#include "core/mm.h"
#include "arch/arch.h"
#include "arch/aarch64/layout.h"
#include "lib/spinlock.h"
#include "lib/string.h"

#define MM_MAX_PAGES    (MM_MAX_RAM / PAGE_SIZE)

static uint64_t bitmap[MM_MAX_PAGES / 64];      /* 1 = in use or reserved */
static uint64_t dirty[MM_MAX_PAGES / 64];       /* 1 = freed with a VM's data still in it */
static uint64_t base_pa, npages, nfree;
static spinlock_t lock = SPINLOCK_INIT;


static unsigned int popcount64(uint64_t x)
{
        x = x - ((x >> 1) & 0x5555555555555555ull);
        x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
        x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
        return (unsigned int)((x * 0x0101010101010101ull) >> 56);
}

/* Bits [first, first + n) of the word at 'first / 64' onwards, one word at a time. */
static uint64_t word_mask(uint64_t first, uint64_t n, uint64_t *take)
{
        uint64_t b = first % 64;

        *take = 64 - b < n ? 64 - b : n;
        return (*take == 64 ? ~0ull : (1ull << *take) - 1) << b;
}

/* Set or clear bits [first, first + n) of map; returns how many changed. */
static uint64_t bits_assign(uint64_t *map, uint64_t first, uint64_t n, bool set)
{
        uint64_t changed = 0, take;

        for (; n; first += take, n -= take) {
                uint64_t mask = word_mask(first, n, &take);
                uint64_t old = map[first / 64];
                uint64_t now = set ? old | mask : old & ~mask;

                changed += popcount64(old ^ now);
                map[first / 64] = now;
        }
        return changed;
}

/* Offset of the first used page in [first, first + n), or n if all are free. */
static uint64_t first_used(uint64_t first, uint64_t n)
{
        uint64_t done = 0, take;

        for (; done < n; first += take, done += take) {
                uint64_t hit = bitmap[first / 64] & word_mask(first, n - done, &take);

                if (hit)
                        return done + (uint64_t)__builtin_ctzll(hit) - first % 64;
        }
        return n;
}

static void set_range(uint64_t first, uint64_t n, bool used)
{
        uint64_t changed = bits_assign(bitmap, first, n, used);

        if (used)
                nfree -= changed;
        else
                nfree += changed;
}

void mm_init(uint64_t ram_base, uint64_t ram_size)
{
        if (ram_size > MM_MAX_RAM)
                ram_size = MM_MAX_RAM;
        base_pa = ram_base;
        npages = ram_size / PAGE_SIZE;
        memset(bitmap, 0, sizeof(bitmap));
        memset(dirty, 0, sizeof(dirty));
        nfree = npages;
}

void mm_reserve(uint64_t base, uint64_t size)
{
        uint64_t first, last;

        if (base + size <= base_pa || base >= base_pa + npages * PAGE_SIZE || !size)
                return;
        first = base < base_pa ? 0 : (base - base_pa) / PAGE_SIZE;
        last = (base + size - base_pa + PAGE_SIZE - 1) / PAGE_SIZE;
        if (last > npages)
                last = npages;
        spin_lock(&lock);
        set_range(first, last - first, true);
        spin_unlock(&lock);
}

void *mm_alloc_pages(uint64_t n, uint64_t align)
{
        uint64_t step = align > PAGE_SIZE ? align / PAGE_SIZE : 1;
        uint64_t start = 0, first_aligned;
        void *result = NULL;

        if (!n || n > npages)
                return NULL;
        /* First page index whose physical address is aligned. */
        first_aligned = ((base_pa + align - 1) & ~(align - 1)) - base_pa;
        first_aligned /= PAGE_SIZE;
        spin_lock(&lock);
        if (n > nfree)
                goto out;
        for (start = first_aligned; start + n <= npages; start += step) {
                uint64_t i = first_used(start, n);

                if (i == n) {
                        set_range(start, n, true);
                        result = (void *)(uintptr_t)(base_pa + start * PAGE_SIZE);
                        break;
                }
                /* Skip past the used page, keeping alignment. */
                start += (i / step) * step;
        }
out:
        spin_unlock(&lock);
        return result;
}

void *mm_alloc_page_zeroed(void)
{
        void *p = mm_alloc_pages(1, PAGE_SIZE);

        if (p)
                memset(p, 0, PAGE_SIZE);
        return p;
}

void mm_free_pages_dirty(void *p, uint64_t n)
{
        uint64_t first = ((uint64_t)(uintptr_t)p - base_pa) / PAGE_SIZE;

        if (!p || (uint64_t)(uintptr_t)p < base_pa || first + n > npages)
                return;
        spin_lock(&lock);
        bits_assign(dirty, first, n, true);
        spin_unlock(&lock);
        mm_free_pages(p, n);
}

void mm_scrub_dirty(void *p, uint64_t n)
{
        uint64_t first = ((uint64_t)(uintptr_t)p - base_pa) / PAGE_SIZE, take;

        if (first >= npages)
                return;
        if (n > npages - first)
                n = npages - first;
        for (; n; first += take, n -= take) {
                uint64_t hit = dirty[first / 64] & word_mask(first, n, &take);

                dirty[first / 64] &= ~hit;
                for (; hit; hit &= hit - 1) {
                        uint64_t page = first - first % 64 + (uint64_t)__builtin_ctzll(hit);

                        arch_zero_page((void *)(uintptr_t)(base_pa + page * PAGE_SIZE));
                }
        }
}

void mm_free_pages(void *p, uint64_t n)
{
        uint64_t pa = (uint64_t)(uintptr_t)p;

        if (!p || pa < base_pa || (pa - base_pa) / PAGE_SIZE + n > npages)
                return;
        spin_lock(&lock);
        set_range((pa - base_pa) / PAGE_SIZE, n, false);
        spin_unlock(&lock);
}

uint64_t mm_free_bytes(void)
{
        return nfree * PAGE_SIZE;
}

uint64_t mm_total_bytes(void)
{
        return npages * PAGE_SIZE;
}

static void *pt_alloc(void *ctx)
{
        (void)ctx;
        return mm_alloc_page_zeroed();
}

static void pt_free(void *ctx, void *table)
{
        (void)ctx;
        mm_free_pages(table, 1);
}

static uint64_t pt_v2p(void *ctx, void *p)
{
        (void)ctx;
        return (uint64_t)(uintptr_t)p;
}

static void *pt_p2v(void *ctx, uint64_t pa)
{
        (void)ctx;
        return (void *)(uintptr_t)pa;
}

const struct pgtable_ops hyp_pgtable_ops = {
        .alloc_table = pt_alloc,
        .free_table = pt_free,
        .virt_to_phys = pt_v2p,
        .phys_to_virt = pt_p2v,
};
