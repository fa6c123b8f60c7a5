"""Configure and compile build/<platform>-<toolchain> with meson and ninja."""
import json
import os
import subprocess


from . import REPO_ROOT
from .errors import HypctlError

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


def setup_command(platform, toolchain, root=REPO_ROOT, options=()):
    return ["meson", "setup", os.path.relpath(build_dir(platform, toolchain, root), root),
            "--cross-file", f"cross/{toolchain}.ini",
            "--cross-file", f"cross/{PLATFORMS[platform]}.ini", *options]


# What booting needs: the image and the guests a VM config can name (a Meson alias);
# not the host unit tests, whose host compiler and sanitizer runtime booting never uses.
IMAGES = ("images",)
# What 'hypctl test' needs on top: the host unit tests, which must then build.
TEST_OPTIONS = ("-Dunit_tests=enabled",)


def _differs(d, options):
    """True if any -Dname=value in options is not what build dir d has now."""
    try:
        with open(os.path.join(d, "meson-info", "intro-buildoptions.json")) as f:
            now = {o["name"]: str(o["value"]).lower() for o in json.load(f)}
    except (OSError, ValueError, KeyError):
        return bool(options)
    return any(now.get(name) != value.lower()
               for name, value in (o[2:].split("=", 1) for o in options))


def build(platform, toolchain, root=REPO_ROOT, targets=(), options=()):
    """Configure if needed (else apply options), then ninja targets (all if none); stream
    the output. Return out.elf or raise."""
    d = build_dir(platform, toolchain, root)
    rel = os.path.relpath(d, root)
    steps = []
    if not os.path.exists(os.path.join(d, "build.ninja")):
        steps.append(setup_command(platform, toolchain, root, options))
    elif _differs(d, options):
        steps.append(["meson", "configure", rel, *options])
    steps.append(["ninja", "-C", rel, *targets])
    for cmd in steps:
        try:
            rc = subprocess.call(cmd, cwd=root)
        except FileNotFoundError:
            raise HypctlError(f"{cmd[0]} not found: run tools/setup-deps")
        if rc != 0:
            raise HypctlError(
                f"build of {os.path.basename(d)} failed: '{' '.join(cmd)}' exited with {rc}")
    return outputs(platform, toolchain, root)[0]
