/* SPDX-License-Identifier: MIT */
/* Ticket spinlock (fair; acquire/release ordering). */
#ifndef LIB_SPINLOCK_H
#define LIB_SPINLOCK_H

#include <stdint.h>

/* In a busy-wait loop: let a sibling hardware thread (or QEMU's round-robin TCG) run. */
static inline void cpu_relax(void)
{
#if defined(__aarch64__)
        __asm__ volatile("yield" ::: "memory");
#endif
}

typedef struct {
        uint32_t next;
        uint32_t owner;
} spinlock_t;

#define SPINLOCK_INIT { 0, 0 }

static inline void spin_lock(spinlock_t *l)
{
        uint32_t ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

        while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
                cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
        __atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

#endif
