#!/usr/bin/env bash
# Installs the edurules Python package into Debian's /usr/bin/python3, offline
# (no pip, no PyPI): CMake builds the compiled module against Debian's
# pybind11, and the package staged in the build tree is copied into
# site-packages with a small .dist-info (so `pip list` and
# importlib.metadata see it). Idempotent: running it again replaces the
# installed copy with the current build.
#
#   bash scripts/install-python.sh               # as root: /usr/local/lib/python3.X/dist-packages
#                                                # otherwise: the user site (~/.local/lib/python3.X/site-packages)
#   bash scripts/install-python.sh --user        # the user site, even as root
#   bash scripts/install-python.sh --target DIR  # any directory (then use PYTHONPATH=DIR)
# Options: --build-dir DIR (default: build), --no-build (use what is built),
#          --python PATH (default: /usr/bin/python3, which has numpy and pandas).
set -euo pipefail
cd "$(dirname "$0")/.."

py=/usr/bin/python3
build=build
target=""
user=0
do_build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --user) user=1; shift ;;
    --build-dir) build="$2"; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --python) py="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "install-python.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x "$py" ] || { echo "install-python.sh: $py not found" >&2; exit 1; }

if [ "$do_build" = 1 ]; then
  gen=()
  if [ ! -f "$build/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then gen=(-G Ninja); fi
  if [ ! -f "$build/CMakeCache.txt" ] || ! grep -q '^EDURULES_BUILD_PYTHON:BOOL=ON' "$build/CMakeCache.txt"; then
    cmake -S . -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DEDURULES_BUILD_PYTHON=ON -DPython_EXECUTABLE="$py" >/dev/null
  fi
  cmake --build "$build" --target _edurules -j "$(nproc 2>/dev/null || echo 2)"
fi

staged="$build/bindings/python/edurules"
ls "$staged"/_edurules*.so >/dev/null 2>&1 || {
  echo "install-python.sh: no compiled module in $staged (build it, or drop --no-build)" >&2; exit 1; }

if [ -n "$target" ]; then
  dest="$target"
elif [ "$user" = 1 ] || [ "$(id -u)" != 0 ]; then
  dest="$("$py" -m site --user-site)"
else
  dest="$("$py" -c 'import site; print(site.getsitepackages()[0])')"
fi
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
version="$(sed -n 's/^project(edurules VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"

# Copy beside the old one, then swap: an interrupted run leaves the old copy.
tmp="$(mktemp -d "$dest/.edurules-install.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/edurules"
for f in "$staged"/*.py "$staged"/*.pyi "$staged"/py.typed "$staged"/_edurules*.so; do
  cp "$f" "$tmp/edurules/"
done
info="edurules-$version.dist-info"
mkdir "$tmp/$info"
cat >"$tmp/$info/METADATA" <<META
Metadata-Version: 2.1
Name: edurules
Version: $version
Summary: Dutch SEU permanent education and Belgian paid educational leave rules, for analysts
Requires-Dist: numpy
Requires-Dist: pandas
META
echo "edurules scripts/install-python.sh" >"$tmp/$info/INSTALLER"
(cd "$tmp" && find edurules "$info" -type f | sort | sed 's/$/,,/') >"$tmp/$info/RECORD"

rm -rf "$dest/edurules" "$dest"/edurules-*.dist-info
mv "$tmp/edurules" "$dest/edurules"
mv "$tmp/$info" "$dest/$info"

# Check from a neutral directory that this interpreter imports the copy.
check_path=""
[ -n "$target" ] && check_path="$dest"
(cd / && PYTHONPATH="$check_path" "$py" -c 'import edurules, os, sys
edurules.Engine()
where = os.path.dirname(os.path.dirname(edurules.__file__))
print(f"edurules {edurules.__version__} installed in {where} for {sys.executable}")')
