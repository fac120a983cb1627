#!/usr/bin/env bash
# Installs the built tree into a scratch prefix and builds the consumer
# project against it: `run.sh install`, `run.sh find_package`, `run.sh pkg_config`.
set -euo pipefail
mode=$1 build_dir=$2 source_dir=$3 work=$4
prefix=$work/prefix
case $mode in
  install)
    rm -rf "$work"
    mkdir -p "$work"
    cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log"
    lib=$(find "$prefix" -name 'libquire.so.*' -type f | head -1)
    [ -n "$lib" ] || { echo "no libquire.so.* installed"; exit 1; }
    soname=$(objdump -p "$lib" | awk '/SONAME/ {print $2}')
    major=$(sed -n 's/#define QUIRE_VERSION_MAJOR \([0-9]*\)/\1/p' "$prefix/include/quire/version.h")
    [ "$soname" = "libquire.so.$major" ] || { echo "SONAME $soname, expected libquire.so.$major"; exit 1; }
    for f in include/quire/quire.h; do [ -f "$prefix/$f" ] || { echo "missing $f"; exit 1; }; done
    [ -n "$(find "$prefix" -path '*/cmake/quire/quireConfig.cmake')" ] || { echo "no quireConfig.cmake"; exit 1; }
    [ -n "$(find "$prefix" -path '*/pkgconfig/quire.pc')" ] || { echo "no quire.pc"; exit 1; }
    echo "installed to $prefix with SONAME $soname"
    ;;
  find_package)
    out=$work/find_package
    rm -rf "$out"
    cmake -S "$source_dir/project" -B "$out" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >"$work/fp-configure.log"
    cmake --build "$out" >"$work/fp-build.log"
    libdir=$(dirname "$(find "$prefix" -name libquire.so | head -1)")
    LD_LIBRARY_PATH=$libdir "$out/consumer" "$out/index"
    ;;
  pkg_config)
    out=$work/pkg_config
    rm -rf "$out"
    mkdir -p "$out"
    pcdir=$(dirname "$(find "$prefix" -path '*/pkgconfig/quire.pc' | head -1)")
    flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs quire)
    # shellcheck disable=SC2086
    c++ "$source_dir/project/main.cc" -o "$out/consumer" $flags
    libdir=$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=libdir quire)
    LD_LIBRARY_PATH=$libdir "$out/consumer" "$out/index"
    ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
