"""VM configuration: the example configs, every validation error, the pack config DTB,
the one-off flags, the exit-status parser, and real runs of the hypervisor."""
import os
import shutil
import struct
import subprocess
import time

import pytest

from conftest import ROOT
from hypctl_lib.errors import ConfigError
from hypctl_lib import config, fdt, pack, vmstatus

HYPCTL = os.path.join(ROOT, "tools", "hypctl")
REAL_BUILD = os.path.join(ROOT, "build", "qemu-virt-gcc")
GUESTS = ("basic", "exit", "crash", "isolation")
needs_dtc = pytest.mark.skipif(not shutil.which("dtc"), reason="dtc not installed")
MiB = 1 << 20


# ---- crafted images ----------------------------------------------------------

def make_elf(path, paddr=0x4000_0000, memsz=0x20000, filesz=0x100, entry=None, machine=183):
    """An ELF64 LE AArch64 file with one PT_LOAD segment."""
    entry = paddr if entry is None else entry
    ehdr = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + struct.pack(
        "<HHIQQQIHHHHHH", 2, machine, 1, entry, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    phdr = struct.pack("<IIQQQQQQ", 1, 7, 0x1000, paddr, paddr, filesz, memsz, 0x1000)
    body = ehdr + phdr
    body += b"\0" * (0x1000 - len(body)) + bytes(range(256)) * (filesz // 256 + 1)
    path.write_bytes(body[:0x1000 + filesz])
    return str(path)


def make_image(path, size=0x10000, text_offset=0, image_size=0x200000, flags=0b1010):
    """An arm64 Linux Image: header with text_offset, image_size, flags, magic at 0x38."""
    hdr = struct.pack("<II", 0x91005A4D, 0x14000000) + struct.pack(
        "<QQQQQQ", text_offset, image_size, flags, 0, 0, 0) + b"ARM\x64" + b"\0" * 4
    path.write_bytes(hdr + bytes(size - len(hdr)))
    return str(path)


@pytest.fixture
def ctx(tmp_path):
    """A Context whose @build@ holds the guest ELFs (real if built, else crafted) and
    whose @cache@ holds a crafted Linux Image and initramfs."""
    build = tmp_path / "build"
    (build / "tests" / "guests").mkdir(parents=True)
    for g in GUESTS:
        real = os.path.join(REAL_BUILD, "tests", "guests", f"guest-{g}.elf")
        dest = build / "tests" / "guests" / f"guest-{g}.elf"
        if os.path.exists(real):
            shutil.copy(real, dest)
        else:
            make_elf(dest)
    cache = tmp_path / "cache" / "linux"
    cache.mkdir(parents=True)
    make_image(cache / "Image", size=0x40000, image_size=0x1000000)
    (cache / "initramfs-shell.cpio.gz").write_bytes(b"\x1f\x8b" + b"i" * 5000)
    return config.Context(smp=4, build_dir=str(build), cache_dir=str(tmp_path / "cache"))


def write_dts(tmp_path, vms, hyp=None, name="c.dts", root_extra=""):
    text = '/dts-v1/;\n/ {\n    compatible = "hyp,config-v1";\n' + root_extra
    if hyp is not None:
        text += f"    hypervisor {{ {hyp} }};\n"
    text += "    vms {\n"
    for vm, body in vms.items():
        text += f"        {vm} {{ {body} }};\n"
    text += "    };\n};\n"
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def load(path, ctx):
    return config.resolve(config.load_dts(path, ctx), ctx)


def error(fn, *args, **kw):
    with pytest.raises(ConfigError) as e:
        fn(*args, **kw)
    msg = str(e.value)
    assert "\n" not in msg, msg
    return msg


# ---- the example configs -----------------------------------------------------

@needs_dtc
def test_example_basic(ctx):
    cfg = load(os.path.join(ROOT, "configs", "basic.dts"), ctx)
    (vm,) = cfg.vms
    assert vm.name == "basic" and vm.format == "elf" and vm.memory == 64 * MiB
    assert vm.vcpus == 1 and vm.kernel == os.path.join(ctx.build_dir, "tests", "guests",
                                                       "guest-basic.elf")
    assert cfg.host_mem == 1 << 30


@needs_dtc
def test_example_isolation_shares_one_image(ctx):
    cfg = load(os.path.join(ROOT, "configs", "isolation.dts"), ctx)
    assert cfg.names == ["a", "b"] and [vm.memory for vm in cfg.vms] == [64 * MiB] * 2
    assert len(cfg.data) == 1           # the ELF is read once and packed once
    p = pack.parse_pack(config.pack_bytes(cfg))
    assert p["images"][("a", "kernel-image")] == p["images"][("b", "kernel-image")]


@needs_dtc
def test_example_crash_and_basic(ctx):
    cfg = load(os.path.join(ROOT, "configs", "crash-and-basic.dts"), ctx)
    assert cfg.names == ["crash", "basic"]
    assert [os.path.basename(vm.kernel) for vm in cfg.vms] == ["guest-crash.elf",
                                                               "guest-basic.elf"]


@needs_dtc
def test_example_linux(ctx):
    cfg = load(os.path.join(ROOT, "configs", "linux.dts"), ctx)
    (vm,) = cfg.vms
    assert (vm.name, vm.format, vm.memory, vm.vcpus) == ("linux", "linux", 256 * MiB, 2)
    assert vm.bootargs == "console=ttyAMA0 earlycon=pl011,0x09000000"
    assert vm.initrd == os.path.join(ctx.cache_dir, "linux", "initramfs-shell.cpio.gz")
    assert cfg.hyp_bootargs == "loglevel=info"


@needs_dtc
def test_cache_defaults_to_home(monkeypatch, tmp_path):
    monkeypatch.delenv("HYP_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config.default_cache_dir() == str(tmp_path / ".cache" / "hyp")
    monkeypatch.setenv("HYP_CACHE", "/x/y")
    assert config.Context().cache_dir == "/x/y"


# ---- the pack config DTB -----------------------------------------------------

@needs_dtc
def test_pack_config_dtb(tmp_path, ctx):
    make_image(tmp_path / "Image", size=0x30000, text_offset=0x80000, image_size=0x400000)
    (tmp_path / "initrd.gz").write_bytes(os.urandom(70000))
    (tmp_path / "raw.bin").write_bytes(os.urandom(5000))
    make_elf(tmp_path / "g.elf")
    (tmp_path / "vm.dts").write_text('/dts-v1/; / { compatible = "x"; };')
    subprocess.run(["dtc", "-I", "dts", "-O", "dtb", "-o", str(tmp_path / "vm.dtb"),
                    str(tmp_path / "vm.dts")], check=True)
    path = write_dts(tmp_path, {
        "lin": 'kernel = "Image"; initrd = "initrd.gz"; dtb = "vm.dtb"; '
               'bootargs = "console=ttyAMA0"; memory = "128M"; vcpus = <2>; cpus = <3 1>;',
        "raw_1": 'kernel = "raw.bin"; format = "raw"; load-address = <0x0 0x40080000>; '
                 'entry = <0x0 0x40080100>; memory = <0x0 0x800000>;',
        "elf-vm": 'kernel = "g.elf";',
    }, hyp='bootargs = "loglevel=debug";')
    cfg = load(path, ctx)
    blob = config.pack_bytes(cfg)
    p = pack.parse_pack(blob)
    assert p["cmdline"] == "loglevel=debug"
    root = fdt.parse(p["config"])
    assert fdt.as_string(root.props["compatible"]) == "hyp,pack-config-v1"
    assert [c.name for c in root.find("vms").children] == ["lin", "raw_1", "elf-vm"]

    lin = root.find("vms/lin").props
    assert fdt.as_u32s(lin["vcpus"]) == [2]
    assert struct.unpack(">Q", lin["memory-size"])[0] == 128 * MiB
    assert fdt.as_string(lin["kernel-format"]) == "linux"
    assert fdt.as_string(lin["bootargs"]) == "console=ttyAMA0"
    assert fdt.as_u32s(lin["cpus"]) == [3, 1]
    assert "kernel-load" not in lin and "kernel-entry" not in lin
    for prop, f in (("kernel-image", "Image"), ("initrd-image", "initrd.gz"),
                    ("dtb-image", "vm.dtb")):
        off, size = struct.unpack(">QQ", lin[prop])
        assert off % 4096 == 0
        data = (tmp_path / f).read_bytes()
        assert size == len(data) and blob[off:off + size] == data
        assert p["images"][("lin", prop)] == data

    raw = root.find("vms/raw_1").props
    assert fdt.as_string(raw["kernel-format"]) == "raw"
    assert struct.unpack(">Q", raw["kernel-load"])[0] == 0x40080000
    assert struct.unpack(">Q", raw["kernel-entry"])[0] == 0x40080100
    assert struct.unpack(">Q", raw["memory-size"])[0] == 8 * MiB
    assert p["images"][("raw_1", "kernel-image")] == (tmp_path / "raw.bin").read_bytes()
    assert "bootargs" not in raw and "cpus" not in raw and "initrd-image" not in raw

    elf = root.find("vms/elf-vm").props
    assert fdt.as_string(elf["kernel-format"]) == "elf"
    assert fdt.as_u32s(elf["vcpus"]) == [1]
    assert struct.unpack(">Q", elf["memory-size"])[0] == 64 * MiB      # default for ELF
    assert p["images"][("elf-vm", "kernel-image")] == (tmp_path / "g.elf").read_bytes()


def test_pack_layout_and_speed(tmp_path):
    big = os.urandom(1 << 20) * 32                  # 32 MiB "kernel"
    initrd = b"\x1f\x8b" + bytes(8 << 20)
    seen = []

    def builder(offsets):
        seen.extend(offsets)
        return fdt.build(fdt.Node())

    t0 = time.monotonic()
    blob = pack.build_pack("x=1", builder, [big, initrd])
    p = pack.parse_pack(blob)
    assert time.monotonic() - t0 < 1.0
    (k_off, k_size), (i_off, i_size) = seen
    assert k_off == 4096 and k_size == len(big) and i_off % 4096 == 0 and i_off >= k_off + k_size
    assert blob[k_off:k_off + k_size] == big and blob[i_off:i_off + i_size] == initrd
    assert p["cmdline"] == "x=1" and p["config"] == fdt.build(fdt.Node())
    assert len(blob) % 4096 == 0


def test_parse_pack_rejects_slices_outside(tmp_path):
    root = fdt.Node()
    root.set("compatible", "hyp,pack-config-v1")
    root.add("vms").add("v").set("kernel-image", fdt.u64(4096, 1 << 30))
    with pytest.raises(pack.PackError, match="outside"):
        pack.parse_pack(pack.build_pack(None, fdt.build(root)))


# ---- validation: one test per message ------------------------------------------

@pytest.fixture
def elf_path(tmp_path):
    return make_elf(tmp_path / "k.elf")


@needs_dtc
def test_error_bad_size(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"linux": 'kernel = "k.elf"; memory = "512Q";'}), ctx)
    assert msg.endswith('c.dts: vms/linux/memory: "512Q" is not a size (use e.g. 256M or 1G)')


@needs_dtc
def test_error_missing_kernel_file(tmp_path, ctx):
    msg = error(load, write_dts(tmp_path, {"linux": 'kernel = "nope/Image";'}), ctx)
    assert "c.dts: vms/linux/kernel: no such file: " + str(tmp_path / "nope" / "Image") in msg
    assert "(paths are relative to the config file)" in msg


@needs_dtc
def test_error_missing_build_file_says_build(tmp_path, ctx):
    msg = error(load, write_dts(tmp_path, {"g": 'kernel = "@build@/nope.elf";'}), ctx)
    assert "vms/g/kernel: no such file" in msg and "hypctl build" in msg


@needs_dtc
def test_error_vcpus_range(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; vcpus = <12>;'}), ctx)
    assert msg.endswith("c.dts: vms/a/vcpus: 12 is out of range (1-8)")


@needs_dtc
def test_error_duplicate_names(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf";', "a ": 'kernel = "k.elf";'}),
                ctx)
    assert "c.dts: vms/a: duplicate VM name (give each VM its own name)" in msg


def test_error_duplicate_names_in_model(ctx):
    cfg = config.Config(vms=[config.Vm("a", "x.dts"), config.Vm("a", "x.dts")], source="x.dts")
    assert "x.dts: vms/a: duplicate VM name" in error(config.check_static, cfg, ctx)


@needs_dtc
def test_error_too_many_vms(tmp_path, ctx, elf_path):
    vms = {f"v{i}": 'kernel = "k.elf";' for i in range(5)}
    msg = error(load, write_dts(tmp_path, vms), ctx)
    assert "vms: 5 VMs, at most 4 are supported (remove some)" in msg


@needs_dtc
def test_error_cpus_length(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; vcpus = <2>; cpus = <1>;'}),
                ctx)
    assert "vms/a/cpus: lists 1 CPU(s) for 2 vCPU(s) (give one physical CPU per vCPU)" in msg


@needs_dtc
def test_error_cpu_beyond_smp(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; vcpus = <2>; cpus = <0 4>;'}),
                ctx)
    assert "vms/a/cpus: CPU 4 does not exist with --smp 4 (use 0-3 or raise --smp)" in msg


@needs_dtc
def test_error_memory_not_2m_multiple(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; memory = "65M";'}), ctx)
    assert msg.endswith("vms/a/memory: 65 MiB is not a multiple of 2 MiB (use 66M)")


@needs_dtc
def test_error_memory_too_small(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; memory = "2M";'}), ctx)
    assert "vms/a/memory: 2 MiB is below the 4 MiB minimum" in msg


@needs_dtc
def test_error_host_memory(tmp_path, ctx, elf_path):
    path = write_dts(tmp_path, {"a": 'kernel = "k.elf"; memory = "1G";',
                                "b": 'kernel = "k.elf"; memory = "1G";'})
    ctx.host_mem = 2 << 30
    msg = error(load, path, ctx)
    assert "c.dts: vms: the VMs need 2 GiB + 64 MiB for the hypervisor" in msg
    assert "--host-mem is 2 GiB" in msg and "raise --host-mem" in msg
    ctx.host_mem, ctx.platform = None, "fvp"
    msg = error(load, path, ctx)
    assert "the FVP's DRAM is fixed at 2 GiB" in msg
    ctx.platform = "qemu"
    assert load(path, ctx).host_mem == 2560 * MiB         # auto: 2G + pack + 256M, /256M


@needs_dtc
def test_error_raw_does_not_fit(tmp_path, ctx):
    (tmp_path / "r.bin").write_bytes(bytes(3 * MiB))
    msg = error(load, write_dts(tmp_path, {"r": 'kernel = "r.bin"; format = "raw"; '
                                                'load-address = <0 0x40300000>; memory = "4M";'}),
                ctx)
    assert "vms/r/load-address: the 3 MiB image does not fit at 0x40300000" in msg
    assert "load it lower or give the VM more memory" in msg


@needs_dtc
def test_error_raw_needs_load_address(tmp_path, ctx):
    (tmp_path / "r.bin").write_bytes(bytes(100))
    msg = error(load, write_dts(tmp_path, {"r": 'kernel = "r.bin"; format = "raw";'}), ctx)
    assert "vms/r/load-address: a raw image needs one (e.g. load-address = <0x0 0x40080000>;)" \
        in msg


@needs_dtc
def test_error_load_address_outside_ram(tmp_path, ctx):
    (tmp_path / "r.bin").write_bytes(bytes(100))
    msg = error(load, write_dts(tmp_path, {"r": 'kernel = "r.bin"; format = "raw"; '
                                                'load-address = <0 0x1000>;'}), ctx)
    assert "vms/r/load-address: 0x1000 is outside the VM's RAM 0x40000000-0x43ffffff" in msg


@needs_dtc
def test_unknown_format_is_raw_where_qemu_loads_it(tmp_path, ctx):
    """An image neither ELF nor Linux goes where QEMU's -kernel puts it (RAM + 0x80000,
    entered there), and hypctl says so; an explicit load-address still wins."""
    (tmp_path / "r.bin").write_bytes(bytes(100))
    cfg = load(write_dts(tmp_path, {"r": 'kernel = "r.bin";'}), ctx)
    (vm,) = cfg.vms
    assert (vm.format, vm.load_address, vm.entry) == ("raw", 0x40080000, 0x40080000)
    assert len(cfg.notes) == 1 and cfg.notes[0].endswith(
        "vms/r: r.bin is neither ELF nor an arm64 Linux Image: loaded as a raw binary at "
        "0x40080000, as QEMU's -kernel does")
    cfg = load(write_dts(tmp_path, {"r": 'kernel = "r.bin"; load-address = <0 0x40200000>;'}), ctx)
    assert (cfg.vms[0].format, cfg.vms[0].load_address) == ("raw", 0x40200000)


@needs_dtc
def test_error_linux_initrd_does_not_fit(tmp_path, ctx):
    make_image(tmp_path / "Image", image_size=40 * MiB)
    (tmp_path / "i.gz").write_bytes(bytes(30 * MiB))
    msg = error(load, write_dts(tmp_path, {"l": 'kernel = "Image"; initrd = "i.gz"; '
                                                'memory = "64M";'}), ctx)
    assert msg.endswith("vms/l/memory: kernel + initrd + 2 MiB device tree need 72 MiB but "
                        "the VM has 64 MiB (use at least 72M)")


@needs_dtc
def test_error_elf_does_not_fit(tmp_path, ctx):
    make_elf(tmp_path / "big.elf", memsz=70 * MiB)
    msg = error(load, write_dts(tmp_path, {"e": 'kernel = "big.elf";'}), ctx)
    assert "vms/e/memory: ELF segments 0x40000000-0x445fffff lie outside the VM's RAM" in msg


@needs_dtc
def test_error_elf_linked_below_ram(tmp_path, ctx):
    make_elf(tmp_path / "low.elf", paddr=0x80000)
    msg = error(load, write_dts(tmp_path, {"e": 'kernel = "low.elf";'}), ctx)
    assert "vms/e/kernel: ELF segments 0x80000-" in msg and "link it at 0x40000000" in msg


@needs_dtc
def test_error_elf_not_aarch64(tmp_path, ctx):
    make_elf(tmp_path / "x86.elf", machine=62)
    msg = error(load, write_dts(tmp_path, {"e": 'kernel = "x86.elf";'}), ctx)
    assert "vms/e/kernel:" in msg and "not for AArch64" in msg


@needs_dtc
def test_error_bad_dtb(tmp_path, ctx, elf_path):
    (tmp_path / "bad.dtb").write_bytes(b"not a device tree at all" * 4)
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; dtb = "bad.dtb";'}), ctx)
    assert "vms/a/dtb:" in msg and "is not a valid device tree blob" in msg
    assert "dtc -I dts -O dtb" in msg


@needs_dtc
def test_error_unknown_property(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; memroy = "64M";'}), ctx)
    assert "c.dts: vms/a/memroy: unknown property (known: kernel, format, load-address, " \
           "entry, initrd, dtb, bootargs, memory, vcpus, cpus, pci-passthrough)" in msg


@needs_dtc
def test_error_unknown_root_node_and_compatible(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf";'},
                                root_extra="    vm { };\n"), ctx)
    assert "c.dts: /vm: unknown node (known: hypervisor, vms)" in msg
    path = tmp_path / "n.dts"
    path.write_text('/dts-v1/; / { vms { a { kernel = "k.elf"; }; }; };')
    assert 'n.dts: /compatible: not "hyp,config-v1"' in error(load, str(path), ctx)


@needs_dtc
def test_error_bad_vm_name(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"my.vm": 'kernel = "k.elf";'}), ctx)
    assert "vms/my.vm: invalid VM name (1-31 characters of A-Z a-z 0-9 _ -)" in msg


@needs_dtc
def test_error_syntax(tmp_path, ctx):
    path = tmp_path / "s.dts"
    path.write_text('/dts-v1/;\n/ { vms { a { kernel = "k.elf" }; }; };\n')
    msg = error(load, str(path), ctx)
    assert "s.dts: not valid device tree source:" in msg and "s.dts:2" in msg


@needs_dtc
def test_error_wrong_type(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": "kernel = <1>;"}), ctx)
    assert 'vms/a/kernel: must be a string, e.g. kernel = "...";' in msg
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; vcpus = "2";'}), ctx)
    assert "vms/a/vcpus: must be one cell (use e.g. vcpus = <2>;)" in msg


@needs_dtc
def test_error_no_vms(tmp_path, ctx):
    assert "c.dts: vms: no VMs" in error(load, write_dts(tmp_path, {}), ctx)


@needs_dtc
def test_error_load_address_on_elf(tmp_path, ctx, elf_path):
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; load-address = <0 0x40000000>;'}),
                ctx)
    assert 'vms/a/load-address: only used with format "raw"' in msg


# ---- one-off flags -------------------------------------------------------------

def test_oneoff_flags(tmp_path, ctx):
    make_image(tmp_path / "Image-6.1.bin")
    (tmp_path / "i").write_bytes(b"initrd")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        cfg = config.from_flags(ctx, "Image-6.1.bin", initrd="i", append="console=ttyAMA0",
                                vcpus=2)
        config.resolve(cfg, ctx)
    finally:
        os.chdir(cwd)
    (vm,) = cfg.vms
    assert vm.name == "Image-6" and vm.format == "linux" and vm.memory == 256 * MiB
    assert vm.initrd == str(tmp_path / "i") and vm.bootargs == "console=ttyAMA0"
    root = fdt.parse(pack.parse_pack(config.pack_bytes(cfg))["config"])
    assert fdt.as_u32s(root.find("vms/Image-6").props["vcpus"]) == [2]


def test_oneoff_raw_and_defaults(tmp_path, ctx):
    raw = tmp_path / "fw.bin"
    raw.write_bytes(b"\x00" * 64)
    cfg = config.resolve(config.from_flags(ctx, str(raw), fmt="raw", load_address="0x40080000",
                                           name="fw", mem="8M"), ctx)
    (vm,) = cfg.vms
    assert (vm.name, vm.load_address, vm.entry, vm.memory) == ("fw", 0x40080000, 0x40080000,
                                                               8 * MiB)
    elf = make_elf(tmp_path / "g.elf")
    assert config.resolve(config.from_flags(ctx, elf), ctx).vms[0].memory == 64 * MiB


def test_oneoff_errors_name_the_flag(tmp_path, ctx, elf_path):
    assert error(config.from_flags, ctx, elf_path, mem="512Q") == \
        '--mem: "512Q" is not a size (use e.g. 256M or 1G)'
    assert error(config.from_flags, ctx, elf_path, vcpus=9) == \
        "--vcpus: 9 is out of range (1-8)"
    assert error(config.from_flags, ctx, elf_path, name="a b").startswith('--name: "a b"')
    assert error(config.from_flags, ctx, elf_path, load_address="zz") == \
        '--load-address: "zz" is not an address (use e.g. 0x40080000)'
    msg = error(lambda: config.resolve(config.from_flags(ctx, str(tmp_path / "none.elf")), ctx))
    assert msg.startswith("--kernel: no such file:") and "current directory" in msg


def test_sanitize_name():
    assert config.sanitize_name("/x/guest-exit.elf") == "guest-exit"
    assert config.sanitize_name("my kernel+v2") == "my_kernel_v2"
    assert config.sanitize_name("a" * 40 + ".bin") == "a" * 31
    assert config.sanitize_name(".hidden") == "vm"


def test_parse_size():
    assert config.parse_size("256M") == 256 * MiB and config.parse_size("1G") == 1 << 30
    assert config.parse_size("64MiB") == 64 * MiB and config.parse_size("0x400000") == 4 * MiB
    assert config.parse_size("512k") == 512 << 10
    for bad in ("512Q", "", "M", "1.5G"):
        with pytest.raises(ValueError):
            config.parse_size(bad)


# ---- the CLI -------------------------------------------------------------------

def hypctl(*args, cwd=None, timeout=60):
    return subprocess.run([HYPCTL, *args], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, cwd=cwd)


def test_cli_config_and_kernel_exclusive():
    r = hypctl("run", "--no-build", "--config", "configs/basic.dts", "--kernel", "x.elf",
               cwd=ROOT)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "--config and --kernel are mutually exclusive" in r.stderr


def test_cli_oneoff_flag_needs_kernel():
    r = hypctl("run", "--no-build", "--mem", "64M", cwd=ROOT)
    assert r.returncode == 2 and "--mem describes a one-off VM: it needs --kernel FILE" in r.stderr


@needs_dtc
def test_cli_config_error_is_one_line_exit_2(tmp_path):
    make_elf(tmp_path / "k.elf")
    path = write_dts(tmp_path, {"a": 'kernel = "k.elf"; vcpus = <12>;'})
    r = hypctl("run", "--no-build", "--config", path)
    assert r.returncode == 2 and "Traceback" not in r.stderr + r.stdout
    assert f"Error: {path}: vms/a/vcpus: 12 is out of range (1-8)" in r.stderr


def test_cli_bad_host_mem():
    r = hypctl("run", "--no-build", "--host-mem", "lots", cwd=ROOT)
    assert r.returncode == 2 and '--host-mem: "lots" is not a size' in r.stderr
    r = hypctl("run", "--no-build", "--platform", "fvp", "--host-mem", "4G", cwd=ROOT)
    assert r.returncode == 2 and "--host-mem" in r.stderr


def test_cli_dry_run_sizes_qemu_ram(tmp_path):
    if not os.path.exists(os.path.join(REAL_BUILD, "out.elf")):
        pytest.skip("needs build/qemu-virt-gcc (tools/hypctl build)")
    elf = make_elf(tmp_path / "k.elf")
    r = hypctl("run", "--dry-run", "--kernel", elf, "--mem", "1G", cwd=ROOT)
    assert r.returncode == 0, r.stderr
    cmd = r.stdout.split()
    assert cmd[cmd.index("-m") + 1] == "1536M"      # 1G + pack + 256M, rounded to 256M
    r = hypctl("run", "--dry-run", "--kernel", elf, "--host-mem", "3G", cwd=ROOT)
    cmd = r.stdout.split()
    assert cmd[cmd.index("-m") + 1] == "3072M"
    p = pack.parse_pack(open(os.path.join(REAL_BUILD, "pack.bin"), "rb").read())
    assert p["images"][("k", "kernel-image")] == open(elf, "rb").read()


# ---- how the VMs ended ---------------------------------------------------------

LOG_OK = """hyp: VM 'a' (id 0): 1 vCPU, 64 MiB at PA 0x40400000, VMID 1
[a] SUMMARY basic: 27 passed, 0 failed
hyp: VM 'a' (id 0) exited with status 0 (exit hypercall)\r
hyp: VM 'b' (id 1) exited with status 0 (PSCI SYSTEM_OFF)
hyp: all VMs have ended
hyp: powering off (status 0)
"""


def test_status_all_zero():
    assert vmstatus.verdict(LOG_OK, ["a", "b"], 0) == (0, [])
    assert list(vmstatus.vm_ends(LOG_OK)) == ["a", "b"]


def test_status_one_exited_3():
    text = LOG_OK.replace("'b' (id 1) exited with status 0", "'b' (id 1) exited with status 3")
    rc, lines = vmstatus.verdict(text.replace("status 0)\n", "status 3)\n"), ["a", "b"], 3)
    assert rc == 1 and lines == ["VM 'b' exited with status 3"]


def test_status_crashed():
    text = ("hyp: VM 'c' vCPU 0: stage-2 fault at IPA 0x10000000\n"
            "hyp: VM 'c' (id 0) crashed (stage-2 fault at IPA 0x10000000)\n"
            "hyp: VM 'b' (id 1) exited with status 0 (exit hypercall)\n"
            "hyp: powering off (status 255)\n")
    rc, lines = vmstatus.verdict(text, ["c", "b"], 255)
    assert rc == 1 and lines == ["VM 'c' crashed (stage-2 fault at IPA 0x10000000)"]
    end = vmstatus.vm_ends(text)["c"]
    assert end.crashed and end.status == 255


def test_status_missing_vm_and_no_vms():
    rc, lines = vmstatus.verdict(LOG_OK, ["a", "b", "c"], 0)
    assert rc == 1 and lines == ["VM 'c' never reported an exit status "
                                 "(see the hypervisor's messages above)"]
    assert vmstatus.verdict("hyp: no VMs configured\nhyp: powering off (status 0)\n") == (0, [])
    assert vmstatus.verdict("", [], 2) == (1, ["simulator exited with status 2"])
    # a guest printing the words mid-line does not count
    assert vmstatus.vm_ends("x hyp: VM 'a' (id 0) exited with status 0 (y)\n") == {}


# ---- real runs -----------------------------------------------------------------

def real_guests():
    return os.path.exists(os.path.join(REAL_BUILD, "tests", "guests", "guest-basic.elf")) and \
        shutil.which("qemu-system-aarch64") and shutil.which("dtc")


@pytest.mark.skipif(not real_guests(), reason="needs build/qemu-virt-gcc guests, QEMU and dtc")
def test_run_basic_config_expect_exit():
    # --no-build: the build is 'hypctl build' / 'hypctl test''s business; this is about the config
    r = hypctl("run", "--no-build", "--config", "configs/basic.dts", "--timeout", "120", "--expect-exit",
               "--expect", r"SUMMARY basic: \d+ passed, 0 failed", cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "hyp: VM 'basic' (id 0) exited with status 0" in r.stdout


@pytest.mark.skipif(not real_guests(), reason="needs build/qemu-virt-gcc guests, QEMU and dtc")
def test_run_oneoff_exit_status_3():
    r = hypctl("run", "--no-build", "--kernel",
               "build/qemu-virt-gcc/tests/guests/guest-exit.elf", "--timeout", "60",
               cwd=ROOT, timeout=300)
    assert r.returncode == 1, r.stdout[-2000:] + r.stderr[-2000:]
    assert "hypctl: VM 'guest-exit' exited with status 3" in r.stderr


@pytest.mark.skipif(not real_guests(), reason="needs build/qemu-virt-gcc guests, QEMU and dtc")
def test_run_expect_exit_fails_on_nonzero_status():
    r = hypctl("run", "--no-build", "--kernel",
               "build/qemu-virt-gcc/tests/guests/guest-exit.elf", "--timeout", "60",
               "--expect", "exiting with status 3", "--expect-exit", cwd=ROOT, timeout=300)
    assert r.returncode == 1 and "hypctl: VM 'guest-exit' exited with status 3" in r.stderr
    r = hypctl("run", "--no-build", "--kernel",
               "build/qemu-virt-gcc/tests/guests/guest-exit.elf", "--timeout", "60",
               "--expect", "exiting with status 3", cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]


@needs_dtc
def test_pci_passthrough(tmp_path, ctx, elf_path):
    cfg = load(write_dts(tmp_path, {"a": 'kernel = "k.elf"; pci-passthrough;',
                                    "b": 'kernel = "k.elf";'}), ctx)
    assert [vm.pci_passthrough for vm in cfg.vms] == [True, False]
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; pci-passthrough;',
                                           "b": 'kernel = "k.elf"; pci-passthrough;'}), ctx)
    assert msg.endswith("vms/b/pci-passthrough: VM 'a' owns the PCIe host bridge already "
                        "(one VM at most can have it)")
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; pci-passthrough = <1>;'}),
                ctx)
    assert msg.endswith("vms/a/pci-passthrough: takes no value (write pci-passthrough;)")
    fvp = config.Context(smp=4, platform="fvp", build_dir=ctx.build_dir, cache_dir=ctx.cache_dir)
    msg = error(load, write_dts(tmp_path, {"a": 'kernel = "k.elf"; pci-passthrough;'}), fvp)
    assert "vms/a/pci-passthrough: the FVP's PCIe is not passed through" in msg
