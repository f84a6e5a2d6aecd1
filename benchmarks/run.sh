#!/usr/bin/env bash
# Runs every benchmark and the numpy/CPython baseline in one go; results in benchmarks/target/results/.
# Needs the jar (./mvnw -B -DskipTests package) and, for the baseline, python3 with numpy
# (Debian: apt-get install python3-numpy).
set -euo pipefail
cd "$(dirname "$0")"
out=target/results
mkdir -p "$out"
jar=target/benchmarks.jar
java -jar "$jar" 'RecordBenchmark' -t 1 -f 4 -prof gc -rf json -rff "$out/record-1-thread.json" | tee "$out/record-1-thread.txt"
# Two threads: this machine's contended meters switch between a fast and a slow mode, floor
# and recorders alike, so each recorder runs right after its floor and each pair gives a ratio
for pair in 1 2 3 4 5; do
	for benchmark in nixlMicrometerOnly nixlRecordTransfer mooncakeMicrometerOnly mooncakeRecordOperation; do
		java -jar "$jar" "RecordBenchmark.$benchmark\$" -t 2 -f 1 -prof gc \
			-rf json -rff "$out/record-2-threads-$pair-$benchmark.json" > "$out/record-2-threads-$pair-$benchmark.txt"
	done
done
python3 src/main/python/paired_ratios.py "$out"/record-2-threads-*.json | tee "$out/record-2-threads.txt"
# what rotation allocates, spread over 16 times more samples: what is left is what recording allocates
java -jar "$jar" 'RecordBenchmark' -t 1 -f 1 -p samplesPerInterval=1048576 -prof gc -rf json -rff "$out/record-long-intervals.json" | tee "$out/record-long-intervals.txt"
# ingest per sample, from wire-format JSON bytes to interval and meters, each right after or
# before the recorder of the same connector, so that each pair gives a ratio
for pair in 1 2 3; do
	for benchmark in nixlIngest nixlRecordTransfer mooncakeIngest mooncakeRecordOperation; do
		java -jar "$jar" "(IngestBenchmark|RecordBenchmark)\.$benchmark\$" -t 1 -f 1 -wi 3 -i 5 -prof gc \
			-rf json -rff "$out/ingest-$pair-$benchmark.json" > "$out/ingest-$pair-$benchmark.txt"
	done
done
python3 src/main/python/paired_ratios.py "$out"/ingest-*.json | tee "$out/ingest.txt"
java -jar "$jar" 'RotateBenchmark' -prof gc -rf json -rff "$out/rotate.json" | tee "$out/rotate.txt"
java -jar "$jar" 'ReduceBenchmark' -rf json -rff "$out/reduce.json" | tee "$out/reduce.txt"
java -jar "$jar" 'MemoryBenchmark' -rf json -rff "$out/memory.json" | tee "$out/memory.txt"
python3 src/main/python/vllm_reduce_baseline.py 1000000 5 | tee "$out/baseline.txt"
