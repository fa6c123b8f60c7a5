"""What each hypctl command builds: booting builds the images alone (not the host unit
tests, whose compiler and sanitizer runtime a boot never uses); 'hypctl test' builds
everything with the unit tests required."""
import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT
from hypctl_lib import build, session


@pytest.fixture
def calls(monkeypatch, tmp_path):
    """Commands build.build runs (nothing is run); the build dir is tmp_path."""
    seen = []
    monkeypatch.setenv("HYPCTL_BUILD_DIR", str(tmp_path))
    monkeypatch.setattr(build.subprocess, "call", lambda cmd, cwd=None: seen.append(cmd) or 0)
    return seen


def test_unconfigured_dir_is_set_up_with_the_options(calls, tmp_path):
    build.build("qemu", "gcc", targets=build.IMAGES, options=build.TEST_OPTIONS)
    assert calls[0][:2] == ["meson", "setup"] and calls[0][-1] == "-Dunit_tests=enabled"
    assert calls[1][0] == "ninja" and calls[1][-1] == "images"


def test_configured_dir_changes_only_a_differing_option(calls, tmp_path):
    (tmp_path / "build.ninja").write_text("")
    (tmp_path / "meson-info").mkdir()
    opts = tmp_path / "meson-info" / "intro-buildoptions.json"
    opts.write_text(json.dumps([{"name": "unit_tests", "value": "auto"}]))
    build.build("qemu", "gcc", options=build.TEST_OPTIONS)
    assert calls[0][:2] == ["meson", "configure"] and calls[0][-1] == "-Dunit_tests=enabled"
    del calls[:]
    opts.write_text(json.dumps([{"name": "unit_tests", "value": "enabled"}]))
    build.build("qemu", "gcc", options=build.TEST_OPTIONS)
    assert [c[0] for c in calls] == ["ninja"] and len(calls[0]) == 3     # ninja -C dir: all


def test_run_builds_the_images_target(monkeypatch):
    asked = {}

    def fake_build(platform, toolchain, targets=(), options=()):
        asked.update(targets=targets, options=options)
        raise SystemExit(0)

    monkeypatch.setattr(build, "build", fake_build)
    with pytest.raises(SystemExit):
        session.prepare(session.Target("qemu", "gcc"))
    assert asked == {"targets": build.IMAGES, "options": ()}


REAL = os.path.join(ROOT, "build", "qemu-virt-gcc")


@pytest.mark.skipif(not os.path.exists(os.path.join(REAL, "build.ninja")) or
                    not shutil.which("ninja"), reason="needs build/qemu-virt-gcc configured")
def test_images_alias_holds_the_image_and_guests_not_the_unit_tests():
    def ninja(*tool):
        return subprocess.run(["ninja", "-C", REAL, "-t", *tool, "images"], check=True,
                              capture_output=True, text=True).stdout.split()
    direct = ninja("query")
    for want in ("out.elf", "out.bin", "tests/guests/guest-flood.elf",
                 "tests/vms/qemu-virt-8cpu-1g.dtb"):
        assert want in direct
    inputs = ninja("inputs")             # everything it depends on, recursively
    assert not [i for i in inputs if i.startswith("tests/unit/") or "fuzz" in i]


@pytest.mark.skipif(not (os.path.exists(os.path.join(REAL, "tests", "guests", "guest-exit.elf"))
                         and shutil.which("qemu-system-aarch64") and shutil.which("dtc")),
                    reason="needs build/qemu-virt-gcc (hypctl build) and QEMU")
def test_runs_side_by_side_boot_their_own_packs():
    """Two runs at once in one build directory: each loads its own pack (they shared
    pack.bin, and one could boot the other's VMs), and neither leaves it behind."""
    hypctl = os.path.join(ROOT, "tools", "hypctl")
    common = ["run", "--no-build", "--uart", "stdio", "--timeout", "120"]
    runs = [subprocess.Popen([hypctl, *common, *args], cwd=ROOT, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for args in (["--kernel", os.path.join(REAL, "tests", "guests", "guest-exit.elf")],
                         ["--config", "configs/basic.dts", "--expect-exit",
                          "--expect", r"SUMMARY basic: \d+ passed, 0 failed"])]
    outs = [r.communicate(timeout=300)[0].decode(errors="replace") for r in runs]
    assert runs[0].returncode == 1 and "VM 'guest-exit' (id 0) exited with status 3" in outs[0]
    assert "VM 'basic'" not in outs[0]
    assert runs[1].returncode == 0 and "VM 'basic' (id 0) exited with status 0" in outs[1]
    assert "guest-exit" not in outs[1]
    left = [f for f in os.listdir(REAL) if f.startswith("pack-") and
            f[5:-4].isdigit() and int(f[5:-4]) in (runs[0].pid, runs[1].pid)]
    assert not left, left
