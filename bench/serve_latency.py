#!/usr/bin/env python3
"""Measures `journeybook serve`: time from saving one note to the reload event reaching a client.

    bench/serve_latency.py [--binary target/release/journeybook] [--runs 30] [--notes 1000]

Generates a playbook of about 2,000 pages (bench/generate.py), starts `serve` on a free
loopback port, listens to its event stream like a browser does, then edits one file `--runs`
times per kind and prints the median and spread of save-to-event times, with the page count
serve's log gives for the last edit and the CPU time serve spent per save (steadier than
wall time when other programs share the machine): a note's body, a note's title (which also
changes the list pages that show it), a journey, a persona and the CSV data. After each
reload event it loads the page a browser would have open (the note's, the journey's, the
persona's) and prints the time from the save to that page's last byte too: serve may tell
pages to reload before it has made the pages drawn from the whole playbook, and a request for
one of those waits until it is made.
"""
import argparse
import os
import re
import threading
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    sys.exit("the server did not start")


def events(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /__journeybook/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    s.settimeout(10)
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += s.recv(4096)
    return s


def next_event(s):
    buf = b""
    while b"data:" not in buf:
        chunk = s.recv(4096)
        if not chunk:
            raise RuntimeError("event stream closed")
        buf += chunk
    return time.perf_counter()


def fetch(port, page):
    """GETs `page` whole, as a browser reloading it does; returns when the last byte came."""
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(f"GET {page} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        head = b""
        while True:
            chunk = c.recv(65536)
            if not chunk:
                break
            head += chunk
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"{page}: {head[:80]!r}")
    return time.perf_counter()


def cpu_ms(pid):
    """User and system CPU time of process `pid` so far, in ms (Linux); None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def save(path, text):
    """Saves as many editors do, into a hidden file renamed over the old one: a plain rewrite
    empties the file first, and a slow machine may rebuild from the empty file in between,
    which counts that failed build and its recovery as two saves."""
    hidden = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(hidden, "w") as f:
        f.write(text)
    os.replace(hidden, path)


def series(path, runs, s, edit, log, pid, port, page):
    """Saves `path` edited `runs` times; after each reload event, loads `page`, the page a
    browser would have open while editing it."""
    times, loads, cpu = [], [], []
    original = open(path).read()
    for i in range(runs):
        text = edit(original, i)
        before = cpu_ms(pid)
        started = time.perf_counter()
        save(path, text)
        arrived = next_event(s)
        loaded = fetch(port, page)
        times.append((arrived - started) * 1000)
        loads.append((loaded - started) * 1000)
        time.sleep(0.3)
        after = cpu_ms(pid)
        if before is not None and after is not None:
            cpu.append(after - before)
    rendered = last_rendered(log)
    save(path, original)
    next_event(s)
    time.sleep(0.3)
    return times, loads, rendered, cpu


class Log:
    """Reads serve's log on a thread and keeps the page count of its last `Rendered N pages`."""

    def __init__(self, stream):
        self.rendered = None
        self.first = stream.readline().strip()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            m = re.match(r"Rendered (\d+) pages", line)
            if m:
                self.rendered = int(m.group(1))


def last_rendered(log):
    """The page count serve logged for the last update, once its line has had time to come."""
    time.sleep(0.05)
    return log.rendered


def show(name, result):
    times, loads, rendered, cpu = result
    times = sorted(times)
    pages = f"; serve rendered {rendered} pages" if rendered is not None else ""
    # CPU time is counted in clock ticks (10 ms); the mean over the saves smooths that out.
    spent = f", CPU {statistics.mean(cpu):.0f} ms a save" if cpu else ""
    print(f"{name}: median {statistics.median(times):.0f} ms, min {times[0]:.0f} ms, "
          f"p90 {times[int(len(times) * 0.9) - 1]:.0f} ms, max {times[-1]:.0f} ms over {len(times)} saves"
          f"{spent}{pages}")
    print(f"  and the open page reloaded: median {statistics.median(loads):.0f} ms, max {max(loads):.0f} ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "target", "release", "journeybook"))
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--journeys", type=int, default=100)
    ap.add_argument("--notes", type=int, default=1000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), tmp, "--journeys", str(a.journeys),
                        "--notes", str(a.notes), "--csv-rows", "5000"], check=True)
        port = free_port()
        server = subprocess.Popen([a.binary, "serve", "--source", tmp, "--port", str(port)],
                                  stderr=subprocess.PIPE, text=True)
        try:
            wait_for(port)
            log = Log(server.stderr)
            print(f"playbook: {a.journeys} journeys, {a.notes} notes; first build: {log.first}")
            s = events(port)
            content = os.path.join(tmp, "content")
            note = os.path.join(content, "insights", "batch-0", "note-7.md")
            body = lambda text, i: text + f"\nEdited paragraph number {i}.\n"
            title = lambda text, i: text.replace("title: Insight 7 ", f"title: Insight 7 (rev {i}) ", 1)
            note_page = "/insights/batch-0/note-7/"
            show("edit a note's body", series(note, a.runs, s, body, log, server.pid, port, note_page))
            show("edit a note's title", series(note, a.runs, s, title, log, server.pid, port, note_page))
            journey = os.path.join(content, "journeys", "journey-3.yaml")
            retitle = lambda text, i: text.replace("title: Journey 3 ", f"title: Journey 3 (rev {i}) ", 1)
            journey_page = "/journeys/journey-3/"
            show("edit a journey's title", series(journey, a.runs, s, retitle, log, server.pid, port, journey_page))
            persona = os.path.join(content, "personas", "persona-3.yaml")
            role = lambda text, i: text.replace("role: Synthetic", f"role: Synthetic {i}", 1)
            persona_page = "/personas/persona-3/"
            show("edit a persona's role", series(persona, a.runs, s, role, log, server.pid, port, persona_page))
            csv = os.path.join(content, "data", "observations.csv")
            value = lambda text, i: text.rstrip("\n") + f"\njourney-3,,nps,2099-01-{i % 28 + 1:02d},{i}\n"
            show("append a CSV row", series(csv, a.runs, s, value, log, server.pid, port, journey_page))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
