#!/usr/bin/env python3
"""Where the A/B verdict's uncertainty comes from: the spread between launches against what their rounds explain.

    tests/benchmarks/ab-launch-spread.py RUN_FOLDER [RUN_FOLDER ...]

Each RUN_FOLDER is the --out of one `check --against` run (it holds <model>.against-base.json, whose batches carry every
round's ratio in launch order and each launch's own figure and rounds). Per batch size, over all runs: the standard deviation
of the launch figures (ln head/base) around their run's mean, the part of it a launch's median of k rounds would show from
the rounds alone (sqrt(pi/2 * s_rounds^2 / k), s_rounds within launches), and the process-pair part that remains
(sqrt(between^2 - explained^2)); and the launches' spread on the wall clock (each launch's wallRatio), which is the same
figure when the verdict ran on the wall clock and the one to compare with when it ran on process CPU time. Figures in percent.
"""
import glob, json, math, os, statistics, sys

def rows(folders):
    for folder in folders:
        for path in glob.glob(os.path.join(folder, "*.against-base.json")):
            for batch in json.load(open(path))["batches"]:
                launches = batch.get("launches") or []
                if len(launches) < 2: continue
                logs, at = [math.log(r) for r in batch["ratios"]], 0
                split = []
                for launch in launches:
                    split.append(logs[at:at + launch["rounds"]]); at += launch["rounds"]
                yield batch["batch"], [math.log(l["ratio"]) for l in launches], split, [math.log(l.get("wallRatio", l["ratio"])) for l in launches], batch.get("clock") or "wall time"

per_batch = {}
for batch, figures, split, walls, clock in rows(sys.argv[1:]):
    entry = per_batch.setdefault(batch, {"dev": [], "wall": [], "within": [], "k": [], "runs": 0, "launches": 0, "clocks": set()})
    entry["clocks"].add(clock)
    wall_mean = statistics.fmean(walls); entry["wall"] += [w - wall_mean for w in walls]
    mean = statistics.fmean(figures)
    entry["dev"] += [f - mean for f in figures]; entry["runs"] += 1; entry["launches"] += len(figures)
    entry["dof"] = entry.get("dof", 0) + len(figures) - 1
    for rounds in split:
        if len(rounds) >= 2: entry["within"].append(statistics.variance(rounds)); entry["k"].append(len(rounds))

print("batch  runs  launches  rounds/launch  between-launch SD  explained by rounds  process-pair SD  wall-clock SD  verdict's clock")
for batch in sorted(per_batch):
    e = per_batch[batch]
    between = math.sqrt(sum(d * d for d in e["dev"]) / max(e["dof"], 1))
    explained = math.sqrt(statistics.fmean(math.pi / 2 * v / k for v, k in zip(e["within"], e["k"]))) if e["within"] else 0
    pair = math.sqrt(max(between ** 2 - explained ** 2, 0))
    wall = math.sqrt(sum(d * d for d in e["wall"]) / max(e["dof"], 1))
    print(f"{batch:5d}  {e['runs']:4d}  {e['launches']:8d}  {statistics.fmean(e['k']) if e['k'] else 0:13.1f}  {100*between:16.2f}%  {100*explained:18.2f}%  {100*pair:14.2f}%  {100*wall:12.2f}%  {', '.join(sorted(e['clocks']))}")
