#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Fuzz with libFuzzer: the FDT reader/writer (tests/fuzz/fuzz_fdt.c, target fdt),
# the pack and its VM configuration (tests/fuzz/fuzz_pack.c, target pack), or the
# guest device tree builder fed a user's tree (tests/fuzz/fuzz_guest_dt.c, guest-dt), or
# the virtual ITS fed a guest's commands and registers (tests/fuzz/fuzz_its.c, its).
#   tests/fuzz/run-fuzz.sh [seconds] [fdt|pack|guest-dt|its] [extra libFuzzer options...]
# seconds defaults to 60, the target to fdt. Configures a native-only clang build in
# build/fuzz (override with FUZZ_BUILD_DIR) on first use; the corpus it grows is kept
# in <build>/tests/fuzz/corpus[-pack], crashes land in the current directory
# (crash-<sha1>: replay with <build>/tests/fuzz/fuzz-<target> crash-<sha1>).
# FUZZ_JOBS=N runs N fuzzing processes in parallel.
set -eu

secs=${1:-60}
[ $# -gt 0 ] && shift
target=fdt
case ${1:-} in fdt|pack|guest-dt|its) target=$1; shift ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build/fuzz}

if [ ! -f "$build/build.ninja" ]; then
        CC=clang meson setup "$build" "$root"
fi
ninja -C "$build" tests/fuzz/fuzz-fdt tests/fuzz/fuzz-pack tests/fuzz/fuzz-guest-dt \
        tests/fuzz/fuzz-its tests/unit/sample.dtb

work=$build/tests/fuzz
jobs=${FUZZ_JOBS:-1}
if [ "$target" = pack ]; then
        # Seeds: packs that hypctl's own code writes (tiny images keep runs fast).
        seeds=$work/seeds-pack
        corpus=$work/corpus-pack
        mkdir -p "$seeds" "$corpus"
        /usr/bin/python3 "$root/tests/fuzz/pack_seeds.py" "$seeds"
        rm -f "$seeds"/*.expect                 # the unit test's expectations, not inputs
        set -- -max_total_time="$secs" -print_final_stats=1 "$@"
        if [ "$jobs" -gt 1 ]; then
                set -- -jobs="$jobs" -workers="$jobs" "$@"
        fi
        exec "$work/fuzz-pack" "$@" "$corpus" "$seeds"
fi

if [ "$target" = its ]; then
        # Seed: a driver's program (10-byte steps: op, index, value; fuzz_its.c):
        # MAPD, MAPC, MAPTI, INT written into the queue, CWRITER, a flush of vCPU 0.
        seeds=$work/seeds-its
        corpus=$work/corpus-its
        mkdir -p "$seeds" "$corpus"
        /usr/bin/python3 - "$seeds/driver" <<'PY'
import struct, sys
cmds = [(0x08 | 1 << 32, 7, 1 << 63 | 0x40090000, 0), (0x09, 0, 1 << 63, 0),
        (0x0a | 1 << 32, 3 | 8192 << 32, 0, 0), (0x03 | 1 << 32, 3, 0, 0)]
prog = b""
for slot, words in enumerate(cmds):
    for w, v in enumerate(words):
        prog += struct.pack("<BBQ", w * 10, slot, v)
prog += struct.pack("<BBQ", 1, 0, len(cmds) * 32) + struct.pack("<BBQ", 8, 0, 0)
open(sys.argv[1], "wb").write(prog)
PY
        set -- -max_total_time="$secs" -print_final_stats=1 "$@"
        if [ "$jobs" -gt 1 ]; then
                set -- -jobs="$jobs" -workers="$jobs" "$@"
        fi
        exec "$work/fuzz-its" "$@" "$corpus" "$seeds"
fi

seeds=$work/seeds
corpus=$work/corpus
if [ "$target" = guest-dt ]; then
        corpus=$work/corpus-guest-dt
fi
mkdir -p "$seeds" "$corpus"

# Seeds: the unit tests' sample.dtb, a few dtc-compiled trees, writer-mode inputs.
cp "$build/tests/unit/sample.dtb" "$seeds/sample.dtb"
mkseed() {
        dtc -q -I dts -O dtb -o "$seeds/$1.dtb" - || echo "run-fuzz: dtc failed on seed $1" >&2
}
mkseed minimal <<'DTS'
/dts-v1/;
/ { };
DTS
mkseed memreserve <<'DTS'
/dts-v1/;
/memreserve/ 0x80000000 0x10000;
/memreserve/ 0x90000000 0x20000;
/ {
        #address-cells = <1>;
        #size-cells = <1>;
        memory@80000000 { device_type = "memory"; reg = <0x80000000 0x10000000 0xa0000000 0x1000>; };
        chosen { bootargs = ""; linux,initrd-start = <0x0 0x88000000>; };
};
DTS
mkseed deep <<'DTS'
/dts-v1/;
/ { a { b { c { d { e { f { g { h { p = "x"; i { j { k { l { m { n { o { q; }; }; }; }; }; }; }; }; }; }; }; }; }; }; }; };
DTS
mkseed virt <<'DTS'
/dts-v1/;
/ {
        #address-cells = <2>;
        #size-cells = <2>;
        compatible = "linux,dummy-virt";
        psci { compatible = "arm,psci-1.0", "arm,psci-0.2", "arm,psci"; method = "hvc"; };
        cpus {
                #address-cells = <1>;
                #size-cells = <0>;
                cpu@0 { device_type = "cpu"; compatible = "arm,cortex-a57"; reg = <0>; enable-method = "psci"; };
                cpu@1 { device_type = "cpu"; compatible = "arm,cortex-a57"; reg = <1>; enable-method = "psci"; };
        };
        pcie@10000000 {
                #address-cells = <3>;
                #size-cells = <2>;
                reg = <0x40 0x10000000 0x0 0x10000000>;
                dev@0 { reg = <0x0 0x0 0x0 0x0 0x0>; };
        };
        intc@8000000 {
                compatible = "arm,gic-v3";
                #interrupt-cells = <3>;
                #address-cells = <2>;
                #size-cells = <2>;
                interrupt-controller;
                reg = <0x0 0x8000000 0x0 0x10000>, <0x0 0x80a0000 0x0 0xf60000>;
                its@8080000 { compatible = "arm,gic-v3-its"; reg = <0x0 0x8080000 0x0 0x20000>; msi-controller; };
        };
};
DTS
# Writer mode: 'W', buffer size / 8, then (op, arg) pairs (see fuzz_writer()).
printf 'W\200\000\003\007\004\000\001\012\003\006\000\011\001\003\000\003\000' > "$seeds/writer-basic"
printf 'W\010\000\003\007\004\007\004\003\000' > "$seeds/writer-small"
printf 'W\377\013\001\013\002\000\003\000\000\000\000\000\000\010\000\003\000\003\000\003\000\003\000\014\000' > "$seeds/writer-reserve"

cat > "$work/fdt.dict" <<'DICT'
magic="\xd0\x0d\xfe\xed"
begin_node="\x00\x00\x00\x01"
end_node="\x00\x00\x00\x02"
prop="\x00\x00\x00\x03"
nop="\x00\x00\x00\x04"
end="\x00\x00\x00\x09"
v17="\x00\x00\x00\x11"
v16="\x00\x00\x00\x10"
n_compatible="compatible\x00"
n_reg="reg\x00"
n_ac="#address-cells\x00"
n_sc="#size-cells\x00"
n_devtype="device_type\x00"
v_psci="arm,psci-0.2\x00"
v_a57="arm,cortex-a57\x00"
DICT

set -- -max_total_time="$secs" -dict="$work/fdt.dict" -print_final_stats=1 "$@"
if [ "$jobs" -gt 1 ]; then
        set -- -jobs="$jobs" -workers="$jobs" "$@"
fi
if [ "$target" = guest-dt ]; then
        # Its inputs: 4 bytes of VM shape (vCPUs and GIC, memory and bootargs, buffer and
        # initrd, buffer size), then the user's tree: each seed tree behind two shapes,
        # and the test guests' lying tree.
        gseeds=$work/seeds-guest-dt
        mkdir -p "$gseeds"
        for f in "$seeds"/*.dtb "$root/tests/vms/data/"*.dts; do
                case $f in
                *.dts) dtc -q -I dts -O dtb -o "$gseeds/tree.dtb" "$f" || continue
                       f=$gseeds/tree.dtb ;;
                esac
                name=$(basename "$f" .dtb)
                { printf '\006\005\001\000'; cat "$f"; } > "$gseeds/$name-a"
                { printf '\001\002\003\000'; cat "$f"; } > "$gseeds/$name-b"
        done
        rm -f "$gseeds/tree.dtb"
        exec "$work/fuzz-guest-dt" "$@" "$corpus" "$gseeds"
fi
exec "$work/fuzz-fdt" "$@" "$corpus" "$seeds"
