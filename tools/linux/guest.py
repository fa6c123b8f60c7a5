"""Fetch a real Debian arm64 Linux kernel + busybox and build initramfs images.

Standard library only (runs under ``/usr/bin/python3``); importable as
``linux.guest`` when ``tools/`` is on ``sys.path``.

Public API
----------
``fetch(cache_dir=None, refresh=False) -> Paths``
    Resolve the current ``linux-image-*-arm64`` (the dependency of the
    ``linux-image-arm64`` meta package) and ``busybox-static`` for arm64 from
    the Debian archive with apt-get (private state under the cache: nothing is
    installed on the host), extract the kernel ``Image`` and ``busybox`` and
    record the versions in ``manifest.json``.  With the files already cached
    (and ``refresh`` false) no command is run at all.
``build_initramfs(busybox_path, out_path, variant="test")``
    Write a gzip'd newc cpio with busybox and an ``/init`` script.
``ensure_guest(cache_dir=None) -> dict``
    ``fetch`` + both initramfs variants (rebuilt when missing or stale).
``qemu_command`` / ``boot_native`` / ``parse_test_output``
    Native QEMU reference boot and the parser for the test variant's output
    (also used by benchmarks running the guest under the hypervisor).

The cache directory defaults to ``$HYP_CACHE/linux`` when ``HYP_CACHE`` is
set, else ``~/.cache/hyp/linux``.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

# --------------------------------------------------------------------------
# constants
# --------------------------------------------------------------------------

KERNEL_META_PACKAGE = "linux-image-arm64"
BUSYBOX_PACKAGE = "busybox-static"
MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
KERNEL_NAME = "Image"
BUSYBOX_NAME = "busybox"
INITRAMFS_NAMES = {"test": "initramfs-test.cpio.gz", "shell": "initramfs-shell.cpio.gz"}
VARIANTS = tuple(INITRAMFS_NAMES)

ARM64_IMAGE_MAGIC = b"ARM\x64"
ARM64_IMAGE_MAGIC_OFFSET = 0x38
EM_AARCH64 = 183

# Guest console markers (parsed by tests, hypctl and the benchmarks).
MARKER_INIT = "HYP-LINUX-INIT-OK"
MARKER_POWEROFF = "HYP-LINUX-POWEROFF"
MARKER_RESETS = "HYP-LINUX-RESETS"
DMESG_BEGIN = "dmesg-warnings-begin"
DMESG_END = "dmesg-warnings-end"
DMESG_PATTERN = "warn|error|fail|unexpected"

# CPU-bound workload of the test variant: an awk loop computing
# h = (h*31 + i) mod 1000000007 for i in 1..N.  N chosen so that it takes
# roughly half a second of virtual time natively (QEMU TCG, -icount shift=0).
WORKLOAD_N = 100000
WORKLOAD_MOD = 1000000007

DEFAULT_CMDLINE = "console=ttyAMA0 panic=-1"

# Applets the init scripts use (plus a few handy ones for the shell variant);
# each gets a /bin/<name> -> busybox symlink.
APPLETS = (
    "sh", "ash", "mount", "umount", "echo", "cat", "grep", "awk", "cut",
    "uname", "dmesg", "poweroff", "reboot", "sleep", "setsid", "cttyhack",
    "ls", "ps", "dd", "head", "tail", "wc", "date", "sync", "mkdir", "rm",
    "cp", "mv", "ln", "free", "top", "uptime", "hostname", "printf", "test",
    "[", "true", "false", "env", "vi", "less", "find", "sed", "seq",
    "nproc", "df", "du", "chmod", "kill", "stty", "tr", "sort", "md5sum", "od",
)

APT_ARCH_OPTS = ("-oAPT::Architecture=arm64", "-oAPT::Architectures=arm64")


class FetchError(RuntimeError):
    """The guest could not be fetched (archive unreachable, bad package, ...)."""


@dataclasses.dataclass(frozen=True)
class Paths:
    cache_dir: str
    kernel: str            # uncompressed arm64 Image
    busybox: str           # static arm64 busybox
    manifest: str
    kernel_package: str    # e.g. linux-image-6.1.0-56-arm64
    kernel_version: str    # Debian version of that package, e.g. 6.1.192-2
    kernel_release: str    # uname -r, e.g. 6.1.0-56-arm64
    busybox_version: str


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def default_cache_dir() -> str:
    root = os.environ.get("HYP_CACHE")
    if root:
        return os.path.join(os.path.expanduser(root), "linux")
    return os.path.join(os.path.expanduser("~"), ".cache", "hyp", "linux")


def _resolve_cache(cache_dir: Optional[str]) -> str:
    return os.path.abspath(os.path.expanduser(cache_dir or default_cache_dir()))


def _run(cmd: Sequence[str], cwd: Optional[str] = None) -> subprocess.CompletedProcess:
    """Single choke point for external commands (mocked by unit tests)."""
    env = dict(os.environ, LC_ALL="C", DEBIAN_FRONTEND="noninteractive")
    return subprocess.run(list(cmd), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def _tail(text: str, lines: int = 6) -> str:
    out = [l.rstrip() for l in (text or "").strip().splitlines() if l.strip()]
    return " | ".join(out[-lines:]).rstrip(".") if out else "(no output)"


def _sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _atomic_write(path: str, data: bytes, mode: int = 0o644) -> None:
    d = os.path.dirname(path) or "."
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix="." + os.path.basename(path) + ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def is_arm64_image(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(0x40)
    except OSError:
        return False
    return (len(head) >= 0x3C and
            head[ARM64_IMAGE_MAGIC_OFFSET:ARM64_IMAGE_MAGIC_OFFSET + 4] == ARM64_IMAGE_MAGIC)


def is_aarch64_elf(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(20)
    except OSError:
        return False
    return (len(head) == 20 and head[:4] == b"\x7fELF" and head[4] == 2 and head[5] == 1
            and int.from_bytes(head[18:20], "little") == EM_AARCH64)


# --------------------------------------------------------------------------
# manifest / cache
# --------------------------------------------------------------------------

def read_manifest(cache_dir: str) -> Optional[dict]:
    try:
        with open(os.path.join(cache_dir, MANIFEST_NAME)) as f:
            m = json.load(f)
    except (OSError, ValueError):
        return None
    return m if isinstance(m, dict) and m.get("format") == MANIFEST_FORMAT else None


def write_manifest(cache_dir: str, manifest: dict) -> None:
    data = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    _atomic_write(os.path.join(cache_dir, MANIFEST_NAME), data.encode())


def _paths_from_manifest(cache_dir: str, m: dict) -> Paths:
    return Paths(
        cache_dir=cache_dir,
        kernel=os.path.join(cache_dir, m["kernel"]["file"]),
        busybox=os.path.join(cache_dir, m["busybox"]["file"]),
        manifest=os.path.join(cache_dir, MANIFEST_NAME),
        kernel_package=m["kernel"]["package"],
        kernel_version=m["kernel"]["version"],
        kernel_release=m["kernel"]["release"],
        busybox_version=m["busybox"]["version"],
    )


def cached_paths(cache_dir: Optional[str] = None) -> Optional[Paths]:
    """Paths of a complete cached guest, or None (never touches the network)."""
    cache_dir = _resolve_cache(cache_dir)
    m = read_manifest(cache_dir)
    if not m:
        return None
    try:
        p = _paths_from_manifest(cache_dir, m)
        for path, key in ((p.kernel, "kernel"), (p.busybox, "busybox")):
            if os.path.getsize(path) != m[key]["size"]:
                return None
    except (KeyError, TypeError, OSError):
        return None
    if not (is_arm64_image(p.kernel) and is_aarch64_elf(p.busybox)):
        return None
    return p


# --------------------------------------------------------------------------
# fetch
# --------------------------------------------------------------------------

def _apt_opts(cache_dir: str) -> List[str]:
    apt = os.path.join(cache_dir, "apt")
    return [*APT_ARCH_OPTS,
            "-oDir::State::Lists=" + os.path.join(apt, "lists"),
            "-oDir::Cache=" + os.path.join(apt, "cache"),
            # don't consult the host's dpkg database or its arm64 foreign-arch setup
            "-oDir::State::status=/dev/null",
            # root-owned private dirs: skip the _apt sandbox (and its warning)
            "-oAPT::Sandbox::User=root",
            "-oDebug::NoLocking=1"]


def _fetch_failure(cache_dir: str, what: str, cmd: Sequence[str],
                   proc: Optional[subprocess.CompletedProcess], extra: str = "") -> FetchError:
    rc = "not run" if proc is None else "exit %d" % proc.returncode
    if proc is not None and proc.returncode == 0 and _update_failed(proc):
        rc = "exit 0 but 'Failed to fetch'"
    stderr = "" if proc is None else (proc.stderr or proc.stdout or "")
    msg = ("%s: command `%s` failed (%s): %s. %s"
           "A cached copy is used when present (none complete in %s); run "
           "tools/linux/fetch-linux-guest again with network access to the Debian archive."
           % (what, " ".join(cmd), rc, _tail(stderr), extra, cache_dir))
    return FetchError(msg)


def _update_failed(proc: subprocess.CompletedProcess) -> bool:
    """apt-get update exits 0 when sources cannot be reached (it only prints
    W: Failed to fetch ... and keeps old lists): treat that as a failure too."""
    text = (proc.stderr or "") + (proc.stdout or "")
    return ("Failed to fetch" in text or "Some index files failed to download" in text)


def _resolve_kernel_package(cache_dir: str, update: subprocess.CompletedProcess,
                            update_cmd: Sequence[str]) -> str:
    cmd = ["apt-cache", *_apt_opts(cache_dir), "depends", KERNEL_META_PACKAGE]
    proc = _run(cmd)
    if proc.returncode == 0:
        for line in proc.stdout.splitlines():
            m = re.match(r"\s*\|?Depends:\s*(linux-image-\S+-arm64)\s*$", line)
            if m and m.group(1) != KERNEL_META_PACKAGE:
                return m.group(1)
    # apt-get update exits 0 even when every source failed (only W: lines):
    # an empty package list shows up here instead.
    return _raise(_fetch_failure(
        cache_dir, "The Debian archive could not be reached or has no arm64 %s"
        % KERNEL_META_PACKAGE, update_cmd, update,
        extra="(`%s` then printed: %s.) " % (" ".join(cmd), _tail(proc.stdout + proc.stderr, 3))))


def _raise(exc: Exception):
    raise exc


def _candidate_version(cache_dir: str, package: str) -> str:
    proc = _run(["apt-cache", *_apt_opts(cache_dir), "show", "--no-all-versions", package])
    if proc.returncode == 0:
        for line in proc.stdout.splitlines():
            if line.startswith("Version:"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def _extract_from_deb(deb: str, members: Dict[str, str]) -> Dict[str, str]:
    """Extract selected regular files from a .deb without dpkg -x'ing it all.

    ``members`` maps a regex over the member path (without leading ./) to an
    output path.  Returns {regex: member path found}.
    """
    proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    found: Dict[str, str] = {}
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|*") as tar:
            for ti in tar:
                name = ti.name[2:] if ti.name.startswith("./") else ti.name
                for rx, out in members.items():
                    if rx not in found and ti.isfile() and re.fullmatch(rx, name):
                        src = tar.extractfile(ti)
                        _atomic_write(out, src.read(), 0o755 if ti.mode & 0o111 else 0o644)
                        found[rx] = name
    finally:
        err = proc.stderr.read().decode(errors="replace")
        proc.stdout.close()
        proc.stderr.close()
        rc = proc.wait()
    if rc != 0:
        raise FetchError("dpkg-deb --fsys-tarfile %s failed (exit %d): %s" % (deb, rc, _tail(err)))
    missing = [rx for rx in members if rx not in found]
    if missing:
        raise FetchError("%s does not contain %s" % (os.path.basename(deb), ", ".join(missing)))
    return found


def fetch(cache_dir: Optional[str] = None, refresh: bool = False,
          log=None) -> Paths:
    """Return the cached guest, downloading it first when missing (or refresh)."""
    cache_dir = _resolve_cache(cache_dir)
    say = log or (lambda msg: None)
    cached = cached_paths(cache_dir)
    if cached and not refresh:
        return cached
    os.makedirs(cache_dir, exist_ok=True)
    try:
        with _cache_lock(cache_dir):
            if not refresh:
                # another process may have completed the fetch while we waited
                cached = cached_paths(cache_dir)
                if cached:
                    return cached
            return _download(cache_dir, say)
    except FetchError as e:
        if cached:
            say("warning: refresh failed, using the cached guest: %s" % e)
            return cached
        raise


class _cache_lock:
    """Exclusive flock on <cache>/.lock so concurrent fetches don't collide."""

    def __init__(self, cache_dir: str):
        self.path = os.path.join(cache_dir, ".lock")
        self.fd = -1

    def __enter__(self):
        import fcntl
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        os.close(self.fd)   # releases the flock
        return False


def _download(cache_dir: str, say) -> Paths:
    for d in ("apt/lists/partial", "apt/cache/archives/partial", "debs"):
        os.makedirs(os.path.join(cache_dir, d), exist_ok=True)
    opts = _apt_opts(cache_dir)

    update_cmd = ["apt-get", *opts, "update"]
    say("updating the arm64 package lists: " + " ".join(update_cmd))
    update = _run(update_cmd)
    if update.returncode != 0 or _update_failed(update):
        raise _fetch_failure(cache_dir, "The Debian archive could not be reached",
                             update_cmd, update)

    kpkg = _resolve_kernel_package(cache_dir, update, update_cmd)
    release = kpkg[len("linux-image-"):]
    kver = _candidate_version(cache_dir, kpkg)
    bver = _candidate_version(cache_dir, BUSYBOX_PACKAGE)

    debs = os.path.join(cache_dir, "debs")
    for f in os.listdir(debs):
        os.unlink(os.path.join(debs, f))
    dl_cmd = ["apt-get", *opts, "download", kpkg, BUSYBOX_PACKAGE]
    say("downloading %s (%s) and %s (%s)" % (kpkg, kver, BUSYBOX_PACKAGE, bver))
    proc = _run(dl_cmd, cwd=debs)
    if proc.returncode != 0:
        raise _fetch_failure(cache_dir, "Downloading from the Debian archive failed",
                             dl_cmd, proc)

    def deb_of(pkg: str) -> str:
        for f in sorted(os.listdir(debs)):
            if f.startswith(pkg + "_") and f.endswith(".deb"):
                return os.path.join(debs, f)
        raise _fetch_failure(cache_dir, "apt-get download produced no %s .deb" % pkg,
                             dl_cmd, proc)

    kdeb, bdeb = deb_of(kpkg), deb_of(BUSYBOX_PACKAGE)
    say("extracting " + os.path.basename(kdeb))
    kernel = os.path.join(cache_dir, KERNEL_NAME)
    _extract_from_deb(kdeb, {
        r"boot/vmlinuz-" + re.escape(release): kernel,
        r"boot/config-" + re.escape(release): os.path.join(cache_dir, "config-" + release),
    })
    os.chmod(kernel, 0o644)
    busybox = os.path.join(cache_dir, BUSYBOX_NAME)
    _extract_from_deb(bdeb, {r"bin/busybox": busybox})
    os.chmod(busybox, 0o755)

    if not is_arm64_image(kernel):
        raise FetchError("%s from %s is not an uncompressed arm64 Image (no ARM\\x64 magic "
                         "at 0x38)" % (kernel, os.path.basename(kdeb)))
    if not is_aarch64_elf(busybox):
        raise FetchError("%s from %s is not an AArch64 ELF" % (busybox, os.path.basename(bdeb)))

    manifest = {
        "format": MANIFEST_FORMAT,
        "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "kernel": {"package": kpkg, "version": kver, "release": release,
                   "deb": os.path.basename(kdeb), "file": KERNEL_NAME,
                   "size": os.path.getsize(kernel), "sha256": _sha256_file(kernel)},
        "busybox": {"package": BUSYBOX_PACKAGE, "version": bver,
                    "deb": os.path.basename(bdeb), "file": BUSYBOX_NAME,
                    "size": os.path.getsize(busybox), "sha256": _sha256_file(busybox)},
    }
    write_manifest(cache_dir, manifest)
    # the .debs (~60 MB) are not needed any more
    shutil.rmtree(debs, ignore_errors=True)
    return _paths_from_manifest(cache_dir, manifest)


# --------------------------------------------------------------------------
# cpio (newc) writer
# --------------------------------------------------------------------------

class CpioWriter:
    """Minimal SVR4 "newc" (070701) cpio writer, deterministic output."""

    MAGIC = b"070701"

    def __init__(self, fileobj, mtime: int = 0):
        self.f = fileobj
        self.mtime = mtime
        self.ino = 300000  # arbitrary, nonzero, unique per entry
        self.names = set()
        self.closed = False

    def _pad(self, n: int) -> None:
        if n % 4:
            self.f.write(b"\0" * (4 - n % 4))

    def _entry(self, name: str, mode: int, data: bytes = b"", nlink: int = 1,
               rdev: Tuple[int, int] = (0, 0), ino: Optional[int] = None) -> None:
        assert not self.closed
        name = name.lstrip("/") or "."
        if name != "TRAILER!!!":
            if name in self.names:
                raise ValueError("duplicate cpio entry %r" % name)
            self.names.add(name)
        if ino is None:
            self.ino += 1
            ino = self.ino
        bname = name.encode() + b"\0"
        fields = (ino, mode, 0, 0, nlink, self.mtime, len(data), 0, 0,
                  rdev[0], rdev[1], len(bname), 0)
        hdr = self.MAGIC + b"".join(b"%08X" % v for v in fields)
        self.f.write(hdr + bname)
        self._pad(len(hdr) + len(bname))   # header is 110 bytes
        self.f.write(data)
        self._pad(len(data))

    def dir(self, name: str, perm: int = 0o755) -> None:
        self._entry(name, stat.S_IFDIR | perm, nlink=2)

    def file(self, name: str, data: bytes, perm: int = 0o644) -> None:
        self._entry(name, stat.S_IFREG | perm, data)

    def symlink(self, name: str, target: str) -> None:
        self._entry(name, stat.S_IFLNK | 0o777, target.encode())

    def chardev(self, name: str, major: int, minor: int, perm: int = 0o600) -> None:
        self._entry(name, stat.S_IFCHR | perm, rdev=(major, minor))

    def close(self) -> None:
        if not self.closed:
            self._entry("TRAILER!!!", 0, ino=0)
            self.closed = True


# --------------------------------------------------------------------------
# init scripts
# --------------------------------------------------------------------------

_INIT_COMMON = """\
#!/bin/sh
# /init of the hyp real-Linux guest ({variant} variant); generated by
# tools/linux/guest.py -- edit there.  Runs as PID 1 under busybox sh.
export PATH=/bin:/sbin
mount -t proc proc /proc 2>/dev/null
mount -t sysfs sysfs /sys 2>/dev/null
mount -t devtmpfs devtmpfs /dev 2>/dev/null
echo
echo {marker_init}
echo "uptime-init: $(cut -d' ' -f1 /proc/uptime)"
echo "cpus: $(grep -c '^processor' /proc/cpuinfo)"
echo "online: $(cat /sys/devices/system/cpu/online)"
echo "memtotal_kb: $(awk '/^MemTotal:/ {{ print $2 }}' /proc/meminfo)"
echo "kernel: $(uname -r)"
"""

_INIT_POWEROFF = """\
# hyp.reset_loop=N on the command line: PSCI SYSTEM_RESET until the hypervisor's
# /hypervisor/vm-resets (a big-endian u32 in the VM's device tree) says N were done.
loop=$(sed -n 's/.*hyp\\.reset_loop=\\([0-9]*\\).*/\\1/p' /proc/cmdline)
if [ -n "$loop" ] && [ -r /proc/device-tree/hypervisor/vm-resets ]; then
    set -- $(od -An -tu1 /proc/device-tree/hypervisor/vm-resets)
    n=$(( ($1 << 24) | ($2 << 16) | ($3 << 8) | $4 ))
    echo "{marker_resets} $n of $loop"
    if [ "$n" -lt "$loop" ]; then
        sync
        reboot -f
        while :; do sleep 60; done
    fi
fi
echo "uptime-end: $(cut -d' ' -f1 /proc/uptime)"
echo {marker_poweroff}
sync
poweroff -f
# poweroff -f only returns on failure; try sysrq, then idle (PID 1 must not exit)
echo o > /proc/sysrq-trigger 2>/dev/null
while :; do sleep 60; done
"""

_INIT_TEST = """\
t0=$(cut -d' ' -f1 /proc/uptime)
echo "workload: start n={n}"
result=$(awk -v n={n} 'BEGIN {{ h = 0; for (i = 1; i <= n; i++) h = (h * 31 + i) % {mod}; print h }}')
t1=$(cut -d' ' -f1 /proc/uptime)
echo "workload: done result=$result"
echo "workload-seconds: $(awk -v a="$t0" -v b="$t1" 'BEGIN {{ printf "%.2f\\n", b - a }}')"
echo {dmesg_begin}
dmesg | grep -iE '{dmesg_pattern}'
echo {dmesg_end}
"""

_INIT_SHELL = """\
echo "Interactive busybox shell; 'exit' (or Ctrl-D) powers the guest off."
# setsid + cttyhack give the shell a controlling terminal (the console
# device), so job control and Ctrl-C work; a plain `sh` on /dev/console
# would run without a controlling tty ("can't access tty; job control
# turned off").  Not exec'd, so that we can power off when it exits.
setsid cttyhack sh -l
"""


def init_script(variant: str = "test", workload_n: int = WORKLOAD_N) -> str:
    if variant not in VARIANTS:
        raise ValueError("unknown initramfs variant %r (expected one of %s)"
                         % (variant, ", ".join(VARIANTS)))
    fmt = dict(variant=variant, marker_init=MARKER_INIT, marker_poweroff=MARKER_POWEROFF,
               marker_resets=MARKER_RESETS,
               n=int(workload_n), mod=WORKLOAD_MOD, dmesg_begin=DMESG_BEGIN,
               dmesg_end=DMESG_END, dmesg_pattern=DMESG_PATTERN)
    body = _INIT_TEST if variant == "test" else _INIT_SHELL
    return (_INIT_COMMON + body + _INIT_POWEROFF).format(**fmt)


def workload_expected(n: int = WORKLOAD_N) -> int:
    """The result the guest's awk workload must print (awk uses doubles: exact here)."""
    h = 0
    for i in range(1, n + 1):
        h = (h * 31 + i) % WORKLOAD_MOD
    return h


# --------------------------------------------------------------------------
# initramfs
# --------------------------------------------------------------------------

def initramfs_bytes(busybox_data: bytes, variant: str = "test",
                    workload_n: int = WORKLOAD_N) -> bytes:
    """Uncompressed newc cpio of the guest root filesystem."""
    script = init_script(variant, workload_n)
    buf = io.BytesIO()
    w = CpioWriter(buf)
    for d in ("bin", "sbin", "proc", "sys", "dev", "tmp", "etc", "root"):
        w.dir(d, 0o1777 if d == "tmp" else 0o755)
    w.chardev("dev/console", 5, 1, 0o600)
    w.chardev("dev/null", 1, 3, 0o666)
    w.file("bin/busybox", busybox_data, 0o755)
    for a in APPLETS:
        w.symlink("bin/" + a, "busybox")
    w.file("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n")
    w.file("etc/group", b"root:x:0:\n")
    w.file("etc/profile", b"export PATH=/bin:/sbin\nexport PS1='hyp-guest:\\w# '\n")
    w.file("init", script.encode(), 0o755)
    w.close()
    return buf.getvalue()


def build_initramfs(busybox_path: str, out_path: str, variant: str = "test",
                    workload_n: int = WORKLOAD_N) -> str:
    """Write a gzip'd newc cpio (busybox + /init for ``variant``) to ``out_path``."""
    with open(busybox_path, "rb") as f:
        bb = f.read()
    raw = initramfs_bytes(bb, variant, workload_n)
    gz = io.BytesIO()
    # mtime=0 and no file name: byte-for-byte reproducible
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz, mtime=0, compresslevel=9) as z:
        z.write(raw)
    _atomic_write(out_path, gz.getvalue())
    return out_path


def _builder_stamp(busybox_path: str, variant: str) -> str:
    h = hashlib.sha256()
    with open(os.path.abspath(__file__), "rb") as f:
        h.update(f.read())
    h.update(_sha256_file(busybox_path).encode())
    h.update(variant.encode())
    return h.hexdigest()


def ensure_initramfs(busybox_path: str, out_path: str, variant: str) -> bool:
    """Build ``out_path`` unless it exists and was built by this builder from
    this busybox.  Returns True when it was (re)built."""
    stamp_path = out_path + ".stamp"
    stamp = _builder_stamp(busybox_path, variant)
    try:
        with open(stamp_path) as f:
            if f.read().strip() == stamp and os.path.getsize(out_path) > 0:
                return False
    except OSError:
        pass
    build_initramfs(busybox_path, out_path, variant)
    _atomic_write(stamp_path, (stamp + "\n").encode())
    return True


def ensure_guest(cache_dir: Optional[str] = None, refresh: bool = False, log=None) -> dict:
    p = fetch(cache_dir, refresh=refresh, log=log)
    out = {"kernel": p.kernel, "busybox": p.busybox, "kernel_release": p.kernel_release}
    for variant, name in INITRAMFS_NAMES.items():
        path = os.path.join(p.cache_dir, name)
        ensure_initramfs(p.busybox, path, variant)
        out["initramfs_" + variant] = path
    return out


# --------------------------------------------------------------------------
# native QEMU reference boot + output parsing
# --------------------------------------------------------------------------

def qemu_command(kernel: str, initramfs: str, smp: int = 2, mem: str = "512M",
                 cmdline: str = DEFAULT_CMDLINE, icount: bool = True,
                 qemu: str = "qemu-system-aarch64") -> List[str]:
    """QEMU virt command line booting the guest directly (no hypervisor)."""
    # -nodefaults: only the devices the guest uses (no default NIC wanting an option ROM)
    cmd = [qemu, "-nodefaults", "-M", "virt", "-cpu", "cortex-a57", "-smp", str(smp),
           "-m", mem]
    if icount:
        # one instruction per ns, no sleeping: guest uptime == virtual time,
        # deterministic and independent of the host's load
        cmd += ["-icount", "shift=0,sleep=off"]
    cmd += ["-display", "none", "-serial", "stdio", "-no-reboot", "-kernel", kernel,
            "-initrd", initramfs, "-append", cmdline]
    return cmd


@dataclasses.dataclass
class BootResult:
    command: List[str]
    returncode: Optional[int]   # None: timed out (QEMU killed)
    output: str
    host_seconds: float
    parsed: dict


def boot_native(kernel: str, initramfs: str, timeout: float = 120, **kw) -> BootResult:
    cmd = qemu_command(kernel, initramfs, **kw)
    t0 = time.monotonic()
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)
        rc, raw = proc.returncode, proc.stdout
    except subprocess.TimeoutExpired as e:
        rc, raw = None, e.stdout or b""
    out = raw.decode("utf-8", errors="replace")
    return BootResult(cmd, rc, out, time.monotonic() - t0, parse_test_output(out))


def _num(s: str):
    try:
        return int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError:
            return s


def parse_test_output(text: str) -> dict:
    """Parse the console output of the test variant.

    Keys (present only when seen): init_ok, poweroff (bools, always present),
    cpus, online, memtotal_kb, kernel, uptime_init, uptime_end,
    workload_result, workload_seconds, dmesg_warnings (list of lines)."""
    res: dict = {"init_ok": False, "poweroff": False}
    in_dmesg = False
    warnings: List[str] = []
    keys = {"uptime-init": "uptime_init", "uptime-end": "uptime_end", "cpus": "cpus",
            "online": "online", "memtotal_kb": "memtotal_kb", "kernel": "kernel",
            "workload-seconds": "workload_seconds"}
    for line in text.replace("\r", "").split("\n"):
        s = line.strip()
        if in_dmesg:
            if s == DMESG_END:
                in_dmesg = False
                res["dmesg_warnings"] = warnings
            elif s:
                warnings.append(s)
            continue
        if s == MARKER_INIT:
            res["init_ok"] = True
        elif s == MARKER_POWEROFF:
            res["poweroff"] = True
        elif s == DMESG_BEGIN:
            in_dmesg = True
        elif s.startswith("workload: done result="):
            res["workload_result"] = _num(s.split("=", 1)[1])
        elif ":" in s:
            k, v = s.split(":", 1)
            if k in keys and res["init_ok"]:
                v = v.strip()
                res[keys[k]] = v if k in ("online", "kernel") else _num(v)
    return res


# --------------------------------------------------------------------------
# CLI (tools/linux/fetch-linux-guest)
# --------------------------------------------------------------------------

def main(argv: Optional[Sequence[str]] = None) -> int:
    import argparse
    ap = argparse.ArgumentParser(
        prog="fetch-linux-guest",
        description="Fetch a Debian arm64 kernel + busybox-static into the cache, build "
                    "the test/shell initramfs images and print their paths.")
    ap.add_argument("--cache", metavar="DIR",
                    help="cache directory (default: $HYP_CACHE/linux or ~/.cache/hyp/linux; "
                         "now %s)" % default_cache_dir())
    ap.add_argument("--refresh", action="store_true",
                    help="re-resolve and re-download even when a cached copy exists")
    ap.add_argument("--json", action="store_true", help="print the paths as JSON")
    ap.add_argument("--boot-native", action="store_true",
                    help="then boot the test initramfs directly under qemu-system-aarch64 "
                         "(no hypervisor) and print the parsed figures")
    ap.add_argument("--timeout", type=float, default=120, help="--boot-native timeout (s)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    log = (lambda m: print("fetch-linux-guest: " + m, file=sys.stderr)) if args.verbose else None
    try:
        g = ensure_guest(args.cache, refresh=args.refresh, log=log)
    except FetchError as e:
        print("fetch-linux-guest: error: " + " ".join(str(e).split()), file=sys.stderr)
        return 2
    except OSError as e:
        print("fetch-linux-guest: error: %s" % e, file=sys.stderr)
        return 2

    if args.json and not args.boot_native:
        print(json.dumps(g, indent=2, sort_keys=True))
    elif not args.json:
        for k in ("kernel", "initramfs_test", "initramfs_shell", "busybox", "kernel_release"):
            print("%s: %s" % (k, g[k]))

    if args.boot_native:
        r = boot_native(g["kernel"], g["initramfs_test"], timeout=args.timeout)
        ok = (r.returncode == 0 and r.parsed["init_ok"] and r.parsed["poweroff"]
              and r.parsed.get("workload_result") == workload_expected())
        if args.json:
            print(json.dumps({"paths": g, "command": r.command, "returncode": r.returncode,
                              "host_seconds": round(r.host_seconds, 2), "parsed": r.parsed,
                              "ok": ok}, indent=2, sort_keys=True))
        else:
            print("command: " + " ".join(r.command))
            print("returncode: %s  host_seconds: %.2f" % (r.returncode, r.host_seconds))
            for k, v in sorted(r.parsed.items()):
                print("%s: %s" % (k, v))
            print("native boot: " + ("OK" if ok else "FAILED"))
        if not ok:
            sys.stderr.write(r.output[-4000:])
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
