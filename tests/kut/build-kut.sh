#!/bin/sh
# SPDX-License-Identifier: MIT
# Build kvm-unit-tests' arm64 tests (tests/external/kvm-unit-tests) into OUT with the
# cross gcc, errata forced on (CONFIG_ERRATA_FORCE 1 in the generated lib/config.h):
#   build-kut.sh SRC OUT STAMP [CROSS_PREFIX]
set -eu
src=$1 out=$2 stamp=$3 cross=${4:-aarch64-linux-gnu-}
case $stamp in /*) ;; *) stamp=$PWD/$stamp ;; esac     # the build runs in $out
rm -rf "$out"
mkdir -p "$out"
cp -R "$src"/. "$out"/
cd "$out"
./configure --arch=arm64 --cross-prefix="$cross" >configure.log 2>&1 ||
        { cat configure.log >&2; exit 1; }
sed -i 's/^#define CONFIG_ERRATA_FORCE 0$/#define CONFIG_ERRATA_FORCE 1/' lib/config.h
grep -q '^#define CONFIG_ERRATA_FORCE 1$' lib/config.h ||
        { echo "build-kut.sh: lib/config.h has no CONFIG_ERRATA_FORCE to force" >&2; exit 1; }
make -j"$(nproc)" >make.log 2>&1 || { tail -30 make.log >&2; exit 1; }
ls arm/*.flat >/dev/null
touch "$stamp"
