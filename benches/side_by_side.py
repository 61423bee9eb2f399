#!/usr/bin/env python3
"""First screen of lineup beside calcurse's, on the same generated schedule, in tmux.

    cargo build --release && python3 benches/side_by_side.py [-n 10000] [--runs 5]

Generates a schedule with ../shared/tools/gen_schedule.py (XML, iCalendar and JSON of the same
talks, starting today so calcurse's first screen lists them), imports the iCalendar file into a
scratch calcurse folder, then times, in a detached tmux session of 200x60, from starting the
program until its first full screen is on the pane: lineup's status line ("? help"), calcurse's
appointment list (" -> "). It prints the median of the runs for each and lineup's time as a
share of calcurse's. Without calcurse on the PATH it says so and times lineup alone. tmux's own
start (a pane running printf) is measured the same way and shown, not subtracted.
"""

import argparse
import datetime
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "..", "shared", "tools", "gen_schedule.py")
SESSION = "lineup-side-by-side"


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True)


ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def first_screen(command, word, marker, env, fifo, timeout=120.0):
    """Seconds from starting `command` in a fresh tmux pane until `marker` shows on it.

    The pane's output is piped out (`pipe-pane`, set before the program can write) and read as
    it comes, so nothing polls the screen while the program runs: when `word` is among the
    bytes, one look at the pane confirms `marker` and the time of those bytes is the answer."""
    tmux("kill-session", "-t", SESSION)
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", SESSION, "-x", "200", "-y", "60", command,
         ";", "pipe-pane", "-t", SESSION, f"cat > {fifo}"],
        env=env, check=True,
    )
    pid = int(tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").stdout or 0)
    fd = os.open(fifo, os.O_RDONLY)
    try:
        seen = b""
        while select.select([fd], [], [], timeout)[0]:
            chunk = os.read(fd, 1 << 16)
            at = time.perf_counter()
            if not chunk:
                break
            seen += chunk
            if word.encode() in ESCAPES.sub(b"", seen):
                pane = tmux("capture-pane", "-p", "-t", SESSION).stdout
                if marker in pane:
                    return at - start
        pane = tmux("capture-pane", "-p", "-t", SESSION).stdout
        raise SystemExit(f"no {marker!r} on the screen of {command!r}:\n{pane}")
    finally:
        os.close(fd)
        tmux("kill-session", "-t", SESSION)
        gone(pid)


def usual_priority():
    """Back to the priority this script started at, for the tmux server and what it runs (a
    user who may not raise priority keeps the lower one, for both sides alike)."""
    try:
        os.nice(-10)
    except PermissionError:
        pass


def gone(pid, limit=60.0):
    """Waits for a killed program to end (calcurse saves on its way out, and a second one would
    find the first one's lock)."""
    until = time.perf_counter() + limit
    while pid and time.perf_counter() < until:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


def median_of(runs, command, word, marker, env):
    """The median and the fastest of `runs` runs, after one to warm the page cache."""
    fifo = os.path.join(env["HOME"], "pane.fifo")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    first_screen(command, word, marker, env, fifo)
    times = [first_screen(command, word, marker, env, fifo) for _ in range(runs)]
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--events", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--lineup", default=os.path.join(ROOT, "target", "release", "lineup"))
    ap.add_argument("--lineup-only", action="store_true", help="leave calcurse out")
    args = ap.parse_args()
    if not shutil.which("tmux"):
        sys.exit("tmux is needed: apt-get install tmux")
    if not os.path.exists(args.lineup):
        sys.exit(f"no {args.lineup}: run `cargo build --release` first")
    with tempfile.TemporaryDirectory(prefix="lineup-sbs-") as tmp:
        env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=os.path.join(tmp, "data"),
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"), TERM="xterm-256color")
        days = max(1, args.events // 3500)
        rooms = max(10, args.events // (days * 14))
        prefix = os.path.join(tmp, "schedule")
        subprocess.run(
            [sys.executable, GEN, "-n", str(args.events), "-d", str(days), "-r", str(rooms),
             "-o", prefix, "--start-date", datetime.date.today().isoformat()],
            check=True, capture_output=True,
        )
        print(f"{args.events:,} talks, {days} days, {rooms} rooms; {args.runs} runs at 200x60, "
              f"{datetime.datetime.now():%Y-%m-%d %H:%M}; median (fastest) in ms")
        # A session that keeps the tmux server up, so no run pays for starting one; the
        # programs timed run at the usual priority, this script and its tmux clients below it,
        # so looking at the pane takes no core from them.
        os.nice(10)
        subprocess.run(["tmux", "new-session", "-d", "-s", SESSION + "-keep", "sleep 3600"],
                       env=env, check=True, preexec_fn=usual_priority)
        try:
            measure(args, prefix, tmp, env)
        finally:
            tmux("kill-session", "-t", SESSION + "-keep")


def measure(args, prefix, tmp, env):
    show("tmux running printf", median_of(args.runs, "printf 'ready\\n'; sleep 60", "ready", "ready", env))
    lineup = {
        ext: median_of(args.runs, f"{args.lineup} --schedule {prefix}.{ext}", "help", "? help", env)
        for ext in ["xml", "ics", "json"]
    }
    calcurse = None
    if args.lineup_only:
        pass
    elif shutil.which("calcurse"):
        folder = os.path.join(tmp, "calcurse")
        os.makedirs(folder)
        t = time.perf_counter()
        subprocess.run(["calcurse", "-D", folder, "-i", f"{prefix}.ics"], env=env, check=True,
                       capture_output=True)
        print(f"{'calcurse -i (import, once)':<34}{(time.perf_counter() - t) * 1000:6.0f}")
        calcurse = median_of(args.runs, f"calcurse -D {folder}", "->", " -> ", env)
        show("calcurse, first screen", calcurse)
    else:
        print("calcurse is not installed (apt-get install calcurse): lineup alone")
    for ext, t in lineup.items():
        show(f"lineup, first screen from .{ext}", t, calcurse)


def show(what, times, against=None):
    line = f"{what:<34}{times[0] * 1000:6.0f} ({times[1] * 1000:.0f})"
    if against:
        line += f"   {times[0] / against[0]:.2f}x calcurse"
    print(line)


if __name__ == "__main__":
    main()
