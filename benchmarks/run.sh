#!/usr/bin/env bash
# Runs every benchmark and the numpy/CPython baseline in one go; results in benchmarks/target/results/.
# Needs the jar (./mvnw -B -DskipTests package) and, for the baseline, python3 with numpy
# (Debian: apt-get install python3-numpy).
set -euo pipefail
cd "$(dirname "$0")"
out=target/results
mkdir -p "$out"
jar=target/benchmarks.jar
java -jar "$jar" 'RecordBenchmark' -t 1 -f 2 -prof gc -rf json -rff "$out/record-1-thread.json" | tee "$out/record-1-thread.txt"
java -jar "$jar" 'RecordBenchmark' -t 2 -f 2 -prof gc -rf json -rff "$out/record-2-threads.json" | tee "$out/record-2-threads.txt"
# what rotation allocates, spread over 16 times more samples: what is left is what recording allocates
java -jar "$jar" 'RecordBenchmark' -t 1 -f 1 -p samplesPerInterval=1048576 -prof gc -rf json -rff "$out/record-long-intervals.json" | tee "$out/record-long-intervals.txt"
java -jar "$jar" 'ReduceBenchmark' -rf json -rff "$out/reduce.json" | tee "$out/reduce.txt"
java -jar "$jar" 'MemoryBenchmark' -rf json -rff "$out/memory.json" | tee "$out/memory.txt"
python3 src/main/python/vllm_reduce_baseline.py 1000000 5 | tee "$out/baseline.txt"
