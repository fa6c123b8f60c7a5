// SPDX-License-Identifier: MIT
/*
 * Sequential FDT writer. Layout while writing:
 *
 *   [header][reservation map + terminator][structure block ->   ...   <- strings]
 *   0       40                            struct_off       cursor     size - strings_size
 *
 * A property's nameoff holds, until finish, the distance from the end of the
 * buffer to its string (strings grow downwards, so final offsets are only
 * known at the end); finish appends FDT_END, moves the strings block to the
 * cursor, rewrites the nameoffs and fills in the header.
 */
#include "lib/fdt_write.h"
#include "lib/string.h"

/* As fdt.c's limit: every offset of the blob fits in an int. */
#define FDT_WRITE_MAX_SIZE      0x7ffffff0u
#define HEADER_SIZE             ((uint32_t)sizeof(struct fdt_header))
#define RSV_ENTRY_SIZE          16u

static void put32(uint8_t *p, uint32_t v)
{
        p[0] = (uint8_t)(v >> 24);
        p[1] = (uint8_t)(v >> 16);
        p[2] = (uint8_t)(v >> 8);
        p[3] = (uint8_t)v;
}

static void put64(uint8_t *p, uint64_t v)
{
        put32(p, (uint32_t)(v >> 32));
        put32(p + 4, (uint32_t)v);
}

static uint32_t align4(uint32_t v)
{
        return (v + 3) & ~3u;
}

static int fail(struct fdt_writer *w, int err)
{
        w->err = err;
        return err;
}

/* Common entry checks: the sticky error, then no calls after finish. */
static int usable(struct fdt_writer *w)
{
        if (w->err)
                return w->err;
        if (w->finished)
                return fail(w, FDT_ERR_BADSTATE);
        return 0;
}

/* Is there room for struct_bytes more of structure block and string_bytes more of strings? */
static bool room(const struct fdt_writer *w, size_t struct_bytes, size_t string_bytes)
{
        size_t avail = w->size - w->cursor - w->strings_size;

        return struct_bytes <= avail && string_bytes <= avail - struct_bytes;
}

int fdt_write_begin(struct fdt_writer *w, void *buf, size_t size)
{
        if (!w)
                return FDT_ERR_BADVALUE;
        memset(w, 0, sizeof(*w));
        w->buf = buf;
        w->size = size > FDT_WRITE_MAX_SIZE ? FDT_WRITE_MAX_SIZE : size;
        if (!buf)
                return fail(w, FDT_ERR_BADVALUE);
        if (w->size < HEADER_SIZE + RSV_ENTRY_SIZE) {
                w->size = 0;
                return fail(w, FDT_ERR_NOSPACE);
        }
        w->rsv_end = HEADER_SIZE;               /* 40: already 8-byte aligned */
        w->struct_off = w->rsv_end + RSV_ENTRY_SIZE;
        w->cursor = w->struct_off;
        /* No valid magic until finish; an empty reservation map. */
        memset(w->buf, 0, w->struct_off);
        return 0;
}

int fdt_write_reserve(struct fdt_writer *w, uint64_t addr, uint64_t size)
{
        int err = usable(w);

        if (err)
                return err;
        if (w->started)
                return fail(w, FDT_ERR_BADSTATE);
        if (!room(w, RSV_ENTRY_SIZE, 0))
                return fail(w, FDT_ERR_NOSPACE);
        put64(w->buf + w->rsv_end, addr);
        put64(w->buf + w->rsv_end + 8, size);
        w->rsv_end += RSV_ENTRY_SIZE;
        memset(w->buf + w->rsv_end, 0, RSV_ENTRY_SIZE);
        w->struct_off += RSV_ENTRY_SIZE;
        w->cursor = w->struct_off;
        return 0;
}

int fdt_begin_node(struct fdt_writer *w, const char *name)
{
        int err = usable(w);
        uint32_t len, need;

        if (err)
                return err;
        if (w->root_done)
                return fail(w, FDT_ERR_BADSTATE);       /* a second root */
        if (!name)
                return fail(w, FDT_ERR_BADVALUE);
        if (w->depth == 0 ? name[0] != '\0' : (name[0] == '\0' || strchr(name, '/')))
                return fail(w, FDT_ERR_BADVALUE);
        if (w->depth >= FDT_MAX_DEPTH)
                return fail(w, FDT_ERR_DEPTH);
        len = (uint32_t)strnlen(name, w->size);
        if (len >= w->size || !room(w, 4 + align4(len + 1), 0))
                return fail(w, FDT_ERR_NOSPACE);
        need = 4 + align4(len + 1);
        memset(w->buf + w->cursor, 0, need);
        put32(w->buf + w->cursor, FDT_BEGIN_NODE);
        memcpy(w->buf + w->cursor + 4, name, len);
        w->cursor += need;
        w->depth++;
        w->started = true;
        w->props_closed = false;
        return 0;
}

int fdt_end_node(struct fdt_writer *w)
{
        int err = usable(w);

        if (err)
                return err;
        if (w->depth == 0)
                return fail(w, FDT_ERR_BADSTATE);
        if (!room(w, 4, 0))
                return fail(w, FDT_ERR_NOSPACE);
        put32(w->buf + w->cursor, FDT_END_NODE);
        w->cursor += 4;
        if (--w->depth == 0)
                w->root_done = true;
        w->props_closed = true;         /* the parent now has a subnode */
        return 0;
}

/* Distance from the end of the buffer of an existing copy of name (with its NUL), or 0. */
static uint32_t find_string(const struct fdt_writer *w, const char *name, uint32_t len)
{
        const uint8_t *strings = w->buf + w->size - w->strings_size;

        if (len + 1 > w->strings_size)
                return 0;
        for (uint32_t i = 0; i + len + 1 <= w->strings_size; i++)
                if (!memcmp(strings + i, name, len + 1))
                        return w->strings_size - i;
        return 0;
}

/* Append a property header for name with len bytes of (zeroed) value; *data gets the value's address. */
static int prop_alloc(struct fdt_writer *w, const char *name, size_t len, uint8_t **data)
{
        int err = usable(w);
        uint32_t nlen, dist, need_string;
        size_t need;

        if (err)
                return err;
        if (w->depth == 0 || w->props_closed)
                return fail(w, FDT_ERR_BADSTATE);
        if (!name || !name[0])
                return fail(w, FDT_ERR_BADVALUE);
        if (len > w->size)
                return fail(w, FDT_ERR_NOSPACE);
        nlen = (uint32_t)strnlen(name, w->size);
        if (nlen >= w->size)
                return fail(w, FDT_ERR_NOSPACE);
        dist = find_string(w, name, nlen);
        need_string = dist ? 0 : nlen + 1;
        need = 12 + (size_t)align4((uint32_t)len);
        if (!room(w, need, need_string))
                return fail(w, FDT_ERR_NOSPACE);
        if (!dist) {
                w->strings_size += need_string;
                memcpy(w->buf + w->size - w->strings_size, name, need_string);
                dist = w->strings_size;
        }
        memset(w->buf + w->cursor, 0, need);
        put32(w->buf + w->cursor, FDT_PROP);
        put32(w->buf + w->cursor + 4, (uint32_t)len);
        put32(w->buf + w->cursor + 8, dist);
        *data = w->buf + w->cursor + 12;
        w->cursor += (uint32_t)need;
        return 0;
}

int fdt_property(struct fdt_writer *w, const char *name, const void *val, size_t len)
{
        uint8_t *data;
        int err;

        if (!w->err && !val && len)
                return fail(w, FDT_ERR_BADVALUE);
        err = prop_alloc(w, name, len, &data);
        if (err)
                return err;
        if (len)
                memcpy(data, val, len);
        return 0;
}

int fdt_property_u32(struct fdt_writer *w, const char *name, uint32_t v)
{
        return fdt_property_cells(w, name, &v, 1);
}

int fdt_property_u64(struct fdt_writer *w, const char *name, uint64_t v)
{
        uint32_t cells[2] = { (uint32_t)(v >> 32), (uint32_t)v };

        return fdt_property_cells(w, name, cells, 2);
}

int fdt_property_string(struct fdt_writer *w, const char *name, const char *s)
{
        if (!w->err && !s)
                return fail(w, FDT_ERR_BADVALUE);
        return fdt_property(w, name, s, s ? strlen(s) + 1 : 0);
}

int fdt_property_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, size_t n)
{
        uint8_t *data;
        int err;

        if (!w->err && !cells && n)
                return fail(w, FDT_ERR_BADVALUE);
        if (!w->err && n > w->size / 4)
                return fail(w, FDT_ERR_NOSPACE);
        err = prop_alloc(w, name, n * 4, &data);
        if (err)
                return err;
        for (size_t i = 0; i < n; i++)
                put32(data + 4 * i, cells[i]);
        return 0;
}

/* Turn every property's end-relative name distance into a strings-block offset. */
static void fix_nameoffs(struct fdt_writer *w)
{
        uint32_t off = w->struct_off;

        while (off + 4 <= w->cursor) {
                uint32_t tok = fdt32_ld(w->buf + off);

                if (tok == FDT_BEGIN_NODE) {
                        uint32_t n = (uint32_t)strnlen((const char *)w->buf + off + 4, w->cursor - off - 4);
                        off += 4 + align4(n + 1);
                } else if (tok == FDT_PROP) {
                        uint32_t len = fdt32_ld(w->buf + off + 4);
                        uint32_t dist = fdt32_ld(w->buf + off + 8);

                        put32(w->buf + off + 8, w->strings_size - dist);
                        off += 12 + align4(len);
                } else {
                        off += 4;
                }
        }
}

int fdt_write_finish(struct fdt_writer *w)
{
        int err = usable(w);
        uint32_t total;
        uint8_t *h;

        if (err)
                return err;
        if (!w->root_done)
                return fail(w, FDT_ERR_BADSTATE);       /* no root, or nodes still open */
        if (!room(w, 4, 0))
                return fail(w, FDT_ERR_NOSPACE);
        put32(w->buf + w->cursor, FDT_END);
        w->cursor += 4;
        fix_nameoffs(w);
        memmove(w->buf + w->cursor, w->buf + w->size - w->strings_size, w->strings_size);
        total = w->cursor + w->strings_size;

        h = w->buf;
        put32(h + offsetof(struct fdt_header, magic), FDT_MAGIC);
        put32(h + offsetof(struct fdt_header, totalsize), total);
        put32(h + offsetof(struct fdt_header, off_dt_struct), w->struct_off);
        put32(h + offsetof(struct fdt_header, off_dt_strings), w->cursor);
        put32(h + offsetof(struct fdt_header, off_mem_rsvmap), HEADER_SIZE);
        put32(h + offsetof(struct fdt_header, version), 17);
        put32(h + offsetof(struct fdt_header, last_comp_version), 16);
        put32(h + offsetof(struct fdt_header, boot_cpuid_phys), 0);
        put32(h + offsetof(struct fdt_header, size_dt_strings), w->strings_size);
        put32(h + offsetof(struct fdt_header, size_dt_struct), w->cursor - w->struct_off);
        w->finished = true;
        return (int)total;
}

/* Open a copy of src's node and copy its properties into it. */
static int copy_one(struct fdt_writer *w, const void *src, int node)
{
        const char *name = fdt_get_name(src, node, NULL);
        int p, err;

        if (!name)
                return fail(w, FDT_ERR_BADOFFSET);
        /* Copied as the root, a node is the root: its name must be "". */
        err = fdt_begin_node(w, w->depth == 0 ? "" : name);
        if (err)
                return err;
        for (p = fdt_first_property(src, node); p >= 0; p = fdt_next_property(src, p)) {
                const char *pname;
                int len;
                const void *val = fdt_property_at(src, p, &pname, &len);

                if (!val || len < 0)
                        return fail(w, FDT_ERR_BADSTRUCTURE);
                err = fdt_property(w, pname, val, (size_t)len);
                if (err)
                        return err;
        }
        return p == FDT_ERR_NOTFOUND ? 0 : fail(w, p);
}

int fdt_copy_node(struct fdt_writer *w, const void *src_fdt, int node, bool recursive)
{
        int base, err, depth = 0, off = node;

        if (w->err)
                return w->err;
        base = w->depth;
        err = copy_one(w, src_fdt, node);
        if (err)
                return err;
        if (recursive) {
                /* Document order; depth is relative to node (its children are at 1). */
                for (;;) {
                        off = fdt_next_node(src_fdt, off, &depth);
                        if (off < 0 || depth <= 0)
                                break;
                        while (w->depth > base + depth) {
                                err = fdt_end_node(w);
                                if (err)
                                        return err;
                        }
                        err = copy_one(w, src_fdt, off);
                        if (err)
                                return err;
                }
                if (off < 0 && off != FDT_ERR_NOTFOUND)
                        return fail(w, off);
        }
        while (w->depth > base) {
                err = fdt_end_node(w);
                if (err)
                        return err;
        }
        return 0;
}
