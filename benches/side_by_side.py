#!/usr/bin/env python3
"""First screen of lineup beside calcurse's, on the same generated schedule, on a pseudo-terminal.

    cargo build --release && python3 benches/side_by_side.py [-n 1000 10000 100000] [--runs 9]

Generates schedules with ../shared/tools/gen_schedule.py (XML, iCalendar and JSON of the same
talks, starting today so calcurse's first screen lists them) and, for each size, times from
starting the program on a pseudo-terminal of 200x60 (no tmux or terminal emulator in between)
until the screen's last row is drawn: the bytes the program writes are followed for where the
cursor goes, and the clock stops at the read that puts text on row 60 once the first screen's
marker has been written (lineup's status line, "? help"; calcurse's appointment arrow, " -> ").
Each program is then told to quit (`q`) once the background work of its start is done (lineup
opened from a file builds its search index after the first frame; a cached conference has its
index and only checks its cache's checksum, reading the file apart from the mapping), and its
peak memory is the kernel's count for the process (`wait4`'s ru_maxrss), that work included.

Timed for lineup: the schedule file opened with `--schedule` (.xml, .ics, .json) and the same
schedule added to a scratch library, opened from its cache (`lineup` alone), then again with one
talk in 500 picked (`lineup pick`), as a person opens it during the conference. For calcurse: its
own copy, imported once from the .ics (`calcurse -i`, not timed in the table; where calcurse's
import would take more than --calcurse-limit talks it is left out). It prints the median of the
runs (and the fastest) and lineup's time as a share of calcurse's, after the method's own
floor: `cat` writing one whole screen, timed the same way.
"""

import argparse
import datetime
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import fcntl
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "..", "shared", "tools", "gen_schedule.py")
ROWS, COLS = 60, 200
CSI = re.compile(rb"\x1b\[([0-9;?>=]*)[ -/]*([@-~])")
PRINTED = re.compile(rb"[\x20-\x7e\xc0-\xff]")
# Any whole escape sequence: CSI, OSC (to BEL or ST), a character set's, or two bytes.
ESCAPE = re.compile(rb"\x1b(?:\[[0-9;?>=]*[ -/]*[@-~]"  # CSI
                    rb"|\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
                    rb"|[()].|[^\[\]()])")
# What moves the cursor to another row.
MOVES = re.compile(rb"\x1b\[([0-9;?>=]*)[ -/]*([HfdABEF])|\n")


class Rows:
    """Which row the cursor is on as the bytes go by, and whether the last one got text."""

    def __init__(self, rows):
        self.rows, self.row, self.last_drawn, self.rest = rows, 0, False, b""

    def feed(self, data):
        # Only what moves the cursor is looked at one by one, and text only on the last row:
        # Python stepping through every escape took 3.8 ms on lineup's first screen (26 KB,
        # 1,905 escapes) and 1.7 ms on calcurse's, and that lag counted in their times.
        data = self.rest + data
        cut = data.rfind(b"\x1b")
        if cut < 0 or ESCAPE.match(data, cut):
            cut = len(data)
        data, self.rest = data[:cut], data[cut:]  # a sequence the next read finishes
        i, last = 0, self.rows - 1
        for m in MOVES.finditer(data):
            if self.row == last:
                self.text(data, i, m.start())
            params, final = m.groups()
            if final is None:
                self.row = min(self.row + 1, last)
            elif final in b"Hfd":
                head = params.split(b";", 1)[0]
                self.row = max(0, min(last, (int(head) if head.isdigit() else 0) - 1))
            else:
                self.csi(params, final)
            i = m.end()
        if self.row == last:
            self.text(data, i, len(data))

    def text(self, data, i, end):
        """Whether `data[i:end]`, written on the last row, prints something there."""
        if end > i and not self.last_drawn:
            self.last_drawn = bool(PRINTED.search(ESCAPE.sub(b"", data[i:end])))

    def csi(self, params, final):
        nums = [int(p) if p.isdigit() else 0 for p in params.split(b";")] if params else []
        first = (nums[0] if nums else 0) or 1
        if final in (b"H", b"f"):
            self.row = first - 1
        elif final == b"d":
            self.row = first - 1
        elif final == b"A":
            self.row = max(0, self.row - first)
        elif final in (b"B", b"E"):
            self.row = min(self.rows - 1, self.row + first)
        elif final == b"F":
            self.row = max(0, self.row - first)
        self.row = max(0, min(self.rows - 1, self.row))


def first_screen(argv, marker, env, settle, quit=b"q"):
    """(seconds to the first full screen, peak memory in MB) of `argv` on a fresh pty."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvpe(argv[0], argv, env)
    rows, seen, took = Rows(ROWS), b"", None
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        while took is None and select.select([fd], [], [], 120)[0]:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            at = time.perf_counter()
            if not chunk:
                break
            rows.feed(chunk)
            if len(seen) < 1 << 20:
                seen += chunk
            if rows.last_drawn and marker.encode() in CSI.sub(b"", seen):
                took = at - start
        if took is None:
            raise SystemExit(f"no first screen from {' '.join(argv)}:\n{seen[-2000:]!r}")
        end = time.perf_counter() + settle
        while time.perf_counter() < end:  # what the program does right after, still drained
            if select.select([fd], [], [], max(0.0, end - time.perf_counter()))[0]:
                try:
                    os.read(fd, 1 << 16)
                except OSError:
                    break
        os.write(fd, quit)
        limit = time.perf_counter() + 30
        while time.perf_counter() < limit:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                return took, usage.ru_maxrss / 1024
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    os.read(fd, 1 << 16)
                except OSError:
                    pass
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        return took, usage.ru_maxrss / 1024
    finally:
        os.close(fd)


def median_of(runs, argv, marker, env, settle, quit=b"q"):
    first_screen(argv, marker, env, settle, quit)  # the page cache warmed, a cache rebuilt
    got = [first_screen(argv, marker, env, settle, quit) for _ in range(runs)]
    times = [t for t, _ in got]
    return statistics.median(times), min(times), max(m for _, m in got)


def show(what, got, against=None):
    line = f"  {what:<40}{got[0] * 1000:8.1f} ({got[1] * 1000:.1f}) ms  {got[2]:6.0f} MB"
    if against:
        line += f"   {got[0] / against[0]:.2f}x calcurse"
    print(line, flush=True)


# The cached conference is opened again with one talk in this many picked.
PICK_EVERY = 500


def one_size(args, n, tmp, base_env):
    home = os.path.join(tmp, f"home-{n}")
    os.makedirs(home)
    env = dict(base_env, HOME=home, XDG_DATA_HOME=os.path.join(home, "data"),
               XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_CACHE_HOME=os.path.join(home, "cache"))
    days = max(1, min(4, n // 2500))
    prefix = os.path.join(tmp, f"schedule-{n}")
    subprocess.run([sys.executable, GEN, "-n", str(n), "-d", str(days), "-o", prefix,
                    "--start-date", datetime.date.today().isoformat()],
                   check=True, capture_output=True)
    sizes = {ext: os.path.getsize(f"{prefix}.{ext}") / 1e6 for ext in ["xml", "ics", "json"]}
    print(f"{n:,} talks over {days} days; files: " +
          ", ".join(f".{e} {s:.1f} MB" for e, s in sizes.items()), flush=True)
    calcurse = None
    if not args.lineup_only and shutil.which("calcurse") and n <= args.calcurse_limit:
        folder = os.path.join(home, "calcurse")
        os.makedirs(folder)
        t = time.perf_counter()
        subprocess.run(["calcurse", "-D", folder, "-i", f"{prefix}.ics"], env=env, check=True,
                       capture_output=True)
        print(f"  {'calcurse -i (its import, once)':<40}{(time.perf_counter() - t) * 1000:8.0f} ms")
        # calcurse asks before it quits: `y` answers.
        calcurse = median_of(args.runs, ["calcurse", "-D", folder], " -> ", env, 0.3, b"qy")
        show("calcurse", calcurse)
    settle = 0.3 + n / 100_000
    for ext in ["xml", "ics", "json"]:
        got = median_of(args.runs, [args.lineup, "--schedule", f"{prefix}.{ext}"], "? help",
                        env, settle)
        show(f"lineup --schedule .{ext}", got, calcurse)
    subprocess.run([args.lineup, "add", f"{prefix}.xml"], env=env, check=True,
                   capture_output=True)
    got = median_of(args.runs, [args.lineup], "? help", env, settle)
    show("lineup, cached in the library", got, calcurse)
    # As a person opens it at the conference: with picks (one talk in PICK_EVERY), whose
    # standing, clashes and plan the first screen shows.
    listed = subprocess.run([args.lineup, "sessions"], env=env, check=True,
                            capture_output=True, text=True).stdout.splitlines()
    ids = [line.split()[0] for line in listed[::PICK_EVERY] if line.strip()]
    subprocess.run([args.lineup, "pick", *ids], env=env, check=True, capture_output=True)
    got = median_of(args.runs, [args.lineup], "? help", env, settle)
    show(f"lineup, cached, {len(ids):,} picks", got, calcurse)


def floor(runs, tmp, env):
    """What this method costs a program that does nothing but write one whole screen at once
    (`cat` of a file): starting a process on a pty and following its bytes. Every figure
    below includes it."""
    screen = os.path.join(tmp, "screen")
    rows = ["x" * COLS] * (ROWS - 1) + ["? help".ljust(COLS)]
    with open(screen, "w") as f:
        f.write("\x1b[2J\x1b[H" + "\r\n".join(rows))
    return median_of(runs, ["cat", screen], "? help", env, 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--events", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--lineup", default=os.path.join(ROOT, "target", "release", "lineup"))
    ap.add_argument("--lineup-only", action="store_true", help="leave calcurse out")
    ap.add_argument("--calcurse-limit", type=int, default=10_000,
                    help="largest schedule given to calcurse (its import of 100,000 talks "
                         "does not finish)")
    args = ap.parse_args()
    if not os.path.exists(args.lineup):
        sys.exit(f"no {args.lineup}: run `cargo build --release` first")
    if not args.lineup_only and not shutil.which("calcurse"):
        print("calcurse is not installed (apt-get install calcurse): lineup alone")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LINEUP", "TMUX"))}
    env["TERM"] = "xterm-256color"
    print(f"{datetime.datetime.now():%Y-%m-%d %H:%M}, {args.runs} runs a row on a {COLS}x{ROWS} "
          f"pty: median (fastest) to the last row of the first screen, peak memory")
    with tempfile.TemporaryDirectory(prefix="lineup-sbs-") as tmp:
        show("the floor: `cat` of a whole screen", floor(args.runs, tmp, env))
        for n in args.events:
            one_size(args, n, tmp, env)


if __name__ == "__main__":
    main()
