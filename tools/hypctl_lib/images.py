"""Guest kernel images as the hypervisor's loader sees them (src/core/loader.c).

detect(data) names the format; footprint(...) returns the IPA range
[start, end) the kernel occupies in a VM, or raises ImageError with the reason.
"""
import struct

from .contract import GUEST_RAM_BASE
LINUX_MAGIC_OFFSET = 0x38
LINUX_MAGIC = b"ARM\x64"
EM_AARCH64 = 183
PT_LOAD = 1


class ImageError(Exception):
    pass


def detect(data):
    """'elf', 'linux' or None (raw images must be declared)."""
    if data[:4] == b"\x7fELF":
        return "elf"
    if len(data) >= 64 and data[LINUX_MAGIC_OFFSET:LINUX_MAGIC_OFFSET + 4] == LINUX_MAGIC:
        return "linux"
    return None


def linux_range(data, ram_base=GUEST_RAM_BASE):
    if len(data) < 64 or data[LINUX_MAGIC_OFFSET:LINUX_MAGIC_OFFSET + 4] != LINUX_MAGIC:
        raise ImageError('no arm64 Linux Image header (magic "ARM\\x64" at 0x38); '
                         'use format = "elf" or "raw"')
    text_offset, image_size, flags = struct.unpack_from("<QQQ", data, 8)
    if flags & 1:
        raise ImageError("big-endian kernel Image (guests run little-endian)")
    if not image_size:                  # pre-3.17 kernels
        text_offset, image_size = 0x80000, len(data)
    image_size = max(image_size, len(data))
    start = ram_base + text_offset
    return start, start + image_size


def elf_range(data):
    """(lowest p_paddr, highest p_paddr + p_memsz, entry) of the PT_LOAD segments."""
    if len(data) < 64 or data[4] != 2 or data[5] != 1:
        raise ImageError("not a little-endian ELF64 file")
    machine, = struct.unpack_from("<H", data, 18)
    if machine != EM_AARCH64:
        raise ImageError(f"ELF file is not for AArch64 (e_machine {machine})")
    entry, phoff = struct.unpack_from("<QQ", data, 24)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    if phentsize < 56 or phoff > len(data) or phnum * phentsize > len(data) - phoff:
        raise ImageError("ELF program headers lie outside the file")
    lo, hi = None, None
    for i in range(phnum):
        ph = phoff + i * phentsize
        p_type, = struct.unpack_from("<I", data, ph)
        off, _vaddr, paddr, filesz, memsz = struct.unpack_from("<QQQQQ", data, ph + 8)
        if p_type != PT_LOAD or not memsz:
            continue
        if filesz > memsz or off > len(data) or filesz > len(data) - off:
            raise ImageError("ELF segment lies outside the file")
        lo = paddr if lo is None else min(lo, paddr)
        hi = paddr + memsz if hi is None else max(hi, paddr + memsz)
    if lo is None:
        raise ImageError("ELF file has no loadable segment")
    return lo, hi, entry
