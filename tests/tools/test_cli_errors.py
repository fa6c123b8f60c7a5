"""User errors exit 2 with a message naming the flag, never a traceback."""
import os
import subprocess

from conftest import ROOT

HYPCTL = os.path.join(ROOT, "tools", "hypctl")


def hypctl(*args, env=None):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([HYPCTL, *args], capture_output=True, text=True, env=e, timeout=60,
                          stdin=subprocess.DEVNULL)


def check_usage(r, flag):
    assert r.returncode == 2, r
    assert flag in r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def test_bad_smp():
    check_usage(hypctl("run", "--smp", "0", "--no-build"), "--smp")


def test_bad_platform():
    check_usage(hypctl("run", "--platform", "rpi"), "--platform")


def test_missing_fvp(tmp_path):
    r = hypctl("run", "--platform", "fvp", "--no-build",
               env={"FVP": "", "PATH": "/usr/bin:/bin"})
    check_usage(r, "--fvp")
    assert "not installed" in r.stderr and "Arm Ecosystem FVPs" in r.stderr


def test_bad_fvp_path(tmp_path):
    check_usage(hypctl("run", "--platform", "fvp", "--fvp", str(tmp_path / "nope")), "--fvp")


def test_help_mentions_ctrl_a_x():
    r = hypctl("run", "--help")
    assert r.returncode == 0 and "Ctrl-A x" in r.stdout


def test_symlinked_launcher(tmp_path):
    link = tmp_path / "hc"
    link.symlink_to(HYPCTL)
    r = subprocess.run([str(link), "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0 and "build" in r.stdout


def test_version():
    """hypctl --version: the project's version from meson.build, and the git checkout."""
    import re
    r = hypctl("--version")
    assert r.returncode == 0, r
    with open(os.path.join(ROOT, "meson.build")) as f:
        want = re.search(r"version:\s*'([^']+)'", f.read()).group(1)
    assert re.fullmatch(rf"hypctl {re.escape(want)}( \(git \S+\))?\n", r.stdout), r


def test_shell_completion():
    """click's completion, as README documents it: 'hypctl ru<TAB>' offers run."""
    r = hypctl(env={"_HYPCTL_COMPLETE": "bash_complete", "COMP_WORDS": "hypctl ru",
                    "COMP_CWORD": "1"})
    assert r.returncode == 0 and "plain,run" in r.stdout.splitlines(), r
    r = hypctl(env={"_HYPCTL_COMPLETE": "bash_source"})
    assert "_hypctl_completion()" in r.stdout, r
