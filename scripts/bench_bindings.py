"""Times call_json through the Python extension. Usage: bench_bindings.py OP RUNS FILE...;
prints one JSON line per file, after the harnesses' common warm-up (100 calls or 2 s)."""
import json
import statistics
import sys
import time

import waymark

op, runs, *files = sys.argv[1:]
for path in files:
    text = open(path, encoding="utf-8").read()
    start = time.perf_counter()
    for _ in range(100):
        waymark.call_json(op, text)
        if time.perf_counter() - start > 2:
            break
    times = []
    for _ in range(int(runs)):
        t = time.perf_counter()
        waymark.call_json(op, text)
        times.append((time.perf_counter() - t) * 1e3)
    print(json.dumps({"binding": "python", "file": path, "ms": round(statistics.median(times), 3)}))
