#!/bin/sh
# Install the Debian packages folio needs to build, test and run; only the missing ones.
# Used by `make deps` / `make demo` and by .ci/run.  apt-get needs root.
set -e
BUILD_PKGS="gcc make pkg-config libhpdf-dev libharfbuzz-dev libzip-dev libxml2-dev libunibreak-dev libinih-dev libfontconfig-dev libpng-dev libjpeg-dev libgif-dev libwebp-dev libicu-dev"
FONT_PKGS="fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai fonts-wqy-microhei fonts-lxgw-wenkai"
TEST_PKGS="python3 unzip python3-fonttools python3-pypdf docbook5-xml jing epubcheck default-jdk-headless qpdf poppler-utils libxml2-utils valgrind clang libclang-rt-14-dev"
missing=""
for p in $BUILD_PKGS $FONT_PKGS $TEST_PKGS $EXTRA_PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "install-deps: every package is installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing Debian packages:$missing" >&2
  echo "install-deps: run as root (or: sudo apt-get install$missing)" >&2
  exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
