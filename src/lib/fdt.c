// SPDX-License-Identifier: MIT
#include "lib/fdt.h"
#include "lib/string.h"

#define HDR(fdt, field) fdt32_ld((const uint8_t *)(fdt) + offsetof(struct fdt_header, field))

/* Blobs larger than this are refused, so that every offset fits in an int. */
#define FDT_MAX_TOTALSIZE       0x7ffffff0u

static uint32_t struct_size(const void *fdt)
{
        return HDR(fdt, size_dt_struct);
}

static const uint8_t *struct_base(const void *fdt)
{
        return (const uint8_t *)fdt + HDR(fdt, off_dt_struct);
}

uint32_t fdt_totalsize(const void *fdt)
{
        return HDR(fdt, totalsize);
}

int fdt_check(const void *fdt, size_t bufsize)
{
        uint32_t total, off_struct, size_struct, off_strings, size_strings, off_rsv;

        if (!fdt || bufsize < sizeof(struct fdt_header))
                return FDT_ERR_TRUNCATED;
        if (HDR(fdt, magic) != FDT_MAGIC)
                return FDT_ERR_BADMAGIC;
        if (HDR(fdt, version) < 17 || HDR(fdt, last_comp_version) > 17)
                return FDT_ERR_BADVERSION;
        total = HDR(fdt, totalsize);
        off_struct = HDR(fdt, off_dt_struct);
        size_struct = HDR(fdt, size_dt_struct);
        off_strings = HDR(fdt, off_dt_strings);
        size_strings = HDR(fdt, size_dt_strings);
        off_rsv = HDR(fdt, off_mem_rsvmap);
        if (total > bufsize || total < sizeof(struct fdt_header))
                return FDT_ERR_TRUNCATED;
        /* Offsets are ints (as in libfdt): keep every block offset representable. */
        if (total > FDT_MAX_TOTALSIZE)
                return FDT_ERR_BADSTRUCTURE;
        if (off_struct > total || size_struct > total - off_struct ||
            off_strings > total || size_strings > total - off_strings ||
            off_rsv > total)
                return FDT_ERR_TRUNCATED;
        /* No block may overlap the header. */
        if (off_struct < sizeof(struct fdt_header) || off_strings < sizeof(struct fdt_header) ||
            off_rsv < sizeof(struct fdt_header))
                return FDT_ERR_BADSTRUCTURE;
        if ((off_struct & 3) || (size_struct & 3) || (off_rsv & 7))
                return FDT_ERR_BADSTRUCTURE;
        return 0;
}

/* Token at offset, or -1 if it would run off the block. */
static int token_at(const void *fdt, int offset)
{
        if (offset < 0 || (offset & 3) || (uint32_t)offset + 4 > struct_size(fdt))
                return -1;
        return (int)fdt32_ld(struct_base(fdt) + offset);
}

/* Length of a NUL-terminated string inside [p, p + max), or -1. */
static int bounded_strlen(const uint8_t *p, uint32_t max)
{
        for (uint32_t i = 0; i < max; i++)
                if (!p[i])
                        return (int)i;
        return -1;
}

/*
 * Step over the token at offset; returns the next token's offset, and the
 * token itself in *tok. Negative on a malformed stream.
 */
static int next_token(const void *fdt, int offset, int *tok)
{
        uint32_t size = struct_size(fdt);
        const uint8_t *base = struct_base(fdt);
        int t = token_at(fdt, offset);
        uint32_t next = (uint32_t)offset + 4;

        *tok = t;
        switch (t) {
        case FDT_BEGIN_NODE: {
                int len = bounded_strlen(base + next, size - next);
                if (len < 0)
                        return FDT_ERR_BADSTRUCTURE;
                next += (uint32_t)len + 1;
                break;
        }
        case FDT_PROP: {
                uint32_t len, nameoff;
                if (next + 8 > size)
                        return FDT_ERR_BADSTRUCTURE;
                len = fdt32_ld(base + next);
                nameoff = fdt32_ld(base + next + 4);
                if (nameoff >= HDR(fdt, size_dt_strings))
                        return FDT_ERR_BADSTRUCTURE;
                next += 8;
                if (len > size - next)
                        return FDT_ERR_BADSTRUCTURE;
                next += len;
                break;
        }
        case FDT_END_NODE:
        case FDT_NOP:
        case FDT_END:
                break;
        default:
                return FDT_ERR_BADSTRUCTURE;
        }
        next = (next + 3) & ~3u;
        if (next > size)
                return FDT_ERR_BADSTRUCTURE;
        return (int)next;
}

/* Walk the memory reservation map: the entry count, or an error if unterminated. */
static int rsvmap_count(const void *fdt)
{
        uint32_t total = HDR(fdt, totalsize);
        uint32_t off = HDR(fdt, off_mem_rsvmap);
        int n = 0;

        for (;; n++, off += 16) {
                const uint8_t *e = (const uint8_t *)fdt + off;

                if (off > total || total - off < 16)
                        return FDT_ERR_TRUNCATED;
                if (!fdt64_ld(e) && !fdt64_ld(e + 8))
                        return n;
        }
}

int fdt_num_mem_rsv(const void *fdt)
{
        return rsvmap_count(fdt);
}

int fdt_get_mem_rsv(const void *fdt, int index, uint64_t *addr, uint64_t *size)
{
        int n = rsvmap_count(fdt);
        const uint8_t *e;

        if (n < 0)
                return n;
        if (index < 0 || index >= n)
                return FDT_ERR_NOTFOUND;
        e = (const uint8_t *)fdt + HDR(fdt, off_mem_rsvmap) + (uint32_t)index * 16;
        *addr = fdt64_ld(e);
        *size = fdt64_ld(e + 8);
        return 0;
}

/*
 * The token stream must be: the root node, properties before subnodes in every
 * node, balanced BEGIN/END_NODE, NOPs anywhere, and FDT_END right after the root.
 */
int fdt_check_full(const void *fdt, size_t bufsize)
{
        int err = fdt_check(fdt, bufsize);
        int offset = 0, depth = 0, tok;
        bool props_allowed = false, root_done = false;
        const uint8_t *strings;
        uint32_t size_strings;

        if (err)
                return err;
        err = rsvmap_count(fdt);
        if (err < 0)
                return err;
        strings = (const uint8_t *)fdt + HDR(fdt, off_dt_strings);
        size_strings = HDR(fdt, size_dt_strings);
        /* The root is at offset 0: the rest of the API relies on it. */
        if (token_at(fdt, 0) != FDT_BEGIN_NODE)
                return FDT_ERR_BADSTRUCTURE;
        for (;;) {
                int next = next_token(fdt, offset, &tok);

                if (next < 0)
                        return next;
                switch (tok) {
                case FDT_BEGIN_NODE:
                        if (root_done)
                                return FDT_ERR_BADSTRUCTURE;   /* a second root */
                        if (++depth > FDT_MAX_DEPTH)
                                return FDT_ERR_DEPTH;
                        props_allowed = true;
                        break;
                case FDT_END_NODE:
                        if (--depth < 0)
                                return FDT_ERR_BADSTRUCTURE;
                        if (depth == 0)
                                root_done = true;
                        props_allowed = false;  /* the parent is now past its properties */
                        break;
                case FDT_PROP: {
                        uint32_t nameoff = fdt32_ld(struct_base(fdt) + offset + 8);

                        if (!props_allowed || bounded_strlen(strings + nameoff, size_strings - nameoff) < 0)
                                return FDT_ERR_BADSTRUCTURE;
                        break;
                }
                case FDT_END:
                        return root_done && depth == 0 ? 0 : FDT_ERR_BADSTRUCTURE;
                default:        /* FDT_NOP */
                        break;
                }
                offset = next;
        }
}

int fdt_next_node(const void *fdt, int offset, int *depth)
{
        int tok, next;

        if (token_at(fdt, offset) != FDT_BEGIN_NODE)
                return FDT_ERR_BADOFFSET;
        /* Skip this node's BEGIN token, then find the next BEGIN, tracking depth. */
        next = next_token(fdt, offset, &tok);
        for (;;) {
                if (next < 0)
                        return next;
                offset = next;
                next = next_token(fdt, offset, &tok);
                if (next < 0)
                        return next;
                switch (tok) {
                case FDT_BEGIN_NODE:
                        if (depth)
                                (*depth)++;
                        return offset;
                case FDT_END_NODE:
                        if (depth && --(*depth) < 0)
                                return FDT_ERR_NOTFOUND;
                        break;
                case FDT_END:
                        return FDT_ERR_NOTFOUND;
                default:
                        break;
                }
        }
}

int fdt_first_subnode(const void *fdt, int parent)
{
        int depth = 0;
        int off = fdt_next_node(fdt, parent, &depth);

        if (off < 0 || depth != 1)
                return FDT_ERR_NOTFOUND;
        return off;
}

int fdt_next_subnode(const void *fdt, int node)
{
        int depth = 1;
        int off = node;

        /* Walk until we are back at depth 1 (a sibling) or leave the parent. */
        do {
                off = fdt_next_node(fdt, off, &depth);
                if (off < 0 || depth < 1)
                        return FDT_ERR_NOTFOUND;
        } while (depth > 1);
        return off;
}

const char *fdt_get_name(const void *fdt, int node, int *len)
{
        uint32_t size = struct_size(fdt);
        const char *name;
        int n;

        if (token_at(fdt, node) != FDT_BEGIN_NODE)
                return NULL;
        name = (const char *)struct_base(fdt) + node + 4;
        n = bounded_strlen((const uint8_t *)name, size - (uint32_t)node - 4);
        if (n < 0)
                return NULL;
        if (len)
                *len = n;
        return name;
}

static bool name_matches(const char *node_name, int node_len, const char *want, size_t want_len)
{
        if ((size_t)node_len < want_len || memcmp(node_name, want, want_len))
                return false;
        /* "memory" matches "memory" and "memory@40000000", but not "memoryx". */
        if ((size_t)node_len == want_len)
                return true;
        return !memchr(want, '@', want_len) && node_name[want_len] == '@';
}

int fdt_subnode_offset(const void *fdt, int parent, const char *name)
{
        size_t want = strlen(name);

        for (int off = fdt_first_subnode(fdt, parent); off >= 0; off = fdt_next_subnode(fdt, off)) {
                int len;
                const char *n = fdt_get_name(fdt, off, &len);

                if (n && name_matches(n, len, name, want))
                        return off;
        }
        return FDT_ERR_NOTFOUND;
}

int fdt_path_offset(const void *fdt, const char *path)
{
        int node = 0;

        if (*path != '/')
                return FDT_ERR_BADOFFSET;
        if (token_at(fdt, 0) != FDT_BEGIN_NODE)
                return FDT_ERR_BADSTRUCTURE;
        while (*path) {
                char comp[64];
                size_t n = 0;

                while (*path == '/')
                        path++;
                if (!*path)
                        break;
                while (path[n] && path[n] != '/')
                        n++;
                if (n >= sizeof(comp))
                        return FDT_ERR_NOTFOUND;
                memcpy(comp, path, n);
                comp[n] = '\0';
                path += n;
                node = fdt_subnode_offset(fdt, node, comp);
                if (node < 0)
                        return node;
        }
        return node;
}

int fdt_first_property(const void *fdt, int node)
{
        int tok, off = next_token(fdt, node, &tok);

        if (off < 0 || tok != FDT_BEGIN_NODE)
                return FDT_ERR_BADOFFSET;
        for (;;) {
                int t = token_at(fdt, off);

                if (t == FDT_PROP)
                        return off;
                if (t != FDT_NOP)
                        return FDT_ERR_NOTFOUND;
                off = next_token(fdt, off, &tok);
                if (off < 0)
                        return off;
        }
}

int fdt_next_property(const void *fdt, int prop)
{
        int tok, off = next_token(fdt, prop, &tok);

        if (off < 0 || tok != FDT_PROP)
                return FDT_ERR_BADOFFSET;
        for (;;) {
                int t = token_at(fdt, off);

                if (t == FDT_PROP)
                        return off;
                if (t != FDT_NOP)
                        return FDT_ERR_NOTFOUND;
                off = next_token(fdt, off, &tok);
                if (off < 0)
                        return off;
        }
}

const void *fdt_property_at(const void *fdt, int prop, const char **name, int *lenp)
{
        const uint8_t *base = struct_base(fdt);
        int tok, next = next_token(fdt, prop, &tok);
        uint32_t nameoff, size_strings = HDR(fdt, size_dt_strings);
        const uint8_t *strings = (const uint8_t *)fdt + HDR(fdt, off_dt_strings);

        if (next < 0 || tok != FDT_PROP)
                return NULL;
        nameoff = fdt32_ld(base + prop + 8);
        if (bounded_strlen(strings + nameoff, size_strings - nameoff) < 0)
                return NULL;
        if (name)
                *name = (const char *)strings + nameoff;
        if (lenp)
                *lenp = (int)fdt32_ld(base + prop + 4);
        return base + prop + 12;
}

const void *fdt_getprop(const void *fdt, int node, const char *want, int *lenp)
{
        for (int p = fdt_first_property(fdt, node); p >= 0; p = fdt_next_property(fdt, p)) {
                const char *name;
                const void *val = fdt_property_at(fdt, p, &name, lenp);

                if (val && !strcmp(name, want))
                        return val;
        }
        if (lenp)
                *lenp = FDT_ERR_NOTFOUND;
        return NULL;
}

bool fdt_node_is_compatible(const void *fdt, int node, const char *compat)
{
        int len;
        const char *p = fdt_getprop(fdt, node, "compatible", &len);
        size_t want = strlen(compat);

        while (p && len > 0) {
                size_t n = strnlen(p, (size_t)len);

                if (n == want && !memcmp(p, compat, n))
                        return true;
                p += n + 1;
                len -= (int)n + 1;
        }
        return false;
}

int fdt_node_offset_by_compatible(const void *fdt, int start, const char *compat)
{
        int off = start < 0 ? 0 : fdt_next_node(fdt, start, NULL);

        for (; off >= 0; off = fdt_next_node(fdt, off, NULL))
                if (fdt_node_is_compatible(fdt, off, compat))
                        return off;
        return FDT_ERR_NOTFOUND;
}

int fdt_getprop_u32(const void *fdt, int node, const char *name, uint32_t *out)
{
        int len;
        const void *p = fdt_getprop(fdt, node, name, &len);

        if (!p || len != 4)
                return FDT_ERR_NOTFOUND;
        *out = fdt32_ld(p);
        return 0;
}

uint64_t fdt_read_cells(const void *p, int cells)
{
        if (cells <= 0)
                return 0;
        return cells == 2 ? fdt64_ld(p) : fdt32_ld(p);
}

static int cells_prop(const void *fdt, int node, const char *name, int dflt)
{
        int len;
        const void *p = fdt_getprop(fdt, node, name, &len);
        uint32_t v;

        if (!p || len != 4)
                return dflt;
        v = fdt32_ld(p);
        return v > 2 ? FDT_ERR_BADSTRUCTURE : (int)v;
}

int fdt_address_cells(const void *fdt, int node)
{
        return cells_prop(fdt, node, "#address-cells", 2);
}

int fdt_size_cells(const void *fdt, int node)
{
        return cells_prop(fdt, node, "#size-cells", 1);
}

int fdt_parent_offset(const void *fdt, int node)
{
        int stack[FDT_MAX_DEPTH + 1];
        int depth = 0, off = 0;

        if (node == 0)
                return FDT_ERR_NOTFOUND;
        stack[0] = 0;
        while (off >= 0) {
                off = fdt_next_node(fdt, off, &depth);
                if (off < 0 || depth < 1 || depth > FDT_MAX_DEPTH)
                        return FDT_ERR_NOTFOUND;
                stack[depth] = off;
                if (off == node)
                        return stack[depth - 1];
        }
        return FDT_ERR_NOTFOUND;
}

int fdt_get_reg(const void *fdt, int node, int index, uint64_t *addr, uint64_t *size)
{
        int parent = fdt_parent_offset(fdt, node);
        int ac, sc, len;
        uint32_t stride;
        const uint8_t *p;

        if (parent < 0)
                return parent;
        ac = fdt_address_cells(fdt, parent);
        sc = fdt_size_cells(fdt, parent);
        if (ac < 0 || sc < 0)
                return FDT_ERR_BADSTRUCTURE;
        if (ac == 0)
                return FDT_ERR_NOTFOUND;        /* no addresses on this bus */
        p = fdt_getprop(fdt, node, "reg", &len);
        stride = (uint32_t)(ac + sc) * 4;
        if (!p || index < 0 || (uint32_t)index >= (uint32_t)len / stride)
                return FDT_ERR_NOTFOUND;
        p += (uint32_t)index * stride;
        *addr = fdt_read_cells(p, ac);
        *size = fdt_read_cells(p + ac * 4, sc);
        return 0;
}
