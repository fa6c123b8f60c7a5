"""What 'run' and 'debug' share: resolve options into an image, a pack and a command."""
import os
from dataclasses import dataclass, field

import click

from . import build, elf, pack


@dataclass
class Target:
    platform: str
    toolchain: str
    smp: int = 4
    el: int = 3
    gic: int = 3
    hyp_args: str = None
    extra: dict = field(default_factory=dict)

    @property
    def dir(self):
        return build.build_dir(self.platform, self.toolchain)

    @property
    def elf(self):
        return build.outputs(self.platform, self.toolchain)[0]


def prepare(t, no_build=False):
    """Build (unless no_build), write the pack; return (elf, pack path, __pack_base)."""
    if not no_build:
        build.build(t.platform, t.toolchain)
    if not os.path.exists(t.elf):
        raise click.ClickException(f"{t.elf} does not exist: run 'hypctl build' "
                                   "(or drop --no-build)")
    try:
        base = elf.symbol(t.elf, "__pack_base")
    except elf.ElfError as e:
        raise click.ClickException(str(e))
    path = pack.write_pack(os.path.join(t.dir, "pack.bin"), t.hyp_args)
    return t.elf, path, base


def qmp_path(t):
    return os.path.join(t.dir, f"qmp-{os.getpid()}.sock")


def cleanup(path):
    try:
        os.unlink(path)
    except OSError:
        pass

