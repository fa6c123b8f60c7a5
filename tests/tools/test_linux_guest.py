"""Tests for tools/linux/guest.py (real Linux guest: fetch, initramfs, native boot).

Unit tests never touch the network: the apt-get/apt-cache/dpkg-deb calls are
mocked.  The one test marked ``linux`` boots the cached guest natively under
qemu-system-aarch64 and is skipped when the cache does not hold it yet (run
tools/linux/fetch-linux-guest first).
"""
import gzip
import io
import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLS = os.path.join(ROOT, "tools")
if TOOLS not in sys.path:
    sys.path.insert(0, TOOLS)

from linux import guest  # noqa: E402

FAKE_BUSYBOX = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + b"\x02\x00\xb7\x00" + b"busybox-body" * 7


# --------------------------------------------------------------------------
# a newc reader, independent of the writer
# --------------------------------------------------------------------------

FIELDS = ("ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor",
          "devminor", "rdevmajor", "rdevminor", "namesize", "check")


def parse_newc(data):
    entries = []
    off = 0
    while True:
        assert off % 4 == 0, "header at unaligned offset %d" % off
        assert data[off:off + 6] == b"070701", "bad magic at %d: %r" % (off, data[off:off + 6])
        hdr = {}
        for i, name in enumerate(FIELDS):
            raw = data[off + 6 + 8 * i: off + 14 + 8 * i]
            assert len(raw) == 8 and all(c in b"0123456789ABCDEFabcdef" for c in raw), raw
            hdr[name] = int(raw, 16)
        name_off = off + 110
        raw_name = data[name_off:name_off + hdr["namesize"]]
        assert raw_name.endswith(b"\0") and b"\0" not in raw_name[:-1]
        hdr["name"] = raw_name[:-1].decode()
        data_off = (name_off + hdr["namesize"] + 3) & ~3
        assert data[name_off + hdr["namesize"]:data_off] == b"\0" * (data_off - name_off - hdr["namesize"])
        hdr["data"] = data[data_off:data_off + hdr["filesize"]]
        assert len(hdr["data"]) == hdr["filesize"]
        end = (data_off + hdr["filesize"] + 3) & ~3
        assert data[data_off + hdr["filesize"]:end] == b"\0" * (end - data_off - hdr["filesize"])
        entries.append(hdr)
        off = end
        if hdr["name"] == "TRAILER!!!":
            break
    assert off == len(data), "data after the trailer"
    assert len(data) % 4 == 0
    return entries


@pytest.fixture(scope="module")
def archive():
    return parse_newc(guest.initramfs_bytes(FAKE_BUSYBOX, "test"))


def by_name(entries):
    return {e["name"]: e for e in entries}


# --------------------------------------------------------------------------
# cpio writer
# --------------------------------------------------------------------------

def test_cpio_layout(archive):
    names = [e["name"] for e in archive]
    assert names[-1] == "TRAILER!!!"
    assert len(set(names)) == len(names)
    for e in archive:
        assert not e["name"].startswith("/")
    inos = [e["ino"] for e in archive[:-1]]
    assert 0 not in inos and len(set(inos)) == len(inos)
    t = archive[-1]
    assert t["mode"] == 0 and t["filesize"] == 0 and t["nlink"] == 1


def test_cpio_directories(archive):
    e = by_name(archive)
    for d in ("bin", "sbin", "proc", "sys", "dev", "tmp", "etc"):
        assert stat.S_ISDIR(e[d]["mode"]), d
        assert e[d]["filesize"] == 0
    assert stat.S_IMODE(e["tmp"]["mode"]) == 0o1777
    # parents come before their children
    seen = set()
    for ent in archive[:-1]:
        parent = os.path.dirname(ent["name"])
        assert parent == "" or parent in seen, ent["name"]
        seen.add(ent["name"])


def test_cpio_console_node(archive):
    c = by_name(archive)["dev/console"]
    assert c["mode"] == 0o20600
    assert stat.S_ISCHR(c["mode"])
    assert (c["rdevmajor"], c["rdevminor"]) == (5, 1)
    assert c["filesize"] == 0
    n = by_name(archive)["dev/null"]
    assert stat.S_ISCHR(n["mode"]) and (n["rdevmajor"], n["rdevminor"]) == (1, 3)


def test_cpio_busybox_and_applets(archive):
    e = by_name(archive)
    bb = e["bin/busybox"]
    assert bb["mode"] == 0o100755 and bb["data"] == FAKE_BUSYBOX
    for applet in ("sh", "mount", "echo", "cat", "grep", "awk", "cut", "uname", "dmesg",
                   "poweroff", "setsid", "cttyhack", "sleep", "sync"):
        link = e["bin/" + applet]
        assert stat.S_ISLNK(link["mode"]), applet
        assert link["data"] == b"busybox"


def test_cpio_init(archive):
    init = by_name(archive)["init"]
    assert init["mode"] == 0o100755
    assert init["data"].startswith(b"#!/bin/sh\n")
    assert init["data"].decode() == guest.init_script("test")


def test_cpio_writer_rejects_duplicates():
    w = guest.CpioWriter(io.BytesIO())
    w.dir("bin")
    with pytest.raises(ValueError):
        w.dir("/bin")


def test_build_initramfs_gzip_reproducible(tmp_path):
    bb = tmp_path / "busybox"
    bb.write_bytes(FAKE_BUSYBOX)
    a, b = tmp_path / "a.cpio.gz", tmp_path / "b.cpio.gz"
    guest.build_initramfs(str(bb), str(a), "shell")
    guest.build_initramfs(str(bb), str(b), "shell")
    assert a.read_bytes() == b.read_bytes()
    entries = by_name(parse_newc(gzip.decompress(a.read_bytes())))
    assert entries["init"]["data"].decode() == guest.init_script("shell")


# --------------------------------------------------------------------------
# init scripts
# --------------------------------------------------------------------------

def test_init_test_variant():
    s = guest.init_script("test")
    lines = s.splitlines()
    assert "echo HYP-LINUX-INIT-OK" in lines
    assert "echo HYP-LINUX-POWEROFF" in lines
    for needle in ("mount -t proc proc /proc", "mount -t sysfs sysfs /sys",
                   "mount -t devtmpfs devtmpfs /dev", 'echo "cpus: ',
                   "grep -c '^processor' /proc/cpuinfo", 'echo "online: ',
                   "/sys/devices/system/cpu/online", 'echo "memtotal_kb: ',
                   'echo "kernel: $(uname -r)"', 'echo "workload: done result=$result"',
                   'echo "uptime-init: $(cut -d\' \' -f1 /proc/uptime)"',
                   'echo "uptime-end: $(cut -d\' \' -f1 /proc/uptime)"',
                   "echo dmesg-warnings-begin", "dmesg | grep -iE 'warn|error|fail|unexpected'",
                   "echo dmesg-warnings-end", "poweroff -f"):
        assert needle in s, needle
    order = [s.index(x) for x in ("HYP-LINUX-INIT-OK", "cpus:", "online:", "memtotal_kb:",
                                  "kernel:", "workload: done", "dmesg-warnings-begin",
                                  "dmesg-warnings-end", "uptime-end", "HYP-LINUX-POWEROFF",
                                  "poweroff -f")]
    assert order == sorted(order)
    assert "n=%d" % guest.WORKLOAD_N in s


def test_init_shell_variant():
    s = guest.init_script("shell")
    assert "echo HYP-LINUX-INIT-OK" in s.splitlines()
    assert "cpus:" in s and "memtotal_kb:" in s
    assert "setsid cttyhack sh" in s
    assert "workload" not in s
    assert s.index("setsid cttyhack sh") < s.index("poweroff -f")


def test_init_unknown_variant():
    with pytest.raises(ValueError):
        guest.init_script("bogus")


def test_init_commands_have_applets():
    """Every command the scripts run resolves through a /bin symlink."""
    builtins = {"export", "echo", "while", "do", "done", "if", "then", "fi", ":", "exit", "set"}
    for variant in guest.VARIANTS:
        for line in guest.init_script(variant).splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            word = line.split()[0]
            if "=" in word:
                continue
            assert word in builtins or word in guest.APPLETS, (variant, word)


def test_workload_expected():
    h = 0
    for i in range(1, 11):
        h = (h * 31 + i) % 1000000007
    assert guest.workload_expected(10) == h
    assert guest.workload_expected(0) == 0


def test_parse_test_output():
    out = "\r\n".join([
        "[    0.8] Run /init as init process", "", "HYP-LINUX-INIT-OK", "uptime-init: 0.82",
        "cpus: 2", "online: 0-1", "memtotal_kb: 486532", "kernel: 6.1.0-56-arm64",
        "workload: start n=100000", "workload: done result=743978544",
        "workload-seconds: 0.60", "dmesg-warnings-begin",
        "[    0.1] psci: unexpected thing", "dmesg-warnings-end", "uptime-end: 1.43",
        "HYP-LINUX-POWEROFF", "[    1.43] reboot: Power down", ""])
    p = guest.parse_test_output(out)
    assert p == {"init_ok": True, "poweroff": True, "uptime_init": 0.82, "cpus": 2,
                 "online": "0-1", "memtotal_kb": 486532, "kernel": "6.1.0-56-arm64",
                 "workload_result": 743978544, "workload_seconds": 0.6,
                 "dmesg_warnings": ["[    0.1] psci: unexpected thing"], "uptime_end": 1.43}
    assert guest.parse_test_output("garbage\ncpus: 9\n") == {"init_ok": False, "poweroff": False}


def test_qemu_command():
    cmd = guest.qemu_command("/k/Image", "/k/i.cpio.gz")
    assert cmd[0] == "qemu-system-aarch64"
    s = " ".join(cmd)
    for part in ("-M virt", "-cpu cortex-a57", "-smp 2", "-m 512M",
                 "-icount shift=0,sleep=off", "-kernel /k/Image", "-initrd /k/i.cpio.gz"):
        assert part in s
    assert cmd[cmd.index("-append") + 1].startswith("console=ttyAMA0")
    assert cmd[1] == "-nodefaults" and "-serial stdio" in s     # no default NIC and its ROM


# --------------------------------------------------------------------------
# fetch / manifest / cache (subprocess mocked)
# --------------------------------------------------------------------------

KPKG = "linux-image-6.1.0-99-arm64"
FAKE_IMAGE = b"\0" * 0x38 + b"ARM\x64" + b"\0" * 200


class FakeApt:
    """Stands in for guest._run (apt-get / apt-cache) and guest._extract_from_deb."""

    def __init__(self, update_rc=0, update_err="", depends=None):
        self.calls = []
        self.update_rc = update_rc
        self.update_err = update_err
        self.depends = ("linux-image-arm64\n  Depends: %s\n" % KPKG) if depends is None else depends

    def run(self, cmd, cwd=None):
        self.calls.append(list(cmd))
        tool = cmd[0]
        verb = [c for c in cmd[1:] if not c.startswith("-")]
        if tool == "apt-get" and verb[0] == "update":
            return subprocess.CompletedProcess(cmd, self.update_rc, "", self.update_err)
        if tool == "apt-cache" and verb[0] == "depends":
            return subprocess.CompletedProcess(cmd, 0, self.depends, "")
        if tool == "apt-cache" and verb[0] == "show":
            ver = "6.1.999-1" if verb[1] == KPKG else "1:1.35.0-4"
            return subprocess.CompletedProcess(cmd, 0, "Package: %s\nVersion: %s\n" % (verb[1], ver), "")
        if tool == "apt-get" and verb[0] == "download":
            for pkg in verb[1:]:
                open(os.path.join(cwd, "%s_1.0_arm64.deb" % pkg), "wb").close()
            return subprocess.CompletedProcess(cmd, 0, "", "")
        raise AssertionError("unexpected command %r" % (cmd,))

    def extract(self, deb, members):
        self.calls.append(["extract", os.path.basename(deb)])
        found = {}
        for rx, out in members.items():
            with open(out, "wb") as f:
                f.write(FAKE_IMAGE if "vmlinuz" in rx else FAKE_BUSYBOX if "busybox" in rx else b"cfg")
            found[rx] = rx
        return found


@pytest.fixture
def fake_apt(monkeypatch):
    def make(**kw):
        fake = FakeApt(**kw)
        monkeypatch.setattr(guest, "_run", fake.run)
        monkeypatch.setattr(guest, "_extract_from_deb", fake.extract)
        return fake
    return make


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("HYP_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert guest.default_cache_dir() == str(tmp_path / ".cache" / "hyp" / "linux")
    monkeypatch.setenv("HYP_CACHE", str(tmp_path / "c"))
    assert guest.default_cache_dir() == str(tmp_path / "c" / "linux")


def test_fetch_then_cached(fake_apt, tmp_path):
    fake = fake_apt()
    p = guest.fetch(str(tmp_path))
    assert p.kernel_package == KPKG and p.kernel_release == "6.1.0-99-arm64"
    assert p.kernel_version == "6.1.999-1" and p.busybox_version == "1:1.35.0-4"
    assert open(p.kernel, "rb").read() == FAKE_IMAGE
    assert open(p.busybox, "rb").read() == FAKE_BUSYBOX
    m = json.load(open(os.path.join(str(tmp_path), "manifest.json")))
    assert m["format"] == guest.MANIFEST_FORMAT
    assert m["kernel"]["package"] == KPKG and m["kernel"]["size"] == len(FAKE_IMAGE)
    assert m["busybox"]["version"] == "1:1.35.0-4"
    tools = [c[0] for c in fake.calls]
    assert "apt-get" in tools and "extract" in tools
    # every apt command uses private arm64 state inside the cache
    for c in fake.calls:
        if c[0].startswith("apt"):
            assert "-oAPT::Architecture=arm64" in c
            assert "-oDir::State::Lists=%s" % os.path.join(str(tmp_path), "apt", "lists") in c
    dl = [c for c in fake.calls if c[0] == "apt-get" and "download" in c][0]
    assert dl[-2:] == [KPKG, "busybox-static"]
    assert not os.path.exists(os.path.join(str(tmp_path), "debs"))

    # second call: no commands at all
    fake.calls.clear()
    p2 = guest.fetch(str(tmp_path))
    assert p2 == p and fake.calls == []


def test_fetch_unreachable(fake_apt, tmp_path):
    fake_apt(update_rc=100, update_err="Err:1 http://deb.example bookworm InRelease\n"
                                       "E: Failed to fetch something: Temporary failure resolving\n")
    with pytest.raises(guest.FetchError) as ei:
        guest.fetch(str(tmp_path))
    msg = str(ei.value)
    assert "Debian archive could not be reached" in msg
    assert "apt-get" in msg and "update" in msg and "exit 100" in msg
    assert "Temporary failure resolving" in msg
    assert "cached copy is used when present" in msg
    assert guest.read_manifest(str(tmp_path)) is None


def test_fetch_update_warnings_only(fake_apt, tmp_path):
    # apt-get update exits 0 when the sources merely fail with W: lines
    fake = fake_apt(update_err="W: Failed to fetch http://x/InRelease  Could not resolve 'x'\n"
                               "W: Some index files failed to download.\n")
    with pytest.raises(guest.FetchError) as ei:
        guest.fetch(str(tmp_path))
    msg = str(ei.value)
    assert "Debian archive could not be reached" in msg and "exit 0" in msg
    assert "Could not resolve" in msg and ".." not in msg
    assert len(fake.calls) == 1          # nothing after the failed update


def test_fetch_no_kernel_package(fake_apt, tmp_path):
    fake_apt(depends="")
    with pytest.raises(guest.FetchError) as ei:
        guest.fetch(str(tmp_path))
    assert "could not be reached or has no arm64 linux-image-arm64" in str(ei.value)


def test_refresh_falls_back_to_cache(fake_apt, tmp_path):
    fake_apt()
    p = guest.fetch(str(tmp_path))
    fake = fake_apt(update_rc=100, update_err="E: offline")
    msgs = []
    assert guest.fetch(str(tmp_path), refresh=True, log=msgs.append) == p
    assert any("using the cached guest" in m for m in msgs)
    assert fake.calls and fake.calls[0][0] == "apt-get"


def test_incomplete_cache_refetches(fake_apt, tmp_path):
    fake_apt()
    p = guest.fetch(str(tmp_path))
    with open(p.kernel, "ab") as f:        # size no longer matches the manifest
        f.write(b"x")
    assert guest.cached_paths(str(tmp_path)) is None
    fake = fake_apt()
    guest.fetch(str(tmp_path))
    assert any(c[0] == "apt-get" for c in fake.calls)
    assert guest.cached_paths(str(tmp_path)) is not None


def test_ensure_guest_builds_once(fake_apt, tmp_path):
    fake_apt()
    g = guest.ensure_guest(str(tmp_path))
    assert set(g) >= {"kernel", "initramfs_test", "initramfs_shell"}
    for v in guest.VARIANTS:
        e = by_name(parse_newc(gzip.decompress(open(g["initramfs_" + v], "rb").read())))
        assert e["init"]["data"].decode() == guest.init_script(v)
    mt = os.stat(g["initramfs_test"]).st_mtime_ns
    assert not guest.ensure_initramfs(g["busybox"], g["initramfs_test"], "test")
    assert os.stat(g["initramfs_test"]).st_mtime_ns == mt
    # a stale stamp (builder changed) or a missing image triggers a rebuild
    with open(g["initramfs_test"] + ".stamp", "w") as f:
        f.write("old\n")
    assert guest.ensure_initramfs(g["busybox"], g["initramfs_test"], "test")
    os.unlink(g["initramfs_shell"])
    assert guest.ensure_initramfs(g["busybox"], g["initramfs_shell"], "shell")


def test_cli_fetch_error_exit_2(fake_apt, tmp_path, capsys):
    fake_apt(update_rc=100, update_err="E: nope\nE: still nope")
    assert guest.main(["--cache", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("fetch-linux-guest: error: ")
    assert "Traceback" not in err


def test_cli_script_offline(tmp_path):
    """The shell wrapper with a failing apt-get on PATH: exit 2, one line, no traceback."""
    fakebin = tmp_path / "bin"
    fakebin.mkdir()
    apt = fakebin / "apt-get"
    apt.write_text("#!/bin/sh\necho 'E: Failed to fetch (fake offline)' >&2\nexit 100\n")
    apt.chmod(0o755)
    env = dict(os.environ, PATH="%s:/usr/bin:/bin" % fakebin, HYP_CACHE=str(tmp_path / "c"))
    proc = subprocess.run([os.path.join(TOOLS, "linux", "fetch-linux-guest")], env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "Debian archive could not be reached" in proc.stderr
    assert "fake offline" in proc.stderr


def test_cli_prints_cached_paths(fake_apt, tmp_path, capsys):
    fake_apt()
    guest.fetch(str(tmp_path))
    assert guest.main(["--cache", str(tmp_path), "--json"]) == 0
    g = json.loads(capsys.readouterr().out)
    assert g["kernel"] == os.path.join(str(tmp_path), "Image")
    assert os.path.exists(g["initramfs_test"]) and os.path.exists(g["initramfs_shell"])


# --------------------------------------------------------------------------
# real native boot (needs the cached guest and qemu-system-aarch64)
# --------------------------------------------------------------------------

@pytest.mark.linux
def test_native_boot_real_guest():
    if guest.cached_paths() is None:
        pytest.skip("no cached Linux guest in %s (run tools/linux/fetch-linux-guest)"
                    % guest.default_cache_dir())
    if shutil.which("qemu-system-aarch64") is None:
        pytest.skip("qemu-system-aarch64 not installed")
    g = guest.ensure_guest()          # cached: no network
    r = guest.boot_native(g["kernel"], g["initramfs_test"], timeout=180)
    tail = r.output[-3000:]
    assert r.returncode == 0, "QEMU did not power off by itself:\n" + tail
    p = r.parsed
    assert p["init_ok"] and p["poweroff"], tail
    assert p["cpus"] == 2 and p["online"] == "0-1", tail
    assert 400000 < p["memtotal_kb"] < 524288, tail
    assert p["kernel"] == guest.cached_paths().kernel_release
    assert p["workload_result"] == guest.workload_expected(), tail
    assert 0 < p["uptime_init"] < p["uptime_end"], tail
    assert isinstance(p.get("dmesg_warnings"), list), tail   # none seen natively on 6.1
