"""Frames/s of a TUI seen from outside: captures a tmux pane every 10 ms
for SECONDS and counts how often the captured text changed (a lower bound
on the redraw rate: frames between two captures, or identical frames, are
not seen). Also reads the epoch from the last row at the start and end.

usage: tui_fps.py SOCKET TARGET SECONDS
prints "CHANGES_PER_S SAMPLES_PER_S EPOCH_FIRST EPOCH_LAST SECONDS"."""
import re
import subprocess
import sys
import time

sock, target, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
cmd = ["tmux", "-L", sock, "capture-pane", "-p", "-t", target]


def capture():
    return subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout


def epoch(screen):
    lines = screen.decode("utf-8", "replace").rstrip("\n").split("\n")
    m = re.search(r"epoch (\d+)", lines[-1]) if lines else None
    return int(m.group(1)) if m else -1


prev = capture()
e0 = epoch(prev)
t0 = time.perf_counter()
samples = changes = 0
while True:
    now = time.perf_counter()
    if now - t0 >= seconds:
        break
    cur = capture()
    samples += 1
    if cur != prev:
        changes += 1
        prev = cur
    time.sleep(max(0.0, 0.010 - (time.perf_counter() - now)))
dt = time.perf_counter() - t0
print("%.2f %.2f %d %d %.3f" % (changes / dt, samples / dt, e0, epoch(prev), dt))
