"""The real Linux guest (tools/linux/guest.py) for hypctl: the default system of
'hypctl run' and 'hypctl linux fetch'."""
import os
import sys

import click

from . import REPO_ROOT, TOOLS_DIR, config

LINUX_CONFIG = os.path.join(REPO_ROOT, "configs", "linux.dts")
FALLBACK_CONFIG = os.path.join(REPO_ROOT, "configs", "basic.dts")


def guest_module():
    """tools/linux/guest.py as 'linux.guest' (tools/ on sys.path)."""
    if TOOLS_DIR not in sys.path:
        sys.path.insert(0, TOOLS_DIR)
    from linux import guest
    return guest


def cache_dir():
    """Where guest.py keeps the files: <@cache@>/linux, so the configs' @cache@/linux/...
    paths name them ($HYP_CACHE, else ~/.cache/hyp)."""
    return os.path.join(config.default_cache_dir(), "linux")


def one_line(err):
    return " ".join(str(err).split())


def _say(msg):
    click.echo(f"hypctl: {msg}", err=True)


def _ensure_quiet(say):
    """guest.ensure_guest() into cache_dir(), saying only that it fetches (not each
    apt-get command). guest.FetchError when the Debian archive cannot be reached."""
    guest = guest_module()
    if guest.cached_paths(cache_dir()) is None:
        say(f"the Linux guest is not cached in {cache_dir()}: fetching it from the "
            "Debian archive (once)")
    return guest.ensure_guest(cache_dir())


def _show(path):
    rel = os.path.relpath(path, REPO_ROOT)
    return path if rel.startswith("..") else rel


def default_system(fetch=True, say=_say):
    """The config 'hypctl run' boots without --config/--kernel: configs/linux.dts (a Linux
    VM with a busybox shell), fetched first if needed; configs/basic.dts if that fails
    (or, with fetch=False, if it is not cached). Says which one it is."""
    guest = guest_module()
    why = None
    try:
        if fetch:
            g = _ensure_quiet(say)
            release = g.get("kernel_release")
        else:
            p = guest.cached_paths(cache_dir())
            release = p.kernel_release if p else None
            if p is None:
                why = f"it is not cached in {cache_dir()} (--dry-run does not fetch)"
    except (guest.FetchError, OSError) as e:
        why = f"fetching it failed: {one_line(e).rstrip('.')}"
    if why:
        say(f"no Linux guest: {why}; falling back to {_show(FALLBACK_CONFIG)} "
            "(the in-tree bare-metal guest)")
        say(f"booting {_show(FALLBACK_CONFIG)}: the 'basic' test guest (1 vCPU)")
        return FALLBACK_CONFIG
    say(f"booting the default system ({_show(LINUX_CONFIG)}): Linux {release} with a "
        "busybox shell on its console, 2 vCPUs; type 'poweroff -f' or Ctrl-A x to stop")
    return LINUX_CONFIG


@click.group("linux")
def linux_group():
    """The real Linux guest (Debian arm64 kernel + busybox initramfs)."""


@linux_group.command("fetch")
@click.option("--refresh", is_flag=True, help="Re-download even when a cached copy exists.")
def fetch_cmd(refresh):
    """Fetch the Linux guest into the cache (if needed) and print its paths.

    The cache is $HYP_CACHE/linux, else ~/.cache/hyp/linux: the @cache@/linux/...
    paths of configs/linux*.dts. Exits 2 if the Debian archive cannot be reached.
    """
    guest = guest_module()
    try:
        g = guest.ensure_guest(cache_dir(), refresh=refresh, log=_say)
    except (guest.FetchError, OSError) as e:
        click.echo(f"hypctl: fetching the Linux guest failed: {one_line(e)}", err=True)
        sys.exit(2)
    for k in ("kernel", "initramfs_shell", "initramfs_test", "busybox"):
        click.echo(f"{k}: {g[k]}")
    click.echo(f"kernel_release: {g['kernel_release']}")
