"""The pack: the blob hypctl loads at __pack_base (format in src/core/pack.h)."""
import struct
import zlib

MAGIC = b"HYPPACK1"
VERSION = 1
HEADER_SIZE = 64
PAGE = 4096
_HDR = struct.Struct("<8sIIQQQQQII")
assert _HDR.size == HEADER_SIZE


class PackError(Exception):
    pass


def _align(n, a):
    return (n + a - 1) & ~(a - 1)


def build_pack(cmdline=None, config=None):
    """Return the pack bytes for a hypervisor command line and a config FDT blob."""
    body = bytearray(HEADER_SIZE)
    sections = []
    for blob in (cmdline.encode() + b"\0" if cmdline else None, config or None):
        if blob is None:
            sections.append((0, 0))
            continue
        body += b"\0" * (_align(len(body), 16) - len(body))
        sections.append((len(body), len(blob)))
        body += blob
    total = _align(len(body), PAGE)
    body += b"\0" * (total - len(body))
    crc = zlib.crc32(bytes(body[HEADER_SIZE:])) & 0xFFFFFFFF
    (co, cs), (fo, fs) = sections
    _HDR.pack_into(body, 0, MAGIC, VERSION, HEADER_SIZE, total, co, cs, fo, fs, crc, 0)
    return bytes(body)


def parse_pack(data):
    """Validate a pack; return a dict with 'cmdline' (str or None) and 'config' (bytes or None)."""
    if len(data) < HEADER_SIZE:
        raise PackError("pack shorter than its header")
    magic, ver, hsz, total, co, cs, fo, fs, crc, _ = _HDR.unpack_from(data)
    if magic != MAGIC or ver != VERSION or hsz != HEADER_SIZE:
        raise PackError("bad magic, version or header size")
    if total > len(data) or total % PAGE:
        raise PackError("bad total_size")
    if zlib.crc32(data[hsz:total]) & 0xFFFFFFFF != crc:
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
    return {"total_size": total, "crc32": crc, "cmdline": cmdline,
            "config": bytes(data[fo:fo + fs]) if fo else None}


def write_pack(path, cmdline=None, config=None):
    with open(path, "wb") as f:
        f.write(build_pack(cmdline, config))
    return path
