#!/usr/bin/env python3
"""kvm-unit-tests as the judge (meson suite 'kut').

Runs every arm64 test of kvm-unit-tests' arm/unittests.cfg twice on the same QEMU:
natively (the test image at EL1 on QEMU virt, as its own run script does) and as a
guest of the hypervisor (tools/hypctl run: the same image, command line, vCPUs,
memory and GIC version). A test passes when kvm-unit-tests says so ("EXIT:
STATUS=1"), is skipped on "EXIT: STATUS=77", fails otherwise (no EXIT line: a hang
or a crash). Tests of the migration group are migrated as kvm-unit-tests'
run_migration does it (each "Now migrate the VM": a new QEMU with -incoming, QMP
migrate, a key press on the console); as a guest, the whole machine with the
hypervisor in it moves. The suite fails when a test that passes natively does not
pass as a guest. Prints one line per test and

  kut native: N passed, N failed, N skipped
  kut guest: N passed, N failed, N skipped

  run_kut.py KUT_BUILD_DIR [--only NAME ...] [--gic 3|2] [--cpu CPU] [--max-smp N]
             [--timeout S] [--log-dir DIR]
"""
import argparse
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HYPCTL = os.path.join(ROOT, "tools", "hypctl")
EXIT_RE = re.compile(r"^EXIT: STATUS=(\d+)", re.M)


def parse_cfg(path):
    """[(name, {key: value})] in file order; values unquoted."""
    tests, cur = [], None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^\[(.+)\]$", line)
            if m:
                cur = {}
                tests.append((m.group(1), cur))
                continue
            if cur is not None and "=" in line:
                k, v = line.split("=", 1)
                v = v.strip()
                if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
                    v = v[1:-1]
                cur[k.strip()] = v
    return tests


def smp_of(spec, max_smp):
    """'2', '$MAX_SMP', '$((($MAX_SMP < 8)?$MAX_SMP:8))'."""
    expr = (spec or "1").replace("$MAX_SMP", str(max_smp))
    m = re.fullmatch(r"\$\(\(\((\d+) < (\d+)\)\?(\d+):(\d+)\)\)", expr)
    if m:
        a, b, c, d = (int(x) for x in m.groups())
        return c if a < b else d
    return int(expr)


def verdict(out):
    """'pass', 'skip' or 'fail', and the status kvm-unit-tests printed (None: no EXIT line).
    lib/arm/io.c prints (code << 1) | 1: 1 is a pass, 77 a skip (report_summary returns
    77 >> 1 when everything was skipped), anything else a failure."""
    m = EXIT_RE.search(out)
    if not m:
        return "fail", None
    status = int(m.group(1))
    return ("pass" if status == 1 else "skip" if status == 77 else "fail"), status


class Qemu:
    """One QEMU of a migration: its console (stdin, stdout collected by a thread) and
    a QMP socket."""

    def __init__(self, cmd, tmp, tag, incoming=None):
        self.qmp_path = os.path.join(tmp, f"qmp-{tag}")
        extra = ["-chardev", f"socket,id=mon,path={self.qmp_path},server=on,wait=off",
                 "-mon", "chardev=mon,mode=control"]
        if incoming:
            extra += ["-incoming", f"unix:{incoming}"]
        self.proc = subprocess.Popen(cmd + extra, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.out = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for chunk in iter(lambda: self.proc.stdout.read1(4096), b""):
            self.out += chunk

    def text(self):
        return bytes(self.out).decode("utf-8", "replace")

    def key(self):
        """'press a key to continue': a newline to the console."""
        self.proc.stdin.write(b"\n")
        self.proc.stdin.flush()

    def qmp(self, *requests, wait=10.0):
        end = time.monotonic() + wait
        while not os.path.exists(self.qmp_path) and time.monotonic() < end:
            time.sleep(0.05)
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(self.qmp_path)
            f = s.makefile("rwb")
            f.readline()
            reply = None
            for req in ({"execute": "qmp_capabilities"},) + requests:
                f.write(json.dumps(req).encode() + b"\n")
                f.flush()
                while True:
                    reply = json.loads(f.readline() or b"{}")
                    if "return" in reply or "error" in reply or not reply:
                        break
            return reply

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.reader.join(timeout=5)


def run_migrating(cmd, timeout):
    """cmd's QEMU run as kvm-unit-tests' run_migration does: at each "Now migrate the VM"
    the machine moves to a new QEMU (-incoming, QMP migrate) and gets the key press it
    waits for; at "Skipped VM migration" it just gets the key. The consoles' output,
    source then destinations, and what went wrong, if anything."""
    end = time.monotonic() + timeout + 30
    log = []
    with tempfile.TemporaryDirectory(prefix="kut-mig-") as tmp:
        cur, seen, n = Qemu(cmd, tmp, 0), 0, 0
        try:
            while cur.proc.poll() is None and time.monotonic() < end:
                text = cur.text()
                hits = [(text.find(m, seen), m) for m in ("Now migrate the VM",
                                                           "Skipped VM migration")]
                hits = sorted(h for h in hits if h[0] >= 0)
                if not hits:
                    time.sleep(0.05)
                    continue
                at, what = hits[0]
                seen = at + len(what)
                if what.startswith("Skipped"):
                    cur.key()
                    continue
                n += 1
                sock = os.path.join(tmp, f"mig-{n}")
                dst = Qemu(cmd, tmp, n, incoming=sock)
                while not os.path.exists(sock) and dst.proc.poll() is None and \
                        time.monotonic() < end:
                    time.sleep(0.05)
                cur.qmp({"execute": "migrate", "arguments": {"uri": f"unix:{sock}"}})
                status = None
                while time.monotonic() < end:
                    q = cur.qmp({"execute": "query-migrate"}) or {}
                    status = q.get("return", {}).get("status")
                    if status in ("completed", "failed", "cancelled"):
                        break
                    time.sleep(0.1)
                log.append(cur.text())
                cur.stop()
                if status != "completed":
                    dst.stop()
                    return "".join(log) + f"\n(migration {n}: {status})\n"
                cur, seen = dst, 0
                cur.key()
            timed_out = cur.proc.poll() is None
        finally:
            cur.stop()
            log.append(cur.text())
    return "".join(log) + ("\n(timeout)\n" if timed_out else "")


def run_guest_migrating(hypctl_cmd, timeout):
    """The machine 'hypctl run' would start (its --dry-run command: the hypervisor, the
    pack, UART0 on stdio), migrated as run_migrating does; the pack removed after."""
    r = subprocess.run(hypctl_cmd + ["--dry-run"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = r.stdout.decode().strip().splitlines()
    if r.returncode or not lines:
        return r.stderr.decode("utf-8", "replace") + "\n(hypctl --dry-run failed)\n"
    cmd = shlex.split(lines[-1])
    packs = [m.group(1) for a in cmd for m in [re.match(r"loader,file=([^,]+)", a)] if m]
    try:
        return run_migrating(cmd, timeout)
    finally:
        for p in packs:
            if os.path.exists(p):
                os.unlink(p)


def run(cmd, timeout):
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout + 30)
        return r.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b"").decode("utf-8", "replace") + "\n(timeout)\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kut_dir")
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--gic", default="3", help="for tests whose cfg names no GIC version")
    ap.add_argument("--max-smp", type=int, default=4)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--cpu", default="cortex-a57")
    ap.add_argument("--log-dir", default=None, help="keep each run's output here")
    a = ap.parse_args()

    totals = {"native": {"pass": 0, "fail": 0, "skip": 0},
              "guest": {"pass": 0, "fail": 0, "skip": 0}}
    regressions = []
    for name, t in parse_cfg(os.path.join(a.kut_dir, "arm", "unittests.cfg")):
        if a.only and name not in a.only:
            continue
        params = shlex.split(t.get("qemu_params", ""))
        # accel = kvm tests (micro-bench, fpu-context) run under TCG too: both sides alike.
        # migration tests: both QEMUs driven as kvm-unit-tests' run_migration drives them.
        why = "not an arm64 test" if t.get("arch", "arm64") != "arm64" else None
        migrating = "migration" in t.get("groups", "").split()
        if why:
            print(f"kut: {name}: {why} (not run)")
            for side in totals:
                totals[side]["skip"] += 1
            continue
        flat = os.path.join(a.kut_dir, "arm", t["file"])
        smp = smp_of(t.get("smp"), a.max_smp)
        mem, gic, cpu, machine_extra = 256, a.gic, a.cpu, []
        for i, p in enumerate(params):
            if p == "-m":
                mem = int(params[i + 1])
            if p == "-machine":
                for opt in params[i + 1].split(","):
                    if opt.startswith("gic-version="):
                        gic = opt.split("=", 1)[1]
                    else:
                        machine_extra.append(opt)
        if "mte=on" in machine_extra:
            cpu = "max"
        args = t.get("test_args", "")
        timeout = int(t.get("timeout", "0").rstrip("s") or 0) or a.timeout
        machine = ",".join(["virt", f"gic-version={gic}"] + machine_extra)
        # Natively as kvm-unit-tests' arm/run starts QEMU: with its PCI test device.
        native_cmd = ["qemu-system-aarch64", "-nodefaults", "-M", machine, "-cpu", cpu,
                      "-smp", str(smp), "-m", str(mem), "-display", "none", "-serial", "stdio",
                      "-device", "pci-testdev", "-kernel", flat, "-append", args]
        native = run_migrating(native_cmd, timeout) if migrating else run(native_cmd, timeout)
        # As a guest: the same machine, its PCIe host bridge (and the test device behind
        # it) passed through to the VM.
        guest_cmd = [HYPCTL, "run", "--no-build", "--uart", "stdio", "--timeout", str(timeout),
                     "--gic", gic, "--smp", str(max(4, smp)), "--kernel", flat,
                     "--vcpus", str(smp), "--mem", f"{mem}M", "--name", name[:31],
                     "--device", "pci-testdev", "--pci-passthrough"]
        if args:
            guest_cmd += ["--append", args]
        guest_cmd += ["--cpu", cpu]
        if "mte=on" in machine_extra:
            guest_cmd.append("--mte")
        guest = run_guest_migrating(guest_cmd, timeout) if migrating else run(guest_cmd, timeout)
        nv, ncode = verdict(native)
        gv, gcode = verdict(guest)
        totals["native"][nv] += 1
        totals["guest"][gv] += 1
        if a.log_dir:
            os.makedirs(a.log_dir, exist_ok=True)
            for side, text in (("native", native), ("guest", guest)):
                with open(os.path.join(a.log_dir, f"{name}.{side}.log"), "w") as f:
                    f.write(text)
        mark = "REGRESSION" if nv == "pass" and gv != "pass" else "ok"
        if mark == "REGRESSION":
            regressions.append(name)
        print(f"kut: {name}: native {nv.upper()}, guest {gv.upper()}"
              + (f" (status {gcode})" if gv == "fail" and gcode is not None else
                 " (no EXIT line)" if gv == "fail" else "")
              + ("  <- passes natively" if mark == "REGRESSION" else ""), flush=True)
    for side in ("native", "guest"):
        c = totals[side]
        print(f"kut {side}: {c['pass']} passed, {c['fail']} failed, {c['skip']} skipped")
    if regressions:
        print(f"kut: {len(regressions)} test(s) pass natively but not as a guest: "
              + ", ".join(regressions))
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
