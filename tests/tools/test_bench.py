"""hypctl bench: parsing of captured guest output and the tables (no QEMU)."""
from hypctl_lib import bench

BENCH_OUT = """\
hyp: VM 'bench' (id 0): 2 vCPUs, 64 MiB at PA 0x40400000, VMID 1
bench: reset-to-entry ticks=498233 ns=7971728\r
bench: 2 vCPUs, CNTFRQ 62500000 Hz, 10000 samples per operation
bench: baseline ticks_min=0 ticks_avg=0 ns_avg=3 samples=10000
bench: hvc-nop ticks_min=10 ticks_avg=10 ns_avg=160 samples=10000
bench: mmio-read ticks_min=20 ticks_avg=21 ns_avg=329 samples=10000
bench: mmio-write ticks_min=20 ticks_avg=20 ns_avg=322 samples=10000
bench: sysreg-read ticks_min=13 ticks_avg=13 ns_avg=212 samples=10000
bench: timer-irq ticks_min=305 ticks_avg=305 ns_avg=4880 samples=200
bench: timer-irq-wfi ticks_min=329 ticks_avg=329 ns_avg=5264 samples=200
bench: ipi ticks_min=277 ticks_avg=425 ns_avg=6804 samples=200
SUMMARY bench: 7 passed, 0 failed
hyp: powering off (status 0)
"""

LINUX_OUT = """\
[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd070]
[    0.811749] Run /init as init process
HYP-LINUX-INIT-OK
uptime-init: 0.81
cpus: 2
workload: done result=743978544
workload-seconds: 0.60
uptime-end: 1.43
HYP-LINUX-POWEROFF
[    1.426858] reboot: Power down
"""


def test_parse_bench():
    r = bench.parse_bench(BENCH_OUT)
    assert r["hvc-nop"] == {"ticks_min": 10, "ticks_avg": 10, "ns_avg": 160, "samples": 10000}
    assert r["ipi"]["ticks_avg"] == 425
    assert r["reset-to-entry"] == {"ticks": 498233, "ns": 7971728}
    assert "2" not in r and "SUMMARY" not in r


def test_parse_bench_prefixed_and_without_samples():
    r = bench.parse_bench("bench: hvc-nop ticks_min=1 ticks_avg=2 ns_avg=3\n")
    assert r["hvc-nop"]["samples"] is None
    assert bench.parse_bench("nothing here") == {}


def test_parse_linux_plain_and_prefixed():
    plain = bench.parse_linux(LINUX_OUT)
    prefixed = bench.parse_linux("".join("linux: " + l + "\n" for l in LINUX_OUT.splitlines()))
    for r in (plain, prefixed):
        assert r["init_ok"] and r["poweroff"]
        assert r["uptime_init"] == 0.81 and r["workload_seconds"] == 0.6
        assert r["uptime_end"] == 1.43
        assert r["klog_init"] == 0.811749 and r["klog_poweroff"] == 1.426858
    assert bench.parse_linux("uptime-init: 0.81\n")["klog_init"] is None


def test_micro_rows_subtract_baseline():
    rows = {r[0].split(":")[0]: r for r in bench.micro_rows(bench.parse_bench(BENCH_OUT))}
    assert rows["hvc-nop"][1:] == ("10", "10", "160", "157")
    assert rows["timer-irq"][4] == "-"          # not a looped operation
    assert rows["baseline"][4] == "-"
    assert list(rows) == [n for n, _ in bench.MICRO]


def test_linux_rows_ratio_and_boot():
    native = bench.parse_linux(LINUX_OUT.replace("1.43", "1.42"))
    hyp = bench.parse_linux(LINUX_OUT.replace("0.811749", "0.821749"))
    rows = {r[0]: r[1:] for r in bench.linux_rows(native, hyp, 16_234_000)}
    assert rows["kernel log: 'Run /init' timestamp"] == ("0.811749 s", "0.821749 s", "1.012")
    assert rows["uptime at init (uptime-init)"] == ("0.810 s", "0.810 s", "1.000")
    assert rows["uptime at the end (uptime-end)"] == ("1.420 s", "1.430 s", "1.007")
    assert rows["hypervisor boot: reset to VM entry"] == ("0.000 s", "0.016 s", "-")
    assert rows["reset to init (boot + 'Run /init')"] == ("0.811749 s", "0.837983 s", "1.032")
    assert rows["reset to power-off (boot + 'Power down')"] == ("1.426858 s", "1.443092 s", "1.011")


def test_linux_rows_missing_values():
    rows = bench.linux_rows({"init_ok": True}, None, None)
    assert all(r[3] == "-" for r in rows)


def test_markdown_table_and_doc():
    t = bench.markdown_table(("a", "b"), [("x", "1")])
    assert t.splitlines() == ["| a | b |", "|---|--:|", "| x | 1 |"]
    micro = bench.parse_bench(BENCH_OUT)
    m = bench.merge_micro(micro, {"ipi": micro["ipi"]})
    doc = bench.render_doc(m, bench.parse_linux(LINUX_OUT), bench.parse_linux(LINUX_OUT), micro,
                           {"date": "2025-01-01", "qemu": "7.2.22", "gic": 3,
                            "commands": ["tools/hypctl bench"], "linux": True})
    assert "QEMU 7.2.22" in doc and "2025-01-01" in doc and "GICv3" in doc
    assert "| hvc-nop: null hypercall" in doc and "tools/hypctl bench\n```" in doc
    assert "## Linux" in doc


def test_qemu_version():
    assert bench.qemu_version("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg)\n") == "7.2.22"
    assert bench.qemu_version("") == "unknown"


def test_merge_micro_takes_only_ipi_from_the_smp_run():
    assert bench.merge_micro({"hvc-nop": 1}, {"hvc-nop": 9, "ipi": 2}) == {"hvc-nop": 1, "ipi": 2}
    assert bench.merge_micro({"hvc-nop": 1}, None) == {"hvc-nop": 1}
