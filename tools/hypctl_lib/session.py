"""What 'run' and 'debug' share: resolve options into VMs, an image, a pack and a command."""
import os
import sys
from dataclasses import dataclass, field


from . import build, config, elf, pack
from .errors import HypctlError


@dataclass
class Target:
    platform: str
    toolchain: str
    smp: int = 4
    el: int = 3
    gic: int = 3
    hyp_args: str = None
    extra: dict = field(default_factory=dict)
    host_mem: int = None            # bytes; None: auto
    vms: config.Config = None       # the user's VMs (None: a hypervisor with no VM)

    @property
    def dir(self):
        return build.build_dir(self.platform, self.toolchain)

    @property
    def elf(self):
        return build.outputs(self.platform, self.toolchain)[0]

    def context(self):
        return config.Context(smp=self.smp, platform=self.platform, host_mem=self.host_mem,
                              build_dir=self.dir)

    @property
    def vm_names(self):
        return self.vms.names if self.vms else []

    def qemu_mem(self):
        """QEMU's -m: the checked --host-mem, or chosen from the VMs."""
        if self.vms and self.vms.host_mem:
            return f"{self.vms.host_mem // config.MiB}M"
        if self.host_mem:
            return f"{self.host_mem // config.MiB}M"
        return "1G"


def load_vms(t, cfg_path=None, oneoff=None):
    """Parse and statically check --config FILE or the one-off flags (before the build)."""
    if cfg_path:
        t.vms = config.load_dts(cfg_path, t.context())
    elif oneoff and oneoff.get("kernel"):
        t.vms = config.from_flags(t.context(), **oneoff)
    if t.vms:
        config.check_files(t.vms, t.context())
    return t.vms


def pack_path(t, keep=False):
    """This run's pack: pack-<pid>.bin, so runs side by side in one build directory do not
    load each other's; keep (a command printed for later, --dry-run): pack.bin."""
    return os.path.join(t.dir, "pack.bin" if keep else f"pack-{os.getpid()}.bin")


def prepare(t, no_build=False, keep=False):
    """Build (unless no_build), write the pack (pack_path); return (elf, pack, __pack_base).
    The caller removes the pack when the run is over (cleanup), unless keep."""
    if not no_build:
        build.build(t.platform, t.toolchain, targets=build.IMAGES)
    if not os.path.exists(t.elf):
        raise HypctlError(f"{t.elf} does not exist: run 'hypctl build' "
                          "(or drop --no-build)")
    try:
        base = elf.symbol(t.elf, "__pack_base")
    except elf.ElfError as e:
        raise HypctlError(str(e))
    path = pack_path(t, keep)
    if t.vms:
        config.resolve(t.vms, t.context())
        for note in t.vms.notes:
            print(f"hypctl: {note}", file=sys.stderr)
        pack.write_pack(path, *config.pack_args(t.vms, t.hyp_args))
    else:
        pack.write_pack(path, t.hyp_args)
    return t.elf, path, base


def qmp_path(t):
    return os.path.join(t.dir, f"qmp-{os.getpid()}.sock")


def record_path(t):
    """Where the simulator records every UART byte for this run (console.Streamer record)."""
    return os.path.join(t.dir, f"uart-{os.getpid()}.log")


def cleanup(path):
    try:
        os.unlink(path)
    except OSError:
        pass
