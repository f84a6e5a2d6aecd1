"""Ratios of recorder to floor, and of ingest to recorder, from pairs of JMH runs made one right after the other.

On the project's 2-vCPU machine, meters that two threads update at once are fast for a
while, then about twice as slow for a while, in the floor as much as in the recorders.
Runs of a recorder and of its floor made back to back share the machine's state, so
each pair gives a ratio; the median over pairs is what run.sh reports.

Usage: python3 paired_ratios.py RESULT.json...   (files named ...-<pair>-<benchmark>.json)
"""
import json
import re
import statistics
import sys

PAIRS = [("nixlRecordTransfer", "nixlMicrometerOnly"), ("mooncakeRecordOperation", "mooncakeMicrometerOnly"),
         ("nixlIngest", "nixlRecordTransfer"), ("mooncakeIngest", "mooncakeRecordOperation")]

scores = {}
for path in sys.argv[1:]:
    match = re.search(r"-(\d+)-(\w+)\.json$", path)
    with open(path) as file:
        result = json.load(file)[0]
    scores[(int(match.group(1)), match.group(2))] = result["primaryMetric"]["score"]

for recorder, floor in PAIRS:
    ratios = []
    for pair in sorted({p for p, _ in scores}):
        ours, base = scores.get((pair, recorder)), scores.get((pair, floor))
        if ours is None or base is None:
            continue
        ratios.append(ours / base)
        print(f"pair {pair}: {recorder} {ours:.1f} ns, {floor} {base:.1f} ns, ratio {ours / base:.2f}")
    if not ratios:
        continue
    print(f"{recorder} / {floor}: median ratio {statistics.median(ratios):.2f} over {len(ratios)} pairs "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f})")
