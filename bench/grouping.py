"""Time the suggested grouping of ambitions for a room's worth of them (500 by default).

Builds N Dutch ambitions from the labelled set in tests/unit/grouping_set.py (each with three words
from other ambitions added, so no two are the same), then times `grouping.suggest` with Snowball's Dutch
stemmer, as the goal composer's "Suggest groups" runs it. Prints the median and the spread of the
runs and the load average: this machine is shared, so quote the median with the load.

    python -m bench.grouping [--ambitions 500] [--repeat 7]
"""

import argparse
import os
import random
import statistics
import time

import snowballstemmer

from tests.unit.grouping_set import labelled
from workshop.domain import grouping


def ambitions(count: int, seed: int = 1) -> list[tuple[int, str]]:
    """`count` distinct ambitions made from the labelled set."""
    rows = labelled()
    rng = random.Random(seed)
    words = [w for _, text, _ in rows for w in text.split()]
    return [(i + 1, " ".join(rows[i % len(rows)][1].split() + rng.sample(words, 3))) for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ambitions", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    items = ambitions(args.ambitions)
    times, found = [], []
    for _ in range(args.repeat):
        # A fresh stemmer each run, as a new request would (the service keeps one per language).
        stem = snowballstemmer.stemmer("dutch").stemWords
        start = time.perf_counter()
        found = grouping.suggest(items, stem)
        times.append(time.perf_counter() - start)
    print(
        f"{args.ambitions} ambitions, {args.repeat} runs: median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s; {len(found)} groups; "
        f"load average {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
