"""Minimal ELF64 little-endian symbol-table reader (no pyelftools)."""
import struct

SHT_SYMTAB = 2


class ElfError(Exception):
    pass


def read_symbols(path):
    """Return {name: value} for every named symbol in the .symtab of an ELF64 file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ElfError(f"{path}: not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    syms = {}
    for _name, typ, _fl, _addr, off, size, link, _info, _al, entsize in sections:
        if typ != SHT_SYMTAB:
            continue
        stroff, strsize = sections[link][4], sections[link][5]
        strtab = data[stroff:stroff + strsize]
        for i in range(size // entsize):
            st_name, _info, _other, _shndx, value, _size = struct.unpack_from(
                "<IBBHQQ", data, off + i * entsize)
            if st_name:
                end = strtab.index(b"\0", st_name)
                syms[strtab[st_name:end].decode()] = value
    return syms


def symbol(path, name):
    syms = read_symbols(path)
    if name not in syms:
        raise ElfError(f"{path}: no symbol {name!r}")
    return syms[name]
