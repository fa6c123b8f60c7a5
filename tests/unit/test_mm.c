// SPDX-License-Identifier: MIT
/*
 * The page allocator (src/core/mm.c) on a real host buffer, checked against a
 * per-page model: random allocations of odd sizes and alignments, frees,
 * reservations that straddle bitmap words, the free count, scrubbing of dirty
 * pages, and running out (NULL, never a hang).
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/mm.h"
#include "test.h"

#define PG              4096u
#define NPAGES          1000u           /* not a multiple of 64: the last word is partial */

static uint8_t model[NPAGES];           /* 1 = used */

static uint64_t model_free(void)
{
        uint64_t n = 0;

        for (unsigned int i = 0; i < NPAGES; i++)
                n += !model[i];
        return n;
}

/* Lowest aligned free run of n pages in the model, as first-fit finds it. */
static long model_first_fit(uint64_t base, uint64_t n, uint64_t align)
{
        for (uint64_t s = 0; s + n <= NPAGES; s++) {
                if ((base + s * PG) % align)
                        continue;
                uint64_t i = 0;
                while (i < n && !model[s + i])
                        i++;
                if (i == n)
                        return (long)s;
        }
        return -1;
}

int main(void)
{
        /* 64 KiB-aligned so alignments up to 64 KiB are meaningful relative to base. */
        uint8_t *raw = aligned_alloc(1 << 16, ((size_t)NPAGES * PG + 0xffff) & ~(size_t)0xffff);
        uint64_t base = (uint64_t)(uintptr_t)raw;
        struct { uint64_t page, n; } live[200];
        unsigned int nlive = 0;

        CHECK(raw != NULL);
        mm_init(base, (uint64_t)NPAGES * PG);
        CHECK_EQ_U64(mm_total_bytes(), (uint64_t)NPAGES * PG);
        CHECK_EQ_U64(mm_free_bytes(), (uint64_t)NPAGES * PG);

        /* A reservation across word boundaries, and one overlapping it (counted once). */
        mm_reserve(base + 60 * PG, 10 * PG);
        mm_reserve(base + 65 * PG, 70 * PG);
        for (unsigned int i = 60; i < 135; i++)
                model[i] = 1;
        CHECK_EQ_U64(mm_free_bytes(), model_free() * PG);

        srand(1234);
        for (int step = 0; step < 4000; step++) {
                if (nlive < 200 && (rand() % 3 || nlive == 0)) {
                        uint64_t n = 1 + (uint64_t)(rand() % 90);
                        uint64_t align = PG << (rand() % 5);            /* 4 KiB .. 64 KiB */
                        long want = model_first_fit(base, n, align);
                        uint8_t *p = mm_alloc_pages(n, align);

                        if (want < 0) {
                                CHECK(p == NULL);
                                continue;
                        }
                        CHECK(p != NULL);
                        if (!p)
                                continue;
                        CHECK_EQ_U64(((uint64_t)(uintptr_t)p - base) / PG, (uint64_t)want);
                        CHECK_EQ_U64((uint64_t)(uintptr_t)p % align, 0);
                        for (uint64_t i = 0; i < n; i++)
                                model[want + i] = 1;
                        live[nlive].page = (uint64_t)want;
                        live[nlive].n = n;
                        nlive++;
                } else {
                        unsigned int k = (unsigned int)rand() % nlive;
                        uint8_t *p = raw + live[k].page * PG;

                        if (rand() % 2) {
                                /* Dirty: its data must be gone when scrubbed after reuse. */
                                memset(p, 0xA5, live[k].n * PG);
                                mm_free_pages_dirty(p, live[k].n);
                        } else {
                                mm_free_pages(p, live[k].n);
                        }
                        for (uint64_t i = 0; i < live[k].n; i++)
                                model[live[k].page + i] = 0;
                        live[k] = live[--nlive];
                }
                CHECK_EQ_U64(mm_free_bytes(), model_free() * PG);
        }

        /* Scrub everything still allocated plus the free pages: dirty ones come back zero. */
        {
                uint8_t *p = mm_alloc_pages(1, PG);
                long want = model_first_fit(base, 1, PG);

                CHECK_EQ_U64(((uint64_t)(uintptr_t)p - base) / PG, (uint64_t)want);
                model[want] = 1;
                mm_scrub_dirty(raw, NPAGES);
                for (unsigned int i = 0; i < NPAGES; i++) {
                        if (model[i] && !(i >= 60 && i < 135))
                                continue;       /* allocated: the owner's data, untouched */
                        if (i >= 60 && i < 135)
                                continue;       /* reserved: never written */
                        int dirty_left = 0;
                        for (unsigned int b = 0; b < PG; b++)
                                dirty_left |= raw[(size_t)i * PG + b] == 0xA5;
                        CHECK(!dirty_left);
                }
        }

        /* Out of memory: NULL, the count unchanged. */
        {
                uint64_t before = mm_free_bytes();

                CHECK(mm_alloc_pages(NPAGES + 1, PG) == NULL);
                CHECK(mm_alloc_pages(model_free() + 1, PG) == NULL);
                CHECK_EQ_U64(mm_free_bytes(), before);
                CHECK(mm_alloc_pages(0, PG) == NULL);
        }
        free(raw);
        TEST_MAIN_END();
}
