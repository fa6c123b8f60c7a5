#!/usr/bin/env python3
"""Packs written by hypctl's own code (config.py, pack.py) as 'hypctl run' writes them,
with tiny images: the seeds of tests/fuzz/fuzz_pack.c, and the input of the unit test
config-pack (tests/unit/test_config_pack.c), which checks that the hypervisor's parser
reads back what hypctl meant. Next to each NAME.pack, NAME.expect says it, one line per
VM ("vm NAME vcpus N mem BYTES format F kernel BYTES initrd BYTES dtb BYTES cpus
A,B,..|- load ADDR entry ADDR pci 0|1 bootargs TEXT"), after a line "cmdline TEXT".
  pack_seeds.py DIR"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from hypctl_lib import config  # noqa: E402

MULTI = """/dts-v1/;
/ {{
    compatible = "hyp,config-v1";
    hypervisor {{ bootargs = "loglevel=debug"; }};
    vms {{
        a {{ kernel = "{k}"; format = "raw"; load-address = <0x0 0x40080000>;
             entry = <0x0 0x40080010>; memory = "64M"; vcpus = <2>; cpus = <0 1>;
             initrd = "{i}"; bootargs = "console=ttyAMA0"; }};
        b {{ kernel = "{k}"; format = "raw"; load-address = <0x0 0x40000000>;
             memory = "32M"; dtb = "{d}"; pci-passthrough; }};
        c {{ kernel = "{k}"; format = "raw"; load-address = <0x0 0x40000000>; memory = "4M"; }};
    }};
}};
"""


def main(out):
    os.makedirs(out, exist_ok=True)
    ctx = config.Context(smp=4)
    with tempfile.TemporaryDirectory() as d:
        k, i, dt = (os.path.join(d, n) for n in ("kernel.bin", "initrd.img", "vm.dtb"))
        with open(k, "wb") as f:
            f.write(bytes(range(256)))
        with open(i, "wb") as f:
            f.write(b"initrd" * 20)
        subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dt, "-"],
                       input=b"/dts-v1/; / { #address-cells = <2>; #size-cells = <2>; };",
                       check=True)
        dts = os.path.join(d, "multi.dts")
        with open(dts, "w") as f:
            f.write(MULTI.format(k=k, i=i, d=dt))
        cfgs = {
            "oneoff-raw": config.from_flags(ctx, k, fmt="raw", load_address="0x40000000"),
            "oneoff-initrd": config.from_flags(ctx, k, fmt="raw", load_address="0x40080000",
                                               initrd=i, append="root=/dev/ram", vcpus=4,
                                               mem="128M", hyp_args="loglevel=info"),
            "multi": config.load_dts(dts, ctx),
        }
        for name, cfg in cfgs.items():
            config.check_files(cfg, ctx)
            config.resolve(cfg, ctx)
            with open(os.path.join(out, f"{name}.pack"), "wb") as f:
                f.write(config.pack_bytes(cfg))
            with open(os.path.join(out, f"{name}.expect"), "w") as f:
                f.write(expectation(cfg))


def _size(cfg, vm, key):
    path = vm.files.get(key)
    return len(cfg.data[path]) if path else 0


def expectation(cfg):
    """What the hypervisor must read from the pack, from hypctl's side of it."""
    lines = [f"cmdline {cfg.hyp_bootargs or ''}"]
    for vm in cfg.vms:
        cpus = ",".join(str(c) for c in vm.cpus) if vm.cpus else "-"
        lines.append(f"vm {vm.name} vcpus {vm.vcpus} mem {vm.memory} format {vm.format} "
                     f"kernel {_size(cfg, vm, 'kernel')} initrd {_size(cfg, vm, 'initrd')} "
                     f"dtb {_size(cfg, vm, 'dtb')} cpus {cpus} "
                     f"load {vm.load_address or 0:#x} entry {vm.entry or 0:#x} "
                     f"pci {1 if vm.pci_passthrough else 0} bootargs {vm.bootargs or ''}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main(sys.argv[1])
