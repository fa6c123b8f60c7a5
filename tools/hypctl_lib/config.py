"""The user's VM configuration (docs/configuration.md).

A .dts file (load_dts) or the one-off flags (from_flags) give a Config: a list
of Vm and the hypervisor's command line. Checks come in two steps: load_* checks
everything that needs no files (before the build), resolve() reads the images
and checks that they fit (after it). Every problem is one ConfigError line
naming the file (or flag), the field and the fix. pack_bytes() then lays the
images out in a pack whose config DTB follows src/core/config.h.
"""
import mmap
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import List, Optional

from . import contract, fdt, images, pack
from .errors import ConfigError

# The hypervisor's limits and layout (from its C headers: contract.py)
GUEST_RAM_BASE = contract.GUEST_RAM_BASE
# Where an unrecognised image goes (QEMU's KERNEL64_LOAD_ADDR for AArch64 -kernel).
RAW_DEFAULT_LOAD = GUEST_RAM_BASE + 0x80000
DTB_WINDOW = contract.GUEST_DTB_WINDOW
VM_MAX = contract.VM_MAX
VM_MAX_VCPUS = contract.VM_MAX_VCPUS
MiB = 1 << 20
GiB = 1 << 30
SZ_2M = 2 * MiB
MIN_MEM = 4 * MiB
HYP_MEM = 64 * MiB              # what the hypervisor itself needs of the host RAM
FVP_DRAM = 2 * GiB
FORMATS = ("linux", "elf", "raw")
VM_PROPS = ("kernel", "format", "load-address", "entry", "initrd", "dtb", "bootargs",
            "memory", "vcpus", "cpus", "pci-passthrough")
FLAGS = {"kernel": "--kernel", "format": "--format", "load-address": "--load-address",
         "entry": "--entry", "initrd": "--initrd", "dtb": "--dtb", "bootargs": "--append",
         "memory": "--mem", "vcpus": "--vcpus", "name": "--name",
         "pci-passthrough": "--pci-passthrough"}
NAME_RE = re.compile(r"^[A-Za-z0-9_-]{1,%d}$" % (contract.VM_NAME_MAX - 1))
SIZE_RE = re.compile(r"^\s*(0x[0-9a-fA-F]+|\d+)\s*(?:([KMGkmg])(?:i?B)?|B)?\s*$")
COMPATIBLE = "hyp,config-v1"
PACK_COMPATIBLE = "hyp,pack-config-v1"


def default_cache_dir():
    """@cache@: $HYP_CACHE, else ~/.cache/hyp (tools/linux/guest.py uses <it>/linux)."""
    root = os.environ.get("HYP_CACHE")
    if root:
        return os.path.abspath(os.path.expanduser(root))
    return os.path.join(os.path.expanduser("~"), ".cache", "hyp")


@dataclass
class Context:
    """What the checks need to know about the run."""
    smp: int = 4
    platform: str = "qemu"
    host_mem: Optional[int] = None  # bytes; None: choose (QEMU) or the FVP's fixed DRAM
    build_dir: str = ""
    cache_dir: str = field(default_factory=default_cache_dir)


@dataclass
class Vm:
    name: str
    source: Optional[str]           # the config file as the user named it; None: flags
    kernel: str = ""                # absolute paths once loaded
    format: Optional[str] = None
    load_address: Optional[int] = None
    entry: Optional[int] = None
    initrd: Optional[str] = None
    dtb: Optional[str] = None
    bootargs: Optional[str] = None
    memory: Optional[int] = None
    vcpus: int = 1
    cpus: Optional[List[int]] = None
    pci_passthrough: bool = False   # owns the host's PCIe host bridge (QEMU virt only)
    files: dict = field(default_factory=dict)   # resolve(): 'kernel'/'initrd'/'dtb' -> path

    def where(self, prop=None):
        if self.source is None:
            return FLAGS.get(prop, "--kernel")
        return f"{self.source}: vms/{self.name}" + (f"/{prop}" if prop else "")

    def fail(self, prop, msg):
        raise ConfigError(f"{self.where(prop)}: {msg}")


@dataclass
class Config:
    vms: List[Vm]
    hyp_bootargs: Optional[str] = None
    source: Optional[str] = None
    host_mem: Optional[int] = None  # resolve(): the simulator's RAM in bytes
    data: dict = field(default_factory=dict)    # resolve(): path -> contents (bytes-like)
    notes: list = field(default_factory=list)   # resolve(): what it decided for the user

    @property
    def names(self):
        return [vm.name for vm in self.vms]


# ---- small parsers ---------------------------------------------------------

def parse_size(text):
    """'256M', '1G', '64MiB', '0x4000000' -> bytes; ValueError otherwise."""
    m = SIZE_RE.match(str(text))
    if not m:
        raise ValueError(text)
    scale = {"k": 1 << 10, "m": MiB, "g": GiB}.get((m.group(2) or "").lower(), 1)
    return int(m.group(1), 0) * scale


def show_size(n):
    if n % GiB == 0:
        return f"{n // GiB} GiB"
    if n % MiB == 0:
        return f"{n // MiB} MiB"
    return f"{n / MiB:.1f} MiB"


def _mem_hint(n):
    return f"{max(MIN_MEM, (n + SZ_2M - 1) // SZ_2M * SZ_2M) // MiB}M"


def sanitize_name(path):
    stem = os.path.basename(path).split(".")[0] if os.path.basename(path) else ""
    name = re.sub(r"[^A-Za-z0-9_-]", "_", stem)[:31]
    return name or "vm"


def expand_path(value, base_dir, ctx):
    """@build@ and @cache@ prefixes, ~, and paths relative to base_dir."""
    for var, root in (("@build@", ctx.build_dir), ("@cache@", ctx.cache_dir)):
        if value.startswith(var):
            return os.path.abspath(root + value[len(var):])
    return os.path.abspath(os.path.join(base_dir, os.path.expanduser(value)))


# ---- the .dts file ---------------------------------------------------------

def compile_dts(path):
    """dtc the file; return the DTB bytes (ConfigError with dtc's first error)."""
    if not shutil.which("dtc"):
        raise ConfigError(f"{path}: dtc not found: install device-tree-compiler "
                          "(tools/setup-deps does)")
    if not os.path.isfile(path):
        raise ConfigError(f"--config: no such file: {os.path.abspath(path)}")
    r = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", "-", path],
                       capture_output=True)
    err = r.stderr.decode("utf-8", "replace")
    dup = re.search(r"duplicate_node_names\): /vms/([^:\s]+)", err)
    if dup:
        raise ConfigError(f"{path}: vms/{dup.group(1)}: duplicate VM name "
                          "(give each VM its own name)")
    if r.returncode != 0 or not r.stdout:
        lines = [ln for ln in err.splitlines() if "rror" in ln] or err.splitlines() or ["?"]
        raise ConfigError(f"{path}: not valid device tree source: {lines[0].strip()}")
    return r.stdout


def load_dts(path, ctx):
    """Compile, parse and statically check a config file."""
    root = fdt.parse(compile_dts(path))
    return from_tree(root, path, os.path.dirname(os.path.abspath(path)), ctx)


def _known(label, node_path, props, known, kind="property"):
    for name in props:
        if name not in known:
            raise ConfigError(
                f"{label}: {node_path}{name}: unknown {kind} (known: {', '.join(known)})")


def _string(vm, prop, raw):
    if not fdt.looks_like_string(raw) or b"\0" in raw[:-1]:
        vm.fail(prop, f'must be a string, e.g. {prop} = "...";')
    return fdt.as_string(raw)


def _number(vm, prop, raw, example):
    """One or two cells, or a string holding a number or size."""
    if fdt.looks_like_string(raw):
        text = fdt.as_string(raw)
        try:
            return parse_size(text)
        except ValueError:
            vm.fail(prop, f'"{text}" is not a {"size" if prop == "memory" else "number"} '
                    f"(use e.g. {example})")
    if len(raw) not in (4, 8):
        vm.fail(prop, f"must be one or two cells (use e.g. {example})")
    return fdt.as_u64(raw)


def from_tree(root, label, base_dir, ctx):
    compat = root.props.get("compatible")
    if compat is None or not fdt.looks_like_string(compat) or \
            COMPATIBLE not in fdt.as_string(compat).split("\0"):
        raise ConfigError(f'{label}: /compatible: not "{COMPATIBLE}" (put compatible = '
                          f'"{COMPATIBLE}"; at the top of / {{ }})')
    _known(label, "/", root.props, ("compatible", "#address-cells", "#size-cells"))
    _known(label, "/", [c.name for c in root.children], ("hypervisor", "vms"), "node")
    hyp_args = None
    hyp = root.child("hypervisor")
    if hyp is not None:
        _known(label, "hypervisor/", hyp.props, ("bootargs",))
        _known(label, "hypervisor/", [c.name for c in hyp.children], (), "node")
        if "bootargs" in hyp.props:
            raw = hyp.props["bootargs"]
            if not fdt.looks_like_string(raw) or b"\0" in raw[:-1]:
                raise ConfigError(f'{label}: hypervisor/bootargs: must be a string, e.g. '
                                  'bootargs = "loglevel=info";')
            hyp_args = fdt.as_string(raw)
    vms_node = root.child("vms")
    if vms_node is None or not vms_node.children:
        raise ConfigError(f'{label}: vms: no VMs (add one: vms {{ myvm {{ kernel = '
                          f'"Image"; }}; }};)')
    _known(label, "vms/", vms_node.props, ())
    vms = [_vm_from_node(node, label, base_dir, ctx) for node in vms_node.children]
    cfg = Config(vms=vms, hyp_bootargs=hyp_args, source=label)
    check_static(cfg, ctx)
    return cfg


def _vm_from_node(node, label, base_dir, ctx):
    vm = Vm(name=node.name, source=label)
    if not NAME_RE.match(node.name):
        raise ConfigError(f"{label}: vms/{node.name}: invalid VM name (1-31 characters "
                          "of A-Z a-z 0-9 _ -)")
    _known(label, f"vms/{vm.name}/", node.props, VM_PROPS)
    _known(label, f"vms/{vm.name}/", [c.name for c in node.children], (), "node")
    p = node.props
    if "kernel" not in p:
        vm.fail("kernel", 'missing (add kernel = "path/to/Image";)')
    for prop in ("kernel", "initrd", "dtb"):
        if prop in p:
            setattr(vm, prop, expand_path(_string(vm, prop, p[prop]), base_dir, ctx))
    if "format" in p:
        vm.format = _string(vm, "format", p["format"])
    if "bootargs" in p:
        vm.bootargs = _string(vm, "bootargs", p["bootargs"])
    if "memory" in p:
        vm.memory = _number(vm, "memory", p["memory"], "256M or 1G")
    if "load-address" in p:
        vm.load_address = _number(vm, "load-address", p["load-address"], "<0x0 0x40080000>")
    if "entry" in p:
        vm.entry = _number(vm, "entry", p["entry"], "<0x0 0x40080000>")
    if "vcpus" in p:
        if len(p["vcpus"]) != 4:
            vm.fail("vcpus", "must be one cell (use e.g. vcpus = <2>;)")
        vm.vcpus = fdt.as_u32s(p["vcpus"])[0]
    if "cpus" in p:
        if not p["cpus"] or len(p["cpus"]) % 4:
            vm.fail("cpus", "must be a list of cells (use e.g. cpus = <1 2>;)")
        vm.cpus = fdt.as_u32s(p["cpus"])
    if "pci-passthrough" in p:
        if p["pci-passthrough"]:
            vm.fail("pci-passthrough", "takes no value (write pci-passthrough;)")
        vm.pci_passthrough = True
    return vm


# ---- the one-off flags -----------------------------------------------------

def from_flags(ctx, kernel, initrd=None, append=None, mem=None, vcpus=None, dtb=None,
               name=None, fmt=None, load_address=None, entry=None, hyp_args=None,
               pci_passthrough=False):
    """The VM of 'hypctl run --kernel FILE ...' (paths relative to the current directory)."""
    vm = Vm(name=name if name is not None else sanitize_name(kernel), source=None)
    if not NAME_RE.match(vm.name):
        vm.fail("name", f'"{vm.name}" is not a valid VM name (1-31 characters of '
                        "A-Z a-z 0-9 _ -)")
    cwd = os.getcwd()
    vm.kernel = expand_path(kernel, cwd, ctx)
    vm.initrd = expand_path(initrd, cwd, ctx) if initrd else None
    vm.dtb = expand_path(dtb, cwd, ctx) if dtb else None
    vm.bootargs = append
    vm.format = fmt
    vm.vcpus = 1 if vcpus is None else vcpus
    vm.pci_passthrough = bool(pci_passthrough)
    if mem is not None:
        try:
            vm.memory = parse_size(mem)
        except ValueError:
            vm.fail("memory", f'"{mem}" is not a size (use e.g. 256M or 1G)')
    for prop, text in (("load-address", load_address), ("entry", entry)):
        if text is None:
            continue
        try:
            value = int(str(text), 0)
        except ValueError:
            vm.fail(prop, f'"{text}" is not an address (use e.g. 0x40080000)')
        setattr(vm, prop.replace("-", "_"), value)
    cfg = Config(vms=[vm], hyp_bootargs=hyp_args)
    check_static(cfg, ctx)
    return cfg


# ---- checks ----------------------------------------------------------------

def _ram_end(vm):
    return GUEST_RAM_BASE + vm.memory


def check_static(cfg, ctx):
    """Everything that needs no file: counts, names, ranges, CPUs."""
    where = cfg.source or "--kernel"
    if len(cfg.vms) > VM_MAX:
        raise ConfigError(f"{where}: vms: {len(cfg.vms)} VMs, at most {VM_MAX} are "
                          "supported (remove some)")
    seen = set()
    owner = None
    for vm in cfg.vms:
        if vm.name in seen:
            vm.fail(None, "duplicate VM name (give each VM its own name)")
        seen.add(vm.name)
        check_vm(vm, ctx)
        if vm.pci_passthrough:
            if ctx.platform == "fvp":
                vm.fail("pci-passthrough", "the FVP's PCIe is not passed through to VMs "
                                           "(QEMU virt's is: remove it for the FVP)")
            if owner:
                vm.fail("pci-passthrough", f"VM '{owner}' owns the PCIe host bridge already "
                                           "(one VM at most can have it)")
            owner = vm.name


def check_vm(vm, ctx):
    if not 1 <= vm.vcpus <= VM_MAX_VCPUS:
        vm.fail("vcpus", f"{vm.vcpus} is out of range (1-{VM_MAX_VCPUS})")
    if vm.memory is not None:
        if vm.memory < MIN_MEM:
            vm.fail("memory", f"{show_size(vm.memory)} is below the 4 MiB minimum (use e.g. 64M)")
        if vm.memory % SZ_2M:
            vm.fail("memory", f"{show_size(vm.memory)} is not a multiple of 2 MiB "
                              f"(use {_mem_hint(vm.memory)})")
    if vm.format is not None and vm.format not in FORMATS:
        vm.fail("format", f'"{vm.format}" is not a format (use "linux", "elf" or "raw")')
    if vm.cpus is not None:
        if len(vm.cpus) != vm.vcpus:
            vm.fail("cpus", f"lists {len(vm.cpus)} CPU(s) for {vm.vcpus} vCPU(s) "
                            "(give one physical CPU per vCPU)")
        for c in vm.cpus:
            if c >= ctx.smp:
                vm.fail("cpus", f"CPU {c} does not exist with --smp {ctx.smp} "
                                f"(use 0-{ctx.smp - 1} or raise --smp)")


def check_files(cfg, ctx):
    """Before the build: every file that the build does not make (outside @build@) exists."""
    built = os.path.abspath(ctx.build_dir) + os.sep
    for vm in cfg.vms:
        for prop in ("kernel", "initrd", "dtb"):
            path = getattr(vm, prop)
            if path and not path.startswith(built) and not os.path.isfile(path):
                _missing(vm, prop, path, ctx)


def _missing(vm, prop, path, ctx):
    if vm.source is None:
        hint = "paths are relative to the current directory"
    elif path.startswith(os.path.abspath(ctx.build_dir) + os.sep):
        hint = f"@build@ is {ctx.build_dir}: run 'hypctl build'"
    elif path.startswith(os.path.abspath(ctx.cache_dir) + os.sep):
        hint = f"@cache@ is {ctx.cache_dir}: for Linux run 'hypctl linux fetch'"
    else:
        hint = "paths are relative to the config file"
    vm.fail(prop, f"no such file: {path} ({hint})")


def _read(cfg, vm, prop, path, ctx):
    if not os.path.isfile(path):
        _missing(vm, prop, path, ctx)
    real = os.path.realpath(path)
    if real not in cfg.data:
        with open(real, "rb") as f:     # mapped, not read: packing a big kernel stays cheap
            size = os.fstat(f.fileno()).st_size
            cfg.data[real] = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
    vm.files[prop] = real
    return cfg.data[real]


def resolve(cfg, ctx):
    """Read the images, settle formats and memory, check that everything fits."""
    for vm in cfg.vms:
        _resolve_vm(cfg, vm, ctx)
    host_mem_check(cfg, ctx)
    return cfg


def _resolve_vm(cfg, vm, ctx):
    kernel = _read(cfg, vm, "kernel", vm.kernel, ctx)
    if not kernel:
        vm.fail("kernel", f"{vm.kernel} is empty")
    detected = images.detect(kernel)
    if vm.format is None:
        if detected is None:
            # As QEMU's -kernel takes an AArch64 image it does not recognise: a raw binary
            # at RAM + 0x80000, entered there with x0 = the device tree (kvm-unit-tests'
            # .flat files rely on it).
            vm.format = "raw"
            if vm.load_address is None:
                vm.load_address = RAW_DEFAULT_LOAD
            cfg.notes.append(f"{vm.where()}: {os.path.basename(vm.kernel)} is neither ELF nor "
                             f"an arm64 Linux Image: loaded as a raw binary at "
                             f"0x{vm.load_address:x}, as QEMU's -kernel does")
        else:
            vm.format = detected
    if vm.memory is None:
        vm.memory = 256 * MiB if vm.format == "linux" else 64 * MiB
    if vm.format != "raw":
        for prop in ("load-address", "entry"):
            if getattr(vm, prop.replace("-", "_")) is not None:
                vm.fail(prop, f'only used with format "raw" (remove it; a {vm.format} '
                              "image says where it goes)")
    start, end = _kernel_range(vm, kernel)
    ram_end = _ram_end(vm)
    dtb_ipa = ram_end - DTB_WINDOW
    initrd = _read(cfg, vm, "initrd", vm.initrd, ctx) if vm.initrd else b""
    if vm.initrd and not initrd:
        vm.fail("initrd", f"{vm.initrd} is empty")
    initrd_ipa = (dtb_ipa - len(initrd)) & ~0xFFF
    if end > dtb_ipa or (initrd and initrd_ipa < end):
        need = end - GUEST_RAM_BASE + ((len(initrd) + 0xFFF) & ~0xFFF) + DTB_WINDOW
        what = "kernel" + (" + initrd" if initrd else "") + " + 2 MiB device tree"
        vm.fail("memory", f"{what} need {show_size(need)} but the VM has "
                          f"{show_size(vm.memory)} (use at least {_mem_hint(need)})")
    if vm.dtb:
        blob = _read(cfg, vm, "dtb", vm.dtb, ctx)
        try:
            fdt.parse(blob)
        except fdt.FdtError as e:
            vm.fail("dtb", f"{vm.dtb} is not a valid device tree blob: {e} "
                           "(compile it with dtc -I dts -O dtb)")
        if len(blob) > DTB_WINDOW:
            vm.fail("dtb", f"{vm.dtb} is larger than {DTB_WINDOW // MiB} MiB, the VM's "
                           "device-tree window (trim it)")


def _in_ram(vm, addr):
    return GUEST_RAM_BASE <= addr < _ram_end(vm)


def _kernel_range(vm, kernel):
    """[start, end) of the kernel in the VM, after checking it lies in guest RAM."""
    ram = f"0x{GUEST_RAM_BASE:x}-0x{_ram_end(vm) - 1:x}"
    try:
        if vm.format == "linux":
            return images.linux_range(kernel)
        if vm.format == "elf":
            lo, hi, entry = images.elf_range(kernel)
            if lo < GUEST_RAM_BASE or hi > _ram_end(vm):
                vm.fail("memory" if lo >= GUEST_RAM_BASE else "kernel",
                        f"ELF segments 0x{lo:x}-0x{hi - 1:x} lie outside the VM's RAM {ram} "
                        + (f"(use at least {_mem_hint(hi - GUEST_RAM_BASE + DTB_WINDOW)})"
                           if lo >= GUEST_RAM_BASE else "(link it at 0x40000000 or above)"))
            if not _in_ram(vm, entry):
                vm.fail("kernel", f"ELF entry point 0x{entry:x} lies outside the VM's RAM {ram}")
            return lo, hi
    except images.ImageError as e:
        vm.fail("kernel", f"{vm.kernel}: {e}")
    if vm.load_address is None:
        vm.fail("load-address", "a raw image needs one (e.g. load-address = <0x0 0x40080000>;)"
                if vm.source else "a raw image needs one (e.g. --load-address 0x40080000)")
    if not _in_ram(vm, vm.load_address):
        vm.fail("load-address", f"0x{vm.load_address:x} is outside the VM's RAM {ram} "
                                "(pick an address inside it)")
    end = vm.load_address + len(kernel)
    if end > _ram_end(vm):
        vm.fail("load-address", f"the {show_size(len(kernel))} image does not fit at "
                                f"0x{vm.load_address:x} in the VM's RAM {ram} (load it lower "
                                "or give the VM more memory)")
    if vm.entry is None:
        vm.entry = vm.load_address
    if not _in_ram(vm, vm.entry):
        vm.fail("entry", f"0x{vm.entry:x} is outside the VM's RAM {ram}")
    return vm.load_address, end


# ---- host memory -----------------------------------------------------------

def pack_estimate(cfg):
    return sum((len(d) + 0xFFF) & ~0xFFF for d in cfg.data.values()) + 64 * 1024


def auto_host_mem(cfg):
    need = sum(vm.memory for vm in cfg.vms) + pack_estimate(cfg) + 256 * MiB
    return max(GiB, (need + 256 * MiB - 1) // (256 * MiB) * 256 * MiB)


def host_mem_check(cfg, ctx):
    total = sum(vm.memory for vm in cfg.vms)
    packed = pack_estimate(cfg)
    if ctx.platform == "fvp":
        host, flag = FVP_DRAM, "the FVP's DRAM is fixed at 2 GiB"
    elif ctx.host_mem is None:
        cfg.host_mem = auto_host_mem(cfg)
        return
    else:
        host, flag = ctx.host_mem, f"--host-mem is {show_size(ctx.host_mem)}"
    if total + HYP_MEM + packed > host:
        where = cfg.source + ": vms" if cfg.source else "--mem"
        raise ConfigError(
            f"{where}: the VMs need {show_size(total)} + 64 MiB for the hypervisor + "
            f"{show_size(packed)} of images, but {flag} (give the VMs less memory"
            + (" or raise --host-mem)" if ctx.platform != "fvp" else ")"))
    cfg.host_mem = host


# ---- into the pack ---------------------------------------------------------

def config_dtb(cfg, slices):
    """The pack config DTB (src/core/config.h); slices: path -> (offset, size) in the pack."""
    root = fdt.Node()
    root.set("compatible", PACK_COMPATIBLE)
    vms = root.add("vms")
    for vm in cfg.vms:
        n = vms.add(vm.name)
        n.set("vcpus", vm.vcpus)
        n.set("memory-size", fdt.u64(vm.memory))
        for prop in ("kernel", "initrd", "dtb"):
            if prop in vm.files:
                off, size = slices[vm.files[prop]]
                n.set(f"{prop}-image", fdt.u64(off, size))
        n.set("kernel-format", vm.format)
        if vm.format == "raw":
            n.set("kernel-load", fdt.u64(vm.load_address))
            n.set("kernel-entry", fdt.u64(vm.entry))
        if vm.bootargs is not None:
            n.set("bootargs", vm.bootargs)
        if vm.cpus is not None:
            n.set("cpus", vm.cpus)
        if vm.pci_passthrough:
            n.set("pci-passthrough", b"")
    return fdt.build(root)


def pack_args(cfg, hyp_args=None):
    """(cmdline, config builder, images) of a resolved Config for pack.write_pack and
    pack.build_pack; hyp_args (--hyp-args) replaces the config's hypervisor bootargs."""
    paths = list(cfg.data)

    def builder(offsets):
        return config_dtb(cfg, dict(zip(paths, offsets)))

    cmdline = hyp_args if hyp_args is not None else cfg.hyp_bootargs
    return cmdline, builder, [cfg.data[p] for p in paths]


def pack_bytes(cfg, hyp_args=None):
    return pack.build_pack(*pack_args(cfg, hyp_args))
