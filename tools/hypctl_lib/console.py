"""Stream a simulator's UART: to stdout and a log, with --expect, timeouts and Ctrl-A x."""
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time
import tty

import serial

from . import telnet, vmstatus

PANIC_MARKER = "HYP PANIC"
CTRL_A = b"\x01"
# --send-after TEXT goes out in chunks this size, this far apart: the hypervisor's
# virtual PL011 has a 32-byte RX FIFO and drops what arrives while it is full.
SEND_CHUNK = 16
SEND_GAP = 0.05


class PtyLink:
    """A QEMU '-serial pty' UART opened with pyserial."""

    def __init__(self, path):
        self.port = serial.Serial(path, timeout=0)

    def fileno(self):
        return self.port.fileno()

    def read(self):
        try:
            return os.read(self.fileno(), 4096) or None
        except OSError:                 # EIO: the simulator closed the pty
            return None

    def write(self, data):
        self.port.write(data)

    def close(self):
        self.port.close()


class TelnetLink:
    """A UART served over Telnet (QEMU telnet chardev, FVP terminal_0)."""

    def __init__(self, port, alive=lambda: True, timeout=30.0):
        self.port = telnet.connect(port, timeout=timeout, alive=alive)
        self.filter = telnet.TelnetFilter()

    def fileno(self):
        return self.port._socket.fileno()

    def read(self):
        try:
            raw = self.port._socket.recv(4096)
        except BlockingIOError:
            return b""
        except OSError:
            return None
        return self.filter.feed(raw) if raw else None

    def write(self, data):
        self.port.write(telnet.escape(data))

    def close(self):
        self.port.close()


class PipeLink:
    """A '-serial stdio' UART: the child's stdout and stdin."""

    def __init__(self, proc):
        self.proc = proc

    def fileno(self):
        return self.proc.stdout.fileno()

    def read(self):
        return os.read(self.fileno(), 4096) or None

    def write(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except OSError:
            pass

    def close(self):
        pass


def stop(proc, grace=5.0):
    """SIGTERM, wait, then SIGKILL."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


class _RawStdin:
    """Put a tty stdin in raw mode (output post-processing kept); restore on exit."""

    def __init__(self):
        self.fd = sys.stdin.fileno() if sys.stdin and sys.stdin.isatty() else None
        self.saved = None

    def __enter__(self):
        if self.fd is not None:
            self.saved = termios.tcgetattr(self.fd)
            tty.setraw(self.fd)
            attrs = termios.tcgetattr(self.fd)
            attrs[1] |= termios.OPOST | termios.ONLCR
            termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
        return self

    def __exit__(self, *exc):
        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)


ESCAPE_RE = re.compile(r"\\(x[0-9A-Fa-f]{0,2}|.?)", re.S)
SIMPLE_ESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t", "\\": b"\\"}


def parse_escapes(text):
    """--send-after TEXT -> bytes: \\n \\r \\t \\\\ and \\xNN (two hex digits); the rest
    is UTF-8. ValueError naming the bad escape."""
    out = bytearray()
    pos = 0
    for m in ESCAPE_RE.finditer(text):
        out += text[pos:m.start()].encode()
        esc = m.group(1)
        if esc in SIMPLE_ESCAPES:
            out += SIMPLE_ESCAPES[esc]
        elif esc.startswith("x") and len(esc) == 3:
            out.append(int(esc[1:], 16))
        elif esc.startswith("x"):
            raise ValueError(f"\\{esc}: \\x needs two hex digits (e.g. \\x03)")
        elif not esc:
            raise ValueError("a lone \\ at the end (write \\\\ for a backslash)")
        else:
            raise ValueError(f"\\{esc}: unknown escape (use \\n, \\r, \\t, \\\\ or \\xNN)")
        pos = m.end()
    out += text[pos:].encode()
    return bytes(out)


def _say(msg):
    sys.stdout.flush()
    sys.stderr.write(f"\r\nhypctl: {msg}\n" if msg else "")
    sys.stderr.flush()


class Streamer:
    """Copies UART bytes to stdout/log and decides when the run is over."""

    def __init__(self, expect=(), timeout=None, log=None, out=None, expect_exit=False,
                 vms=(), send_after=(), record=None, hang_report=None, stopper=None):
        """hang_report: called at a timeout, before the simulator is stopped; the lines
        it returns (where every CPU is) are printed and logged. stopper(proc): how the
        run ends the simulator (default stop(): SIGTERM; QEMU's qemu.stop quits over QMP,
        quietly). expect_exit: wait for the simulator to exit even once every pattern was seen,
        and require every VM to exit with status 0. vms: the VM names to expect.
        send_after: [(regex, bytes)]: in order, once the UART output after the previous
        one's match matches regex, the bytes are typed into the UART (see pending).
        record: the file the simulator itself writes every UART byte to (QEMU's chardev
        logfile, the FVP's out_file). The live stream can lose its last bytes when the
        simulator exits (a pty master closed before they were read); once it has exited,
        what the record holds beyond the stream is fed too, so the verdict, the output and
        --log cover the UART up to its last byte."""
        self.sends = [(re.compile(p, re.M) if isinstance(p, str) else p, data)
                      for p, data in send_after]
        self.send_next = 0              # index of the next send-after to wait for
        self.send_from = 0              # where in self.text its search starts
        self.pending = b""              # bytes due to the UART (run() writes them)
        self.patterns = [re.compile(p, re.M) for p in expect]
        self.expect_exit = expect_exit
        self.vms = list(vms)
        self.seen = [False] * len(self.patterns)
        self.timeout = timeout
        self.log = log
        self.out = out if out is not None else sys.stdout.buffer
        self.text = ""
        self.raw = bytearray()          # every byte fed, as received
        self.record = record
        self.panic_at = None            # time the panic marker was first seen
        self.hang_report = hang_report
        self.stop = stopper or stop

    def feed(self, data):
        self.raw += data
        self.out.write(data)
        self.out.flush()
        if self.log:
            self.log.write(data)
            self.log.flush()
        self.text += data.decode("utf-8", "replace").replace("\r", "")
        for i, p in enumerate(self.patterns):
            if not self.seen[i] and p.search(self.text):
                self.seen[i] = True
        if self.panic_at is None and PANIC_MARKER in self.text:
            self.panic_at = time.monotonic()
        self._check_sends()

    def _check_sends(self):
        while self.send_next < len(self.sends):
            pattern, data = self.sends[self.send_next]
            m = pattern.search(self.text, self.send_from)
            if not m:
                break
            self.send_from = m.end()
            self.send_next += 1
            self.pending += data

    def take_pending(self, limit=None):
        """The next bytes due to the UART (at most limit of them)."""
        n = len(self.pending) if limit is None else limit
        data, self.pending = self.pending[:n], self.pending[n:]
        return data

    def sends_missing(self):
        return ", ".join(repr(p.pattern) for p, _ in self.sends[self.send_next:])

    def all_seen(self):
        return bool(self.patterns) and all(self.seen)

    def missing(self):
        return ", ".join(repr(p.pattern) for p, s in zip(self.patterns, self.seen) if not s)

    def panic_verdict(self, final=False):
        """True if the hypervisor panicked and no --expect pattern asked for it."""
        if self.panic_at is None:
            return False
        start = self.text.index(PANIC_MARKER)
        line = self.text[self.text.rfind("\n", 0, start) + 1:]
        complete = "\n" in line
        line = line.split("\n", 1)[0]
        if any(p.search(line) or p.search(PANIC_MARKER) for p in self.patterns):
            return False
        return final or complete or time.monotonic() - self.panic_at > 1.0

    def run(self, proc, link, interactive=True):
        """Stream until done; return the exit code for hypctl."""
        deadline = time.monotonic() + self.timeout if self.timeout else None
        stdin_fd = (sys.stdin.fileno()
                    if interactive and sys.stdin and sys.stdin.isatty() else None)
        escape = False
        link_open = True
        next_send = 0.0                 # when the next --send-after chunk may go
        try:
            with _RawStdin() if stdin_fd is not None else _Null():
                while True:
                    fds = ([link.fileno()] if link_open else []) + \
                          ([stdin_fd] if stdin_fd is not None else [])
                    ready, _, _ = select.select(fds, [], [], 0.02 if self.pending else 0.05)
                    if link_open and link.fileno() in ready:
                        data = link.read()         # None: end of file
                        if data is None:
                            link_open = False
                        elif data:
                            self.feed(data)
                    if self.pending and link_open and time.monotonic() >= next_send:
                        link.write(self.take_pending(SEND_CHUNK))
                        next_send = time.monotonic() + SEND_GAP
                    if stdin_fd in ready:
                        keys = os.read(stdin_fd, 64)
                        if escape or CTRL_A in keys:
                            rest = keys.split(CTRL_A, 1)[-1] if not escape else keys
                            if not rest:
                                escape = True
                                continue
                            escape = False
                            if rest[:1] in (b"x", b"X"):
                                self.stop(proc)
                                _say("quit (Ctrl-A x)")
                                return 0
                            keys = keys.replace(CTRL_A + CTRL_A, CTRL_A)
                        link.write(keys)
                    if self.all_seen() and not self.expect_exit:
                        self.stop(proc)
                        return 0
                    if self.panic_verdict():
                        self.stop(proc)
                        _say("hypervisor panicked")
                        return 1
                    status = proc.poll()
                    if status is not None and (not link_open or not ready):
                        if link_open:
                            self._drain(link)
                        self.catch_up()
                        return self._exited(status)
                    if deadline and time.monotonic() > deadline:
                        if self.hang_report:
                            _say(f"timeout after {self.timeout:g} s: where every CPU is")
                            for line in self.hang_report():
                                _say("  " + line)
                                if self.log:
                                    self.log.write(f"hypctl: {line}\n".encode())
                        self.stop(proc)
                        if self.patterns:
                            _say(f"timeout after {self.timeout:g} s; not seen: {self.missing()}")
                        else:
                            _say(f"timeout after {self.timeout:g} s (simulator stopped)")
                        if self.send_next < len(self.sends):
                            _say(f"--send-after never triggered: {self.sends_missing()}")
                        return 1
        except KeyboardInterrupt:
            self.stop(proc)
            _say("interrupted; simulator stopped")
            return 130

    def _drain(self, link, limit=1.0):
        """The simulator has exited: take what is still in flight before judging."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            ready, _, _ = select.select([link.fileno()], [], [], 0.05)
            if not ready:
                break
            data = link.read()
            if not data:
                break
            self.feed(data)

    def catch_up(self):
        """Feed what the record holds beyond the bytes streamed (the simulator has exited,
        so the record is complete). If the stream is not a prefix of the record (bytes
        lost mid-stream), the record is judged instead and its differing rest printed."""
        if not self.record:
            return
        try:
            with open(self.record, "rb") as f:
                full = f.read()
        except OSError as e:
            _say(f"cannot read the UART record {self.record}: {e.strerror}")
            return
        same = len(os.path.commonprefix([full, bytes(self.raw)]))
        if same == len(self.raw):       # the stream is a prefix of the record
            if len(full) > same:
                self.feed(full[same:])
            return
        _say(f"the live UART stream differs from the simulator's record after byte {same}: "
             f"the record ({len(full)} bytes) is what counts; its rest follows")
        self.raw = bytearray(full[:same])
        self.text = full[:same].decode("utf-8", "replace").replace("\r", "")
        self.seen = [False] * len(self.patterns)
        self.panic_at = None
        self.feed(full[same:])

    def _exited(self, status):
        if self.all_seen() and not self.expect_exit:
            return 0
        if self.panic_verdict(final=True):
            _say("hypervisor panicked")
            return 1
        if self.patterns and not self.all_seen():
            _say(f"simulator exited with status {status} before {self.missing()} were seen")
            return 1
        rc, lines = vmstatus.verdict(self.text, self.vms, status)
        for line in lines:
            _say(line)
        return rc


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


def ignore_sigint_in_child():
    """preexec_fn: the simulator does not see the terminal's Ctrl-C (hypctl handles it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
