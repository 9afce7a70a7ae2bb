#!/usr/bin/env bash
# ctest packaging.pkg_config: compiles consumer.c with plain cc and
# pkg-config against the installed prefix, and runs it.
# Usage: pkg-config-test.sh <prefix> <libdir> <cc> <consumer.c> <workdir> <version>
set -euo pipefail
prefix=$1 libdir=$2 cc=$3 src=$4 work=$5 version=$6
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
pc=$(command -v pkg-config || command -v pkgconf)
got=$("$pc" --modversion edurules)
if [ "$got" != "$version" ]; then
  echo "pkg-config: edurules version is '$got', expected '$version'" >&2
  exit 1
fi
mkdir -p "$work"
# shellcheck disable=SC2046
"$cc" -std=c99 -Wall -Wextra -pedantic -Werror $("$pc" --cflags edurules) "$src" \
  -o "$work/consumer" $("$pc" --libs edurules)
LD_LIBRARY_PATH="$("$pc" --variable=libdir edurules)" "$work/consumer"
