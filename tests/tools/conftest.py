"""Shared helpers for the hypctl tests: import path, a fake ELF writer."""
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))


def write_fake_elf(path, symbols):
    """Write a minimal ELF64 LE file whose .symtab holds {name: value}."""
    strtab = b"\0"
    offs = {}
    for name in symbols:
        offs[name] = len(strtab)
        strtab += name.encode() + b"\0"
    symtab = b"\0" * 24 + b"".join(
        struct.pack("<IBBHQQ", offs[n], 0x10, 0, 0xFFF1, v, 0) for n, v in symbols.items())
    shstr = b"\0.symtab\0.strtab\0"
    data_off = 64
    sym_off = data_off
    str_off = sym_off + len(symtab)
    shs_off = str_off + len(strtab)
    sh_off = (shs_off + len(shstr) + 7) & ~7
    ehdr = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + struct.pack(
        "<HHIQQQIHHHHHH", 2, 183, 1, 0, 0, sh_off, 0, 64, 0, 0, 64, 4, 3)
    sh = [(0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
          (1, 2, 0, 0, sym_off, len(symtab), 2, 1, 8, 24),
          (9, 3, 0, 0, str_off, len(strtab), 0, 0, 1, 0),
          (17, 3, 0, 0, shs_off, len(shstr), 0, 0, 1, 0)]
    body = ehdr + symtab + strtab + shstr
    body += b"\0" * (sh_off - len(body))
    body += b"".join(struct.pack("<IIQQQQIIQQ", *s) for s in sh)
    with open(path, "wb") as f:
        f.write(body)
    return path


def pytest_configure(config):
    # test_linux_guest.py: real native boot of the cached Debian arm64 guest
    config.addinivalue_line(
        "markers", "linux: boots the real Linux guest (needs hypctl linux fetch or tools/linux/fetch-linux-guest first; skipped otherwise)")
