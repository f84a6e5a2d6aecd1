"""Baseline for ReduceBenchmark: the steps of vLLM's reduce(), timed with numpy and CPython.

NIXL: the numpy steps of NixlKVConnectorStats.reduce() over lists of a million transfers.
Mooncake: MooncakeStoreConnectorStats.reduce() (statistics.fmean, a sorted nearest-rank
p90, integer sums) over a million records spread over four operations.
The data is drawn like ReduceBenchmark's. Prints the best of several runs, in ms.

Usage: python3 vllm_reduce_baseline.py [samples] [runs]
"""
import math
import random
import sys
import time
from statistics import fmean

import numpy as np

SAMPLES = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
OPERATIONS = ["save_exists", "save_put", "load_get", "lookup_exists"]


def nixl_data(n):
    rng = random.Random(42)
    data = {"transfer_duration": [], "post_duration": [], "bytes_transferred": [], "num_descriptors": []}
    for _ in range(n):
        blocks = rng.randrange(1, 512)
        data["transfer_duration"].append(int(blocks * 40 * (0.5 + rng.random())) / 1e6)
        data["post_duration"].append(rng.randrange(20, 2000) / 1e6)
        data["bytes_transferred"].append(blocks * 256 * 1024)
        data["num_descriptors"].append(blocks * 2)
    return data


def nixl_reduce(data):
    xfer_time = np.asarray(data["transfer_duration"])
    post_time = np.asarray(data["post_duration"])
    mb = np.asarray(data["bytes_transferred"]) / 2**20
    descs = np.asarray(data["num_descriptors"], dtype=np.uint32)
    n = len(descs)
    total_mb = mb.sum()
    avg_mb = total_mb / n
    total_time_seconds = xfer_time.sum()
    throughput_mb_s = total_mb / total_time_seconds
    return {
        "Num successful transfers": n,
        "Avg xfer time (ms)": round(xfer_time.mean() * 1e3, 3),
        "P90 xfer time (ms)": round(np.percentile(xfer_time, 90).item() * 1e3, 3),
        "Avg post time (ms)": round(post_time.mean() * 1e3, 3),
        "P90 post time (ms)": round(np.percentile(post_time, 90).item() * 1e3, 3),
        "Avg MB per transfer": round(avg_mb, 3),
        "Throughput (MB/s)": round(throughput_mb_s, 3),
        "Avg number of descriptors": round(descs.mean(), 1),
    }


def mooncake_data(n):
    rng = random.Random(42)
    data = {}
    for i in range(n):
        blocks = rng.randrange(1, 512)
        data.setdefault(OPERATIONS[i & 3], []).append({
            "duration_seconds": rng.uniform(0.0002, 0.05),
            "num_keys": blocks,
            "num_bytes": blocks * 256 * 1024,
            "status": "error" if rng.randrange(100) == 0 else "ok",
            "num_failed_keys": 0,
        })
    return data


def nearest_rank(values, percentile):
    ordered = sorted(values)
    index = min(max(int(percentile * len(ordered) - 1e-12), 0), len(ordered) - 1)
    return ordered[index]


def mooncake_reduce(data):
    reduced = {}
    for operation, records in sorted(data.items()):
        if not records:
            continue
        durations = [float(record["duration_seconds"]) for record in records]
        reduced[f"{operation}_count"] = len(records)
        reduced[f"{operation}_avg_ms"] = round(fmean(durations) * 1e3, 3)
        reduced[f"{operation}_p90_ms"] = round(nearest_rank(durations, 0.9) * 1e3, 3)
        reduced[f"{operation}_total_keys"] = sum(int(r["num_keys"]) for r in records)
        reduced[f"{operation}_total_bytes"] = sum(int(r["num_bytes"]) for r in records)
        reduced[f"{operation}_failed_keys"] = sum(int(r["num_failed_keys"]) for r in records)
        reduced[f"{operation}_error_count"] = sum(1 for r in records if r["status"] == "error")
    return reduced


def best_ms(function, data):
    best = math.inf
    for _ in range(RUNS):
        start = time.perf_counter()
        function(data)
        best = min(best, time.perf_counter() - start)
    return best * 1e3


if __name__ == "__main__":
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {SAMPLES} samples, best of {RUNS}")
    print(f"nixl_reduce_numpy_ms {best_ms(nixl_reduce, nixl_data(SAMPLES)):.1f}")
    print(f"mooncake_reduce_cpython_ms {best_ms(mooncake_reduce, mooncake_data(SAMPLES)):.1f}")
