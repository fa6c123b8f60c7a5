"""Configure and compile build/<platform>-<toolchain> with meson and ninja."""
import os
import subprocess

import click

from . import REPO_ROOT

PLATFORMS = {"qemu": "qemu-virt", "fvp": "fvp-base"}
TOOLCHAINS = ("gcc", "clang")


def build_dir(platform, toolchain, root=REPO_ROOT):
    """build/<platform>-<toolchain>, or $HYPCTL_BUILD_DIR (meson test sets it to its own)."""
    if os.environ.get("HYPCTL_BUILD_DIR"):
        return os.environ["HYPCTL_BUILD_DIR"]
    return os.path.join(root, "build", f"{PLATFORMS[platform]}-{toolchain}")


def outputs(platform, toolchain, root=REPO_ROOT):
    d = build_dir(platform, toolchain, root)
    return os.path.join(d, "out.elf"), os.path.join(d, "out.bin")


def setup_command(platform, toolchain, root=REPO_ROOT):
    return ["meson", "setup", os.path.relpath(build_dir(platform, toolchain, root), root),
            "--cross-file", f"cross/{toolchain}.ini",
            "--cross-file", f"cross/{PLATFORMS[platform]}.ini"]


def build(platform, toolchain, root=REPO_ROOT):
    """Configure if needed, then ninja; stream the output. Return out.elf or raise."""
    d = build_dir(platform, toolchain, root)
    steps = []
    if not os.path.exists(os.path.join(d, "build.ninja")):
        steps.append(setup_command(platform, toolchain, root))
    steps.append(["ninja", "-C", os.path.relpath(d, root)])
    for cmd in steps:
        try:
            rc = subprocess.call(cmd, cwd=root)
        except FileNotFoundError:
            raise click.ClickException(f"{cmd[0]} not found: run tools/setup-deps")
        if rc != 0:
            raise click.ClickException(
                f"build of {os.path.basename(d)} failed: '{' '.join(cmd)}' exited with {rc}")
    return outputs(platform, toolchain, root)[0]
