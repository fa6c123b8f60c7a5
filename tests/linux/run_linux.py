#!/usr/bin/env python3
"""Linux regression boot (meson suite 'linux').

Boots Debian's unmodified arm64 kernel with the test initramfs under the
hypervisor on QEMU and checks what the guest printed: the init marker, the
CPUs and memory it sees, the workload's result, a clean kernel log, and a
clean power-off ending the VM (and the run) with status 0.

Exit 77 (meson: skipped) when the Linux guest is not cached: `hypctl test`
fetches it first (`hypctl linux fetch`).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from linux import guest  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "tests", "vms"))
import variant  # noqa: E402

SKIP = 77


def checker(failures):
    """check(ok, what): prints PASS/FAIL what, and collects the failures."""
    def check(ok, what):
        print(("PASS " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)
    return check


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gic", default="3")
    ap.add_argument("--vcpus", type=int, default=2)
    ap.add_argument("--mem-mib", type=int, default=256)
    ap.add_argument("--smp", default="4", help="host CPUs")
    ap.add_argument("--with-crash", action="store_true",
                    help="run the in-tree crash guest next to Linux (configs/linux-and-crash.dts)")
    ap.add_argument("--reset-loop", type=int, default=0, metavar="N",
                    help="configs/linux-reset-loop.dts: N SYSTEM_RESETs beside a heartbeat VM")
    a = ap.parse_args()

    paths = guest.cached_paths()
    if not paths:
        print("Linux guest not cached: run 'tools/hypctl linux fetch' (skipping)")
        return SKIP
    cache = guest.default_cache_dir()
    initrd = os.path.join(cache, "initramfs-test.cpio.gz")
    if not os.path.exists(initrd):
        guest.ensure_guest()
    else:
        guest.ensure_initramfs(paths.busybox, initrd, "test")     # rebuilt if its script changed
    hypctl = os.path.join(ROOT, "tools", "hypctl")
    log = tempfile.NamedTemporaryFile(prefix="linux-", suffix=".log", delete=False).name
    # -icount: the guest's time is instructions executed, so a loaded host stalling QEMU
    # is invisible to it ('hrtimer: interrupt took 20182128 ns' in a clean-dmesg check
    # was host load); a hypervisor that stalled at EL2 still shows, in instructions.
    cmd = [hypctl, "run", "--no-build", "--uart", "stdio", "--timeout", "600", "--icount",
           "--gic", a.gic, "--smp", a.smp, "--log", log]
    if a.reset_loop:
        return reset_loop(a, cmd)
    if a.with_crash:
        cmd += ["--config", os.path.join(ROOT, "configs", "linux-and-crash.dts")]
        vm = "linux"
    else:
        cmd += ["--kernel", paths.kernel, "--initrd", initrd, "--append", "console=ttyAMA0 panic=-1",
                "--vcpus", str(a.vcpus), "--mem", f"{a.mem_mib}M", "--name", "linux",
                "--expect-exit"]
        vm = "linux"
    # Wait for the VM's own end report (with --with-crash the run ends non-zero: VM 'crash' is 99).
    cmd += ["--expect", "HYP-LINUX-POWEROFF", "--expect", f"VM '{vm}' \\(id 0\\) exited with status -?\\d+ \\([^)]*\\)"]
    print("+", " ".join(cmd), flush=True)
    rc = subprocess.call(cmd)
    with open(log, errors="replace") as f:
        text = f.read()
    os.unlink(log)
    r = guest.parse_test_output(text.replace(f"[{vm}] ", ""))

    failures = []
    check = checker(failures)
    check(rc == 0, f"hypctl exited 0 (got {rc})")
    check(r["init_ok"], "reached init (HYP-LINUX-INIT-OK)")
    check(r.get("cpus") == a.vcpus, f"guest sees {a.vcpus} CPUs (got {r.get('cpus')})")
    mem = r.get("memtotal_kb") or 0
    # MemTotal is the VM's RAM less what the kernel keeps for itself (code, reserved).
    check(a.mem_mib * 1024 * 0.6 < mem <= a.mem_mib * 1024,
          f"guest sees ~{a.mem_mib} MiB (MemTotal {mem} kB)")
    check(r.get("workload_result") == guest.workload_expected(),
          f"workload result {r.get('workload_result')} == {guest.workload_expected()}")
    warnings = r.get("dmesg_warnings")
    check(warnings == [], "clean kernel log: " + ("no warnings" if warnings == [] else repr(warnings)))
    check(r["poweroff"], "powered off from userspace")
    if a.with_crash:
        check("hyp: VM 'crash' (id 1) exited with status 99" in text,
              "the crash VM ended on its own (status 99)")
        check(f"hyp: VM '{vm}' (id 0) exited with status 0 (PSCI SYSTEM_OFF)" in text,
              "Linux still ran to a clean SYSTEM_OFF")
    else:
        check(f"hyp: VM '{vm}' (id 0) exited with status 0 (PSCI SYSTEM_OFF)" in text,
              "the VM ended through PSCI SYSTEM_OFF with status 0")
        check("hyp: powering off (status 0)" in text, "the hypervisor powered the machine off")
    print(f"uptime-init {r.get('uptime_init')} s, workload {r.get('workload_seconds')} s, "
          f"uptime-end {r.get('uptime_end')} s (guest time)")
    return 1 if failures else 0


def reset_loop(a, cmd):
    """N SYSTEM_RESETs of the Linux VM beside the heartbeat VM, every boot checked."""
    log = cmd[cmd.index("--log") + 1]
    cmd[cmd.index("--timeout") + 1] = str(60 + 30 * a.reset_loop)
    src = os.path.join(ROOT, "configs", "linux-reset-loop.dts")
    cfg = tempfile.NamedTemporaryFile(prefix="linux-reset-loop-", suffix=".dts", delete=False).name
    with open(src) as f:
        text = variant.apply(f.read(), [f"reset_loop={a.reset_loop}"], src)
    with open(cfg, "w") as f:
        f.write(text)
    cmd += ["--config", cfg, "--expect-exit",
            "--expect", r"\[heartbeat\] SUMMARY heartbeat: \d+ passed, 0 failed",
            "--expect", "HYP-LINUX-POWEROFF"]
    print("+", " ".join(cmd), flush=True)
    rc = subprocess.call(cmd, stdout=subprocess.DEVNULL)
    os.unlink(cfg)
    with open(log, errors="replace") as f:
        full = f.read()
    os.unlink(log)
    # The console is shared: Linux's lines are "[linux] ...", the heartbeat VM's
    # "[heartbeat] ...", the hypervisor's "hyp: ...". Each boot is judged on its own lines.
    text = "\n".join(ln[len("[linux] "):] if ln.startswith("[linux] ") else ln
                     for ln in full.splitlines() if not ln.startswith("[heartbeat] "))
    linux_only = "\n".join(ln[len("[linux] "):] for ln in full.splitlines()
                           if ln.startswith("[linux] "))
    failures = []
    check = checker(failures)
    n = a.reset_loop
    done = [int(m) for m in re.findall(r"^HYP-LINUX-RESETS (\d+) of %d" % n, text, re.M)]
    boots = linux_only.split(guest.MARKER_INIT)[1:]
    check(rc == 0, f"hypctl exited 0 (got {rc})")
    check(done == list(range(n + 1)), f"the VM was reset {n} times, each boot counting on "
          f"(saw {len(done)} boots, last {done[-1] if done else None})")
    bad = []
    for i, boot in enumerate(boots):
        r = guest.parse_test_output(guest.MARKER_INIT + boot)
        if not (r.get("cpus") == 2 and r.get("workload_result") == guest.workload_expected()
                and r.get("dmesg_warnings") == []):
            bad.append((i, r.get("cpus"), r.get("dmesg_warnings")))
    check(len(boots) == n + 1 and not bad,
          f"every boot clean: 2 CPUs, the workload's result, no kernel warnings ({bad[:3]})")
    check("hyp: VM 'linux' (id 0) exited with status 0 (PSCI SYSTEM_OFF)" in text,
          "Linux ended with a clean SYSTEM_OFF after the last reset")
    check(re.search(r"\[heartbeat\] SUMMARY heartbeat: \d+ passed, 0 failed", full) is not None,
          "the heartbeat VM beside it lost no beat and kept its memory")
    check("HYP PANIC" not in full, "no hypervisor panic")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
