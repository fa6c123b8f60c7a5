"""hypctl run --send-after REGEX TEXT: escape parsing, ordering, and the uart guest end to end."""
import io
import os
import re
import subprocess

import pytest

from conftest import ROOT
from hypctl_lib import console

HYPCTL = os.path.join(ROOT, "tools", "hypctl")
BUILD = os.path.join(ROOT, "build", "qemu-virt-gcc")


# ---- escapes ---------------------------------------------------------------

@pytest.mark.parametrize("text, data", [
    ("hyp!\\n", b"hyp!\n"),
    ("a\\r\\nb", b"a\r\nb"),
    ("\\t", b"\t"),
    ("\\x03\\x1b[A\\xff", b"\x03\x1b[A\xff"),
    ("\\xAb", b"\xab"),
    ("back\\\\slash\\\\n", b"back\\slash\\n"),
    ("plain", b"plain"),
    ("", b""),
    ("h\u00e9", "h\u00e9".encode()),
])
def test_parse_escapes(text, data):
    assert console.parse_escapes(text) == data


@pytest.mark.parametrize("text, msg", [
    ("\\q", "unknown escape"),
    ("\\x4", "two hex digits"),
    ("\\xg0", "two hex digits"),
    ("end\\", "lone"),
])
def test_parse_escapes_rejects(text, msg):
    with pytest.raises(ValueError, match=msg):
        console.parse_escapes(text)


# ---- ordering --------------------------------------------------------------

def streamer(*pairs, **kw):
    return console.Streamer(out=io.BytesIO(), send_after=[(p, d) for p, d in pairs], **kw)


def test_send_after_in_order():
    s = streamer(("login:", b"root\n"), ("Password:", b"pw\n"))
    s.feed(b"Password: (too early)\n")
    assert s.take_pending() == b""             # the first pattern comes first
    s.feed(b"login: ")
    assert s.take_pending() == b"root\n"
    s.feed(b"Password: ")
    assert s.take_pending() == b"pw\n"
    s.feed(b"login: Password: ")
    assert s.take_pending() == b""             # each fires once


def test_send_after_searches_after_previous_match():
    # the same pattern twice needs two occurrences, the second after the first
    s = streamer(("# ", b"one\n"), ("# ", b"two\n"))
    s.feed(b"# ")
    assert s.take_pending() == b"one\n"
    s.feed(b"one\r\n")
    assert s.take_pending() == b""
    s.feed(b"# ")
    assert s.take_pending() == b"two\n"


def test_send_after_several_in_one_chunk_and_split_across_chunks():
    s = streamer(("a", b"1"), ("b", b"2"), ("ready for input", b"3"))
    s.feed(b"xaxbx ready for")
    assert s.take_pending() == b"12"
    s.feed(b" input\r\n")
    assert s.take_pending() == b"3"
    assert s.send_next == 3 and s.sends_missing() == ""


def test_send_after_regex_and_multiline():
    s = streamer((r"^uart: ready", b"x"), (r"SUMMARY \w+: \d+", b"y"))
    s.feed(b"[g] uart: ready\r\n")
    assert s.take_pending() == b""             # ^ anchors at a line start
    s.feed(b"uart: ready\r\nSUMMARY uart: 12 passed\n")
    assert s.take_pending() == b"xy"


def test_take_pending_in_chunks():
    s = streamer(("go", b"0123456789"))
    s.feed(b"go")
    assert s.take_pending(4) == b"0123"
    assert s.take_pending(4) == b"4567"
    assert s.take_pending() == b"89"
    assert s.take_pending() == b""


def test_send_after_not_triggered_is_reported():
    s = streamer(("never", b"x"), ("later", b"y"))
    s.feed(b"something else")
    assert s.sends_missing() == "'never', 'later'"


# ---- the command line --------------------------------------------------------

def hypctl(*args, timeout=60):
    return subprocess.run([HYPCTL, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def test_cli_bad_regex():
    r = hypctl("run", "--no-build", "--config", "configs/basic.dts", "--send-after", "(", "x")
    assert r.returncode == 2 and "--send-after" in r.stderr and "regular expression" in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_bad_escape():
    r = hypctl("run", "--no-build", "--config", "configs/basic.dts", "--send-after", "x", "\\q")
    assert r.returncode == 2 and "--send-after" in r.stderr and "unknown escape" in r.stderr


def test_cli_needs_two_values():
    r = hypctl("run", "--no-build", "--config", "configs/basic.dts", "--send-after", "x")
    assert r.returncode == 2 and "--send-after" in r.stderr


# ---- end to end: the uart guest's RX check -----------------------------------

@pytest.mark.parametrize("uart", ["pty", "stdio", "telnet"])
def test_uart_guest_rx(uart):
    for f in ("out.elf", "tests/guests/guest-uart.elf"):
        if not os.path.exists(os.path.join(BUILD, f)):
            pytest.skip(f"{BUILD}/{f} not built (hypctl build)")
    r = hypctl("run", "--no-build", "--uart", uart, "--config", "configs/test-uart.dts",
               "--send-after", "uart: ready for input", "hyp!\\n",
               "--expect", r"SUMMARY uart: \d+ passed, 0 failed", "--expect-exit",
               "--timeout", "90", timeout=150)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert re.search(r"SUMMARY uart: \d+ passed, 0 failed", r.stdout)
