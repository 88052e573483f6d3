#!/usr/bin/env bash
# Builds the benchmarks (with the current Skiff sources) and runs the end-to-end watch throughput benchmark
# (WatchBenchmark): Skiff on the fake cluster and fabric8 on its mock server, in the same JMH run.
# Raw output goes to benchmarks/results/ (gitignored). About 5 minutes on 2 cores.
# Extra arguments go to JMH, e.g. `benchmarks/run-watch.sh -p library=skiff` or `benchmarks/run-watch.sh -f 2`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/results"
stamp="$(date +%Y%m%d-%H%M%S)"

echo "== build"
(cd "$root" && mvn -q -B -pl src-gen,client-model,fake-cluster,client-core,client-watch,benchmarks \
  -DskipDocs -Dmaven.test.skip=true package)
mkdir -p "$results"

echo "== JMH (raw: $results/watch-$stamp.txt, .json)"
java ${JMH_LOCK_OPTS:-} -jar "$jar" 'benchmarks\.Watch' -rf json -rff "$results/watch-$stamp.json" "$@" \
  2>&1 | grep -v '^SLF4J' | tee "$results/watch-$stamp.txt"
