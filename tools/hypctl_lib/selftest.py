"""'hypctl test': builds, meson test suites and the hypctl pytest suite, summarised."""
import os
import subprocess
import sys

import click

from . import REPO_ROOT, build

QUICK_SUITES = ("unit", "boot")


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
    for tc in toolchains:
        _step(results, f"build qemu-virt-{tc}", lambda tc=tc: bool(build.build("qemu", tc)))
        _step(results, f"build fvp-base-{tc}", lambda tc=tc: bool(build.build("fvp", tc)))
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
