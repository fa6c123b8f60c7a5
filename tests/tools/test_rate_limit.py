"""A guest cannot flood the console with the hypervisor's messages: the 'noisy' guest
(tests/guests/noisy.c) makes 1000 accesses the hypervisor refuses with a message each;
at most VM_MSG_PER_S (10) a second are printed and every other one is counted in a
'suppressed' report, so printed + suppressed is exactly 1000."""
import os
import re
import shutil
import subprocess
import time

import pytest

from conftest import ROOT

HYPCTL = os.path.join(ROOT, "tools", "hypctl")
NOISY_ELF = os.path.join(ROOT, "build", "qemu-virt-gcc", "tests", "guests", "guest-noisy.elf")
NOISE, PER_S = 1000, 10


@pytest.mark.skipif(not (os.path.exists(NOISY_ELF) and shutil.which("qemu-system-aarch64")),
                    reason="needs build/qemu-virt-gcc (hypctl build) and QEMU")
@pytest.mark.parametrize("gic", ["3", "2"])
def test_guest_caused_messages_are_rate_limited(gic, tmp_path):
    log = tmp_path / "uart.log"
    t0 = time.monotonic()
    r = subprocess.run([HYPCTL, "run", "--no-build", "--uart", "stdio", "--gic", gic,
                        "--config", "configs/test-noisy.dts", "--timeout", "120",
                        "--expect-exit", "--expect", r"SUMMARY noisy: 1 passed, 0 failed",
                        "--log", str(log)],
                       cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=300)
    elapsed = time.monotonic() - t0
    assert r.returncode == 0, r.stderr[-2000:]
    text = log.read_text(errors="replace")
    printed = len(re.findall(r"VM 'noisy': read access to PL011 UART at 0x9000000 with no "
                             r"syndrome", text))
    suppressed = [int(n) for n in re.findall(
        r"hyp: warning: VM 'noisy': (\d+) messages it caused were suppressed "
        r"\(at most 10 a second\)", text)]
    assert printed + sum(suppressed) == NOISE, (printed, suppressed)
    # the guest pauses 1.5 s between its bursts: the budget refilled at least once
    assert 2 * PER_S <= printed <= PER_S * (elapsed + 1), (printed, elapsed)
    assert suppressed and sum(suppressed) >= NOISE - PER_S * (elapsed + 1)
