#!/usr/bin/env bash
# `mptcp-lab run topologies/simple.topo`: wall time minus traffic time
# (target < 0.5 s), and where that time goes, from the run's own --json
# timings. Runs the topology RUNS times (default 5); prints each phase's
# median.
. "$(dirname "$0")/run_lib.sh"
RUNS=${RUNS:-5}
time_runs "$TOP/topologies/simple.topo" "$RUNS"
echo "run simple.topo, $RUNS runs, medians:"
phase "wall time (shell)" '.wall'
phase "traffic (steps)" '.step_seconds'
phase "wall minus traffic (target < 500)" '.wall - .step_seconds'
phase "  lab up" '[.tests[] | select(.name | startswith("lab up")) | .seconds] | add // 0'
phase "  watch events" '[.tests[] | select(.name | startswith("watch")) | .seconds] | add // 0'
phase "  services ready" '[.tests[] | select(.kind == "service") | .seconds] | add // 0'
phase "  traffic settled" '[.tests[] | select(.name == "traffic settled") | .seconds] | add // 0'
phase "  stop services" '[.tests[] | select(.name | startswith("stop")) | .seconds] | add // 0'
phase "  connections closed" '[.tests[] | select(.name == "connections closed") | .seconds] | add // 0'
phase "  lab down" '[.tests[] | select(.name == "lab down") | .seconds] | add // 0'
phase "  the rest (exec, parse, run dir)" '.wall - ([.tests[].seconds] | add)'
