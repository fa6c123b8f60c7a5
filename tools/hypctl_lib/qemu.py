"""QEMU 'virt': the command line (pure) and the launch with a UART link."""
import bisect
import json
import os
import re
import socket
import subprocess
import time

from . import console, elf, util
from .errors import HypctlError

QEMU = "qemu-system-aarch64"
UART_ID = "uart0"
PTY_RE = re.compile(r"char device redirected to (/dev/pts/\d+) \(label " + UART_ID + r"\)")


def uart_chardev(uart, telnet_port=None, record=None):
    """The -chardev for UART0 (id uart0). record: a file QEMU writes every byte the UART
    sends to, whether or not anyone reads the live stream (chardev 'logfile'): the
    complete record hypctl judges once the simulator has exited."""
    if uart == "pty":
        dev = "pty"
    elif uart == "telnet":
        dev = f"socket,host=127.0.0.1,port={telnet_port},telnet=on,server=on,wait=on"
    elif uart == "stdio":
        dev = "stdio,signal=off"
    else:
        raise ValueError(uart)
    dev += f",id={UART_ID}"
    if record:
        dev += f",logfile={record},logappend=off"
    return dev


def qemu_command(elf, pack, pack_base, smp=4, el=3, gic=3, cpu="cortex-a57", mem="2G",
                 icount=False, uart="pty", telnet_port=None, gdb=False, gdb_port=None,
                 qmp=None, record=None, mte=False, devices=()):
    """The qemu-system-aarch64 argv.

    -nodefaults: exactly the devices the hypervisor uses (UART0, the pack loader), so no
    default NIC wants its option ROM (ipxe-qemu's efi-virtio.rom) and nothing else
    appears on the machine. record: see uart_chardev.

    gdb: '-s -S' (gdb_port: '-gdb tcp::PORT -S' instead). qmp: a unix socket path for a
    QMP server, with the guest started paused (-S) so hypctl can attach the pty or Telnet
    UART before the first byte is sent (QEMU drops UART output while nobody listens,
    and a Telnet client's first bytes while the Telnet handshake runs).

    mte: the machine gets tag memory (mte=on), so a CPU with MTE (-cpu max) has
    FEAT_MTE2 and more, which the hypervisor then offers its guests. devices: more
    -device SPECs (e.g. pci-testdev, behind QEMU virt's PCIe host bridge).
    """
    # el 3: every CPU starts at EL3 (secure=on); 2: CPU 0 at EL2 over QEMU's PSCI firmware;
    # 1: no EL2 at all (the hypervisor must refuse to run, saying why).
    machine = "virt," + ("secure=on," if el == 3 else "") + \
        ("virtualization=on," if el >= 2 else "") + ("mte=on," if mte else "") + \
        f"gic-version={gic}"
    cmd = [QEMU, "-nodefaults", "-M", machine, "-cpu", cpu, "-smp", str(smp), "-m", mem,
           "-display", "none", "-monitor", "none",
           "-semihosting-config", "enable=on,target=native",
           "-kernel", elf,
           "-device", f"loader,file={pack},addr={pack_base:#x},force-raw=on",
           "-chardev", uart_chardev(uart, telnet_port, record),
           "-serial", f"chardev:{UART_ID}"]
    for d in devices:
        cmd += ["-device", d]
    if icount:
        cmd += ["-icount", "shift=0,sleep=off"]
    if gdb_port:
        cmd += ["-gdb", f"tcp::{gdb_port}", "-S"]
    elif gdb:
        cmd += ["-s", "-S"]
    if qmp:
        cmd += ["-qmp", f"unix:{qmp},server=on,wait=off"]
        if "-S" not in cmd:
            cmd.append("-S")
    return cmd


def _qmp(sock, *requests):
    """On a connected QMP socket: the greeting, capabilities, then each request in turn;
    the last reply's 'return' (None when QEMU answered with an error)."""
    reply = {}
    with sock.makefile("rwb") as f:
        f.readline()                    # greeting
        for req in ({"execute": "qmp_capabilities"},) + requests:
            f.write(json.dumps(req).encode() + b"\n")
            f.flush()
            while True:                 # skip asynchronous events
                reply = json.loads(f.readline() or b"{}")
                if "return" in reply or "error" in reply or not reply:
                    break
    return reply.get("return")


def qmp_cont(path, timeout=10.0):
    """Resume a paused QEMU through its QMP socket (waiting for QEMU to create it)."""
    deadline = time.monotonic() + timeout
    while True:
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(path)
            break
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                raise HypctlError(f"QEMU's QMP socket {path} did not appear")
            time.sleep(0.05)
    with s:
        _qmp(s, {"execute": "cont"})


def stop(proc, qmp=None, grace=3.0):
    """End QEMU: through QMP 'quit' when it has a QMP socket (QEMU then exits quietly,
    where a SIGTERM makes it print 'terminating on signal 15 from pid N' on the user's
    terminal), else, or if that does not end it within grace seconds, as
    console.stop does (SIGTERM, then SIGKILL). Its exit status."""
    if proc.poll() is None and qmp and os.path.exists(qmp):
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.settimeout(grace)
                s.connect(qmp)
                _qmp(s, {"execute": "quit"})
            proc.wait(grace)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            pass
    return console.stop(proc)


def qmp_hmp(path, command, timeout=5.0):
    """Run a human-monitor command over QEMU's QMP socket; its text output."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(timeout)
        s.connect(path)
        out = _qmp(s, {"execute": "human-monitor-command",
                       "arguments": {"command-line": command}})
    return out if isinstance(out, str) else ""


CPU_BLOCK_RE = re.compile(r"^CPU#(\d+)\s*$", re.M)


def _where(syms, addr):
    """'name+0xoff' for addr inside the hypervisor's image (syms: sorted (value, name))."""
    i = bisect.bisect_right(syms, (addr, "\xff")) - 1
    if i < 0 or addr - syms[i][0] > 0x10000:
        return None
    return f"{syms[i][1]}+{addr - syms[i][0]:#x}"


def cpu_report(qmp_path, elf_path):
    """Where every CPU is, from QEMU's registers: one line per CPU with its exception
    level, PC and LR, named by the hypervisor's symbols when they are EL2 addresses."""
    try:
        text = qmp_hmp(qmp_path, "info registers -a")
    except (OSError, ValueError) as e:
        return [f"no CPU report: QEMU's monitor did not answer ({e})"]
    try:
        syms = sorted((v, n) for n, v in elf.read_symbols(elf_path).items() if v)
    except (OSError, elf.ElfError):
        syms = []
    parts = CPU_BLOCK_RE.split(text)
    lines = []
    for cpu, body in zip(parts[1::2], parts[2::2]):
        pc = re.search(r"\bPC=([0-9a-f]+)", body)
        lr = re.search(r"\bX30=([0-9a-f]+)", body)
        el = re.search(r"PSTATE=[0-9a-f]+ \S+ (?:NS |S )?(EL\dh|EL\dt)", body)
        level = el.group(1) if el else "EL?"
        line = f"CPU {cpu}: {level}"
        for name, m in (("pc", pc), ("lr", lr)):
            if not m:
                continue
            addr = int(m.group(1), 16)
            where = _where(syms, addr) if level.startswith(("EL2", "EL3")) else None
            line += f" {name} {addr:#x}" + (f" ({where})" if where else "")
        if not level.startswith(("EL2", "EL3")):
            line += " (in a guest)"
        lines.append(line)
    return lines or ["no CPU report: QEMU printed no registers"]


def launch(cmd, uart, telnet_port=None, qmp=None, resume=True):
    """Start QEMU; return (proc, link). resume: send 'cont' over QMP once attached."""
    try:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE if uart == "stdio" else subprocess.DEVNULL,
            stdout=subprocess.PIPE if uart in ("stdio", "pty") else None,
            stderr=subprocess.STDOUT if uart == "pty" else None,
            preexec_fn=console.ignore_sigint_in_child)
    except FileNotFoundError:
        raise HypctlError(f"{cmd[0]} not found: run tools/setup-deps")
    try:
        if uart == "pty":
            # QEMU 7.2 prints the pty path on stdout (merged with stderr here).
            m, text = util.wait_for_output(proc.stdout, PTY_RE, 15)
            if not m:
                console.stop(proc)
                raise HypctlError(f"QEMU did not open a pty UART:\n{text.strip()}")
            util.forward(proc.stdout)
            link = console.PtyLink(m.group(1))
        elif uart == "telnet":
            link = console.TelnetLink(telnet_port, alive=lambda: proc.poll() is None)
        else:
            link = console.PipeLink(proc)
        if qmp and resume:
            time.sleep(0.2)             # let QEMU see the pty's slave side open
            qmp_cont(qmp)
    except BaseException:
        console.stop(proc)
        raise
    return proc, link
