#!/usr/bin/env python3
"""Times `check` on large raw research data (SPEC §11): an event log of 10 million rows from
1 million users, and 1 million NPS responses, each in a playbook of its own.

    bench/research.py [--events 10000000] [--users 1000000] [--responses 1000000] [--tmp DIR]

The data is generated (deterministically) into a temporary folder and removed afterwards.
Each `check` runs under /usr/bin/time -v; the report gives wall time, CPU time (user + sys)
and peak memory (max RSS). The machine may be shared, so CPU time is the steadier figure.
Run `cargo build --release` first.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import tempfile
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
BINARY = os.path.join(os.path.dirname(HERE), "target", "release", "journeybook")
START = 1_767_225_600  # 2026-01-01T00:00:00Z
STAGES = [("discover", ["landing_view", "ad_click"]), ("sign-up", ["account_created"]),
          ("order", ["cart_created"]), ("pay", ["payment_succeeded"]), ("return", ["repeat_order"])]
JOURNEY = "title: Bench\nstages:\n" + "".join(
    f"  - name: {name}\n    events: [{', '.join(events)}]\n" for name, events in STAGES)


DAYS = {}


def rfc3339(seconds):
    days, rest = divmod(seconds, 86_400)
    if days not in DAYS:
        DAYS[days] = datetime.fromtimestamp(days * 86_400, timezone.utc).strftime("%Y-%m-%dT")
    return f"{DAYS[days]}{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}Z"


def event_log(path, rows, users, rng):
    """About rows / users rows per user: the funnel with drop-off, then page views; written in
    blocks shuffled within themselves, so rows are not in user or time order."""
    per_user = rows / users
    block, written = [], 0
    with open(path, "w") as f:
        f.write("user_id,event,timestamp\n")
        for user in range(users):
            t = START + rng.randrange(300 * 86_400)
            count = 0
            for k, (_, events) in enumerate(STAGES):
                if k and rng.random() > 0.7:
                    break
                stamp = str(t) if count % 2 else rfc3339(t)
                block.append(f"{user:07d}-{user * 7919 % 100_003},{events[0]},{stamp}\n")
                t += rng.randrange(3_600, 3 * 86_400)
                count += 1
            extra = rng.randrange(int(2 * per_user) - 3)
            for _ in range(extra):
                if written + len(block) >= rows:
                    break
                t += rng.randrange(86_400, 40 * 86_400)
                block.append(f"{user:07d}-{user * 7919 % 100_003},page_view,{t}\n")
            if len(block) >= 100_000 or user == users - 1:
                rng.shuffle(block)
                f.writelines(block)
                written += len(block)
                block = []
    return written


def responses(path, count, rng):
    stages = [name for name, _ in STAGES]
    with open(path, "w") as f:
        f.write('"How likely are you to recommend us?",Submitted At,Stage,Comment\n')
        for i in range(count):
            t = START + rng.randrange(365 * 86_400)
            comment = '"Fine, thanks"' if i % 7 == 0 else ""
            f.write(f"{rng.randrange(11)},{rfc3339(t) if i % 2 else t},{stages[i % 5] if i % 3 else ''},{comment}\n")


def project(root, config, data_name):
    os.makedirs(os.path.join(root, "content", "journeys"))
    os.makedirs(os.path.join(root, "content", "data"))
    with open(os.path.join(root, "content", "journeys", "bench.yaml"), "w") as f:
        f.write(JOURNEY)
    with open(os.path.join(root, "journeybook.yaml"), "w") as f:
        f.write(config)
    return os.path.join(root, "content", "data", data_name)


def measure(root):
    proc = subprocess.run(["/usr/bin/time", "-v", BINARY, "check", "--source", root],
                          capture_output=True, text=True)
    field = lambda name: re.search(rf"{re.escape(name)}: (.*)", proc.stderr).group(1)
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    minutes, seconds = wall.split(":")[-2:]
    return {
        "exit": proc.returncode,
        "wall": int(minutes) * 60 + float(seconds),
        "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
        "rss_mib": int(field("Maximum resident set size (kbytes)")) / 1024,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--tmp", default=None)
    args = parser.parse_args()
    rng = random.Random(11)
    tmp = tempfile.mkdtemp(prefix="journeybook-research-", dir=args.tmp)
    try:
        events_root = os.path.join(tmp, "events")
        log = project(events_root, "event_logs:\n  - file: data/events.csv\n    journey: bench\n"
                      "    columns: {user: user_id, event: event, time: timestamp}\n", "events.csv")
        rows = event_log(log, args.events, args.users, rng)
        survey_root = os.path.join(tmp, "surveys")
        answers = project(survey_root, "surveys:\n  - file: data/nps.csv\n    kind: nps\n    journey: bench\n"
                          "    columns: {score: \"How likely are you to recommend us?\", date: Submitted At, "
                          "stage: Stage, comment: Comment}\n", "nps.csv")
        responses(answers, args.responses, rng)
        for name, root, size in [("events", events_root, f"{rows:,} rows, {args.users:,} users"),
                                 ("responses", survey_root, f"{args.responses:,} responses")]:
            data = os.path.join(root, "content", "data")
            mib = sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data)) / 2**20
            m = measure(root)
            print(f"check {name} ({size}, {mib:.0f} MiB): wall {m['wall']:.2f} s, CPU {m['cpu']:.2f} s, "
                  f"max RSS {m['rss_mib']:.0f} MiB, exit {m['exit']}")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
