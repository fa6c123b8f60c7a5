/* SPDX-License-Identifier: MIT */
/*
 * Flattened device tree (DTSpec v0.4) reader. The blob may come from an
 * untrusted source (firmware, a user-supplied --dtb, the pack): every access is
 * bounds-checked, and malformed blobs give negative FDT_ERR_* codes, never a
 * read outside the buffer.
 *
 * Node offsets are byte offsets into the structure block, as in libfdt; the
 * root node is at offset 0.
 */
#ifndef LIB_FDT_H
#define LIB_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC               0xd00dfeed
#define FDT_BEGIN_NODE          0x1
#define FDT_END_NODE            0x2
#define FDT_PROP                0x3
#define FDT_NOP                 0x4
#define FDT_END                 0x9

#define FDT_ERR_NOTFOUND        (-1)
#define FDT_ERR_BADMAGIC        (-2)
#define FDT_ERR_BADVERSION      (-3)
#define FDT_ERR_TRUNCATED       (-4)    /* header/blocks run past the buffer */
#define FDT_ERR_BADSTRUCTURE    (-5)    /* malformed token stream */
#define FDT_ERR_BADOFFSET       (-6)
#define FDT_ERR_NOSPACE         (-7)    /* writer: buffer too small */
#define FDT_ERR_BADSTATE        (-8)    /* writer: calls out of order */
#define FDT_ERR_DEPTH           (-9)    /* nesting deeper than FDT_MAX_DEPTH */
#define FDT_ERR_BADVALUE        (-10)   /* writer: bad argument (name, NULL value) */

#define FDT_MAX_DEPTH           32

struct fdt_header {
        uint32_t magic;
        uint32_t totalsize;
        uint32_t off_dt_struct;
        uint32_t off_dt_strings;
        uint32_t off_mem_rsvmap;
        uint32_t version;
        uint32_t last_comp_version;
        uint32_t boot_cpuid_phys;
        uint32_t size_dt_strings;
        uint32_t size_dt_struct;
};

static inline uint32_t fdt32_to_cpu(uint32_t v) { return __builtin_bswap32(v); }
static inline uint32_t cpu_to_fdt32(uint32_t v) { return __builtin_bswap32(v); }

/* Big-endian loads from possibly unaligned property data. */
static inline uint32_t fdt32_ld(const void *p)
{
        const uint8_t *b = p;
        return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static inline uint64_t fdt64_ld(const void *p)
{
        return ((uint64_t)fdt32_ld(p) << 32) | fdt32_ld((const uint8_t *)p + 4);
}

/*
 * Validate the header and block bounds against bufsize (the bytes we may read).
 * Every API below stays inside [fdt, fdt + totalsize) on a blob that passed
 * fdt_check; only fdt_check_full guarantees a well-formed tree, though.
 */
int fdt_check(const void *fdt, size_t bufsize);
/* Full walk: token stream well formed, names/strings terminated. 0 or FDT_ERR_*. */
int fdt_check_full(const void *fdt, size_t bufsize);
uint32_t fdt_totalsize(const void *fdt);

/* Next node in document order; *depth tracks nesting (may be NULL). <0 at end/error. */
int fdt_next_node(const void *fdt, int offset, int *depth);
int fdt_first_subnode(const void *fdt, int parent);
int fdt_next_subnode(const void *fdt, int node);
/* Node name ("memory@40000000"); *len gets its length. NULL on error. */
const char *fdt_get_name(const void *fdt, int node, int *len);
/* Child by name: "cpus" matches "cpus" and "cpus@0"-style unit names only if given without '@'. */
int fdt_subnode_offset(const void *fdt, int parent, const char *name);
/* Absolute path, e.g. "/cpus" or "/chosen". */
int fdt_path_offset(const void *fdt, const char *path);
/* Property value and length; NULL if absent or the blob is malformed. */
const void *fdt_getprop(const void *fdt, int node, const char *name, int *lenp);
/* First property / next property of a node, for iteration: returns a property offset. */
int fdt_first_property(const void *fdt, int node);
int fdt_next_property(const void *fdt, int prop);
const void *fdt_property_at(const void *fdt, int prop, const char **name, int *lenp);
/* True if the node's "compatible" list contains compat. */
bool fdt_node_is_compatible(const void *fdt, int node, const char *compat);
/* Next node after 'start' (-1: from the beginning) whose compatible contains compat. */
int fdt_node_offset_by_compatible(const void *fdt, int start, const char *compat);
/* Read a u32 property; 0 on success. */
int fdt_getprop_u32(const void *fdt, int node, const char *name, uint32_t *out);
/* Read an integer of 'cells' 32-bit cells (1 or 2; 0 reads nothing and gives 0) from p. */
uint64_t fdt_read_cells(const void *p, int cells);
/*
 * #address-cells / #size-cells of a node (defaults 2 and 1 per DTSpec when
 * absent or not one cell); FDT_ERR_BADSTRUCTURE for values above 2 (3-cell
 * PCI addresses are not supported by fdt_get_reg).
 */
int fdt_address_cells(const void *fdt, int node);
int fdt_size_cells(const void *fdt, int node);
/* The index-th (address, size) pair of node's "reg", using the parent's cell counts. */
int fdt_get_reg(const void *fdt, int node, int index, uint64_t *addr, uint64_t *size);
/* Parent of a node (a forward walk: O(n)). */
int fdt_parent_offset(const void *fdt, int node);
/* Memory reservation map: number of entries, and the index-th (address, size). */
int fdt_num_mem_rsv(const void *fdt);
int fdt_get_mem_rsv(const void *fdt, int index, uint64_t *addr, uint64_t *size);

#endif
