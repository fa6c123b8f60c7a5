"""The UART attach paths (Telnet, pty) against a real QEMU running a tiny program."""
import io
import shutil
import subprocess

import pytest

from hypctl_lib import console, qemu, util

PROG = r"""
.global _start
_start:
    ldr  x1, =0x09000000        // PL011 UART0 data register on QEMU virt
    adr  x2, msg
1:  ldrb w3, [x2], #1
    cbz  w3, 2f
    str  w3, [x1]
    b    1b
2:  b    2b
msg: .asciz "TELNET-OK\n"
"""


@pytest.fixture(scope="module")
def prog(tmp_path_factory):
    for tool in ("qemu-system-aarch64", "aarch64-linux-gnu-gcc"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} is not installed")
    d = tmp_path_factory.mktemp("prog")
    (d / "prog.S").write_text(PROG)
    subprocess.run(["aarch64-linux-gnu-gcc", "-nostdlib", "-static", "-Wl,-Ttext=0x40000000",
                    "-Wl,--build-id=none", "-o", str(d / "prog.elf"), str(d / "prog.S")],
                   check=True)
    return d


def base_cmd(d, chardev):
    return ["qemu-system-aarch64", "-nodefaults", "-M", "virt", "-cpu", "cortex-a57",
            "-display", "none", "-kernel", str(d / "prog.elf"), "-chardev", chardev,
            "-serial", f"chardev:{qemu.UART_ID}"]


def read_until(proc, link, text, timeout=20):
    """Stream until text was seen (the run stops there: bytes after it may be unread,
    so a pattern ends with everything the caller compares)."""
    out = io.BytesIO()
    rc = console.Streamer([text], timeout, out=out).run(proc, link, interactive=False)
    return rc, out.getvalue()


def test_telnet_attach(prog):
    port = util.free_port()
    qmp = str(prog / "qmp-telnet.sock")
    cmd = base_cmd(prog, qemu.uart_chardev("telnet", port)) + \
        ["-qmp", f"unix:{qmp},server=on,wait=off", "-S"]
    proc, link = qemu.launch(cmd, "telnet", telnet_port=port, qmp=qmp)
    try:
        rc, out = read_until(proc, link, "TELNET-OK\n")
    finally:
        console.stop(proc)
        link.close()
    assert rc == 0
    assert out == b"TELNET-OK\n"        # negotiation bytes filtered out


def test_pty_attach(prog):
    qmp = str(prog / "qmp-pty.sock")
    cmd = base_cmd(prog, qemu.uart_chardev("pty")) + ["-qmp", f"unix:{qmp},server=on,wait=off", "-S"]
    proc, link = qemu.launch(cmd, "pty", qmp=qmp)
    try:
        rc, out = read_until(proc, link, "TELNET-OK\n")
    finally:
        console.stop(proc)
        link.close()
    assert rc == 0 and out == b"TELNET-OK\n"
    assert proc.poll() is not None      # stopped once the pattern was seen


def test_expect_timeout_reports_missing(prog, capsys):
    proc, link = qemu.launch(base_cmd(prog, qemu.uart_chardev("stdio")), "stdio")
    try:
        out = io.BytesIO()
        rc = console.Streamer(["TELNET-OK", "NEVER"], 2, out=out).run(proc, link, False)
    finally:
        console.stop(proc)
    assert rc == 1 and b"TELNET-OK" in out.getvalue()
    assert "timeout after 2 s; not seen: 'NEVER'" in capsys.readouterr().err


def test_panic_marker_fails_unless_expected():
    s = console.Streamer()
    s.out = io.BytesIO()
    s.feed(b"boot\r\nHYP PANIC: EC 0x00\r\n")
    assert s.panic_verdict()
    s = console.Streamer([r"HYP PANIC: EC 0x00"], out=io.BytesIO())
    s.feed(b"HYP PANIC: EC 0x00\n")
    assert not s.panic_verdict() and s.all_seen()
