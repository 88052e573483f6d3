#!/usr/bin/env bash
# Builds the benchmarks (with the current Skiff sources) and runs everything once:
#   1. JMH: decode and encode of the 10,000-pod PodList, every library, with -prof gc;
#   2. JOL: retained heap per decoded pod, every library;
#   3. the side-by-side table for the README.
# Raw output goes to benchmarks/results/ (gitignored). About 10 minutes on 2 cores.
# Extra arguments go to JMH, e.g. `benchmarks/run.sh 'Decode.*skiff'` or `benchmarks/run.sh -prof stack`.
#
# Optional stage `benchmarks/run.sh fake [JMH arguments]`: instead of the above, Skiff's fake cluster beside
# fabric8's KubernetesMockServer (start-to-first-answer, createPod, a 10% label-selector list over 10,000
# pods, then heap per stored pod, one JVM per server). About 12 minutes on 2 cores (fabric8's set-up of
# 10,000 pods is most of it).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/results"
stamp="$(date +%Y%m%d-%H%M%S)"
# JOL reads JDK internals; without these it walks the heap through exceptions, many times slower.
jol_opts=(-Xms4g -Xmx4g -XX:+UseG1GC -Djdk.attach.allowAttachSelf=true -Djol.skipHotspotSAAttach=true
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED
  --add-opens java.base/java.time=ALL-UNNAMED)

echo "== build"
(cd "$root" && mvn -q -B -pl benchmarks -am package -Dmaven.test.skip=true -DskipDocs)
mkdir -p "$results"

if [[ "${1:-}" == "fake" ]]; then
  shift
  echo "== JMH, fake servers (raw: $results/fake-$stamp.txt, .json)"
  java -jar "$jar" 'FakeServer' -rf json -rff "$results/fake-$stamp.json" "$@" | tee "$results/fake-$stamp.txt"
  echo "== heap per stored pod (bytes; $results/fake-memory-$stamp.tsv)"
  for server in skiff fabric8; do
    java -Xmx2g -cp "$jar" dev.skiff.benchmarks.StoredPodMemory "$server" 2>&1 | grep -v '^SLF4J'
  done | tee "$results/fake-memory-$stamp.tsv"
  exit 0
fi

echo "== JMH (raw: $results/jmh-$stamp.txt, .json)"
# The fake-server benchmarks are the optional `fake` stage, not part of the codec run.
java -jar "$jar" -e 'FakeServer' -e 'benchmarks\.Watch' -prof gc -rf json -rff "$results/jmh-$stamp.json" "$@" | tee "$results/jmh-$stamp.txt"

echo "== retained heap (raw: $results/retained-$stamp.txt, .tsv)"
{
  java "${jol_opts[@]}" -cp "$jar" dev.skiff.benchmarks.RetainedHeap --out "$results/retained-$stamp.tsv"
  # The official client again, keeping managedFields (a system property read once per JVM).
  java "${jol_opts[@]}" -Dkubernetes.client.includeManagedFields=true -cp "$jar" \
    dev.skiff.benchmarks.RetainedHeap --libraries official --out "$results/retained-$stamp.tsv"
} 2>&1 | grep -v -e '^SLF4J' -e 'Serviceability Agent' | tee "$results/retained-$stamp.txt"

echo "== summary ($results/summary-$stamp.md)"
java -cp "$jar" dev.skiff.benchmarks.Summary "$results/jmh-$stamp.json" "$results/retained-$stamp.tsv" \
  | tee "$results/summary-$stamp.md"
