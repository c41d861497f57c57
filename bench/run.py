#!/usr/bin/env python3
"""The benchmark harness: builds generated playbooks of three sizes and compares with Hugo.

    bench/run.py [--sizes S,M,L] [--runs 5] [--no-hugo] [--tmp /dev/shm]

For each size it generates a deterministic playbook (bench/generate.py) on a tmpfs and
builds it once, untimed; then, in --runs rounds that go through every size in turn, it times
`build` into a folder that does not exist yet, `build` again over the site it made (nothing
changed: it removes that site once the new one is in place, and every file keeps its file)
and `check`. Per size it prints their medians, the time of each pipeline step (from `build
--timings`), pages per second and peak memory (max RSS). Since the sizes are timed in the same
rounds, it then checks that cost grows linearly (time per page from M to L), and builds the same
10,000 notes three ways, alternating: with journeybook, with the floor program (bench/floor:
read, render Markdown, write, on every core, nothing else; built here) and as a Hugo site
(Debian's `hugo`), each into a folder that does not exist yet. It prints journeybook's time
over each, and the L build, rebuild and `check` times over Hugo's notes-only time, against
Hugo's build of the notes timed both in the same rounds as L's and with the notes. It also
times journeybook rebuilding the notes over its previous site. Figures are measured, never
asserted; run it with `cargo build --release` done first.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SIZES = {
    "S": dict(journeys=10, stages=8, touchpoints=3, notes=100, csv_rows=1_000),
    "M": dict(journeys=100, stages=8, touchpoints=3, notes=1_000, csv_rows=10_000),
    "L": dict(journeys=1_000, stages=8, touchpoints=3, notes=10_000, csv_rows=100_000),
}


def run(cmd):
    """Runs `cmd`; returns (seconds, peak RSS in MiB, stderr, CPU seconds)."""
    # stderr goes to a file, not a pipe: a playbook with many warnings would fill a pipe that
    # nobody reads until the process ends, and both would wait for ever.
    with tempfile.TemporaryFile(mode="w+") as stderr:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        stderr.seek(0)
        err = stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024, err, usage.ru_utime + usage.ru_stime


def generate(target, size):
    args = [sys.executable, os.path.join(HERE, "generate.py"), target]
    for key, value in size.items():
        args += [f"--{key.replace('_', '-')}", str(value)]
    subprocess.run(args, check=True)


def steps_of(stderr):
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^\s*(\w+)\s+([\d.]+) ms$", stderr, re.M)}


def median(xs):
    return statistics.median(xs)


class Size:
    """The figures of one generated playbook over the rounds."""

    def __init__(self, name, tmp):
        self.name, self.params = name, SIZES[name]
        self.src = tempfile.mkdtemp(prefix=f"jb-{name}-", dir=tmp)
        generate(self.src, self.params)
        self.out = os.path.join(self.src, "public")
        self.builds, self.rebuilds, self.checks, self.rss, self.steps = [], [], [], [], []
        self.cpu, self.rebuild_cpu, self.other, self.other_cpu = [], [], [], []
        self.pages = 0

    def round(self, binary, beside):
        """Times `build` into a folder that does not exist yet, `build` again over the site it
        made (nothing changed, so every file keeps its file), `check` and, with `beside` (a
        function that readies and returns a command), that command."""
        shutil.rmtree(self.out, ignore_errors=True)
        t, mem, err, c = run([binary, "build", "--source", self.src, "--output", self.out, "--timings"])
        self.builds.append(t)
        self.rss.append(mem)
        self.cpu.append(c)
        self.steps.append(steps_of(err))
        self.pages = int(re.search(r"Built (\d+) pages", err).group(1))
        t, mem, _, c = run([binary, "build", "--source", self.src, "--output", self.out])
        self.rebuilds.append(t)
        self.rss.append(mem)
        self.rebuild_cpu.append(c)
        t, _, _, _ = run([binary, "check", "--source", self.src])
        self.checks.append(t)
        if beside:
            t, _, _, c = run(beside())
            self.other.append(t)
            self.other_cpu.append(c)

    def report(self):
        """Prints the medians; returns (pages, build, rebuild, check, build CPU) and, when a
        command was timed beside, its median wall and CPU times."""
        size, pages = self.params, self.pages
        step_medians = {k: median([s.get(k, 0.0) for s in self.steps]) for k in self.steps[0]}
        b, rb = median(self.builds), median(self.rebuilds)
        print(f"\n{self.name}: {size['journeys']} journeys × {size['stages']} stages × {size['touchpoints']} touchpoints, "
              f"{size['notes']} notes, {size['csv_rows']} CSV rows → {pages} pages")
        print(f"  build    {b:7.2f} s   ({pages / b:,.0f} pages/s, peak memory {max(self.rss):,.0f} MiB, "
              f"CPU {median(self.cpu):.2f} s)")
        print(f"  rebuild  {rb:7.2f} s   (over its last, unchanged; CPU {median(self.rebuild_cpu):.2f} s)")
        print(f"  check    {median(self.checks):7.2f} s")
        print("  steps of build  " + ", ".join(f"{k} {v:,.0f} ms" for k, v in step_medians.items()))
        besides = (median(self.other), median(self.other_cpu)) if self.other else (None, None)
        return (pages, b, rb, median(self.checks), median(self.cpu)) + besides


def bench_sizes(binary, names, runs, tmp, beside=None):
    """Times every size of `names` in the same rounds, one size after another in each, so a
    machine whose speed drifts moves them alike and the time per page compares across sizes;
    with `beside`, that command is timed in L's rounds. Each size is built once first, untimed,
    so no size pays alone for what a first run warms (the program's pages, the files read)."""
    sizes = [Size(name, tmp) for name in names]
    for size in sizes:
        shutil.rmtree(size.out, ignore_errors=True)
        run([binary, "build", "--source", size.src, "--output", size.out])
    for _ in range(runs):
        for size in sizes:
            size.round(binary, beside if size.name == "L" else None)
    results = {}
    for size in sizes:
        results[size.name] = size.report()
        shutil.rmtree(size.src)
    return results


def hugo_site(notes_dir, target):
    os.makedirs(os.path.join(target, "layouts", "_default"))
    with open(os.path.join(target, "hugo.toml"), "w") as f:
        f.write('baseURL = "http://example.org/"\ntitle = "Notes"\ndisableKinds = ["RSS"]\n')
    layouts = os.path.join(target, "layouts", "_default")
    page = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
            '<body><main><h1>{{ .Title }}</h1>{{ block "main" . }}{{ end }}</main></body></html>')
    with open(os.path.join(layouts, "baseof.html"), "w") as f:
        f.write(page)
    with open(os.path.join(layouts, "single.html"), "w") as f:
        f.write('{{ define "main" }}<p>{{ .Date.Format "2006-01-02" }}</p>{{ .Content }}{{ end }}')
    with open(os.path.join(layouts, "list.html"), "w") as f:
        f.write('{{ define "main" }}<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}')
    shutil.copytree(notes_dir, os.path.join(target, "content", "notes"))


def build_floor():
    """Builds the floor program (bench/floor) in release mode; returns its path."""
    manifest = os.path.join(HERE, "floor", "Cargo.toml")
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", "--manifest-path", manifest], check=True)
    return os.path.join(HERE, "floor", "target", "release", "journeybook-floor")


def notes_playbook(tmp, hugo):
    """The 10,000 notes of the notes-only comparison, as a playbook and, with `hugo`, as a
    Hugo site: (playbook folder, notes folder, Hugo site folder)."""
    src = tempfile.mkdtemp(prefix="jb-notes-", dir=tmp)
    generate(src, dict(journeys=0, stages=1, touchpoints=1, notes=10_000, csv_rows=0))
    notes = os.path.join(src, "content", "insights")
    site = tempfile.mkdtemp(prefix="hugo-", dir=tmp)
    shutil.rmtree(site)
    if hugo:
        hugo_site(notes, site)
    return src, notes, site


def hugo_build(hugo, site):
    """Hugo's build of `site` into a folder that does not exist yet, readied: a function that
    removes the last one and returns the command."""
    def ready():
        shutil.rmtree(os.path.join(site, "public"), ignore_errors=True)
        return [hugo, "--source", site, "--destination", os.path.join(site, "public"), "--quiet"]
    return ready


def bench_notes(binary, runs, hugo, prepared):
    """Times the same 10,000 notes built by journeybook, the floor and Hugo, alternating."""
    floor = build_floor()
    src, notes, site = prepared
    # Every program writes into a folder that does not exist yet, as the floor and Hugo are
    # run; journeybook's rebuild over its previous site, which it removes once the new one is
    # in place, is timed as a program of its own.
    outputs = [os.path.join(src, "public"), os.path.join(src, "floor-out"), os.path.join(site, "public")]
    programs = {
        "journeybook": lambda: [binary, "build", "--source", src, "--output", os.path.join(src, "public")],
        "rebuild": lambda: [binary, "build", "--source", src, "--output", os.path.join(src, "rebuilt")],
        "floor": lambda: [floor, notes, os.path.join(src, "floor-out")],
    }
    if hugo:
        programs["hugo"] = hugo_build(hugo, site)
    run(programs["rebuild"]())  # the site each timed rebuild replaces
    times = {name: [] for name in programs}
    peaks = {name: [] for name in programs}
    cpus = {name: [] for name in programs}
    for _ in range(runs):
        for name, cmd in programs.items():
            for out in outputs:
                shutil.rmtree(out, ignore_errors=True)
            t, mem, _, c = run(cmd())
            times[name].append(t)
            peaks[name].append(mem)
            cpus[name].append(c)
    shutil.rmtree(src)
    shutil.rmtree(site, ignore_errors=True)
    medians = {name: median(ts) for name, ts in times.items()}
    print(f"\nNotes only, the same 10,000 Markdown notes of about 600 words ({runs} runs each, alternating):")
    labels = {
        "journeybook": "journeybook",
        "rebuild": "  over its last",
        "floor": "floor",
        "hugo": "Hugo " + hugo_version(hugo) if hugo else "",
    }
    for name, t in medians.items():
        print(f"  {labels[name]:<14} {t:6.2f} s, peak {max(peaks[name]):,.0f} MiB, CPU {median(cpus[name]):.2f} s")
    o = medians["journeybook"]
    # CPU ratios too: on a shared machine they move far less than wall times.
    cpu = {name: median(cs) for name, cs in cpus.items()}
    print(f"  ratio journeybook/floor = {o / medians['floor']:.2f}   (target ≤ 5; CPU time {cpu['journeybook'] / cpu['floor']:.2f})")
    if hugo:
        print(f"  ratio journeybook/Hugo  = {o / medians['hugo']:.2f}   (target ≤ 0.25; CPU time {cpu['journeybook'] / cpu['hugo']:.2f})")
    return medians.get("hugo"), median(cpus["hugo"]) if hugo else None


def hugo_version(hugo):
    return subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "journeybook"))
    ap.add_argument("--sizes", default="S,M,L")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--tmp", default="/dev/shm" if os.path.isdir("/dev/shm") else None)
    a = ap.parse_args()
    if not os.path.exists(a.binary):
        sys.exit(f"{a.binary} is missing: run `cargo build --release` first")
    print(f"journeybook benchmark, {os.cpu_count()} cores, output on {a.tmp or 'the default temp folder'}")
    hugo = None if a.no_hugo else shutil.which("hugo")
    # The notes are made first, so that Hugo's build of them is timed in the same rounds as
    # L's: a machine whose speed drifts from minute to minute moves both sides alike.
    prepared = notes_playbook(a.tmp, hugo)
    beside = hugo_build(hugo, prepared[2]) if hugo else None
    results = bench_sizes(a.binary, a.sizes.split(","), a.runs, a.tmp, beside)
    if "M" in results and "L" in results:
        (pm, tm), (pl, tl) = results["M"][:2], results["L"][:2]
        print(f"\nGrowth M → L: pages × {pl / pm:.2f}, build time × {tl / tm:.2f}; time per page "
              f"{tm / pm * 1e6:.0f} µs → {tl / pl * 1e6:.0f} µs ({((tl / pl) / (tm / pm) - 1) * 100:+.0f} %; target ±15 %)")
    if not a.no_hugo and not hugo:
        print("\nHugo: not installed (apt-get install hugo); comparison skipped")
    notes_hugo = bench_notes(a.binary, a.runs, hugo, prepared)
    if hugo and "L" in results:
        _, tl, rl, cl, cpu, *beside = results["L"]
        print("\nL over Hugo's notes-only build (targets: build ≤ 0.6, check ≤ 0.15):")
        for label, (h, h_cpu) in [("timed in the same rounds as L", beside), ("timed with the notes above", notes_hugo)]:
            print(f"  Hugo {label} ({h:.2f} s): build {tl / h:.2f}, rebuild {rl / h:.2f}, check {cl / h:.2f}; "
                  f"build CPU time {cpu / h_cpu:.2f}")


if __name__ == "__main__":
    main()
