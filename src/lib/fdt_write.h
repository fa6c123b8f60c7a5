/* SPDX-License-Identifier: MIT */
/*
 * Sequential flattened device tree writer (DTSpec v0.4, version 17 blobs with
 * last_comp_version 16) into a caller-provided buffer: the hypervisor builds
 * each guest's device tree with it.
 *
 *      fdt_write_begin(&w, buf, size);
 *      fdt_write_reserve(&w, addr, size);      (optional, before any node)
 *      fdt_begin_node(&w, "");                 (the root)
 *        fdt_property_u32(&w, "#address-cells", 2); ...
 *        fdt_begin_node(&w, "memory@40000000"); ... fdt_end_node(&w);
 *      fdt_end_node(&w);
 *      total = fdt_write_finish(&w);           (blob size, or FDT_ERR_*)
 *
 * Errors are sticky: after the first failure every call (finish included)
 * returns the same FDT_ERR_* code, so a caller may check only the result of
 * fdt_write_finish. Codes: FDT_ERR_NOSPACE (buffer too small),
 * FDT_ERR_BADSTATE (calls out of order: reserve after a node, a property
 * outside any node or after a subnode, end_node at depth 0, a second root,
 * finish with open nodes or without a root, any call after finish),
 * FDT_ERR_DEPTH (more than FDT_MAX_DEPTH nested nodes), FDT_ERR_BADVALUE (an
 * empty or '/'-containing node name, a root name other than "", an empty
 * property name, a NULL value with a non-zero length).
 *
 * The buffer needs no alignment (all stores are bytewise). While writing, the
 * property-name strings grow down from the end of the buffer; finish moves
 * them right after the structure block. Names are deduplicated.
 */
#ifndef LIB_FDT_WRITE_H
#define LIB_FDT_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/fdt.h"

struct fdt_writer {
        uint8_t *buf;
        size_t size;            /* usable bytes (clamped to what an FDT can describe) */
        uint32_t rsv_end;       /* offset of the reservation map's terminating entry */
        uint32_t struct_off;    /* start of the structure block */
        uint32_t cursor;        /* end of the structure block so far */
        uint32_t strings_size;  /* bytes of strings at the end of buf */
        int depth;              /* open nodes */
        int err;                /* first error, sticky; 0 if none */
        bool started;           /* a node has been begun (no more reservations) */
        bool root_done;         /* the root node has been closed */
        bool props_closed;      /* the open node has a subnode: no more properties */
        bool finished;
};

int fdt_write_begin(struct fdt_writer *w, void *buf, size_t size);
int fdt_write_reserve(struct fdt_writer *w, uint64_t addr, uint64_t size);
int fdt_begin_node(struct fdt_writer *w, const char *name);
int fdt_end_node(struct fdt_writer *w);
int fdt_property(struct fdt_writer *w, const char *name, const void *val, size_t len);
int fdt_property_u32(struct fdt_writer *w, const char *name, uint32_t v);
int fdt_property_u64(struct fdt_writer *w, const char *name, uint64_t v);
int fdt_property_string(struct fdt_writer *w, const char *name, const char *s);
/* n 32-bit cells, stored big-endian. */
int fdt_property_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, size_t n);
/* Total blob size (> 0) or FDT_ERR_*. */
int fdt_write_finish(struct fdt_writer *w);

/*
 * Copy node (its name and every property; with recursive, its whole subtree)
 * from src_fdt, a blob that passed fdt_check_full (fdt_check suffices for
 * memory safety), as a child of the writer's open node, or as the root.
 */
int fdt_copy_node(struct fdt_writer *w, const void *src_fdt, int node, bool recursive);

#endif
