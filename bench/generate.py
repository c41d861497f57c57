#!/usr/bin/env python3
"""Writes a deterministic synthetic journeybook playbook.

    bench/generate.py DIR --journeys N --stages S --touchpoints T --notes M --csv-rows R

The same arguments always give the same bytes. Notes are about 600 words of Markdown each.
"""
import argparse
import os
import random

WORDS = (
    "customer journey onboarding delivery invoice trial renewal team office snack box "
    "subscription feedback survey interview pricing calculator churn retention referral "
    "manager finance budget kitchen weekly monthly quarter evidence poll favourite order "
    "checkout payment pickup counter queue promise kitchen display notification rating"
).split()
CHANNELS = ["web", "email", "social", "phone", "delivery", "in-store", "mobile app", "push"]
KINDS = ["interview", "survey", "analytics", "observation", "experiment", "quote", "idea"]
LEVELS = ["low", "medium", "high"]


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def journey(rng, j, stages, touchpoints):
    lines = [
        f"title: Journey {j} of the synthetic playbook",
        f"persona: persona-{j % 10}",
        "state: current",
        f"tags: [tag-{j % 25}, tag-{(j * 7) % 25}]",
        "summary: |",
        "  " + paragraph(rng, 2),
        "metrics:",
        f"  nps: {{inputs: {{promoters: {rng.randint(100, 900)}, passives: {rng.randint(100, 500)}, detractors: {rng.randint(10, 300)}}}, target: 40}}",
        f"  cac: {{inputs: {{spend: {rng.randint(10000, 90000)}, new_customers: {rng.randint(50, 900)}}}, target: 200}}",
        f"  cltv: {{inputs: {{arpu: {rng.randint(200, 2000)}, gross_margin: 0.4, churn_rate: 0.2}}}}",
        "stages:",
    ]
    entered = 100000
    for s in range(stages):
        lines += [
            f"  - name: Stage {s + 1} {rng.choice(WORDS)}",
            "    description: |",
            "      " + paragraph(rng, 2),
            f"    goal: {sentence(rng, 6)}",
            f"    doing: [{sentence(rng, 4)[:-1]}, {sentence(rng, 5)[:-1]}]",
            f"    thinking: [\"{sentence(rng, 6)}\"]",
            f"    feeling: {rng.choice(WORDS).capitalize()}",
            f"    emotion: {rng.choice([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])}",
            f"    entered: {entered}",
            f"    people: [{rng.choice(WORDS).capitalize()} team]",
            "    touchpoints:",
        ]
        entered = max(1, entered * rng.randint(40, 95) // 100)
        for t in range(touchpoints):
            lines += [
                f"      - name: Touchpoint {t + 1}",
                f"        channel: {rng.choice(CHANNELS)}",
                f"        emotion: {rng.randint(1, 5)}",
                f"        moment_of_truth: {'true' if t == 0 and s % 3 == 0 else 'false'}",
            ]
        lines += [
            "    pain_points:",
            f"      - {{text: {sentence(rng, 6)[:-1]}, severity: {rng.choice(LEVELS)}}}",
            "    opportunities:",
            f"      - {{text: {sentence(rng, 6)[:-1]}, impact: {rng.choice(LEVELS)}, effort: {rng.choice(LEVELS)}}}",
            "    metrics:",
            f"      conversion_rate: {{inputs: {{visitors: {rng.randint(1000, 9000)}, conversions: {rng.randint(10, 999)}}}, target: 0.1}}",
        ]
    return "\n".join(lines) + "\n"


def note(rng, i, journeys, stages):
    j = rng.randrange(journeys) if journeys else None
    body = []
    words = 0
    while words < 600:
        p = paragraph(rng, rng.randint(3, 6))
        words += len(p.split())
        body.append(p)
    body.insert(2, "| Measure | Value |\n|---|---|\n| Sessions | 1,234 |\n| Conversions | 56 |")
    body.insert(4, "- [x] Share with the team\n- [ ] Follow up next month")
    front = [
        "---",
        f"title: Insight {i} about {rng.choice(WORDS)}",
        f"date: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    ]
    if j is not None:
        front += [f"journey: journey-{j}", f"stage: stage-{rng.randint(1, stages)}-placeholder"]
    front += [f"kind: {rng.choice(KINDS)}", f"tags: [tag-{i % 25}]", "---"]
    return "\n".join(front) + "\n" + "\n\n".join(body) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir")
    ap.add_argument("--journeys", type=int, default=10)
    ap.add_argument("--stages", type=int, default=8)
    ap.add_argument("--touchpoints", type=int, default=3)
    ap.add_argument("--notes", type=int, default=100)
    ap.add_argument("--csv-rows", type=int, default=1000)
    a = ap.parse_args()
    rng = random.Random(20261123)
    root = a.dir
    for sub in ["content/journeys", "content/personas", "content/insights", "content/data"]:
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    with open(os.path.join(root, "journeybook.yaml"), "w") as f:
        f.write("title: Synthetic playbook\ncurrency: EUR\n")
    for p in range(10):
        with open(os.path.join(root, f"content/personas/persona-{p}.yaml"), "w") as f:
            f.write(f"name: Persona {p}\nrole: Synthetic\n{'primary: true' if p == 0 else ''}\n")
    stage_names = {}
    for j in range(a.journeys):
        text = journey(rng, j, a.stages, a.touchpoints)
        with open(os.path.join(root, f"content/journeys/journey-{j}.yaml"), "w") as f:
            f.write(text)
        stage_names[j] = [line.split("name: ", 1)[1] for line in text.splitlines() if line.startswith("  - name: ")]
    for i in range(a.notes):
        text = note(rng, i, a.journeys, a.stages)
        # Point the note at a real stage id of its journey.
        if "journey: journey-" in text:
            j = int(text.split("journey: journey-", 1)[1].split("\n", 1)[0])
            k = int(text.split("stage: stage-", 1)[1].split("-", 1)[0]) - 1
            name = stage_names[j][k]
            stage_id = "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())
            text = text.replace(f"stage: stage-{k + 1}-placeholder", f"stage: {stage_id}")
        folder = os.path.join(root, "content/insights", f"batch-{i // 1000}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"note-{i}.md"), "w") as f:
            f.write(text)
    with open(os.path.join(root, "content/data/observations.csv"), "w") as f:
        f.write("journey,stage,metric,period,value\n")
        if a.journeys:
            for r in range(a.csv_rows):
                j = r % a.journeys
                day = r // a.journeys
                year, rest = 2000 + day // 336, day % 336
                f.write(f"journey-{j},,nps,{year}-{rest // 28 + 1:02d}-{rest % 28 + 1:02d},{rng.randint(-20, 80)}\n")


if __name__ == "__main__":
    main()
