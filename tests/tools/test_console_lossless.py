"""Lossless console capture: what the simulator's UART sent is what hypctl judges, prints
and logs, up to its last byte, whatever the UART kind and the host's load.

The real runs boot the 'flood' guest (tests/guests/flood.c): 64 KiB of known text
immediately before PSCI SYSTEM_OFF, so the simulator exits right behind its last bytes.
"""
import ctypes
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from hypctl_lib import console

HYPCTL = os.path.join(ROOT, "tools", "hypctl")
FLOOD_ELF = os.path.join(ROOT, "build", "qemu-virt-gcc", "tests", "guests", "guest-flood.elf")
LINES, LINE_LEN = 1024, 64


def flood_pattern():
    """The bytes tests/guests/flood.c prints (its comment defines them)."""
    out = []
    for i in range(LINES):
        letters = "".join(chr(ord("A") + (7 * i + j) % 26) for j in range(LINE_LEN - 6))
        out.append(f"{i:04d}:{letters}\n")
    return "".join(out)


def test_pattern_is_64k():
    p = flood_pattern()
    assert len(p) == 65536 and p.count("\n") == LINES


# ---- the record completes the stream (pure) -----------------------------------

def streamer(tmp_path, record_bytes, expect=()):
    rec = tmp_path / "uart.log"
    rec.write_bytes(record_bytes)
    out, log = io.BytesIO(), io.BytesIO()
    return console.Streamer(expect, out=out, log=log, record=str(rec)), out, log


def test_record_supplies_the_lost_tail(tmp_path):
    full = b"boot\r\n" + flood_pattern().encode() + b"hyp: powering off (status 0)\r\n"
    s, out, log = streamer(tmp_path, full, expect=[r"powering off \(status 0\)"])
    s.feed(full[:40000])                # the live stream stopped short
    assert not s.all_seen()
    s.catch_up()
    assert out.getvalue() == full and log.getvalue() == full
    assert s.all_seen() and bytes(s.raw) == full


def test_record_equal_to_stream_adds_nothing(tmp_path):
    s, out, _ = streamer(tmp_path, b"abc\n")
    s.feed(b"abc\n")
    s.catch_up()
    assert out.getvalue() == b"abc\n"


def test_record_wins_when_the_stream_lost_bytes_midway(tmp_path, capsys):
    full = b"line one\nline two\nSUMMARY x: 3 passed, 0 failed\n"
    s, out, _ = streamer(tmp_path, full, expect=[r"SUMMARY x: 3 passed"])
    s.feed(b"line one\nline t")         # then a gap: 'wo\n' never arrived live
    s.feed(b"SUMMARY")
    s.catch_up()
    assert s.all_seen()
    assert s.text == full.decode()      # judged on the record
    assert "differs from the simulator's record after byte 15" in capsys.readouterr().err


def test_no_record_is_fine(tmp_path):
    s = console.Streamer(out=io.BytesIO())
    s.feed(b"x")
    s.catch_up()
    assert bytes(s.raw) == b"x"


# ---- real runs under load ----------------------------------------------------------

def have_flood():
    return os.path.exists(FLOOD_ELF) and shutil.which("qemu-system-aarch64")


def die_with_parent():
    """preexec_fn: the child gets SIGKILL when pytest dies (even when it is killed)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


@pytest.fixture(scope="module")
def cpu_hogs():
    """Two CPU-bound processes beside the simulator (the host load that lost bytes)."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"],
                             preexec_fn=die_with_parent) for _ in range(2)]
    yield
    for h in hogs:
        h.kill()
        h.wait()


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def stall_reader(proc, mark, limit=10.0):
    """Stop hypctl (SIGSTOP) once it has printed mark, until its simulator has
    exited (or limit s): the reader descheduled on a loaded host while the simulator
    sends its last bytes and exits. A pty loses what was not read by then."""
    seen = b""
    while mark not in seen:
        chunk = os.read(proc.stdout.fileno(), 65536)
        assert chunk, f"hypctl ended before printing {mark!r}: " + seen.decode(errors="replace")
        seen += chunk
    sims = children(proc.pid)
    proc.send_signal(signal.SIGSTOP)
    deadline = time.monotonic() + limit
    while any(alive(p) for p in sims) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGCONT)
    return seen


@pytest.mark.skipif(not have_flood(), reason="needs build/qemu-virt-gcc (hypctl build) and QEMU")
@pytest.mark.parametrize("stall", [False, True], ids=["live", "reader-stalled"])
@pytest.mark.parametrize("uart", ["pty", "stdio", "telnet"])
def test_flood_arrives_whole(uart, stall, cpu_hogs, tmp_path):
    log = tmp_path / "uart.log"
    proc = subprocess.Popen([HYPCTL, "run", "--no-build", "--uart", uart,
                             "--config", "configs/test-flood.dts", "--timeout", "120",
                             "--expect-exit", "--expect", r"hyp: powering off \(status 0\)",
                             "--log", str(log)],
                            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        # stalled near the end, so what is left fits the pty's buffer and QEMU can exit
        head = stall_reader(proc, b"\n1016:") if stall else b""
        out, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
    out = head + out
    err = err.decode(errors="replace")
    assert proc.returncode == 0, err[-2000:]
    want = ("flood: 65536 bytes follow, then SYSTEM_OFF\n" + flood_pattern() +
            "hyp: VM 'flood' (id 0) exited with status 0 (PSCI SYSTEM_OFF)\n")
    for name, data in (("stdout", out), ("--log", log.read_bytes())):
        text = data.decode(errors="replace").replace("\r", "")
        assert text.count(want) == 1, f"{name}: the 64 KiB block is not there whole"
        assert re.search(r"hyp: powering off \(status 0\)\n\Z", text), f"{name}: {text[-300:]!r}"
