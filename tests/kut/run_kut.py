#!/usr/bin/env python3
"""kvm-unit-tests as the judge (meson suite 'kut').

Runs every arm64 test of kvm-unit-tests' arm/unittests.cfg twice on the same QEMU:
natively (the test image at EL1 on QEMU virt, as its own run script does) and as a
guest of the hypervisor (tools/hypctl run: the same image, command line, vCPUs,
memory and GIC version). A test passes when kvm-unit-tests says so ("EXIT:
STATUS=1"), is skipped on "EXIT: STATUS=77", fails otherwise (no EXIT line: a hang
or a crash). The suite fails when a test that passes natively does not pass as a
guest. Prints one line per test and

  kut native: N passed, N failed, N skipped
  kut guest: N passed, N failed, N skipped

  run_kut.py KUT_BUILD_DIR [--only NAME ...] [--gic 3|2] [--max-smp N] [--timeout S]
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

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
        why = ("not an arm64 test" if t.get("arch", "arm64") != "arm64" else
               "needs QEMU live migration, which this runner does not drive"
               if "migration" in t.get("groups", "").split() else None)
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
        native = run(["qemu-system-aarch64", "-nodefaults", "-M", machine, "-cpu", cpu,
                      "-smp", str(smp), "-m", str(mem), "-display", "none", "-serial", "stdio",
                      "-device", "pci-testdev", "-kernel", flat, "-append", args], timeout)
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
        guest = run(guest_cmd, timeout)
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
