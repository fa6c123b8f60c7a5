/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vector facility related defines and functions
 *
 * Copyright IBM Corp. 2022
 *
 * Authors:
 *    Nico Boehr <nrb@linux.ibm.com>
 */
#ifndef _ASMS390X_VECTOR_H_
#define _ASMS390X_VECTOR_H_

#define VEC_REGISTER_NUM 32
#define VEC_REGISTER_SIZE 16

#endif
