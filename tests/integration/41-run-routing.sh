#!/usr/bin/env bash
# `mptcp-lab run topologies/routing.topo` passes with the original suite's
# counts on the client (and the server's), in --json, --tap and JUnit
# form, and leaves nothing behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
trap cleanup_run_lib EXIT
run_topology_test routing \
	"client CREATED=2 ESTABLISHED=2 ANNOUNCED=2 SF_ESTABLISHED=2 CLOSED=2" \
	"server CREATED=2 ESTABLISHED=2 SF_ESTABLISHED=2"
finish
