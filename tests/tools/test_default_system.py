"""'hypctl run' with neither --config nor --kernel: the default system (configs/linux.dts,
fetched first; configs/basic.dts when the fetch fails), 'hypctl linux fetch', and the
Linux configs' @cache@ paths. The tests marked 'linux' boot the cached Linux guest."""
import os
import pty
import re
import select
import subprocess
import time

import pytest

from conftest import ROOT
from hypctl_lib import config, linuxguest

HYPCTL = os.path.join(ROOT, "tools", "hypctl")
BUILD = os.path.join(ROOT, "build", "qemu-virt-gcc")
guest = linuxguest.guest_module()


def fake_apt_env(tmp_path):
    """HYP_CACHE empty, and an apt-get that cannot reach the archive (no network use)."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    apt = bindir / "apt-get"
    apt.write_text("#!/bin/sh\necho 'E: Failed to fetch http://deb.debian.org (offline)' >&2\n"
                   "exit 100\n")
    apt.chmod(0o755)
    return dict(os.environ, HYP_CACHE=str(tmp_path / "cache"),
                PATH=f"{bindir}:{os.environ.get('PATH', '/usr/bin:/bin')}")


def hypctl(*args, env=None, timeout=120):
    return subprocess.run([HYPCTL, *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def have_build(*files):
    return all(os.path.exists(os.path.join(BUILD, f)) for f in ("out.elf",) + files)


# ---- the @cache@ paths agree with guest.py ---------------------------------

@pytest.mark.parametrize("root", ["/tmp/hc", "~/hc"])
def test_cache_dir_matches_guest_py(monkeypatch, root):
    monkeypatch.setenv("HYP_CACHE", root)
    assert linuxguest.cache_dir() == guest.default_cache_dir() == \
        os.path.join(os.path.expanduser(root), "linux")


def test_cache_dir_default(monkeypatch):
    monkeypatch.delenv("HYP_CACHE", raising=False)
    assert linuxguest.cache_dir() == guest.default_cache_dir()


@pytest.mark.parametrize("name, initrd, vcpus, mem", [
    ("linux.dts", "initramfs-shell.cpio.gz", 2, 256),
    ("linux-test.dts", "initramfs-test.cpio.gz", 2, 256),
    ("linux-and-crash.dts", "initramfs-test.cpio.gz", 2, 256),
])
def test_linux_configs(monkeypatch, tmp_path, name, initrd, vcpus, mem):
    monkeypatch.setenv("HYP_CACHE", str(tmp_path))
    ctx = config.Context(build_dir=BUILD)
    cfg = config.load_dts(os.path.join(ROOT, "configs", name), ctx)
    vm = cfg.vms[0]
    d = linuxguest.cache_dir()
    assert vm.name == "linux" and vm.vcpus == vcpus and vm.memory == mem * config.MiB
    assert vm.kernel == os.path.join(d, guest.KERNEL_NAME)
    assert vm.initrd == os.path.join(d, initrd)
    assert initrd in guest.INITRAMFS_NAMES.values()
    if name != "linux.dts":
        assert vm.bootargs == "console=ttyAMA0 panic=-1"
    if name == "linux-and-crash.dts":
        assert cfg.names == ["linux", "crash"]
        assert cfg.vms[1].kernel == os.path.join(BUILD, "tests/guests/guest-crash.elf")
        assert cfg.vms[1].memory == 64 * config.MiB


# ---- choosing the default system --------------------------------------------

def test_default_system_fetch_fails(monkeypatch):
    def fail(*a, **kw):
        raise guest.FetchError("The Debian archive could not be reached:\n  no network")
    monkeypatch.setattr(guest, "ensure_guest", fail)
    said = []
    assert linuxguest.default_system(say=said.append) == linuxguest.FALLBACK_CONFIG
    assert "fetching it failed: The Debian archive could not be reached: no network" in said[0]
    assert "configs/basic.dts" in said[0] and "\n" not in said[0]
    assert "booting configs/basic.dts" in said[-1]


def test_default_system_fetched(monkeypatch, tmp_path):
    monkeypatch.setenv("HYP_CACHE", str(tmp_path))
    got = {}

    def ok(cache_dir=None, refresh=False, log=None):
        got["dir"] = cache_dir
        return {"kernel": "K", "busybox": "B", "kernel_release": "6.1.0-test-arm64",
                "initramfs_test": "T", "initramfs_shell": "S"}
    monkeypatch.setattr(guest, "ensure_guest", ok)
    said = []
    assert linuxguest.default_system(say=said.append) == linuxguest.LINUX_CONFIG
    assert got["dir"] == os.path.join(str(tmp_path), "linux")
    assert "default system" in said[-1] and "6.1.0-test-arm64" in said[-1]


def test_default_system_dry_run_does_not_fetch(monkeypatch, tmp_path):
    monkeypatch.setenv("HYP_CACHE", str(tmp_path))
    monkeypatch.setattr(guest, "ensure_guest", lambda *a, **k: pytest.fail("fetched"))
    said = []
    assert linuxguest.default_system(fetch=False, say=said.append) == linuxguest.FALLBACK_CONFIG
    assert "--dry-run does not fetch" in said[0]


def test_linux_fetch_offline(tmp_path):
    r = hypctl("linux", "fetch", env=fake_apt_env(tmp_path))
    assert r.returncode == 2, r
    lines = [ln for ln in r.stderr.splitlines() if "failed" in ln]
    assert len(lines) == 1 and "fetching the Linux guest failed" in lines[0]
    assert "Traceback" not in r.stderr


def test_run_default_falls_back_to_basic(tmp_path):
    if not have_build("tests/guests/guest-basic.elf"):
        pytest.skip("build/qemu-virt-gcc not built")
    r = hypctl("run", "--no-build", "--expect", r"SUMMARY basic: \d+ passed, 0 failed",
               "--expect-exit", "--timeout", "90", env=fake_apt_env(tmp_path), timeout=150)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert re.search(r"hypctl: no Linux guest: fetching it failed: .*falling back to "
                     r"configs/basic.dts", r.stderr)
    assert "booting configs/basic.dts" in r.stderr


def test_dry_run_default_shows_which(tmp_path):
    if not have_build():
        pytest.skip("build/qemu-virt-gcc not built")
    r = hypctl("run", "--dry-run", env=fake_apt_env(tmp_path))
    assert r.returncode == 0 and "booting configs/basic.dts" in r.stderr


# ---- booting the real Linux guest (cached) -----------------------------------

def cached_guest():
    p = guest.cached_paths(linuxguest.cache_dir())
    if p is None or not have_build("tests/guests/guest-crash.elf"):
        pytest.skip("the Linux guest is not cached (hypctl linux fetch) or no build")
    return guest.ensure_guest(linuxguest.cache_dir())   # cached: no network


class Pty:
    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(ROOT)
            os.execv(argv[0], argv)
        self.buf = b""

    def wait(self, regex, timeout):
        end = time.monotonic() + timeout
        pattern = re.compile(regex)
        while time.monotonic() < end:
            m = pattern.search(self.buf)
            if m:
                return m
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    data = b""
                if not data:
                    break
                self.buf += data
        m = pattern.search(self.buf)
        assert m, f"{regex!r} not seen; output:\n" + self.buf[-3000:].decode("utf-8", "replace")
        return m

    def type(self, text):
        """As a person would: a few characters at a time (the virtual UART's RX FIFO
        holds 32 bytes)."""
        for i in range(0, len(text), 8):
            os.write(self.fd, text[i:i + 8])
            time.sleep(0.05)

    def drain(self):
        """Everything hypctl wrote before it exited: the pty master keeps it readable
        until the first EIO."""
        try:
            while select.select([self.fd], [], [], 0.2)[0]:
                data = os.read(self.fd, 4096)
                if not data:
                    return
                self.buf += data
        except OSError:
            pass

    def status(self, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.drain()
                return os.waitstatus_to_exitcode(st)
            try:
                if select.select([self.fd], [], [], 0.2)[0]:
                    self.buf += os.read(self.fd, 4096)
            except OSError:
                time.sleep(0.1)
        os.kill(self.pid, 9)
        pytest.fail("hypctl did not exit; output:\n" + self.buf[-3000:].decode("utf-8", "replace"))


@pytest.mark.linux
def test_default_system_interactive_shell():
    cached_guest()
    p = Pty([HYPCTL, "run", "--no-build", "--timeout", "300"])
    p.wait(rb"booting the default system", 60)
    p.wait(rb"hyp-guest:[^\r\n]*# ", 240)
    p.type(b"echo hello-from-shell; cat /proc/cpuinfo | grep -c processor\r")
    p.wait(rb"\nhello-from-shell\r*\n2\r*\n", 60)
    p.type(b"poweroff -f\r")
    assert p.status(60) == 0
    assert b"exited with status 0" in p.buf


@pytest.mark.linux
def test_linux_and_crash():
    cached_guest()
    r = hypctl("run", "--no-build", "--config", "configs/linux-and-crash.dts",
               "--timeout", "300", timeout=360)
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-2000:]
    assert "VM 'crash' (id 1) exited with status 99" in r.stdout
    assert "[linux] HYP-LINUX-POWEROFF" in r.stdout
    assert "VM 'linux' (id 0) exited with status 0" in r.stdout
    assert "VM 'crash' exited with status 99" in r.stderr and "'linux'" not in r.stderr


@pytest.mark.linux
def test_linux_test_config():
    cached_guest()
    r = hypctl("run", "--no-build", "--config", "configs/linux-test.dts", "--expect",
               guest.MARKER_POWEROFF, "--expect-exit", "--timeout", "300", timeout=360)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    res = guest.parse_test_output(r.stdout)
    assert res["init_ok"] and res["poweroff"] and res["cpus"] == 2
    assert res["workload_result"] == guest.workload_expected()
