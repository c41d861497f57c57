#!/usr/bin/env python3
"""Measures `journeybook serve`: time from saving one note to the reload event reaching a client.

    bench/serve_latency.py [--binary target/release/journeybook] [--runs 30] [--notes 1000]

Generates a playbook of about 2,000 pages (bench/generate.py), starts `serve` on a free
loopback port, listens to its event stream like a browser does, then edits one note's body
`--runs` times and prints the median and spread of save-to-event times. A second series edits
a note's title, which also changes the list pages that show it.
"""
import argparse
import os
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


def series(path, runs, s, edit):
    times = []
    original = open(path).read()
    for i in range(runs):
        text = edit(original, i)
        started = time.perf_counter()
        with open(path, "w") as f:
            f.write(text)
        arrived = next_event(s)
        times.append((arrived - started) * 1000)
        time.sleep(0.15)
    with open(path, "w") as f:
        f.write(original)
    next_event(s)
    return times


def show(name, times):
    times = sorted(times)
    print(f"{name}: median {statistics.median(times):.0f} ms, min {times[0]:.0f} ms, "
          f"p90 {times[int(len(times) * 0.9) - 1]:.0f} ms, max {times[-1]:.0f} ms over {len(times)} saves")


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
            first = server.stderr.readline().strip()
            print(f"playbook: {a.journeys} journeys, {a.notes} notes; first build: {first}")
            s = events(port)
            note = os.path.join(tmp, "content", "insights", "batch-0", "note-7.md")
            body = lambda text, i: text + f"\nEdited paragraph number {i}.\n"
            title = lambda text, i: text.replace("title: Insight 7 ", f"title: Insight 7 (rev {i}) ", 1)
            show("edit a note's body", series(note, a.runs, s, body))
            show("edit a note's title", series(note, a.runs, s, title))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
