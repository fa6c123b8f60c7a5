"""tools/hypctl_lib/fdt.py (on python3-libfdt): writer/reader round trips, against dtc when it
is installed, and malformed blobs rejected with libfdt's diagnosis."""
import shutil
import struct
import subprocess

import pytest

from conftest import ROOT  # noqa: F401  (sets sys.path)
from hypctl_lib import fdt

DTC = shutil.which("dtc")
needs_dtc = pytest.mark.skipif(not DTC, reason="dtc not installed")


def sample():
    root = fdt.Node()
    root.set("compatible", "hyp,pack-config-v1")
    vms = root.add("vms")
    a = vms.add("a")
    a.set("vcpus", 2)
    a.set("memory-size", fdt.u64(64 << 20))
    a.set("kernel-image", fdt.u64(0x1000, 0x12345))
    a.set("bootargs", "console=ttyAMA0")
    a.set("cpus", [1, 2])
    vms.add("b").set("vcpus", 1).set("empty", b"")
    return root


def test_round_trip():
    blob = fdt.build(sample())
    magic, total, off_struct, off_strings, off_rsv, version, last = struct.unpack_from(
        ">7I", blob)
    assert (magic, total, version, last) == (0xD00DFEED, len(blob), 17, 16)
    assert off_rsv == 40 and off_struct == 56 and off_struct % 4 == 0
    root = fdt.parse(blob)
    assert fdt.as_string(root.props["compatible"]) == "hyp,pack-config-v1"
    a = root.find("/vms/a")
    assert fdt.as_u32s(a.props["vcpus"]) == [2]
    assert fdt.as_u64(a.props["memory-size"]) == 64 << 20
    assert struct.unpack(">QQ", a.props["kernel-image"]) == (0x1000, 0x12345)
    assert fdt.as_string(a.props["bootargs"]) == "console=ttyAMA0"
    assert fdt.as_u32s(a.props["cpus"]) == [1, 2]
    assert root.find("vms/b").props["empty"] == b""
    assert [c.name for c in root.find("vms").children] == ["a", "b"]
    assert fdt.build(root) == blob


def test_strings_are_deduplicated():
    root = fdt.Node()
    for name in ("x", "y", "z"):
        root.add(name).set("vcpus", 1)
    blob = fdt.build(root)
    off_strings, = struct.unpack_from(">I", blob, 12)
    size_strings, = struct.unpack_from(">I", blob, 32)
    assert blob[off_strings:off_strings + size_strings] == b"vcpus\0"


@needs_dtc
def test_dtc_reads_what_we_write(tmp_path):
    path = tmp_path / "a.dtb"
    path.write_bytes(fdt.build(sample()))
    out = subprocess.run([DTC, "-I", "dtb", "-O", "dts", str(path)], capture_output=True,
                         text=True, check=True).stdout
    for want in ('compatible = "hyp,pack-config-v1";', "vcpus = <0x02>;",
                 "memory-size = <0x00 0x4000000>;", "kernel-image = <0x00 0x1000 0x00 0x12345>;",
                 'bootargs = "console=ttyAMA0";', "cpus = <0x01 0x02>;", "b {", "empty;"):
        assert want in out, (want, out)


@needs_dtc
def test_we_read_what_dtc_writes(tmp_path):
    src = tmp_path / "a.dts"
    src.write_text('/dts-v1/;\n/memreserve/ 0x1000 0x2000;\n'
                   '/ { model = "m"; list = "a", "b"; n { reg = <1 2>; b = [01 02 03]; '
                   'm@10 { x; }; }; };\n')
    blob = subprocess.run([DTC, "-I", "dts", "-O", "dtb", str(src)], capture_output=True,
                          check=True).stdout
    root = fdt.parse(blob)
    assert fdt.as_string(root.props["model"]) == "m"
    assert root.props["list"] == b"a\0b\0"
    n = root.child("n")
    assert fdt.as_u32s(n.props["reg"]) == [1, 2] and n.props["b"] == b"\x01\x02\x03"
    assert n.child("m@10").props["x"] == b""
    # ours and dtc's decompile to the same source
    again = tmp_path / "b.dtb"
    again.write_bytes(fdt.build(root))
    ours = subprocess.run([DTC, "-I", "dtb", "-O", "dts", str(again)], capture_output=True,
                          text=True, check=True).stdout
    (tmp_path / "c.dtb").write_bytes(blob)
    theirs = subprocess.run([DTC, "-I", "dtb", "-O", "dts", str(tmp_path / "c.dtb")],
                            capture_output=True, text=True, check=True).stdout
    strip = [ln for ln in theirs.splitlines() if "memreserve" not in ln]
    assert ours.splitlines() == strip


@pytest.mark.parametrize("mutate,msg", [
    (lambda b: b[:20], "shorter"),
    (lambda b: b"\0" + b[1:], "BADMAGIC"),
    (lambda b: b[:4] + struct.pack(">I", len(b) + 8) + b[8:], "TRUNCATED"),      # totalsize
    (lambda b: b[:8] + struct.pack(">I", 0x7FFFFFF0) + b[12:], "TRUNCATED"),     # structure
    (lambda b: b[:32] + struct.pack(">I", 0x7FFFFFF0) + b[36:], "TRUNCATED"),    # strings
    (lambda b: b[:-len(b"vcpus\0")] + b"vcpusX", "TRUNCATED"),                  # unterminated name
])
def test_malformed_blobs_are_rejected(mutate, msg):
    root = fdt.Node()
    root.add("vm").set("vcpus", 1)
    blob = fdt.build(root)
    with pytest.raises(fdt.FdtError, match=msg):
        fdt.parse(mutate(blob))


def test_truncated_structure_and_bad_tokens():
    root = fdt.Node()
    root.add("vm").set("vcpus", 1)
    blob = bytearray(fdt.build(root))
    off_struct, = struct.unpack_from(">I", blob, 8)
    bad = bytearray(blob)
    struct.pack_into(">I", bad, off_struct, 7)
    with pytest.raises(fdt.FdtError, match="BADSTRUCTURE"):
        fdt.parse(bytes(bad))
    short = bytearray(blob)
    size_struct, = struct.unpack_from(">I", blob, 36)
    struct.pack_into(">I", short, 36, size_struct - 8)      # drops END_NODE and END
    with pytest.raises(fdt.FdtError):
        fdt.parse(bytes(short))
    # a property length running past the structure block
    prop_len_at = off_struct + 8 + 4 + 4        # root BEGIN_NODE + "" pad, vm BEGIN_NODE "vm\0\0"
    prop_len_at += 4                            # PROP token
    assert struct.unpack_from(">I", blob, prop_len_at)[0] == 4
    huge = bytearray(blob)
    struct.pack_into(">I", huge, prop_len_at, 0x10000)
    with pytest.raises(fdt.FdtError, match="BADSTRUCTURE|TRUNCATED"):
        fdt.parse(bytes(huge))


def test_value_helpers():
    assert fdt.looks_like_string(b"abc\0") and not fdt.looks_like_string(b"\0\0\0\x02")
    assert not fdt.looks_like_string(b"\x10\0\0\0")
    assert fdt.as_u64(fdt.u64(1 << 40)) == 1 << 40 and fdt.as_u64(fdt.u32(7)) == 7
    with pytest.raises(fdt.FdtError):
        fdt.as_u64(b"\0" * 12)
    with pytest.raises(fdt.FdtError):
        fdt.as_string(b"ab")
