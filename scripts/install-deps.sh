#!/usr/bin/env bash
# Installs the Debian packages PoolLab needs, only those missing.
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also the test tools: Go 1.23 (the oracle) and Xvfb
set -euo pipefail

want=(cmake ninja-build g++ pkg-config libimgui-dev libglfw3-dev doctest-dev libtomlplusplus-dev
      nlohmann-json3-dev libcli11-dev libstb-dev fonts-dejavu-core libbenchmark-dev)
test_mode=0
[[ "${1:-}" == "--test" ]] && test_mode=1
[[ $test_mode == 1 ]] && want+=(xvfb xauth)

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
apt_updated=0
apt_update() {
  if [[ $apt_updated == 0 ]]; then
    "${sudo_cmd[@]}" apt-get update -q
    apt_updated=1
  fi
}

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q "${missing[@]}"
fi

# Go 1.23 is the oracle the tests compare against. Debian 12 ships 1.19 (no
# per-iteration loop variables, no range over int, no min/max), so it comes
# from bookworm-backports.
if [[ $test_mode == 1 && ! -x /usr/lib/go-1.23/bin/go ]]; then
  if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    uri=$(grep -rhs "^URIs:.*debian$\|^URIs:.*debian/$" /etc/apt/sources.list.d/*.sources | head -n1 | awk '{print $2}')
    [[ -z "$uri" ]] && uri=$(grep -hs "^deb .*debian.* bookworm " /etc/apt/sources.list | head -n1 | awk '{print $2}')
    [[ -z "$uri" ]] && uri="http://deb.debian.org/debian"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" |
      "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null
    apt_updated=0
  fi
  apt_update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q -t bookworm-backports golang-1.23-go
fi
