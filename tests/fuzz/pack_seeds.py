#!/usr/bin/env python3
"""Seed packs for tests/fuzz/fuzz_pack.c, written by hypctl's own code (config.py,
pack.py) as 'hypctl run' writes them, with tiny images so a fuzzing run stays fast:
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
             memory = "32M"; dtb = "{d}"; }};
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


if __name__ == "__main__":
    main(sys.argv[1])
