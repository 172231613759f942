#!/bin/sh
# Install the Debian 12 packages mptcp-lab needs to build, test and run.
# SoftEther's and haproxy's post-installs would enable host services on a
# systemd host; the lab and the benchmarks run their own copies inside
# namespaces, so keep them off. haproxy is the peer bench/10-proxy.sh
# compares mptcp-proxy with; socat one to compare with by hand. mptcpize
# is its own package in Debian 12 (not part of mptcpd): two integration
# tests and the direct-MPTCP figures of `make bench` need it; tcpdump
# takes packet captures; clang (with its runtime) builds the fuzzer.
# libsystemd-dev: sd_notify() for mptcp-proxy's Type=notify unit; systemd
# brings systemd-analyze, which checks that unit in the tests; util-linux
# setpriv runs the proxy there without privileges, as the unit does.
# qemu-system-x86, busybox-static, kmod, cpio and xz-utils are what
# scripts/vm-run needs to boot other kernels (make matrix); python3-yaml
# reads the CI workflow in a test.
# cppcheck and clang-tidy run in `make lint`.
set -e
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
	build-essential pkg-config bc clang libclang-rt-14-dev cppcheck clang-tidy \
	libnl-3-dev libnl-route-3-dev libnl-genl-3-dev libcmocka-dev \
	libjansson-dev libxml2-utils python3 perl \
	libsystemd-dev systemd util-linux \
	iproute2 iputils-ping iperf3 mptcpd mptcpize tcpdump jq graphviz procps psmisc nftables \
	haproxy socat \
	softether-vpnserver softether-vpnclient softether-vpncmd \
	qemu-system-x86 busybox-static kmod cpio xz-utils python3-yaml
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
	$SUDO systemctl disable --now softether-vpnserver softether-vpnclient haproxy 2>/dev/null || true
fi
