#!/usr/bin/env bash
# Builds the test-cluster binary once per source version and caches it.
#
#   bin=$(bash test-cluster/build.sh)   # prints only the binary path on stdout
#
# The cache key is the sha256 of go.mod, go.sum, build.sh and every *.go file
# in this directory. Progress goes to stderr. Only Go modules are downloaded,
# through the configured Go module proxy.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

command -v go >/dev/null 2>&1 || { echo "build.sh: go is not on PATH" >&2; exit 1; }

key="$(
  {
    for f in go.mod go.sum build.sh; do
      printf '%s\n' "$f"
      cat "$f"
    done
    find . -maxdepth 1 -name '*.go' -type f -print | LC_ALL=C sort | while read -r f; do
      printf '%s\n' "$f"
      cat "$f"
    done
  } | sha256sum | cut -c1-16
)"

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/rbac-explorer/test-cluster"
dir="$cache_root/$key"
bin="$dir/test-cluster"

if [[ -x "$bin" ]]; then
  touch "$dir" 2>/dev/null || true # marks it as used, see the pruning below
  echo "build.sh: cached binary $bin" >&2
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$dir"
tmp="$(mktemp "$dir/.test-cluster.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
trap 'rm -f "$tmp"; exit 130' INT TERM

# This module stands alone: ignore any go.work around it.
export GOWORK=off
export GOFLAGS="${GOFLAGS:-} -mod=readonly"

# Report the real Kubernetes version from /version instead of
# "v0.0.0-master", as release builds do.
k8s_version="$(go list -m -f '{{.Version}}' k8s.io/kubernetes)"
k8s_minor="$(echo "$k8s_version" | cut -d. -f2)"
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$k8s_minor"
  ldflags+=" -X $pkg.gitTreeState=clean"
done

echo "build.sh: building test-cluster ($key, Kubernetes $k8s_version); the first build takes several minutes" >&2
start=$SECONDS
go build -trimpath -ldflags "$ldflags" -o "$tmp" .
chmod 0755 "$tmp"
mv -f "$tmp" "$bin"
trap - EXIT INT TERM
echo "build.sh: built in $((SECONDS - start))s: $bin" >&2

# Each binary is about 100 MB: drop those not used for 14 days.
find "$cache_root" -mindepth 1 -maxdepth 1 -type d -mtime +14 ! -name "$key" \
  -exec rm -rf {} + 2>/dev/null || true
printf '%s\n' "$bin"
