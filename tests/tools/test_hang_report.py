"""A run that times out says where every CPU is (QEMU's registers over QMP, EL2
addresses named by the hypervisor's symbols): the 'spin' guest never exits, so on
--smp 2 CPU 0 is in the guest at EL1 and CPU 1 idles in the hypervisor at EL2."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from hypctl_lib import elf, qemu

HYPCTL = os.path.join(ROOT, "tools", "hypctl")
BUILD = os.path.join(ROOT, "build", "qemu-virt-gcc")
SPIN_ELF = os.path.join(BUILD, "tests", "guests", "guest-spin.elf")


@pytest.mark.skipif(not (os.path.exists(SPIN_ELF) and shutil.which("qemu-system-aarch64")),
                    reason="needs build/qemu-virt-gcc (hypctl build) and QEMU")
@pytest.mark.parametrize("uart", ["stdio", "pty"])
def test_timeout_reports_every_cpu(uart, tmp_path):
    log = tmp_path / "uart.log"
    r = subprocess.run([HYPCTL, "run", "--no-build", "--uart", uart, "--smp", "2",
                        "--kernel", SPIN_ELF, "--timeout", "4", "--log", str(log)],
                       cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 1, r.stderr[-2000:]
    err = r.stderr
    assert "timeout after 4 s: where every CPU is" in err, err[-2000:]
    assert re.search(r"CPU 0: EL1[ht] pc 0x[0-9a-f]+ .*\(in a guest\)", err), err[-2000:]
    m = re.search(r"CPU 1: EL2h pc (0x[0-9a-f]+) \((\w+)\+(0x[0-9a-f]+)\)", err)
    assert m, err[-2000:]
    # The name is the hypervisor function that holds the address.
    syms = elf.read_symbols(os.path.join(BUILD, "out.elf"))
    assert syms[m.group(2)] + int(m.group(3), 16) == int(m.group(1), 16)
    assert "CPU 1: EL2h" in log.read_text(errors="replace")


def test_report_parses_qemu_registers(monkeypatch, tmp_path):
    text = ("\r\nCPU#0\r\n PC=0000000040206ea8 X00=0\r\nX30=000000004020b030  SP=0\r\n"
            "PSTATE=600003c9 -ZC- NS EL2h     FPCR=0\r\n"
            "CPU#1\r\n PC=0000000040001000 X00=1\r\nX30=0000000040001004  SP=0\r\n"
            "PSTATE=200003c5 --C- NS EL1h     FPCR=0\r\n")
    monkeypatch.setattr(qemu, "qmp_hmp", lambda path, cmd: text)
    monkeypatch.setattr(elf, "read_symbols",
                        lambda path: {"spin_lock": 0x40206e90, "vpl011_access": 0x4020b000})
    lines = qemu.cpu_report("sock", "out.elf")
    assert lines == ["CPU 0: EL2h pc 0x40206ea8 (spin_lock+0x18) lr 0x4020b030 (vpl011_access+0x30)",
                     "CPU 1: EL1h pc 0x40001000 lr 0x40001004 (in a guest)"]


@pytest.mark.skipif(not (os.path.exists(SPIN_ELF) and shutil.which("qemu-system-aarch64")),
                    reason="needs build/qemu-virt-gcc (hypctl build) and QEMU")
def test_stop_is_quiet():
    """Once --expect is met hypctl ends QEMU, which keeps running (the spin guest): over
    QMP, so QEMU's 'terminating on signal 15 from pid N' (a SIGTERM's) never shows."""
    r = subprocess.run([HYPCTL, "run", "--no-build", "--uart", "stdio", "--kernel", SPIN_ELF,
                        "--expect", "spin: spinning forever"],
                       cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "spin: spinning forever" in r.stdout
    assert "terminating on signal" not in r.stdout + r.stderr, r.stderr[-2000:]
