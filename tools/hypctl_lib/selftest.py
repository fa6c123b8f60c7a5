"""'hypctl test': builds, meson test suites and the hypctl pytest suite, summarised."""
import os
import subprocess
import sys

import click

from . import REPO_ROOT, build

QUICK_SUITES = ("unit", "boot")
# The full run: everything meson knows (unit, boot, guests, linux), per toolchain.


def _fetch_linux():
    """Fetch (or find cached) the Debian Linux guest; the 'linux' suite skips without it."""
    sys.path.insert(0, os.path.join(REPO_ROOT, "tools"))
    from linux import guest
    try:
        paths = guest.ensure_guest(log=lambda m: click.echo(f"linux: {m}", err=True))
    except guest.FetchError as e:
        click.echo(f"hypctl: Linux guest unavailable, the 'linux' suite will skip: {e}", err=True)
        return False
    click.echo(f"hypctl: Linux guest: {paths['kernel']}", err=True)
    return True


def _step(results, name, fn):
    click.secho(f"==> {name}", bold=True, err=True)
    try:
        ok = fn()
    except click.ClickException as e:
        click.echo(f"hypctl: {e.format_message()}", err=True)
        ok = False
    results.append((name, ok))


def run_all(quick, toolchain):
    toolchains = build.TOOLCHAINS if toolchain == "all" else (toolchain,)
    results = []
    if not quick:
        _step(results, "fetch the Linux guest", _fetch_linux)
    for tc in toolchains:
        for plat in ("qemu", "fvp"):
            _step(results, f"build {build.PLATFORMS[plat]}-{tc}",
                  lambda tc=tc, plat=plat: bool(build.build(plat, tc,
                                                            options=build.TEST_OPTIONS)))
        cmd = ["meson", "test", "-C", build.build_dir("qemu", tc), "--print-errorlogs"]
        if quick:
            for s in QUICK_SUITES:
                cmd += ["--suite", s]
        _step(results, f"meson test qemu-virt-{tc}",
              lambda cmd=cmd: subprocess.call(cmd, cwd=REPO_ROOT) == 0)
    pytest = [sys.executable, "-m", "pytest", "-q", os.path.join("tests", "tools")]
    _step(results, "pytest tests/tools", lambda: subprocess.call(pytest, cwd=REPO_ROOT) == 0)
    click.echo("\nsummary:", err=True)
    for name, ok in results:
        click.echo(f"  {'PASS' if ok else 'FAIL'}  {name}", err=True)
    return 0 if all(ok for _, ok in results) else 1
