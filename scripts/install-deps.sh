#!/bin/sh
# Install the Debian 12 packages mptcp-lab needs to build, test and run.
# SoftEther's post-install would enable host services on a systemd host;
# the lab runs its own copies inside namespaces, so keep them off.
set -e
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
	build-essential pkg-config bc \
	libnl-3-dev libnl-route-3-dev libnl-genl-3-dev libcmocka-dev \
	iproute2 iputils-ping iperf3 mptcpd jq graphviz procps psmisc nftables \
	softether-vpnserver softether-vpnclient softether-vpncmd
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
	$SUDO systemctl disable --now softether-vpnserver softether-vpnclient 2>/dev/null || true
fi
