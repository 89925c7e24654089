#!/usr/bin/env python3
"""A seeded monkey for the regscope TUI, driven in tmux (run by test_monkey.sh).

Sends a random stream of every key the `?` help lists (knobs, views, data,
model and features, compare, path and geometry views, saves and exports),
mouse clicks and wheel turns, resizes between 80x24 and 120x40 and pauses,
in two sessions (started at 80x24 and at 120x40). It fails on:
  - a sanitizer report (ASan / UBSan / TSan log files in the temp dir; a build
    without sanitizers writes none, and then only the other checks apply);
  - the program ending before it is told to (a crash, an abort);
  - training that stops: at checkpoints the overlays are closed, training
    resumed (divergence recovered with a lower lr and r) at full speed, and
    the epoch on the status line must grow within a few seconds;
  - an exit status other than 0 after Escape and q at the end.

Environment: REGSCOPE (the binary, default ./regscope), MONKEY_SECONDS
(total, default 60), MONKEY_SEED (replays a run; printed on every run).
Prints "ok NAME" / "not ok NAME" lines; exit status 1 when any failed.
"""
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

SIZES = [(80, 24), (120, 40)]

# The keys of ui/keys.c's table (the `?` help), as tmux key names. q (quit)
# is left out: the stream must not end the session; it ends it last.
KEYS = (
    list("lLaAkKjJeEdDmMfF<>[]{}u") + ["Up", "Down", "Tab", "BTab"] + list("c1234")
    + ["Left", "Right", "Space"] + list("srRtbo?") + ["F1"] + list("wynxSpg")
    # the path view's and the help's own keys, and Escape that closes both
    + ["PPage", "NPage", "Home", "End", "Escape"]
)
# Stretches that reach deep states quickly: the path view open while the
# features, the model and the data change under it; compare and geometry.
COMBOS = [
    ["p", "F"], ["p", "f"], ["p", "m"], ["p", "d"], ["p", "D"],
    ["p", "F", "F"], ["p", "f", "m"], ["p", "d", "F"], ["p", "Right", "Right", "f"],
    ["c", "Tab", "l", "L"], ["g", "[", "{", "a"], ["m", "p", "M"],
]
NAMED = {"Up", "Down", "Left", "Right", "Tab", "BTab", "Space", "Escape", "F1", "PPage",
         "NPage", "Home", "End"}
EPOCH_RE = re.compile(r"epoch (\d+)")


class Monkey:
    def __init__(self, binary, seconds, seed, tmp):
        self.binary = binary
        self.seconds = seconds
        self.seed = seed
        self.rng = random.Random(seed)
        self.tmp = tmp
        self.sock = "regscope-monkey-%d" % os.getpid()
        self.session = None
        self.status_file = None
        self.size = SIZES[0]
        self.failures = 0
        self.trail = []  # the last inputs, for the failure report

    # ---- tmux -----------------------------------------------------------
    def tmux(self, *args, check=False):
        return subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null", *args],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, check=check)

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", self.session).stdout

    def send(self, key):
        self.trail.append(key)
        del self.trail[:-40]
        if key in NAMED:
            self.tmux("send-keys", "-t", self.session, key)
        else:
            self.tmux("send-keys", "-t", self.session, "-l", "--", key)

    def resize(self, cols, rows):
        self.trail.append("resize %dx%d" % (cols, rows))
        self.size = (cols, rows)
        self.tmux("resize-window", "-t", self.session, "-x", str(cols), "-y", str(rows))

    def click(self):
        cols, rows = self.size
        x, y = self.rng.randint(1, cols), self.rng.randint(1, rows)
        button = self.rng.choice([0, 0, 0, 2, 64, 65])  # left, right, wheel up / down
        seq = "\033[<%d;%d;%dM" % (button, x, y)
        if button < 64:
            seq += "\033[<%d;%d;%dm" % (button, x, y)  # and the release
        self.trail.append("mouse %d at %d,%d" % (button, x, y))
        del self.trail[:-40]
        self.tmux("send-keys", "-t", self.session, "-l", "--", seq)

    def start(self, n, cols, rows):
        self.session = "monkey%d" % n
        self.logs = ("asan-%d." % n, "ubsan-%d." % n, "tsan-%d." % n)
        self.size = (cols, rows)
        self.status_file = os.path.join(self.tmp, "status.%d" % n)
        script = os.path.join(self.tmp, "run.%d.sh" % n)
        stderr = os.path.join(self.tmp, "stderr.%d" % n)
        with open(script, "w") as f:
            f.write("cd %s || exit 1\n" % shlex.quote(self.tmp))
            # Sanitizer reports go to files in tmp: any file with text fails
            # the run, even when the program goes on.
            f.write("env LANG=C.UTF-8 TERM=xterm-256color ASAN_OPTIONS=log_path=%s/asan-%d "
                    "UBSAN_OPTIONS=log_path=%s/ubsan-%d:print_stacktrace=1 TSAN_OPTIONS=log_path=%s/tsan-%d "
                    "%s --seed %d 2>%s\n"
                    % (shlex.quote(self.tmp), n, shlex.quote(self.tmp), n, shlex.quote(self.tmp), n,
                       shlex.quote(self.binary),
                       1 + self.seed % 1000, shlex.quote(stderr)))
            f.write("echo $? >%s.tmp\nmv %s.tmp %s\nexec sleep 3600\n"
                    % ((shlex.quote(self.status_file),) * 3))
        # a session that outlives every run: killing the last one would end
        # the server while this new-session is connecting to it
        if self.tmux("has-session", "-t", "keep").returncode != 0:
            self.tmux("new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "exec sleep 86400")
        self.tmux("new-session", "-d", "-s", self.session, "-x", str(cols), "-y", str(rows),
                  "sh " + shlex.quote(script))
        self.stderr_file = stderr

    def exit_status(self):
        try:
            with open(self.status_file) as f:
                return f.read().strip()
        except OSError:
            return None

    # ---- checks -----------------------------------------------------------
    def sanitizer_reports(self):
        found = []
        for name in sorted(os.listdir(self.tmp)):
            if name.startswith(self.logs):
                path = os.path.join(self.tmp, name)
                with open(path, errors="replace") as f:
                    text = f.read()
                if text.strip():
                    found.append("%s:\n%s" % (name, text[:6000]))
        return found

    def status_line(self):
        lines = [ln for ln in self.screen().splitlines() if EPOCH_RE.search(ln)]
        return lines[-1] if lines else ""

    def epoch(self):
        m = EPOCH_RE.search(self.status_line())
        return int(m.group(1)) if m else None

    def wait(self, seconds, pred):
        end = time.time() + seconds
        while True:
            if pred():
                return True
            if time.time() >= end:
                return False
            time.sleep(0.1)

    def report(self, name, ok, diag=""):
        if ok:
            print("ok %s" % name)
            return
        self.failures += 1
        print("not ok %s" % name)
        text = ("seed %d (replay: MONKEY_SEED=%d MONKEY_SECONDS=%d)\nlast inputs: %s\n%s"
                % (self.seed, self.seed, self.seconds, " ".join(self.trail), diag))
        for line in text.rstrip("\n").split("\n"):
            print("#   " + line)
        sys.stdout.flush()

    def diag(self):
        if self.sanitizer_reports():  # the whole report: the program ends when it is written
            self.wait(10, lambda: self.exit_status() is not None)
        out = "screen:\n" + self.screen()
        try:
            with open(self.stderr_file, errors="replace") as f:
                err = f.read()[-3000:]
            if err:
                out += "\nstderr:\n" + err
        except OSError:
            pass
        for rep in self.sanitizer_reports():
            out += "\n" + rep
        return out

    def alive(self):
        return self.exit_status() is None and not self.sanitizer_reports()

    def recover(self):
        """A learning rate that trains on every run (1-4 pick each in compare
        mode; the diverged one need not be the selected one), then r."""
        for run in "1234":
            self.send(run)
            for _ in range(6):
                self.send("e")
        self.send("r")  # recovers and resumes
        time.sleep(0.5)

    def training_goes_on(self):
        """Overlays closed, running at full speed: the epoch must grow."""
        for _ in range(2):  # the help, then the path view
            self.send("Escape")
            time.sleep(0.15)
        if not self.wait(3, lambda: self.epoch() is not None):
            return False, "no epoch on the screen"
        running = lambda: re.search(r"epoch \d+ +running", self.status_line())
        for _ in range(2):  # a run may diverge while we look: recover, then again
            if "DIVERGED" in self.status_line() or "diverged" in self.screen():
                self.recover()
            for _ in range(10):
                self.send(">")  # up the speed ladder to max
            time.sleep(0.2)
            if re.search(r"epoch \d+ +paused", self.status_line()):
                self.send("Space")
            if self.wait(5, running):
                break
        else:
            return False, "not running after Escape, Space"
        e0 = self.epoch()
        if self.wait(8, lambda: (self.epoch() or 0) > (e0 or 0)):
            return True, ""
        return False, "epoch stayed at %s for 8 s while running" % e0

    def step(self):
        """One random input, then a short random wait."""
        r = self.rng.random()
        if r < 0.12:
            for key in self.rng.choice(COMBOS):
                self.send(key)
                time.sleep(self.rng.uniform(0.02, 0.25))
        elif r < 0.20:
            self.click()
        elif r < 0.24:
            self.resize(*self.rng.choice(SIZES))
        elif r < 0.27:
            time.sleep(self.rng.uniform(0.5, 1.5))  # a pause: frames keep coming
        else:
            self.send(self.rng.choice(KEYS))
        time.sleep(self.rng.uniform(0.01, 0.12))

    # ---- one session ---------------------------------------------------------
    def session_run(self, n, cols, rows, seconds):
        tag = "%dx%d" % (cols, rows)
        self.start(n, cols, rows)
        if not self.wait(10, lambda: self.epoch() is not None or self.exit_status() is not None):
            self.report("monkey_%s_starts" % tag, False, self.diag())
            return
        end = time.time() + seconds
        next_check = time.time() + self.rng.uniform(5, 9)
        stalled = None  # why training stopped, at the first checkpoint that saw it
        while time.time() < end and self.alive():
            self.step()
            if time.time() >= next_check and self.alive():
                ok, why = self.training_goes_on()
                if not ok:
                    stalled = why
                    break
                next_check = time.time() + self.rng.uniform(5, 9)
        if not self.alive():
            self.report("monkey_%s_no_crash" % tag, False,
                        "exit status %s before q\n%s" % (self.exit_status(), self.diag()))
            self.tmux("kill-session", "-t", self.session)
            return
        self.report("monkey_%s_no_crash" % tag, True)
        if stalled is None:  # a last checkpoint after the stream
            ok, why = self.training_goes_on()
            stalled = None if ok else why
        self.report("monkey_%s_training_goes_on" % tag, stalled is None,
                    "%s\n%s" % (stalled, self.diag()))
        for key in ("Escape", "Escape", "q"):
            self.send(key)
            time.sleep(0.2)
        self.wait(15, lambda: self.exit_status() is not None)
        status = self.exit_status()
        self.report("monkey_%s_q_exits_0" % tag, status == "0",
                    "exit status %s (None: still running)\n%s" % (status, self.diag()))
        reports = self.sanitizer_reports()
        self.report("monkey_%s_no_sanitizer_report" % tag, not reports, "\n".join(reports))
        self.tmux("kill-session", "-t", self.session)


def main():
    binary = os.path.abspath(os.environ.get("REGSCOPE", "./regscope"))
    seconds = int(os.environ.get("MONKEY_SECONDS", "60"))
    seed_env = os.environ.get("MONKEY_SEED", "")
    seed = int(seed_env) if seed_env else random.SystemRandom().randrange(1, 1 << 31)
    print("# monkey seed %d (replay: MONKEY_SEED=%d), %d s, %s" % (seed, seed, seconds, binary))
    sys.stdout.flush()
    if not shutil.which("tmux"):
        print("not ok tmux_available")
        return 1
    if not os.access(binary, os.X_OK):
        print("not ok binary_exists")
        return 1
    tmp = tempfile.mkdtemp(prefix="regscope-monkey.")
    m = Monkey(binary, seconds, seed, tmp)
    try:
        order = list(SIZES)
        m.rng.shuffle(order)
        for n, (cols, rows) in enumerate(order):
            m.session_run(n + 1, cols, rows, seconds / len(order))
    finally:
        sock = m.tmux("display-message", "-p", "#{socket_path}").stdout.strip()
        m.tmux("kill-server")
        if sock.endswith("/" + m.sock):
            try:
                os.remove(sock)
            except OSError:
                pass
        if m.failures:
            print("# monkey failed: seed %d (replay: MONKEY_SEED=%d); files kept in %s"
                  % (seed, seed, tmp))
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if m.failures else 0


if __name__ == "__main__":
    sys.exit(main())
