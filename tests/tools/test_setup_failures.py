"""A configured VM the hypervisor cannot take (its own checks of the pack, which is input)
is reported by name and field, the other VMs run, and the run still ends with a non-zero
status: packs written by hypctl's own code, then edited past hypctl's checks."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from hypctl_lib import config, elf, qemu

BUILD = os.path.join(ROOT, "build", "qemu-virt-gcc")
OUT_ELF = os.path.join(BUILD, "out.elf")

pytestmark = pytest.mark.skipif(
    not (os.path.exists(os.path.join(BUILD, "tests", "guests", "guest-basic.elf")) and
         shutil.which("qemu-system-aarch64") and shutil.which("dtc")),
    reason="needs build/qemu-virt-gcc (hypctl build), QEMU and dtc")


def boot(tmp_path, cfg):
    """Boot out.elf with cfg's pack on QEMU; the UART output."""
    pack = tmp_path / "pack.bin"
    pack.write_bytes(config.pack_bytes(cfg))
    cmd = qemu.qemu_command(OUT_ELF, str(pack), elf.symbol(OUT_ELF, "__pack_base"), smp=2,
                            mem="1G", uart="stdio")
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    return r.stdout.decode(errors="replace").replace("\r", "")


def two_vms():
    ctx = config.Context(smp=2, build_dir=BUILD)
    cfg = config.load_dts(os.path.join(ROOT, "configs", "crash-and-basic.dts"), ctx)
    config.check_files(cfg, ctx)
    config.resolve(cfg, ctx)
    return cfg


def test_one_bad_vm_next_to_a_good_one(tmp_path):
    cfg = two_vms()
    cfg.vms[0].vcpus = 0                # 'crash': refused by the hypervisor's config parser
    out = boot(tmp_path, cfg)
    assert "config: VM 'crash': vcpus must be 1..8" in out, out[-2000:]
    assert "1 configured VM could not be created (see above)" in out
    assert re.search(r"SUMMARY basic: \d+ passed, 0 failed", out)
    assert "VM 'basic' (id 0) exited with status 0" in out
    assert out.rstrip().endswith("hyp: powering off (status 1)"), out[-500:]


def test_no_vm_could_be_created(tmp_path):
    cfg = two_vms()
    for vm in cfg.vms:
        vm.memory = 3 * (1 << 20)      # not a multiple of 2 MiB
    out = boot(tmp_path, cfg)
    assert "config: VM 'crash': memory-size must be a multiple of 2 MiB" in out, out[-2000:]
    assert "2 configured VMs could not be created (see above)" in out
    assert "no VMs configured" not in out
    assert out.rstrip().endswith("hyp: powering off (status 1)"), out[-500:]
