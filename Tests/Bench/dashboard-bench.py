#!/usr/bin/env python3
"""Benchmark the vicotop ncurses dashboard in a pseudo-terminal.

Usage (from the package root):

    python3 Tests/Bench/dashboard-bench.py [--binary PATH] [--scenario demo|fleet200|fleet1000|both|media]
                                           [--warmup S] [--window S] [--keys N]
                                           [--sample-dir DIR]

The default binary is .build-release/release/vicotop when it exists, else
.build/debug/vicotop (both relative to the package root). Nothing is built.

Scenarios:

  demo      `vicotop` with no arguments: the dashboard on its embedded simulator with
            the demo fleet of 8 cameras. The dashboard process *also runs the
            simulator*, so its CPU and RSS include the simulator's.
  fleet200  `vicotop simulate --generated-fleet 200` as a separate process, and the
            dashboard pointed at it with --api-base/--token. CPU and RSS are the
            dashboard's alone (the simulator's CPU is printed for reference).

The dashboard runs in a 120x40 pty with TERM=xterm-256color, LANG=C.UTF-8, fresh
XDG_CONFIG_HOME/XDG_STATE_HOME and no VICOHOME_TOKEN, so no user configuration or
account is used. Everything listens on and connects to 127.0.0.1 only.

  fleet1000 the same with 1,000 generated cameras, and then `/` filtering as you type:
            the filter "cam 99" typed one key at a time (each key's latency to its first
            output is a sample of its own), checked to leave exactly the 11 matching rows
            ("Sim Cam 99" and "Sim Cam 990".."999") in the list, then Esc.
            Targets: idle bytes/s <= 500, CPU <= 2 %, key p99 <= 10 ms (navigation and
            filter keys both); the first complete frame is reported.

  media     `vicotop simulate --generated-fleet 8` (WebRTC cameras, GStreamer needed) and the
            dashboard against it: bytes/s and CPU idle before any live view, idle again
            after `v` checked the selected camera (must be the same: a checked camera
            costs nothing at rest), and with a `w` preview running (a thumbnail once a
            second). Separate from "both"; the figures are printed, nothing is asserted.

Figures, per scenario:

  first frame  Milliseconds from spawning the dashboard to the end of the first
               burst of output after which the screen (replayed through a small
               terminal emulator) shows the key bar ("q quit"), a header with a
               non-zero device count ("8 devices: ...") and device rows in the list
               (its title "Devices 8"); in the fleet scenarios both must count the
               whole fleet. Process start-up is included; building is not.
  bytes/s      Bytes the dashboard wrote to the terminal per second over the
               steady-state window (after --warmup seconds), i.e. what an idle
               dashboard costs a terminal or an SSH link.
  CPU %        utime+stime of the dashboard process (/proc/PID/stat) over the same
               window, as a percentage of one core.
  RSS MiB      VmRSS of the dashboard process (/proc/PID/status) at the end of the
               window.
  key p50/p99  After the window, --keys presses alternating "j" and "k" about 150 ms
               apart: time from writing the key to the pty to the first byte of
               output that follows. With 40 samples the nearest-rank p99 is the
               maximum.

Targets: demo: first frame <= 300 ms, bytes/s <= 400, CPU <= 0.5 %, key p99 <= 10 ms;
fleet1000: bytes/s <= 500, CPU <= 2 %, key p99 <= 10 ms (and the filter's p99). The script only reports; its exit status is 0 unless
the benchmark itself could not run.
"""

import argparse
import codecs
import fcntl
import math
import os
import re
import select
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import unicodedata

ROWS, COLUMNS = 40, 120
DEMO_TOKEN = "demo-token-0123456789abcdef"

TARGET_FIRST_FRAME_MS = 300.0
TARGET_BYTES_PER_SECOND = 400.0
TARGET_CPU_PERCENT = 0.5
TARGET_KEY_P99_MS = 10.0
FLEET_TARGETS = {"bytes_per_second": 500.0, "cpu_percent": 2.0, "key_p99_ms": 10.0, "filter_p99_ms": 10.0}
FLEET_SIZES = {"fleet200": 200, "fleet1000": 1000}
FILTER_TEXT = "cam 99"       # matches "Sim Cam 99" and "Sim Cam 990".."999" of a 1,000 fleet
FILTER_MATCHES = 11

FIRST_FRAME_TIMEOUT = 15.0   # seconds before giving up on the first frame
FRAME_QUIET_GAP = 0.005      # a gap this long ends one burst of output (one doupdate)
KEY_SPACING = 0.150          # time between key presses, spent draining output
KEY_QUIET_GAP = 0.001        # output this close before a key press means "re-drain"
KEY_TIMEOUT = 1.0            # a key with no output within this is counted as missed
SAMPLE_SECONDS = 3.0         # raw output saved with --sample-dir

PACKAGE_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


# ----------------------------------------------------------------------------------------
# A minimal terminal emulator.
#
# ncurses redraws only the cells that changed, so the text of a frame is never contiguous
# in the byte stream ("q" and " quit" are split by attribute changes; "0 devices" becomes
# "8 devices" by rewriting a single cell). Replaying the stream onto a grid is the
# reliable way to know what the screen shows. Only what ncurses emits for xterm-256color
# is handled; attributes and colours are ignored.
# ----------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\x1b\[([0-?]*)([ -/]*)([@-~])"            # CSI: parameters, intermediates, final
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"       # OSC ... BEL or ST
    r"|\x1b([()*+])(.)"                         # designate a character set to G0..G3
    r"|\x1b[ -/]*([0-Z\\^-~])"                  # other escape (not '[' or ']', above)
    r"|([\x00-\x1a\x1c-\x1f\x7f])"              # C0 control other than ESC
    r"|([^\x00-\x1f\x7f]+)",                    # printable text
    re.S,
)

# DEC special graphics (ESC ( 0): the line-drawing subset ncurses uses for ACS.
_DEC_GRAPHICS = dict(zip("jklmnqtuvwx`afgy{|}~", "┘┐┌└┼─├┤┴┬│◆▒°±≤π≠£·"))


class Screen:
    """The visible text of a terminal of `rows` x `columns`, fed raw output bytes."""

    def __init__(self, rows, columns):
        self.rows, self.columns = rows, columns
        self.grid = [[" "] * columns for _ in range(rows)]
        self.row = self.column = 0
        self.top, self.bottom = 0, rows - 1      # scrolling region
        self.saved = (0, 0)
        self.wrap_pending = False                # xterm's deferred auto-wrap at the margin
        self.last_char = " "                     # for REP (CSI b)
        self.dec_graphics = False
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._carry = ""                         # an incomplete escape sequence

    def line(self, row):
        return "".join(self.grid[row])

    def feed(self, data):
        text = self._carry + self._decoder.decode(data)
        self._carry = ""
        position = 0
        while position < len(text):
            match = _TOKEN.match(text, position)
            if match is None:
                # Only an unfinished escape sequence fails to match: keep it for the next
                # chunk, unless it is implausibly long (then drop the ESC and move on).
                if len(text) - position < 64:
                    self._carry = text[position:]
                    return
                position += 1
                continue
            position = match.end()
            csi_params, csi_inter, csi_final, charset_slot, charset, esc_final, control, printable = match.groups()
            if csi_final is not None:
                if not csi_inter:
                    self._csi(csi_params, csi_final)
            elif charset_slot is not None:
                if charset_slot == "(":
                    self.dec_graphics = charset == "0"
            elif esc_final is not None:
                self._escape(esc_final)
            elif control is not None:
                self._control(control)
            elif printable is not None:
                for char in printable:
                    self._print(char)

    # -- text ------------------------------------------------------------------------------

    def _print(self, char):
        if self.dec_graphics:
            char = _DEC_GRAPHICS.get(char, char)
        if unicodedata.combining(char):
            return
        width = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if self.wrap_pending or self.column + width > self.columns:
            self.column = 0
            self._line_feed()
            self.wrap_pending = False
        self.grid[self.row][self.column] = char
        if width == 2:
            self.grid[self.row][self.column + 1] = ""   # keeps line() readable
        self.last_char = char
        if self.column + width >= self.columns:
            self.column = self.columns - 1
            self.wrap_pending = True
        else:
            self.column += width

    def _line_feed(self):
        if self.row == self.bottom:
            self._scroll_up(1)
        elif self.row < self.rows - 1:
            self.row += 1

    def _scroll_up(self, count):
        for _ in range(count):
            del self.grid[self.top]
            self.grid.insert(self.bottom, [" "] * self.columns)

    def _scroll_down(self, count):
        for _ in range(count):
            del self.grid[self.bottom]
            self.grid.insert(self.top, [" "] * self.columns)

    def _move(self, row, column):
        self.row = min(max(row, 0), self.rows - 1)
        self.column = min(max(column, 0), self.columns - 1)
        self.wrap_pending = False

    # -- controls and escapes -----------------------------------------------------------------

    def _control(self, char):
        if char == "\r":
            self._move(self.row, 0)
        elif char in "\n\x0b\x0c":
            self.wrap_pending = False
            self._line_feed()
        elif char == "\b":
            self._move(self.row, self.column - 1)
        elif char == "\t":
            self._move(self.row, (self.column // 8 + 1) * 8)
        # BEL, SO/SI and the rest change nothing visible here.

    def _escape(self, final):
        if final == "7":
            self.saved = (self.row, self.column)
        elif final == "8":
            self._move(*self.saved)
        elif final == "D":
            self._line_feed()
        elif final == "E":
            self._move(self.row, 0)
            self._line_feed()
        elif final == "M":
            if self.row == self.top:
                self._scroll_down(1)
            else:
                self._move(self.row - 1, self.column)
        elif final == "c":
            self.__init__(self.rows, self.columns)

    def _csi(self, params, final):
        if params.startswith(("?", ">", "=", "<")):
            return   # private modes (alternate screen, cursor visibility, ...)
        values = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(index, default):
            return values[index] if len(values) > index and values[index] > 0 else default

        row, column, blank = self.row, self.column, [" "]
        if final in "Hf":
            self._move(arg(0, 1) - 1, arg(1, 1) - 1)
        elif final == "d":
            self._move(arg(0, 1) - 1, column)
        elif final in "G`":
            self._move(row, arg(0, 1) - 1)
        elif final == "A":
            self._move(row - arg(0, 1), column)
        elif final == "B":
            self._move(row + arg(0, 1), column)
        elif final == "C":
            self._move(row, column + arg(0, 1))
        elif final == "D":
            self._move(row, column - arg(0, 1))
        elif final == "E":
            self._move(row + arg(0, 1), 0)
        elif final == "F":
            self._move(row - arg(0, 1), 0)
        elif final == "K":
            mode = values[0] if values else 0
            start, end = {0: (column, self.columns), 1: (0, column + 1), 2: (0, self.columns)}.get(mode, (0, 0))
            self.grid[row][start:end] = blank * (end - start)
        elif final == "J":
            mode = values[0] if values else 0
            if mode == 0:
                self.grid[row][column:] = blank * (self.columns - column)
                rows = range(row + 1, self.rows)
            elif mode == 1:
                self.grid[row][:column + 1] = blank * (column + 1)
                rows = range(0, row)
            else:
                rows = range(self.rows)
            for r in rows:
                self.grid[r] = [" "] * self.columns
        elif final == "X":
            end = min(column + arg(0, 1), self.columns)
            self.grid[row][column:end] = blank * (end - column)
        elif final == "@":
            count = min(arg(0, 1), self.columns - column)
            line = self.grid[row]
            self.grid[row] = line[:column] + blank * count + line[column:self.columns - count]
        elif final == "P":
            count = min(arg(0, 1), self.columns - column)
            line = self.grid[row]
            self.grid[row] = line[:column] + line[column + count:] + blank * count
        elif final in "LM":
            if self.top <= row <= self.bottom:
                saved_top, self.top = self.top, row
                (self._scroll_down if final == "L" else self._scroll_up)(arg(0, 1))
                self.top = saved_top
                self._move(row, 0)
        elif final == "S":
            self._scroll_up(arg(0, 1))
        elif final == "T":
            self._scroll_down(arg(0, 1))
        elif final == "b":
            for _ in range(arg(0, 1)):
                self._print(self.last_char)
        elif final == "r":
            top, bottom = arg(0, 1) - 1, arg(1, self.rows) - 1
            if 0 <= top < bottom < self.rows:
                self.top, self.bottom = top, bottom
            self._move(0, 0)
        # SGR (m), modes (h/l), window ops (t) and the like do not move text.


def frame_complete(screen, devices=None):
    """The first frame the benchmark waits for: key bar, device count and device rows.

    The header counts the devices ("8 devices: ...") one redraw before the list shows
    them, so the Devices pane title ("┌─ Devices 8") is checked too: it counts the rows
    drawn below it. With `devices`, both must show exactly that many (a fleet's first
    complete frame lists all of it, not the first cameras the account listing returned).
    """
    key_bar = screen.line(screen.rows - 1)
    header = screen.line(0)
    count = r"[1-9][0-9]*" if devices is None else str(devices)
    has_rows = any(re.search(rf"─ Devices {count}\b", screen.line(row)) for row in range(1, screen.rows - 1))
    return "q quit" in key_bar and re.search(rf"\b{count} devices:", header) is not None and has_rows


# ----------------------------------------------------------------------------------------
# Processes
# ----------------------------------------------------------------------------------------

def child_environment(temp_root):
    """A clean environment: no token, no user config, a known terminal."""
    env = {key: value for key, value in os.environ.items() if key != "VICOHOME_TOKEN"}
    config, state = os.path.join(temp_root, "config"), os.path.join(temp_root, "state")
    os.makedirs(config, exist_ok=True)
    os.makedirs(state, exist_ok=True)
    env.update(TERM="xterm-256color", LANG="C.UTF-8", XDG_CONFIG_HOME=config, XDG_STATE_HOME=state)
    env.pop("LC_ALL", None)      # would override LANG
    env.pop("COLORTERM", None)   # would switch to a -direct terminfo entry
    env.pop("ESCDELAY", None)
    return env


def stop(process, grace=2.0):
    """Terminate a child we started (SIGTERM, then SIGKILL); safe to call twice."""
    if process is None or process.poll() is not None:
        return
    try:
        process.terminate()
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    except ProcessLookupError:
        pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Simulator:
    """`vicotop simulate --generated-fleet N` on 127.0.0.1, output kept in a file."""

    def __init__(self, binary, devices, env, temp_root):
        # The port is free when probed; another process could take it before the
        # simulator binds it, which wait_ready() would then report.
        self.port = free_port()
        self.log_path = os.path.join(temp_root, "simulator.log")
        # A file rather than a pipe: nobody reads a pipe after the banner, and a full
        # pipe would block the simulator.
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [binary, "simulate", "--port", str(self.port), "--generated-fleet", str(devices)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                start_new_session=True)   # keeps the terminal's Ctrl-C for us; we stop it
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.token = None

    def wait_ready(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"simulator exited with {self.process.returncode}:\n{self.banner()}")
            match = re.search(r"demo token\s+(\S+)", self.banner())
            if match and self._accepts_connections():
                self.token = match.group(1)
                return
            time.sleep(0.05)
        raise RuntimeError(f"simulator not ready after {timeout:.0f} s:\n{self.banner()}")

    def banner(self):
        with open(self.log_path, "rb") as log:
            return log.read(8192).decode("utf-8", "replace")

    def _accepts_connections(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def cpu_seconds(self):
        return cpu_seconds(self.process.pid)

    def close(self):
        stop(self.process)


def set_controlling_terminal():
    # Runs in the child after setsid() and after the pty slave became fds 0-2: make the
    # slave the controlling terminal, as a shell would, so ncurses gets SIGWINCH and
    # job-control behaviour like in a real terminal.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Dashboard:
    """The dashboard on the slave side of a 120x40 pty; we hold the master."""

    def __init__(self, argv, env):
        self.master, slave = os.openpty()
        # Size the pty before the child exists, so ncurses sees 120x40 at start-up.
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.spawned = time.perf_counter()
        try:
            self.process = subprocess.Popen(
                argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                start_new_session=True, preexec_fn=set_controlling_terminal)
        finally:
            os.close(slave)   # the child has its copies; EOF/EIO on the master then means it is gone

    @property
    def pid(self):
        return self.process.pid

    def read(self, timeout):
        """One chunk of output, b"" on timeout, None once the slave side is closed."""
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0.0))
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:   # EIO: every slave fd closed (the child exited)
            return None
        return data or None

    def pump(self, seconds, sink=None):
        """Read for `seconds`; returns the byte count and feeds chunks to `sink`."""
        total = 0
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            data = self.read(left)
            if data is None:
                raise RuntimeError(f"dashboard exited early ({self.process.poll()})")
            total += len(data)
            if sink is not None and data:
                sink(data)
        return total

    def readable(self, timeout):
        """Whether output arrives within `timeout` seconds (without reading it)."""
        return bool(select.select([self.master], [], [], timeout)[0])

    def write(self, data):
        os.write(self.master, data)

    def quit(self, timeout=5.0):
        """Presses q; returns (exit status or None, whether the alternate screen was left)."""
        tail = bytearray()
        self.write(b"q")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            data = self.read(0.05)
            if data is None:
                break
            tail += data
            if self.process.poll() is not None and not data:
                break
        try:
            status = self.process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            status = None
        return status, b"\x1b[?1049l" in tail

    def close(self):
        stop(self.process)
        try:
            os.close(self.master)
        except OSError:
            pass


# ----------------------------------------------------------------------------------------
# /proc
# ----------------------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """utime + stime of the whole process (all threads), in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        text = stat.read()
    # The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    fields = text[text.rindex(")") + 2:].split()
    utime, stime = int(fields[11]), int(fields[12])   # fields 14 and 15 of the full line
    return (utime + stime) / CLOCK_TICKS


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0   # kB
    return float("nan")


# ----------------------------------------------------------------------------------------
# Measurements
# ----------------------------------------------------------------------------------------

def measure_first_frame(dashboard, screen=None, devices=None):
    """Milliseconds from spawn to the end of the burst that completes the first frame."""
    screen = screen or Screen(ROWS, COLUMNS)
    deadline = dashboard.spawned + FIRST_FRAME_TIMEOUT
    complete = False
    last_output = None
    while True:
        # Once the frame is complete, keep reading only while the same burst continues:
        # ncurses writes one doupdate as several chunks, and the device rows come after
        # the header that makes the check pass.
        timeout = FRAME_QUIET_GAP if complete else deadline - time.perf_counter()
        if timeout <= 0:
            shown = "\n".join(f"  |{screen.line(row).rstrip()}" for row in range(screen.rows) if screen.line(row).strip())
            raise RuntimeError(f"no complete first frame within {FIRST_FRAME_TIMEOUT:g} s; the screen shows:\n{shown}")
        data = dashboard.read(timeout)
        now = time.perf_counter()
        if data is None:
            raise RuntimeError(f"dashboard exited before its first frame ({dashboard.process.poll()})")
        if not data:
            if complete:
                return (last_output - dashboard.spawned) * 1000.0
            continue
        last_output = now
        screen.feed(data)
        complete = complete or frame_complete(screen, devices)


def measure_keys(dashboard, count, screen=None):
    """Key-to-first-output latencies in ms, and the number of keys that got no output."""
    latencies, missed = [], 0
    sink = screen.feed if screen else None
    for index in range(count):
        key = b"j" if index % 2 == 0 else b"k"   # j first: the first row is selected at start
        dashboard.pump(KEY_SPACING, sink)        # lets the previous key's redraw finish
        # Output just before the key would be taken for its answer: wait for a short
        # silence, draining again while the dashboard is still talking.
        while dashboard.readable(KEY_QUIET_GAP):
            dashboard.pump(KEY_QUIET_GAP, sink)
        dashboard.write(key)
        sent = time.perf_counter()
        data = dashboard.read(KEY_TIMEOUT)
        if data is None:
            raise RuntimeError("dashboard exited during the key test")
        if data and sink:
            sink(data)
        if data:
            latencies.append((time.perf_counter() - sent) * 1000.0)
        else:
            missed += 1
    return latencies, missed


def devices_title_count(screen):
    """The number in the Devices pane's title ("┌─ Devices 11"), or None."""
    for row in range(1, screen.rows - 1):
        match = re.search(r"─ Devices ([0-9]+)", screen.line(row))
        if match:
            return int(match.group(1))
    return None


def measure_filter(dashboard, screen, text):
    """Types `/` and `text` a key at a time; per-key latencies (ms) and the rows left.

    `screen` has replayed everything the dashboard wrote so far, so the Devices title can
    be read once the last key's redraw has settled. Esc clears the filter at the end.
    """
    latencies, missed = [], 0
    for index, key in enumerate(["/"] + list(text)):
        dashboard.pump(KEY_SPACING, screen.feed)
        while dashboard.readable(KEY_QUIET_GAP):
            dashboard.pump(KEY_QUIET_GAP, screen.feed)
        dashboard.write(key.encode())
        sent = time.perf_counter()
        data = dashboard.read(KEY_TIMEOUT)
        if data is None:
            raise RuntimeError("dashboard exited during the filter test")
        if data:
            screen.feed(data)
            if index > 0:                       # "/" only opens the prompt
                latencies.append((time.perf_counter() - sent) * 1000.0)
        else:
            missed += 1
    dashboard.pump(0.5, screen.feed)
    rows = devices_title_count(screen)
    dashboard.write(b"\x1b")
    dashboard.pump(0.5, screen.feed)
    return latencies, missed, rows


def nearest_rank(values, fraction):
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def run_media_scenario(binary, args, temp_root):
    """Idle, idle after a check, and a running preview: bytes/s and CPU of each window."""
    env = child_environment(os.path.join(temp_root, "media"))
    simulator = Simulator(binary, 8, env, os.path.join(temp_root, "media"))
    dashboard = None
    try:
        simulator.wait_ready()
        argv = [binary, "--api-base", simulator.base_url, "--token", simulator.token or DEMO_TOKEN, "dashboard", "--no-ice"]
        dashboard = Dashboard(argv, env)
        measure_first_frame(dashboard)
        dashboard.pump(args.warmup)

        def window(label):
            wall_start, cpu_start, sim_start = time.perf_counter(), cpu_seconds(dashboard.pid), simulator.cpu_seconds()
            written = dashboard.pump(args.window)
            wall = time.perf_counter() - wall_start
            figures = (written / wall, (cpu_seconds(dashboard.pid) - cpu_start) / wall * 100.0, rss_mib(dashboard.pid),
                       (simulator.cpu_seconds() - sim_start) / wall * 100.0)
            print(f"[media] {label:<28} {figures[0]:8.0f} bytes/s  CPU {figures[1]:5.2f} %  RSS {figures[2]:6.1f} MiB"
                  f"  (simulator's cameras {figures[3]:5.2f} %)", flush=True)
            return figures

        idle = window("idle, nothing checked")
        dashboard.write(b"v")
        dashboard.pump(8.0)                     # the check runs ~2 s, its redraws settle
        checked = window("idle, camera checked")
        dashboard.write(b"w")
        dashboard.pump(4.0)                     # the preview's first frame
        preview = window("one w preview running")
        dashboard.write(b"w")
        status, _ = dashboard.quit()
        print(f"[media] idle after a check / idle before: {checked[0] - idle[0]:+.0f} bytes/s, {checked[1] - idle[1]:+.2f} % CPU;"
              f" a preview costs {preview[0] - idle[0]:+.0f} bytes/s, {preview[1] - idle[1]:+.2f} % CPU; quit status {status}")
    finally:
        if dashboard:
            dashboard.close()
        simulator.close()


def run_scenario(name, binary, args, temp_root):
    env = child_environment(os.path.join(temp_root, name))
    simulator = dashboard = None
    result = {"scenario": name}
    try:
        if name == "demo":
            argv = [binary]
        else:
            simulator = Simulator(binary, FLEET_SIZES[name], env, os.path.join(temp_root, name))
            simulator.wait_ready()
            print(f"[{name}] simulator at {simulator.base_url} (pid {simulator.process.pid})", flush=True)
            argv = [binary, "--api-base", simulator.base_url, "--token", simulator.token or DEMO_TOKEN, "dashboard"]

        dashboard = Dashboard(argv, env)
        print(f"[{name}] dashboard pid {dashboard.pid}", flush=True)
        screen = Screen(ROWS, COLUMNS)
        result["first_frame_ms"] = measure_first_frame(dashboard, screen, FLEET_SIZES.get(name))
        print(f"[{name}] first frame {result['first_frame_ms']:.0f} ms", flush=True)

        print(f"[{name}] warm-up {args.warmup:g} s, then a {args.window:g} s window", flush=True)
        dashboard.pump(args.warmup, screen.feed)

        sample = bytearray()
        sample_seconds = SAMPLE_SECONDS if args.sample_dir else 0.0
        wall_start, cpu_start = time.perf_counter(), cpu_seconds(dashboard.pid)
        sim_cpu_start = simulator.cpu_seconds() if simulator else None
        # The optional raw sample is taken from the start of the window, in the same count.
        def keep(data):
            sample.extend(data)
            screen.feed(data)
        written = dashboard.pump(sample_seconds, keep) if sample_seconds else 0
        written += dashboard.pump(max(args.window - sample_seconds, 0.0), screen.feed)
        wall = time.perf_counter() - wall_start
        result["bytes_per_second"] = written / wall
        result["cpu_percent"] = (cpu_seconds(dashboard.pid) - cpu_start) / wall * 100.0
        result["rss_mib"] = rss_mib(dashboard.pid)
        if simulator:
            result["simulator_cpu_percent"] = (simulator.cpu_seconds() - sim_cpu_start) / wall * 100.0
        if args.sample_dir:
            os.makedirs(args.sample_dir, exist_ok=True)
            path = os.path.join(args.sample_dir, f"{name}-steady.bin")
            with open(path, "wb") as out:
                out.write(sample)
            print(f"[{name}] saved {len(sample)} bytes of steady output to {path}", flush=True)

        print(f"[{name}] {args.keys} key presses", flush=True)
        latencies, missed = measure_keys(dashboard, args.keys, screen)
        result["keys_missed"] = missed
        if latencies:
            result["key_p50_ms"] = statistics.median(latencies)
            result["key_p99_ms"] = nearest_rank(latencies, 0.99)
            result["key_samples"] = len(latencies)
        if name == "fleet1000":
            print(f"[{name}] typing /{FILTER_TEXT}", flush=True)
            typed, typed_missed, rows = measure_filter(dashboard, screen, FILTER_TEXT)
            result["filter_rows"], result["filter_missed"] = rows, typed_missed
            if typed:
                result["filter_p50_ms"] = statistics.median(typed)
                result["filter_p99_ms"] = nearest_rank(typed, 0.99)
                result["filter_samples"] = len(typed)

        status, restored = dashboard.quit()
        result["exit_status"], result["restored"] = status, restored
        return result
    finally:
        if dashboard:
            dashboard.close()
        if simulator:
            simulator.close()


# ----------------------------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------------------------

def show(value, unit="", digits=1):
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def report(results):
    print()
    columns = ["scenario", "first frame", "bytes/s", "CPU %", "RSS MiB", "key p50", "key p99", "filter p50", "filter p99"]
    rows = [[r["scenario"], show(r.get("first_frame_ms"), " ms", 0), show(r.get("bytes_per_second")),
             show(r.get("cpu_percent"), digits=2), show(r.get("rss_mib")),
             show(r.get("key_p50_ms"), " ms"), show(r.get("key_p99_ms"), " ms"),
             show(r.get("filter_p50_ms"), " ms"), show(r.get("filter_p99_ms"), " ms")] for r in results]
    widths = [max(len(c), *(len(row[i]) for row in rows)) + 2 for i, c in enumerate(columns)]
    print("".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
    for row in rows:
        print("".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    print()

    for r in results:
        notes = []
        if r["scenario"] == "demo":
            notes.append("CPU and RSS include the embedded simulator (same process)")
        if "simulator_cpu_percent" in r:
            notes.append(f"separate simulator process used {r['simulator_cpu_percent']:.2f} % CPU")
        if "key_samples" in r:
            samples = r["key_samples"]
            notes.append(f"{samples} key samples, p99 is nearest-rank"
                         + (" (= the maximum)" if samples <= 100 else ""))
        if "filter_rows" in r:
            rows_left = r["filter_rows"]
            notes.append(f"/{FILTER_TEXT} left {rows_left} rows (expected {FILTER_MATCHES}"
                         + (")" if rows_left == FILTER_MATCHES else ": WRONG)"))
        if r.get("filter_missed"):
            notes.append(f"{r['filter_missed']} filter key(s) got no output")
        if r.get("keys_missed"):
            notes.append(f"{r['keys_missed']} key(s) got no output within {KEY_TIMEOUT:g} s")
        exit_status = r.get("exit_status")
        notes.append(f"q: exit status {exit_status if exit_status is not None else 'none (did not exit)'}"
                     + ("" if r.get("restored") else ", alternate screen NOT left"))
        print(f"{r['scenario']}: " + "; ".join(notes))

    demo = next((r for r in results if r["scenario"] == "demo"), None)
    if demo:
        print()
        for label, key, limit, unit in [
            ("first frame", "first_frame_ms", TARGET_FIRST_FRAME_MS, " ms"),
            ("bytes/s", "bytes_per_second", TARGET_BYTES_PER_SECOND, ""),
            ("CPU %", "cpu_percent", TARGET_CPU_PERCENT, " %"),
            ("key p99", "key_p99_ms", TARGET_KEY_P99_MS, " ms"),
        ]:
            value = demo.get(key)
            verdict = "no figure" if value is None else ("met" if value <= limit else "NOT met")
            print(f"target {label} ≤ {limit:g}{unit}: {verdict}")
    fleet = next((r for r in results if r["scenario"] == "fleet1000"), None)
    if fleet:
        print()
        for key, limit in FLEET_TARGETS.items():
            value = fleet.get(key)
            verdict = "no figure" if value is None else ("met" if value <= limit else "NOT met")
            print(f"fleet1000 target {key} ≤ {limit:g}: {verdict}")


def default_binary():
    release = os.path.join(PACKAGE_ROOT, ".build-release", "release", "vicotop")
    return release if os.access(release, os.X_OK) else os.path.join(PACKAGE_ROOT, ".build", "debug", "vicotop")


def has_dashboard(binary):
    """Whether `binary --help` lists the dashboard; an older build would run `watch` instead."""
    try:
        with tempfile.TemporaryDirectory(prefix="vicotop-bench-") as temp:
            help_text = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=10,
                                       env=child_environment(temp)).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return re.search(r"^\s+dashboard\b", help_text, re.M) is not None


def main():
    parser = argparse.ArgumentParser(description="Benchmark the vicotop dashboard in a pty (prints figures).")
    parser.add_argument("--binary", default=default_binary(), help="vicotop executable (default: %(default)s)")
    parser.add_argument("--scenario", choices=["demo", "fleet200", "fleet1000", "both", "media"], default="both")
    parser.add_argument("--warmup", type=float, default=15.0, help="seconds before the window (default: 15)")
    parser.add_argument("--window", type=float, default=60.0, help="steady-state window in seconds (default: 60)")
    parser.add_argument("--keys", type=int, default=40, help="key presses for the latency test (default: 40)")
    parser.add_argument("--sample-dir", help=f"save the first {SAMPLE_SECONDS:g} s of steady-state output here")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        parser.error(f"not an executable: {args.binary}")
    if not has_dashboard(args.binary):
        parser.error(f"{args.binary} has no dashboard subcommand (a build from before the dashboard?)")
    if args.window <= 0:
        parser.error("--window must be positive")

    # SIGTERM and SIGHUP unwind like Ctrl-C, so the finally blocks stop the children.
    def interrupted(signum, _frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)

    print(f"binary   {args.binary}")
    print(f"terminal {COLUMNS}x{ROWS} xterm-256color; warm-up {args.warmup:g} s, window {args.window:g} s, {args.keys} keys")
    scenarios = ["demo", "fleet200"] if args.scenario == "both" else [args.scenario]
    temp_root = tempfile.mkdtemp(prefix="vicotop-bench-")
    if scenarios == ["media"]:
        try:
            run_media_scenario(args.binary, args, temp_root)
        finally:
            shutil.rmtree(temp_root, ignore_errors=True)
        return 0
    results = []
    try:
        for name in scenarios:
            try:
                results.append(run_scenario(name, args.binary, args, temp_root))
            except RuntimeError as error:
                print(f"[{name}] failed: {error}", flush=True)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(temp_root, ignore_errors=True)
    if not results:
        return 1
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
