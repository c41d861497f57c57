#!/usr/bin/env python3
"""Writes the example playbook's raw research data (SPEC §11), the same bytes on every run.

    scripts/example_research.py [ROOT]

content/data/responses/app-nps.csv     NPS responses to the app, April to September 2026
content/data/responses/pickup-csat.csv CSAT of the pick-up counter, by quarter
content/data/events/app.csv            what app users did, for the funnel and retention
"""
import os
import random
import sys
from datetime import datetime, timedelta, timezone

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
START = datetime(2026, 4, 1, tzinfo=timezone.utc)
MONTHS = 6
COMMENTS = [
    "Quick, as promised",
    "Had to wait at the counter, again",
    "Love the reorder button",
    "Order was not on the shelf, staff had to look for it",
    "Sign-up asked for too much",
    "Easy, but the app logged me out",
    "Great lunch, great timing",
]


def month_start(i):
    year, month = 2026, 4 + i
    return datetime(year + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=timezone.utc)


def stamp(rng, at):
    """The forms exports use: RFC 3339 with and without an offset, plain dates, Unix seconds."""
    form = rng.randrange(4)
    if form == 0:
        return at.strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == 1:
        local = at.astimezone(timezone(timedelta(hours=2)))
        return local.strftime("%Y-%m-%dT%H:%M:%S+02:00")
    if form == 2:
        return at.strftime("%Y-%m-%d %H:%M:%S")
    return str(int(at.timestamp()))


def quote(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def nps(rng, path):
    rows = []
    for m in range(MONTHS):
        # The pick-up shelf arrived in July: scores rise after it.
        promoter, detractor = (0.38, 0.30) if m < 3 else (0.52, 0.18)
        for _ in range(rng.randint(170, 230)):
            r = rng.random()
            score = rng.choice([9, 10]) if r < promoter else rng.randint(0, 6) if r > 1 - detractor else rng.choice([7, 8])
            at = month_start(m) + timedelta(seconds=rng.randrange(28 * 86400))
            stage, touchpoint = rng.choice([("pickup", "Pick-up shelf"), ("order", ""), ("Pay", ""), ("", "")])
            comment = rng.choice(COMMENTS) if rng.random() < 0.3 else ""
            if comment and rng.random() < 0.2:
                comment += "\nSent from my phone"
            rows.append((at, [str(score), stamp(rng, at), stage, touchpoint, "regular-diner", quote(comment)]))
    rows.sort(key=lambda r: r[0])
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write("\ufeff")
        f.write('"How likely are you to recommend us?",Submitted At,Stage,Touchpoint,Persona,Comment\r\n')
        for _, row in rows:
            f.write(",".join(row) + "\r\n")


def csat(rng, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("rating,answered_on\n")
        for q, share in enumerate([0.62, 0.66, 0.79]):
            for _ in range(rng.randint(110, 140)):
                at = datetime(2026, 1 + 3 * q, 1, tzinfo=timezone.utc) + timedelta(days=rng.randrange(88))
                score = rng.choice([4, 5]) if rng.random() < share else rng.randint(1, 3)
                f.write(f"{score},{at.strftime('%Y-%m-%d')}\n")


FUNNEL = [
    (["table_card_scan", "store_page_view"], 1.0),
    (["account_created"], 0.62),
    (["cart_created"], 0.8),
    (["payment_succeeded"], 0.93),
    (["order_collected"], 0.96),
    (["repeat_order"], 0.55),
]


def events(rng, path):
    rows = []
    for user in range(900):
        uid = f"u{user:05d}"
        at = START + timedelta(seconds=rng.randrange(150 * 86400))
        first = at
        for k, (names, chance) in enumerate(FUNNEL):
            if k and rng.random() > chance:
                break
            rows.append((uid, rng.choice(names), at))
            if rng.random() < 0.1:
                rows.append((uid, rng.choice(names), at + timedelta(minutes=rng.randint(1, 30))))
            at += timedelta(minutes=rng.randint(1, 20)) if k < 4 else timedelta(days=rng.randint(1, 12))
        month = first
        while True:
            month += timedelta(days=rng.randint(20, 45))
            if month >= START + timedelta(days=183) or rng.random() < 0.35:
                break
            rows.append((uid, "menu_view", month))
    rng.shuffle(rows)
    with open(path, "w", encoding="utf-8") as f:
        f.write("user_id,event,timestamp\n")
        for uid, name, at in rows:
            f.write(f"{uid},{name},{stamp(rng, at)}\n")


def main():
    rng = random.Random(20261001)
    for sub in ["content/data/responses", "content/data/events"]:
        os.makedirs(os.path.join(ROOT, sub), exist_ok=True)
    nps(rng, os.path.join(ROOT, "content/data/responses/app-nps.csv"))
    csat(rng, os.path.join(ROOT, "content/data/responses/pickup-csat.csv"))
    events(rng, os.path.join(ROOT, "content/data/events/app.csv"))


if __name__ == "__main__":
    main()
