#!/usr/bin/env bash
# Builds oneTBB (Debian's own 2021.8.0 source package) with ThreadSanitizer into build/_deps/tbb-tsan, for the
# `tsan` preset: Debian's libtbb is not instrumented and makes TSan report races inside TBB itself.
# Idempotent: returns at once when the library is already there. Needs only apt-get (deb-src of the same
# mirrors as /etc/apt/sources.list.d/debian.sources; the system's apt configuration is not changed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/build/_deps/tbb-tsan"
work="$root/build/_deps/tbb-tsan-src"
if [ -f "$dest/lib/cmake/TBB/TBBConfig.cmake" ]; then
  echo "tbb-tsan: present in $dest"
  exit 0
fi
mkdir -p "$work/lists/partial"
sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$work/deb-src.sources"
apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/parts" -o "Dir::State::Lists=$work/lists")
mkdir -p "$work/parts" && cp "$work/deb-src.sources" "$work/parts/"
apt-get -q "${apt_opts[@]}" update >/dev/null
(cd "$work" && apt-get -q "${apt_opts[@]}" source --download-only onetbb >/dev/null)
tarball=$(ls "$work"/onetbb_*.orig.tar.* | head -1)
rm -rf "$work/src" && mkdir -p "$work/src"
tar xf "$tarball" -C "$work/src" --strip-components=1
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTBB_SANITIZE=thread \
  -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBBMALLOC_BUILD=OFF -DTBB_STRICT=OFF -DCMAKE_INSTALL_PREFIX="$dest" >/dev/null
cmake --build "$work/build" -j"$(nproc)" >/dev/null
cmake --install "$work/build" >/dev/null
echo "tbb-tsan: built into $dest"
