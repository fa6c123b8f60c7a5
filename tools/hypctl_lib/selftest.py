"""'hypctl test': builds, meson test suites and the hypctl pytest suite, summarised."""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import click

from . import REPO_ROOT, build
from .errors import HypctlError

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


MESON_RESULTS = {"OK": "passed", "EXPECTEDFAIL": "passed", "SKIP": "skipped"}


def meson_counts(testlog):
    """meson-logs/testlog.json (one JSON object a line) -> {passed, failed, skipped}."""
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    with open(testlog) as f:
        for line in f:
            if line.strip():
                counts[MESON_RESULTS.get(json.loads(line)["result"], "failed")] += 1
    return counts


def junit_counts(path):
    """A pytest --junitxml file -> {passed, failed, skipped}."""
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    n = {k: sum(int(s.get(k, 0)) for s in suites)
         for k in ("tests", "failures", "errors", "skipped")}
    failed = n["failures"] + n["errors"]
    return {"passed": n["tests"] - failed - n["skipped"], "failed": failed,
            "skipped": n["skipped"]}


def _add(total, path, reader):
    """Add a runner's counts to total; a missing or unreadable file counts as a failure."""
    try:
        for k, v in reader(path).items():
            total[k] += v
    except (OSError, ValueError, KeyError, ET.ParseError) as e:
        click.echo(f"hypctl: no test results in {path}: {e}", err=True)
        total["failed"] += 1


def _step(results, name, fn):
    click.secho(f"==> {name}", bold=True, err=True)
    try:
        ok = fn()
    except click.ClickException as e:
        click.echo(f"hypctl: {e.format_message()}", err=True)
        ok = False
    except HypctlError as e:
        click.echo(f"hypctl: {e}", err=True)
        ok = False
    results.append((name, ok))


def run_all(quick, toolchain):
    toolchains = build.TOOLCHAINS if toolchain == "all" else (toolchain,)
    results = []
    total = {"passed": 0, "failed": 0, "skipped": 0}
    if not quick:
        _step(results, "fetch the Linux guest", _fetch_linux)
    for tc in toolchains:
        for plat in ("qemu", "fvp"):
            _step(results, f"build {build.PLATFORMS[plat]}-{tc}",
                  lambda tc=tc, plat=plat: bool(build.build(plat, tc,
                                                            options=build.TEST_OPTIONS)))
        d = build.build_dir("qemu", tc)
        # Every suite but soak (10^6 hostile operations per run, 100 Linux resets: run
        # on its own, meson test --suite soak); kut is kvm-unit-tests natively and as
        # a guest, on both GICs and two CPUs (about 4 minutes).
        cmd = ["meson", "test", "-C", d, "--print-errorlogs", "--no-suite", "soak"]
        if quick:
            for s in QUICK_SUITES:
                cmd += ["--suite", s]
        testlog = os.path.join(d, "meson-logs", "testlog.json")
        if os.path.exists(testlog):
            os.unlink(testlog)
        _step(results, f"meson test qemu-virt-{tc}",
              lambda cmd=cmd: subprocess.call(cmd, cwd=REPO_ROOT) == 0)
        _add(total, testlog, meson_counts)
    junit = os.path.join(REPO_ROOT, "build", "pytest-results.xml")
    if os.path.exists(junit):
        os.unlink(junit)
    pytest = [sys.executable, "-m", "pytest", "-q", f"--junitxml={junit}",
              os.path.join("tests", "tools")]
    _step(results, "pytest tests/tools", lambda: subprocess.call(pytest, cwd=REPO_ROOT) == 0)
    _add(total, junit, junit_counts)
    click.echo("\nsummary:", err=True)
    for name, ok in results:
        click.echo(f"  {'PASS' if ok else 'FAIL'}  {name}", err=True)
    ok = all(ok for _, ok in results)
    # The plain closing line CI readers look for; every test of every runner.
    click.echo(f"tests: {total['passed']} passed, {total['failed']} failed, "
               f"{total['skipped']} skipped")
    return 0 if ok else 1
