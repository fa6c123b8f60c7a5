import struct
import zlib

import pytest

from conftest import write_fake_elf
from hypctl_lib import elf, pack


def test_pack_round_trip_with_cmdline():
    blob = pack.build_pack("vm=linux debug", b"\xd0\x0d\xfe\xed" + b"x" * 100)
    assert blob[:8] == b"HYPPACK1"
    assert len(blob) == 4096
    version, hsize, total, co, cs, fo, fs, crc, res = struct.unpack_from("<IIQQQQQII", blob, 8)
    assert (version, hsize, total, res) == (1, 64, 4096, 0)
    assert co == 64 and cs == len("vm=linux debug") + 1
    assert fo % 16 == 0 and fo >= co + cs and fs == 104
    assert crc == zlib.crc32(blob[64:])
    p = pack.parse_pack(blob)
    assert p["cmdline"] == "vm=linux debug"
    assert p["config"].startswith(b"\xd0\x0d\xfe\xed")


def test_pack_empty_and_padding():
    blob = pack.build_pack()
    assert len(blob) == 4096
    assert struct.unpack_from("<QQQQ", blob, 24) == (0, 0, 0, 0)
    assert pack.parse_pack(blob)["cmdline"] is None
    assert len(pack.build_pack("a" * 5000)) == 8192


def test_pack_crc_detects_corruption():
    blob = bytearray(pack.build_pack("console=uart"))
    blob[70] ^= 1
    with pytest.raises(pack.PackError, match="CRC"):
        pack.parse_pack(bytes(blob))


def test_elf_symbols(tmp_path):
    path = write_fake_elf(tmp_path / "f.elf", {"_start": 0x40200000, "__pack_base": 0x48000000})
    syms = elf.read_symbols(path)
    assert syms["_start"] == 0x40200000 and syms["__pack_base"] == 0x48000000
    with pytest.raises(elf.ElfError):
        elf.symbol(path, "el2_entry")
