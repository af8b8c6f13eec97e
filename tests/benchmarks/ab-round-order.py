#!/usr/bin/env python3
"""Head ÷ base per round position within a launch, from A/B results (<model>.against-base.json files under the given folders).

   tests/benchmarks/ab-round-order.py WORK/r*-0

An A/A run should read 1.00 at every position. Rounds alternate which side goes first; a side whose turn follows its own
previous turn may run warmer (its weights still in the caches). Prints, per batch size, the mean head ÷ base of the rounds where
base went first and of those where head went first (ABBA: round 0 base first, 1 head first, 2 base first, ...), each
launch's first round apart, and the launch figures' median."""
import glob, json, math, statistics, sys, collections

by = collections.defaultdict(lambda: collections.defaultdict(list))
launch_figures = collections.defaultdict(list)
for folder in sys.argv[1:]:
    for f in glob.glob(f"{folder}/*.against-base.json"):
        d = json.load(open(f))
        for b in d["batches"]:
            # roundRatios since rounds are judged in ABBA pairs (ratios then holds the pairs); ratios per round before that
            ratios, at = b.get("roundRatios") or b.get("ratios") or [], 0
            for launch in b.get("launches") or []:
                n = launch["rounds"]
                rounds = ratios[at:at + n]
                at += n
                launch_figures[b["batch"]].append(launch["ratio"])
                for i, r in enumerate(rounds):
                    key = "first round" if i == 0 else ("base first" if i % 2 == 0 else "head first")
                    by[b["batch"]][key].append(math.log(r))
print(f"{'batch':>5} {'position':>12} {'rounds':>6} {'mean head/base':>14}")
for batch in sorted(by):
    for key in ("first round", "base first", "head first"):
        xs = by[batch][key]
        if xs:
            print(f"{batch:5} {key:>12} {len(xs):6} {math.exp(statistics.mean(xs)) - 1:+14.2%}")
    lf = launch_figures[batch]
    print(f"{batch:5} {'launches':>12} {len(lf):6} {statistics.median(lf) - 1:+14.2%} (median of the launch figures)")
