"""A small flattened device tree (DTB, version 17) writer and reader.

Node: a name, ordered properties (name -> raw bytes) and ordered children.
build(root) -> bytes; parse(blob) -> root Node (every offset bounds-checked,
FdtError on anything malformed). Value helpers: u32(), u64(), string(), and
the decoders as_u32s(), as_u64(), as_string(), looks_like_string().
"""
import struct

MAGIC = 0xD00DFEED
VERSION = 17
LAST_COMP_VERSION = 16
HEADER = struct.Struct(">10I")
BEGIN_NODE, END_NODE, PROP, NOP, END = 1, 2, 3, 4, 9


class FdtError(Exception):
    pass


class Node:
    def __init__(self, name=""):
        self.name = name
        self.props = {}
        self.children = []

    def set(self, name, value):
        """Add or replace a property; value: bytes, str, int (one u32 cell) or list of u32."""
        if isinstance(value, str):
            value = string(value)
        elif isinstance(value, int):
            value = u32(value)
        elif isinstance(value, (list, tuple)):
            value = u32(*value)
        self.props[name] = bytes(value)
        return self

    def add(self, name):
        child = Node(name)
        self.children.append(child)
        return child

    def child(self, name):
        for c in self.children:
            if c.name == name:
                return c
        return None

    def find(self, path):
        node = self
        for part in [p for p in path.split("/") if p]:
            node = node.child(part)
            if node is None:
                return None
        return node


# ---- values -------------------------------------------------------------

def u32(*values):
    return b"".join(struct.pack(">I", v & 0xFFFFFFFF) for v in values)


def u64(*values):
    return b"".join(struct.pack(">Q", v & 0xFFFFFFFFFFFFFFFF) for v in values)


def string(*values):
    return b"".join(v.encode() + b"\0" for v in values)


def as_u32s(raw):
    if len(raw) % 4:
        raise FdtError("not a list of 32-bit cells")
    return list(struct.unpack(f">{len(raw) // 4}I", raw))


def as_u64(raw):
    """One or two cells as an integer."""
    if len(raw) == 4:
        return struct.unpack(">I", raw)[0]
    if len(raw) == 8:
        return struct.unpack(">Q", raw)[0]
    raise FdtError("not one or two cells")


def looks_like_string(raw):
    """True for one or more NUL-terminated printable strings."""
    if not raw or raw[-1] != 0 or raw[0] == 0:
        return False
    return all(32 <= b < 127 or b in (9, 0) for b in raw) and b"\0\0" not in raw


def as_string(raw):
    if not raw or raw[-1] != 0 or 0 in raw[:-1]:
        raise FdtError("not a string")
    return raw[:-1].decode("utf-8", "replace")


# ---- writer -------------------------------------------------------------

def _pad4(b):
    b += b"\0" * (-len(b) % 4)


def build(root, boot_cpuid=0):
    """Serialize a Node tree to a DTB (v17, empty memory reservation map)."""
    struct_blk = bytearray()
    strings = bytearray()
    offsets = {}

    def name_off(name):
        if name not in offsets:
            offsets[name] = len(strings)
            strings.extend(name.encode() + b"\0")
        return offsets[name]

    def emit(node):
        struct_blk.extend(u32(BEGIN_NODE) + node.name.encode() + b"\0")
        _pad4(struct_blk)
        for name, value in node.props.items():
            struct_blk.extend(u32(PROP, len(value), name_off(name)) + value)
            _pad4(struct_blk)
        for c in node.children:
            emit(c)
        struct_blk.extend(u32(END_NODE))

    emit(root)
    struct_blk.extend(u32(END))
    rsvmap = bytes(16)
    off_rsv = HEADER.size
    off_struct = off_rsv + len(rsvmap)
    off_strings = off_struct + len(struct_blk)
    total = off_strings + len(strings)
    header = HEADER.pack(MAGIC, total, off_struct, off_strings, off_rsv, VERSION,
                         LAST_COMP_VERSION, boot_cpuid, len(strings), len(struct_blk))
    return header + rsvmap + bytes(struct_blk) + bytes(strings)


# ---- reader -------------------------------------------------------------

def _cstr(buf, start, end, what):
    nul = buf.find(b"\0", start, end)
    if nul < 0:
        raise FdtError(f"{what} at {start:#x} is not NUL-terminated inside its block")
    return bytes(buf[start:nul]).decode("utf-8", "replace"), nul


def parse(blob):
    """Parse a DTB into a Node tree; raise FdtError if anything is out of bounds."""
    blob = bytes(blob)
    if len(blob) < HEADER.size:
        raise FdtError("shorter than a device tree header")
    (magic, total, off_struct, off_strings, off_rsv, version, last_comp, _cpu,
     size_strings, size_struct) = HEADER.unpack_from(blob)
    if magic != MAGIC:
        raise FdtError("bad magic (not a device tree blob)")
    if total > len(blob) or total < HEADER.size:
        raise FdtError(f"totalsize {total} does not match the {len(blob)}-byte file")
    if version < 16 or last_comp > 17:
        raise FdtError(f"unsupported version {version} (last compatible {last_comp})")
    for name, off, size in (("structure", off_struct, size_struct),
                            ("strings", off_strings, size_strings)):
        if off > total or size > total - off:
            raise FdtError(f"{name} block outside the blob")
    if off_struct % 4 or off_rsv % 8 or off_rsv > total:
        raise FdtError("misaligned or out-of-bounds block")
    pos = off_rsv
    while True:
        if pos + 16 > total:
            raise FdtError("memory reservation map runs off the blob")
        if struct.unpack_from(">QQ", blob, pos) == (0, 0):
            break
        pos += 16
    strings_end = off_strings + size_strings
    end = off_struct + size_struct
    pos = off_struct
    stack = []
    root = None

    def word(p):
        if p + 4 > end:
            raise FdtError(f"structure block truncated at {p:#x}")
        return struct.unpack_from(">I", blob, p)[0]

    while True:
        tok = word(pos)
        pos += 4
        if tok == BEGIN_NODE:
            name, nul = _cstr(blob, pos, end, "node name")
            pos = (nul + 4) & ~3
            node = Node(name)
            if stack:
                stack[-1].children.append(node)
            elif root is None:
                root = node
            else:
                raise FdtError("more than one root node")
            stack.append(node)
        elif tok == END_NODE:
            if not stack:
                raise FdtError("unbalanced END_NODE")
            stack.pop()
        elif tok == PROP:
            if not stack:
                raise FdtError("property outside a node")
            length, nameoff = word(pos), word(pos + 4)
            pos += 8
            if length > end - pos:
                raise FdtError(f"property at {pos:#x} runs off the structure block")
            if nameoff >= size_strings:
                raise FdtError(f"property name offset {nameoff} outside the strings block")
            name, _ = _cstr(blob, off_strings + nameoff, strings_end, "property name")
            stack[-1].props[name] = blob[pos:pos + length]
            pos = (pos + length + 3) & ~3
        elif tok == NOP:
            continue
        elif tok == END:
            if stack or root is None:
                raise FdtError("END before the root node was closed")
            return root
        else:
            raise FdtError(f"unknown token {tok:#x} at {pos - 4:#x}")
