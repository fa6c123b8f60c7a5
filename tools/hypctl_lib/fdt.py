"""Device tree blobs for hypctl, through Debian's python3-libfdt (libfdt, as dtc and
U-Boot use it).

Node: a name, ordered properties (name -> raw bytes) and ordered children, the
tree hypctl builds and checks configurations in. build(root) -> bytes and
parse(blob) -> root Node go through libfdt (parse runs fdt_check_full first:
FdtError on anything malformed). Value helpers: u32(), u64(), string(), and the
decoders as_u32s(), as_u64(), as_string(), looks_like_string().
"""
import struct

try:
    import libfdt
except ImportError:                     # pragma: no cover - setup-deps installs it
    libfdt = None


class FdtError(Exception):
    pass


def _need_libfdt():
    if libfdt is None:
        raise FdtError("python3-libfdt is not installed (apt-get install python3-libfdt, "
                       "or run tools/setup-deps)")


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

def build(root, boot_cpuid=0):
    """Serialize a Node tree to a DTB (v17, empty memory reservation map) with libfdt."""
    _need_libfdt()
    sw = libfdt.FdtSw()
    sw.finish_reservemap()

    def emit(node):
        sw.begin_node(node.name)
        for name, value in node.props.items():
            sw.property(name, bytes(value))
        for c in node.children:
            emit(c)
        sw.end_node()

    emit(root)
    tree = sw.as_fdt()
    tree.pack()
    blob = bytearray(tree.as_bytearray())
    struct.pack_into(">I", blob, 28, boot_cpuid)       # boot_cpuid_phys
    return bytes(blob)


# ---- reader -------------------------------------------------------------

def parse(blob):
    """Parse a DTB into a Node tree; FdtError if libfdt finds anything malformed."""
    _need_libfdt()
    blob = bytes(blob)
    if len(blob) < 40:
        raise FdtError("shorter than a device tree header")
    err = libfdt.fdt_check_full(bytearray(blob), len(blob))
    if err:
        raise FdtError(f"not a valid device tree blob: {libfdt.fdt_strerror(err)}")
    tree = libfdt.Fdt(blob)

    def walk(off, node):
        poff = tree.first_property_offset(off, libfdt.QUIET_NOTFOUND)
        while poff >= 0:
            prop = tree.get_property_by_offset(poff)
            node.props[prop.name] = bytes(prop)
            poff = tree.next_property_offset(poff, libfdt.QUIET_NOTFOUND)
        sub = tree.first_subnode(off, libfdt.QUIET_NOTFOUND)
        while sub >= 0:
            walk(sub, node.add(tree.get_name(sub)))
            sub = tree.next_subnode(sub, libfdt.QUIET_NOTFOUND)

    try:
        root = Node(tree.get_name(0))
        walk(0, root)
    except libfdt.FdtException as e:
        raise FdtError(str(e)) from None
    return root
