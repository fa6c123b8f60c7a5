"""'hypctl bench': micro-benchmarks (tests/guests/bench.c) and a Linux boot, natively and
under the hypervisor, in QEMU's deterministic virtual time (-icount shift=0,sleep=off).

The parsing and table code is pure (tests/tools/test_bench.py feeds it captured output);
run_* start QEMU.
"""
import datetime
import os
import re
import shlex
import subprocess

import click

from . import REPO_ROOT, linuxguest, qemu, session
from .errors import HypctlError

CONFIGS = os.path.join(REPO_ROOT, "configs")
BENCH_CONFIG = os.path.join(CONFIGS, "bench.dts")              # 1 vCPU: (a)-(e)
BENCH_SMP_CONFIG = os.path.join(CONFIGS, "bench-smp.dts")      # 2 vCPUs: the IPI
BENCH_BOOT_CONFIG = os.path.join(CONFIGS, "bench-boot.dts")    # Linux-shaped boot time
LINUX_CONFIG = os.path.join(CONFIGS, "bench-linux.dts")
DOC = os.path.join(REPO_ROOT, "docs", "benchmarks.md")

HOST_SMP = 4                    # QEMU -smp under the hypervisor
LINUX_VCPUS = 2
LINUX_MEM = "256M"
TICK_NS = 16                    # 62.5 MHz counter
ICOUNT = ["-icount", "shift=0,sleep=off"]

BENCH_RE = re.compile(r"^(?:\S+: )?bench: (\S+) ticks_min=(\d+) ticks_avg=(\d+) ns_avg=(\d+)"
                      r"(?: samples=(\d+))?", re.M)
ENTRY_RE = re.compile(r"^(?:\S+: )?bench: reset-to-entry ticks=(\d+) ns=(\d+)", re.M)
QEMU_VERSION_RE = re.compile(r"QEMU emulator version (\S+)")
# Kernel log lines with microsecond timestamps (the guest's counter since its start).
KLOG_RE = {
    "klog_init": re.compile(r"\[\s*(\d+\.\d+)\] Run /init as init process"),
    "klog_poweroff": re.compile(r"\[\s*(\d+\.\d+)\] reboot: Power down"),
}

# name -> (label, what it is)
MICRO = [
    ("baseline", "in-guest baseline: LDR from RAM (loop overhead)"),
    ("hvc-nop", "null hypercall round trip (HVC #0, HYP_FN_NOP)"),
    ("mmio-read", "emulated MMIO read (vPL011 UARTFR)"),
    ("mmio-write", "emulated MMIO write (vPL011 UARTIMSC)"),
    ("sysreg-read", "trapped system register read (ID_AA64PFR0_EL1, TID3)"),
    ("timer-irq", "virtual timer IRQ latency, busy vCPU (entry - CVAL)"),
    ("timer-irq-wfi", "virtual timer IRQ latency, vCPU in WFI (entry - CVAL)"),
    ("ipi", "IPI latency vCPU 0 -> vCPU 1 in WFI (SGI write -> handler)"),
]
# Timed with the loop around them: the baseline is subtracted for the "net" column.
LOOPED = ("hvc-nop", "mmio-read", "mmio-write", "sysreg-read")


class BenchError(HypctlError):
    pass


# ---- parsing (pure) ---------------------------------------------------------------

def parse_bench(text):
    """The bench guest's output -> {name: {ticks_min, ticks_avg, ns_avg, samples}} plus
    'reset-to-entry': {ticks, ns} when printed. The last line of a name wins."""
    text = text.replace("\r", "")
    out = {}
    for m in BENCH_RE.finditer(text):
        name, tmin, tavg, ns, n = m.groups()
        out[name] = {"ticks_min": int(tmin), "ticks_avg": int(tavg), "ns_avg": int(ns),
                     "samples": int(n) if n else None}
    m = None
    for m in ENTRY_RE.finditer(text):
        pass
    if m:
        out["reset-to-entry"] = {"ticks": int(m.group(1)), "ns": int(m.group(2))}
    return out


def parse_linux(text):
    """The Linux test guest's output (native or under the hypervisor, where lines carry a
    'linux: ' prefix) -> guest.parse_test_output's dict."""
    guest = linuxguest.guest_module()
    clean = re.sub(r"^[A-Za-z0-9_-]+: (?=(HYP-LINUX-|uptime-|workload|cpus:|online:|"
                   r"memtotal_kb:|kernel:|dmesg-))", "", text.replace("\r", ""), flags=re.M)
    out = guest.parse_test_output(clean)
    for key, rx in KLOG_RE.items():
        m = rx.search(clean)
        out[key] = float(m.group(1)) if m else None
    return out


def qemu_version(text):
    m = QEMU_VERSION_RE.search(text or "")
    return m.group(1) if m else "unknown"


# ---- table (pure) -----------------------------------------------------------------

def _fmt_s(v):
    return "-" if v is None else f"{v:.3f} s"


def _fmt_us(v):
    return "-" if v is None else f"{v:.6f} s"


def _ratio(hyp, native):
    if hyp is None or native in (None, 0):
        return "-"
    return f"{hyp / native:.3f}"


def micro_rows(micro):
    """[(metric, ticks_min, ticks_avg, ns_avg, net ns)] for the micro-benchmarks found."""
    base = micro.get("baseline", {}).get("ns_avg")
    rows = []
    for name, what in MICRO:
        r = micro.get(name)
        if not r:
            continue
        net = (str(r["ns_avg"] - base) if name in LOOPED and base is not None else "-")
        rows.append((f"{name}: {what}", str(r["ticks_min"]), str(r["ticks_avg"]),
                     str(r["ns_avg"]), net))
    return rows


def linux_rows(native, hyp, boot_ns):
    """[(metric, native, under hypervisor, ratio)]. native/hyp: parse_linux dicts (or
    None); boot_ns: the hypervisor's reset-to-VM-entry time in ns (or None)."""
    native = native or {}
    hyp = hyp or {}
    boot_s = boot_ns / 1e9 if boot_ns is not None else None
    rows = []
    for key, label, fmt in (
            ("klog_init", "kernel log: 'Run /init' timestamp", _fmt_us),
            ("klog_poweroff", "kernel log: 'reboot: Power down' timestamp", _fmt_us),
            ("uptime_init", "uptime at init (uptime-init)", _fmt_s),
            ("workload_seconds", "CPU workload (workload-seconds)", _fmt_s),
            ("uptime_end", "uptime at the end (uptime-end)", _fmt_s)):
        n, h = native.get(key), hyp.get(key)
        rows.append((label, fmt(n), fmt(h), _ratio(h, n)))
    rows.append(("hypervisor boot: reset to VM entry", _fmt_s(0.0) if native else "-",
                 _fmt_s(boot_s), "-"))
    for key, label in (("klog_init", "reset to init (boot + 'Run /init')"),
                       ("klog_poweroff", "reset to power-off (boot + 'Power down')")):
        n = native.get(key)
        h = hyp.get(key)
        h_total = h + boot_s if h is not None and boot_s is not None else None
        rows.append((label, _fmt_us(n), _fmt_us(h_total), _ratio(h_total, n)))
    return rows


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "--:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


MICRO_HEADER = ("metric (under the hypervisor)", "ticks min", "ticks avg", "ns avg",
                "ns net of baseline")
LINUX_HEADER = ("metric (Linux, 2 vCPUs, 256M)", "native", "under hypervisor",
                "ratio (hyp/native)")


def merge_micro(micro, micro_ipi):
    """The 1-vCPU run's results with the 'ipi' row of the 2-vCPU run."""
    m = dict(micro)
    if micro_ipi and "ipi" in micro_ipi:
        m["ipi"] = micro_ipi["ipi"]
    return m


def render_doc(m, native, hyp, boot, info):
    """docs/benchmarks.md. m: merge_micro of the bench guest's runs; boot: parse_bench of
    the Linux-shaped boot-only run (or None); info: {date, qemu, gic, commands: [str],
    linux: bool}."""
    entry = m.get("reset-to-entry")
    boot_entry = (boot or {}).get("reset-to-entry")
    out = [
        "# Benchmarks",
        "",
        f"Generated by `tools/hypctl bench` on {info['date']} with QEMU {info['qemu']} "
        f"(`-M virt`, Cortex-A57, GICv{info['gic']}). Do not edit by hand: run it again.",
        "",
        "All figures are QEMU virtual time under `-icount shift=0,sleep=off`: one guest "
        "instruction = 1 ns, the generic counter runs at 62.5 MHz (1 tick = 16 ns). They are "
        "deterministic (the micro-benchmarks repeat exactly; a 2-CPU Linux boot varies by some "
        "tens of microseconds from run to run) and count *instructions executed*, "
        "not the cost on real hardware: an exception entry, a TLB miss or a cache miss costs "
        "nothing here, so real exits are relatively more expensive than these numbers say.",
        "",
        "## Micro-benchmarks (tests/guests/bench.c)",
        "",
        markdown_table(MICRO_HEADER, micro_rows(m)),
        "",
    ]
    if entry:
        out += [f"Hypervisor boot, reset to the first instruction of the bench VM (1 vCPU, "
                f"64M, an 85 KB ELF): {entry['ticks']} ticks = {entry['ns'] / 1e6:.3f} ms.", ""]
    out += [
        "How each is measured (bench guest, 1 vCPU, `configs/bench.dts`; the IPI on 2 vCPUs, "
        "`configs/bench-smp.dts`):",
        "",
        "- hvc-nop, mmio-read, mmio-write, sysreg-read, baseline: 10000 samples; each "
        "operation timed alone as `isb; mrs cntvct_el0; <op>; isb; mrs cntvct_el0`. "
        "*min* and *avg* are per operation in ticks (avg rounded); *ns avg* is the exact "
        "average (sum of ticks x 16 ns / samples). *ns net of baseline* subtracts the "
        "baseline's ns avg (the same loop around an ordinary LDR from guest RAM). "
        "The 16 ns tick quantises each sample; the averages are not affected.",
        "- timer-irq: 200 samples; CNTV_CVAL = now + 512 ticks, IRQs unmasked, spin; the "
        "latency is CNTVCT at the C IRQ handler's entry (after the vector saved the frame) "
        "minus CVAL. The vCPU does not exit between samples (its EOI of the previous one "
        "brings the hypervisor back through an EOI maintenance interrupt to re-open the "
        "physical timer PPI).",
        "- timer-irq-wfi: the same, but the vCPU waits in WFI (blocks in the hypervisor; "
        "woken when the deadline passes).",
        "- ipi: 200 samples; vCPU 0 reads CNTVCT, writes ICC_SGI1R_EL1 (GICv2: GICD_SGIR) "
        "and waits in WFI; vCPU 1, waiting in WFI, reads CNTVCT at its handler's entry and "
        "answers with an SGI. Caveat: under `-icount` QEMU runs all CPUs round-robin on one "
        "host thread and they share one virtual clock, so this latency is the instructions "
        "*both* physical CPUs execute in between (vCPU 0's trap and idle entry, then vCPU 1's "
        "wake-up), serialised; a sender that spun instead of WFI would add QEMU's 100 ms "
        "round-robin kick.",
        "",
    ]
    if info.get("linux"):
        out += [
            "## Linux (Debian arm64 kernel + busybox 'test' initramfs)",
            "",
            markdown_table(LINUX_HEADER, linux_rows(native, hyp,
                                                    boot_entry["ns"] if boot_entry else None)),
            "",
            "- Native: QEMU `-M virt -cpu cortex-a57 -smp 2 -m 256M` boots the kernel directly. "
            "Under the hypervisor: `configs/bench-linux.dts` (2 vCPUs, 256M, the same kernel, "
            f"initrd and `console=ttyAMA0 panic=-1`) on QEMU `-smp {HOST_SMP}`.",
            "- kernel log timestamps: the kernel's printk clock (the virtual counter, 1 us "
            "resolution here), which starts when the kernel registers its sched_clock early in "
            "start_kernel; both figures exclude the same first steps of the kernel. Under the "
            "hypervisor the VM's counter starts at 0 when the VM is created (CNTVOFF).",
            "- uptime-init, workload-seconds, uptime-end: printed by the guest's /init from "
            "/proc/uptime and `date` (the workload is an awk loop). Linux's uptime starts at "
            "its timekeeping initialisation, so both the native and the hypervisor figure "
            "exclude the same pre-timekeeping kernel start-up. They have 10 ms resolution "
            "(/proc/uptime), so a ratio of 1.000 means \"within 10 ms\". Until Linux switches "
            "to the arch counter as its clocksource (about 50 ms in) uptime advances by timer "
            "ticks, so a hypervisor that lost timer interrupts would look faster here than it "
            "is: the kernel log rows do not depend on that.",
            "- hypervisor boot: the hypervisor reports no time for the Linux VM, so "
            "`configs/bench-boot.dts` boots a VM of the same shape (256M, 2 vCPUs, the Linux "
            "Image as its initrd so the hypervisor loads as many bytes) whose first "
            "instruction reads CNTPCT_EL0 (QEMU's counter starts at 0 at reset). Natively "
            "the kernel is entered a few instructions after reset (0 here).",
            "- reset to init / power-off = hypervisor boot + the kernel log timestamp (natively "
            "the timestamp alone). The hypervisor boot is mostly checking (CRC-32) and copying "
            "the 33 MB pack into the VM's memory.",
            "",
        ]
    out += ["## Reproduce", "", "```"] + info["commands"] + ["```", ""]
    return "\n".join(out)


# ---- running QEMU -----------------------------------------------------------------

def _rel(p):
    return os.path.relpath(p, REPO_ROOT)


def _say(msg):
    click.echo(f"hypctl bench: {msg}", err=True)


def hyp_command(config_path, gic, toolchain="gcc"):
    """(target, QEMU argv) for a config under the hypervisor, UART on stdio, icount.
    The pack is this process's (session.pack_path): run_hyp removes it."""
    t = session.Target("qemu", toolchain, HOST_SMP, 3, gic, None)
    session.load_vms(t, config_path)
    elf, pack, base = session.prepare(t, no_build=True)
    cmd = qemu.qemu_command(elf, pack, base, smp=HOST_SMP, el=3, gic=gic, mem=t.qemu_mem(),
                            icount=True, uart="stdio")
    return t, cmd


def run_qemu(cmd, timeout):
    """Run QEMU to completion; the UART output (stdout + stderr) as text."""
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        out = p.stdout
    except subprocess.TimeoutExpired as e:
        raise BenchError(f"{os.path.basename(cmd[0])} did not finish within {timeout} s: "
                         f"{(e.stdout or b'')[-2000:].decode(errors='replace')}")
    except FileNotFoundError:
        raise BenchError(f"{cmd[0]} not found: run tools/setup-deps")
    return out.decode("utf-8", "replace")


def run_hyp(config_path, gic, timeout, toolchain="gcc"):
    t, cmd = hyp_command(config_path, gic, toolchain)
    _say(f"{_rel(config_path)}: {' '.join(cmd)}")
    try:
        text = run_qemu(cmd, timeout)
    finally:
        session.cleanup(session.pack_path(t))
    if not re.search(r"^hyp: powering off \(status 0\)", text, re.M):
        raise BenchError(f"{_rel(config_path)} did not end with "
                         f"'hyp: powering off (status 0)':\n{text[-3000:]}")
    return text


def bench(gic=3, linux=True, toolchain="gcc", timeout=600, doc=DOC, build=True):
    """Run everything; print the tables, write doc; return the results dict."""
    from . import build as buildmod
    if build:
        buildmod.build("qemu", toolchain, targets=buildmod.IMAGES)
    m = merge_micro(parse_bench(run_hyp(BENCH_CONFIG, gic, timeout, toolchain)),
                    parse_bench(run_hyp(BENCH_SMP_CONFIG, gic, timeout, toolchain)))
    native = hyp = boot = None
    gicopt = f" --gic {gic}" if gic != 3 else ""
    commands = ["tools/hypctl bench" + gicopt + ("" if linux else " --no-linux"),
                "# which runs, for each of configs/bench.dts, configs/bench-smp.dts"
                + (", configs/bench-boot.dts, configs/bench-linux.dts" if linux else "") + ":",
                f"tools/hypctl run --icount --uart stdio --smp {HOST_SMP}{gicopt} "
                "--config configs/bench.dts"]
    if linux:
        guest = linuxguest.guest_module()
        g = guest.ensure_guest(linuxguest.cache_dir())
        nat = guest.boot_native(g["kernel"], g["initramfs_test"], timeout=timeout,
                                smp=LINUX_VCPUS, mem=LINUX_MEM, icount=True)
        if nat.returncode is None:
            raise BenchError(f"the native Linux boot did not finish within {timeout} s")
        native = parse_linux(nat.output)
        _say("native Linux: " + " ".join(nat.command))
        boot = parse_bench(run_hyp(BENCH_BOOT_CONFIG, gic, timeout, toolchain))
        hyp = parse_linux(run_hyp(LINUX_CONFIG, gic, timeout, toolchain))
        for what, r in (("native", native), ("under the hypervisor", hyp)):
            if not (r.get("init_ok") and r.get("poweroff") and "uptime_end" in r):
                raise BenchError(f"the Linux test guest {what} did not run to the end: {r}")
        cache = "~/.cache/hyp/linux"
        commands.append(shlex.join(guest.qemu_command(f"{cache}/Image",
                                                    f"{cache}/initramfs-test.cpio.gz",
                                                    smp=LINUX_VCPUS, mem=LINUX_MEM)))
    ver = subprocess.run([qemu.QEMU, "--version"], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT).stdout.decode(errors="replace")
    info = {"date": datetime.date.today().isoformat(), "qemu": qemu_version(ver), "gic": gic,
            "commands": commands, "linux": linux}
    text = render_doc(m, native, hyp, boot, info)
    with open(doc, "w") as f:
        f.write(text)
    click.echo(markdown_table(MICRO_HEADER, micro_rows(m)))
    if linux:
        be = (boot or {}).get("reset-to-entry")
        click.echo("")
        click.echo(markdown_table(LINUX_HEADER, linux_rows(native, hyp, be["ns"] if be else None)))
    _say(f"wrote {_rel(doc)}")
    return {"micro": m, "native": native, "hyp": hyp, "boot": boot}


@click.command("bench")
@click.option("--gic", type=click.Choice(["3", "2"]), default="3", show_default=True)
@click.option("--no-linux", is_flag=True, help="Only the bare-metal micro-benchmarks.")
@click.option("--toolchain", type=click.Choice(["gcc", "clang"]), default="gcc",
              show_default=True)
@click.option("--timeout", type=float, default=600, show_default=True, metavar="S",
              help="Per QEMU run.")
def bench_cmd(gic, no_linux, toolchain, timeout):
    """Benchmark the hypervisor under QEMU -icount (deterministic virtual time): exit
    costs, interrupt latencies and a Linux boot natively vs. under the hypervisor.
    Prints the tables and writes docs/benchmarks.md."""
    bench(int(gic), not no_linux, toolchain, timeout)
