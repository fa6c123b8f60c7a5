/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2017 Red Hat Inc
 *
 * Authors:
 *  Thomas Huth <thuth@redhat.com>
 *  David Hildenbrand <david@redhat.com>
 */
#ifndef _ASMS390X_BARRIER_H_
#define _ASMS390X_BARRIER_H_

#include <asm-generic/barrier.h>

#endif
