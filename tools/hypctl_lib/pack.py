"""The pack: the blob hypctl loads at __pack_base (format in src/core/pack.h)."""
import struct
import zlib

from . import contract, fdt

MAGIC = contract.PACK_MAGIC
VERSION = contract.PACK_VERSION
HEADER_SIZE = contract.PACK_HEADER_SIZE
PAGE = 4096
_HDR = struct.Struct("<8sIIQQQQQII")
assert _HDR.size == HEADER_SIZE


class PackError(Exception):
    pass


def _align(n, a):
    return (n + a - 1) & ~(a - 1)


def pack_chunks(cmdline=None, config_builder=None, images=()):
    """The pack as a list of consecutive chunks, header first (images are not copied).

    images (bytes-like, e.g. mmaps) are placed 4 KiB-aligned after the header and
    command line; config_builder is the config FDT blob, or a callable that gets
    the images' [(offset, size)] and returns it (appended after the images).
    """
    pieces = []
    pos = HEADER_SIZE

    def put(blob, align):
        nonlocal pos
        pad = _align(pos, align) - pos
        if pad:
            pieces.append(bytes(pad))
            pos += pad
        offset = pos
        pieces.append(blob)
        pos += len(blob)
        return offset

    cmd = cmdline.encode() + b"\0" if cmdline else None
    cmd_off = put(cmd, 1) if cmd else 0
    offsets = [(put(img, PAGE), len(img)) for img in images]
    config = config_builder(offsets) if callable(config_builder) else config_builder
    config_off = put(config, 16) if config else 0
    total = _align(pos, PAGE)
    pieces.append(bytes(total - pos))
    crc = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    header = _HDR.pack(MAGIC, VERSION, HEADER_SIZE, total, cmd_off, len(cmd) if cmd else 0,
                       config_off, len(config) if config else 0, crc & 0xFFFFFFFF, 0)
    return [header] + pieces


def build_pack(cmdline=None, config_builder=None, images=()):
    """The pack as bytes (see pack_chunks)."""
    return b"".join(pack_chunks(cmdline, config_builder, images))


def parse_pack(data):
    """Validate a pack; return a dict with 'cmdline' (str or None), 'config' (bytes or None)
    and 'images': {(vm name, property): bytes} for every *-image slice the config names
    (empty when the config is not a device tree)."""
    if len(data) < HEADER_SIZE:
        raise PackError("pack shorter than its header")
    magic, ver, hsz, total, co, cs, fo, fs, crc, _ = _HDR.unpack_from(data)
    if magic != MAGIC or ver != VERSION or hsz != HEADER_SIZE:
        raise PackError("bad magic, version or header size")
    if total > len(data) or total % PAGE:
        raise PackError("bad total_size")
    if zlib.crc32(memoryview(data)[hsz:total]) & 0xFFFFFFFF != crc:
        raise PackError("CRC mismatch")
    for off, size in ((co, cs), (fo, fs)):
        if off and (off < hsz or off % 16 or off + size > total):
            raise PackError("section outside the pack")
    cmdline = None
    if co:
        raw = data[co:co + cs]
        if not raw.endswith(b"\0"):
            raise PackError("command line not NUL-terminated")
        cmdline = raw[:-1].decode()
    config = bytes(data[fo:fo + fs]) if fo else None
    return {"total_size": total, "crc32": crc, "cmdline": cmdline, "config": config,
            "images": _slices(data, total, config) if config else {}}


def _slices(data, total, config):
    try:
        root = fdt.parse(config)
    except fdt.FdtError:
        return {}                       # not ours to judge: the hypervisor reports it
    vms = root.child("vms")
    out = {}
    for vm in vms.children if vms else []:
        for prop, raw in vm.props.items():
            if not prop.endswith("-image"):
                continue
            if len(raw) != 16:
                raise PackError(f"{vm.name}/{prop}: not <offset size>")
            off, size = struct.unpack(">QQ", raw)
            if off < HEADER_SIZE or off + size > total:
                raise PackError(f"{vm.name}/{prop}: slice outside the pack")
            out[(vm.name, prop)] = bytes(data[off:off + size])
    return out


def write_pack(path, cmdline=None, config_builder=None, images=()):
    """Write the pack chunk by chunk (no copy of the images in memory)."""
    with open(path, "wb") as f:
        for chunk in pack_chunks(cmdline, config_builder, images):
            f.write(chunk)
    return path
