#!/usr/bin/env bash
# Builds the peer tools that `npm run bench` compares against, once per version, into the
# user's cache directory (outside the checkout):
#
#   bash bench/peers/build.sh      # prints "NAME PATH" per tool on stdout; progress on stderr
#
# Each tool is a small module here that pins the released version (go.mod, go.sum):
#   kubectl-who-can  github.com/aquasecurity/kubectl-who-can v0.4.0
#   rakkess          github.com/corneliusweig/rakkess v0.5.1
#   kubectl          k8s.io/kubectl v0.34.4 (the upstream command's main, for `kubectl auth can-i`)
# rbac-tool (github.com/alcideio/rbac-tool) is not here: the Go module proxy serves no version
# of it (every release tag from v0.0.0 to v1.22.10, @latest and commits were refused).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v go >/dev/null 2>&1 || { echo "peers/build.sh: go is not on PATH" >&2; exit 1; }
export GOWORK=off
export GOFLAGS="${GOFLAGS:-} -mod=readonly"

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/rbac-explorer/peers"

build() {
  local name="$1" pkg="$2" dir="$here/$1" key out tmp start
  key="$(cd "$dir" && cat go.mod go.sum ./*.go "$here/build.sh" | sha256sum | cut -c1-16)"
  out="$cache_root/$name-$key/$name"
  if [[ ! -x "$out" ]]; then
    mkdir -p "$(dirname "$out")"
    tmp="$(mktemp "$(dirname "$out")/.build.XXXXXX")"
    echo "peers/build.sh: building $name ($key)" >&2
    start=$SECONDS
    if ! (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$tmp" "$pkg"); then
      rm -f "$tmp"
      echo "peers/build.sh: building $name failed" >&2
      return 1
    fi
    mv -f "$tmp" "$out"
    echo "peers/build.sh: built $name in $((SECONDS - start))s" >&2
  fi
  touch "$(dirname "$out")" 2>/dev/null || true
  printf '%s %s\n' "$name" "$out"
}

build kubectl-who-can github.com/aquasecurity/kubectl-who-can/cmd/kubectl-who-can
build rakkess github.com/corneliusweig/rakkess
build kubectl .

# Drop builds not used for 14 days.
find "$cache_root" -mindepth 1 -maxdepth 1 -type d -mtime +14 -exec rm -rf {} + 2>/dev/null || true
