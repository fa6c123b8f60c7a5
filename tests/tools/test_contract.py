"""One source for the hypctl <-> hypervisor contract: hypctl takes the limits, the guest
layout and the pack format from the C headers (contract.py). Every constant must be
found there, be what hypctl's checks use, and hold up against the C code that uses it."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from hypctl_lib import config, contract, images, pack


def test_every_constant_is_read_from_the_headers():
    vm_h = contract.read_defines(os.path.join(ROOT, "src", "core", "vm.h"))
    vplat_h = contract.read_defines(os.path.join(ROOT, "src", "core", "vplatform.h"))
    pack_h = contract.read_defines(os.path.join(ROOT, "src", "core", "pack.h"))
    for name in ("VM_MAX", "VM_MAX_VCPUS", "VM_NAME_MAX"):
        assert isinstance(vm_h[name], int) and getattr(contract, name) == vm_h[name]
    for name in ("GUEST_RAM_BASE", "GUEST_DTB_WINDOW"):
        assert isinstance(vplat_h[name], int) and getattr(contract, name) == vplat_h[name]
    assert contract.PACK_MAGIC == pack_h["PACK_MAGIC"].encode()
    assert contract.PACK_VERSION == pack_h["PACK_VERSION"]
    assert contract.PACK_HEADER_SIZE == pack_h["PACK_HEADER_SIZE"]


def test_hypctl_uses_them():
    assert config.VM_MAX == contract.VM_MAX and config.VM_MAX_VCPUS == contract.VM_MAX_VCPUS
    assert config.GUEST_RAM_BASE == images.GUEST_RAM_BASE == contract.GUEST_RAM_BASE
    assert config.DTB_WINDOW == contract.GUEST_DTB_WINDOW
    assert (pack.MAGIC, pack.VERSION, pack.HEADER_SIZE) == \
        (contract.PACK_MAGIC, contract.PACK_VERSION, contract.PACK_HEADER_SIZE)
    longest = "n" * (contract.VM_NAME_MAX - 1)
    assert config.NAME_RE.match(longest) and not config.NAME_RE.match(longest + "n")


def test_the_c_side_uses_them_too():
    """The C code builds the device tree in the whole window hypctl lets a user DTB fill,
    and checks VM names against the same VM_NAME_MAX."""
    vm_c = open(os.path.join(ROOT, "src", "core", "vm.c")).read()
    assert re.search(r"guest_dt_build\(vm, dtb_buf, GUEST_DTB_WINDOW,", vm_c)
    assert "dtb_ipa = ram_end - GUEST_DTB_WINDOW;" in vm_c
    config_c = open(os.path.join(ROOT, "src", "core", "config.c")).read()
    assert "len >= VM_NAME_MAX" in config_c


def test_define_parser():
    text = ('#define A 4\n#define B_C 0x40000000ull  /* base */\n#define S "HYP"\n'
            '#define EXPR (A + 1)\n#define lower 3\n  #define INDENTED 1\n')
    path = os.path.join(os.path.dirname(__file__), "_defines.h")
    try:
        with open(path, "w") as f:
            f.write(text)
        assert contract.read_defines(path) == {"A": 4, "B_C": 0x40000000, "S": "HYP"}
    finally:
        os.unlink(path)


def test_missing_constant_is_named():
    with pytest.raises(contract.ContractError, match="NOPE is not #defined in src/core/vm.h"):
        contract.need("NOPE")


BUILD = os.path.join(ROOT, "build", "qemu-virt-gcc")


@pytest.mark.skipif(not (os.path.exists(os.path.join(BUILD, "tests", "guests", "guest-dt.elf"))
                         and shutil.which("qemu-system-aarch64") and shutil.which("dtc")),
                    reason="needs build/qemu-virt-gcc (hypctl build), QEMU and dtc")
def test_a_user_dtb_hypctl_accepts_boots(tmp_path):
    """A 1.5 MiB user device tree is inside the window hypctl checks; the hypervisor
    builds the guest's tree from it in the same window (it used 64 KiB and refused)."""
    (tmp_path / "pad.bin").write_bytes(bytes(range(256)) * 6144)          # 1.5 MiB
    src = open(os.path.join(ROOT, "tests", "vms", "data", "qemu-virt-8cpu-1g.dts")).read()
    (tmp_path / "big.dts").write_text(src + '\n/ { padding { blob = /incbin/("pad.bin"); }; };\n')
    dtb = tmp_path / "big.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-i", str(tmp_path), "-o", str(dtb),
                    str(tmp_path / "big.dts")], check=True)
    assert 1 << 20 < dtb.stat().st_size < contract.GUEST_DTB_WINDOW
    r = subprocess.run([os.path.join(ROOT, "tools", "hypctl"), "run", "--no-build",
                        "--uart", "stdio", "--timeout", "120",
                        "--kernel", os.path.join(BUILD, "tests", "guests", "guest-dt.elf"),
                        "--name", "dt", "--dtb", str(dtb), "--vcpus", "3", "--mem", "64M",
                        "--append", "dt-test console=ttyAMA0 answer=42",
                        "--expect-exit", "--expect", r"SUMMARY dt: \d+ passed, 0 failed"],
                       cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-1000:]
    assert "corrected to the VM's 64 MiB" in r.stdout
