#!/usr/bin/env python3
"""Soak vicotop under chaos: headless and dashboard clients against a faulty simulator.

Usage (from the package root):

    python3 Tests/Soak/soak.py [--binary PATH] [--devices N] [--duration S] [--rate R]
                               [--seed N] [--ticket-lifetime S] [--warmup S]
                               [--chaos-warmup S] [--event-history N]
                               [--recovery-bound S] [--interval S]
                               [--work-dir DIR] [--json PATH]

The default binary is .build-release/release/vicotop when it exists, else
.build/debug/vicotop. Nothing is built. Everything listens on 127.0.0.1 only.

What runs:

  simulator  `vicotop simulate --generated-fleet N` (N healthy cameras, so every one
             can be live), tickets of --ticket-lifetime seconds.
  headless   `vicotop watch --jsonl --metrics-listen ...` with the simulator's token.
  dashboard  `vicotop --metrics-listen ... dashboard` inside a detached tmux session of
             160x48 (its own tmux server, its own socket).

Each client gets its own empty HOME/XDG folders; the token comes from VICOHOME_TOKEN, and
VICOTOP_EVENT_HISTORY=--event-history (default 50) bounds the events kept per camera.

Timeline:

  1. start-up   until both clients report all N cameras live (vicotop_sessions gauges
                on their /metrics pages), at most 120 s.
  2. warm-up    --warmup seconds calm; the fd baseline is taken at its end.
  3. chaos      POST /simulator/chaos {"rate": R, "seed": N} for --duration seconds.
                Warm-up goes on under chaos until every camera's event history is
                full (counted from the headless client's event lines), so bounded
                buffers no longer grow: at least --chaos-warmup seconds (default 30),
                at most half of --duration. The RSS reference is taken at its end.
  4. recovery   POST /simulator/chaos {"rate": 0}: chaos stops and its armed faults are
                undone. Every camera must be live again in both clients within
                --recovery-bound seconds (default 150: a back-off is at most 60 s, a
                refused token is re-checked after 60 s, or 120 s after one failed
                re-check; then a ticket and a socket take well under 15 s).
  5. shutdown   `q` to the dashboard, SIGTERM to the headless client, SIGINT to the
                simulator: each must exit 0.

Checks (the exit status is 1 when one fails, 2 when the soak could not run):

  - no crash: no process exits before shutdown, the dashboard still draws its header;
  - recovery: all N live in both clients within the bound after chaos stops;
  - RSS drift: (RSS after recovery - RSS at the end of warm-up) / the latter < 10 %,
    per client (the maximum during chaos is printed too);
  - open file descriptors: after recovery, within max(8, 5 %) of the calm baseline;
  - expiredTicketUses == 0 at the simulator (no ticket used after its expiry);
  - every line the headless client printed is a JSON object.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(method, url, body=None, timeout=5):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read().decode()


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def alive(pid):
    """Running, and not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


class Client:
    """A vicotop client whose health is read from its Prometheus page."""

    def __init__(self, name, metrics_port):
        self.name = name
        self.port = metrics_port
        self.metrics = f"http://127.0.0.1:{metrics_port}/metrics"
        self.pid = None

    def sessions(self):
        try:
            text = http("GET", self.metrics)
        except OSError:
            return None
        counts = {}
        for match in re.finditer(r'^vicotop_sessions\{state="([a-z-]+)"\} ([0-9.e+]+)$', text, re.M):
            counts[match.group(1)] = int(float(match.group(2)))
        return counts

    def live(self):
        counts = self.sessions() or {}
        return counts.get("live", 0) + counts.get("refreshing", 0)


class Soak:
    def __init__(self, args):
        self.args = args
        self.work = args.work_dir or tempfile.mkdtemp(prefix="vicotop-soak-")
        os.makedirs(self.work, exist_ok=True)
        self.failures = []
        self.figures = {}
        self.processes = {}
        self.tmux_socket = f"vicotop-soak-{os.getpid()}"
        self.event_counts = {}
        self.jsonl_offset = 0
        self.started = time.monotonic()

    # Output

    def log(self, message):
        print(f"[{time.monotonic() - self.started:7.1f} s] {message}", flush=True)

    def check(self, ok, message):
        self.log(("ok    " if ok else "FAIL  ") + message)
        if not ok:
            self.failures.append(message)

    # Processes

    def environment(self, name):
        home = os.path.join(self.work, name)
        for folder in ("config", "state", "cache"):
            os.makedirs(os.path.join(home, folder), exist_ok=True)
        env = {key: value for key, value in os.environ.items() if not key.startswith("VICOHOME_")}
        env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
                   XDG_STATE_HOME=os.path.join(home, "state"), XDG_CACHE_HOME=os.path.join(home, "cache"),
                   LANG="C.UTF-8", LC_ALL="C.UTF-8", VICOTOP_EVENT_HISTORY=str(self.args.event_history))
        env.pop("NO_COLOR", None)
        return env

    def start_simulator(self):
        banner = os.path.join(self.work, "simulator.out")
        self.api_port = free_port()
        command = [self.args.binary, "simulate", "--generated-fleet", str(self.args.devices),
                   "--port", str(self.api_port), "--ticket-lifetime", str(self.args.ticket_lifetime),
                   "--seed", str(self.args.seed)]
        with open(banner, "w") as out, open(os.path.join(self.work, "simulator.err"), "w") as err:
            self.processes["simulator"] = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                                           env=self.environment("simulator"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            text = open(banner).read()
            token = re.search(r"demo token\s+(\S+)", text)
            if "Ctrl-C stops it." in text and token:
                self.token = token.group(1)
                self.base = f"http://127.0.0.1:{self.api_port}"
                return
            if self.processes["simulator"].poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"the simulator did not start: {open(banner).read()}")

    def start_headless(self):
        client = Client("headless", free_port())
        env = self.environment("headless")
        env["VICOHOME_TOKEN"] = self.token
        command = [self.args.binary, "--api-base", self.base, "--metrics-listen", f"127.0.0.1:{client.port}",
                   "watch", "--jsonl", "--interval", "30"]
        self.headless_out = os.path.join(self.work, "headless.jsonl")
        with open(self.headless_out, "w") as out, open(os.path.join(self.work, "headless.err"), "w") as err:
            process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        self.processes["headless"] = process
        client.pid = process.pid
        return client

    def tmux(self, *arguments, check=True):
        result = subprocess.run(["tmux", "-L", self.tmux_socket, *arguments], capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=10)
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(arguments)}: {result.stderr.strip()}")
        return result.stdout

    def start_dashboard(self):
        client = Client("dashboard", free_port())
        env = self.environment("dashboard")
        conf = os.path.join(self.work, "tmux.conf")
        with open(conf, "w") as out:
            out.write("set -g remain-on-exit on\nset -g history-limit 0\n")
        exports = " ".join(f"{key}={shell_quote(value)}" for key, value in env.items()
                           if key in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "LANG", "LC_ALL", "PATH",
                                      "VICOTOP_EVENT_HISTORY"))
        command = (f"exec env -u VICOHOME_TOKEN {exports} TERM=xterm-256color VICOHOME_TOKEN={shell_quote(self.token)} "
                   f"{shell_quote(self.args.binary)} --api-base {self.base} --metrics-listen 127.0.0.1:{client.port} dashboard")
        subprocess.run(["tmux", "-L", self.tmux_socket, "-f", conf, "new-session", "-d", "-s", "soak", "-x", "160", "-y", "48",
                        command], check=True, stdin=subprocess.DEVNULL, timeout=10)
        client.pid = int(self.tmux("display-message", "-p", "-t", "soak", "#{pane_pid}").strip())
        return client

    def pane_dead(self):
        return self.tmux("display-message", "-p", "-t", "soak", "#{pane_dead} #{pane_dead_status}", check=False).split()

    def dashboard_log_tail(self, lines=25):
        path = os.path.join(self.work, "dashboard", "state", "vicotop", "vicotop.log")
        try:
            with open(path, errors="replace") as log:
                return log.read().splitlines()[-lines:]
        except OSError as error:
            return [f"(no log: {error})"]

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "soak", check=False)

    # Phases

    def wait_all_live(self, clients, timeout):
        deadline = time.monotonic() + timeout
        start = time.monotonic()
        while time.monotonic() < deadline:
            if all(client.live() == self.args.devices for client in clients):
                return time.monotonic() - start
            self.assert_running()
            time.sleep(0.5)
        return None

    def assert_running(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise Crash(f"{name} exited with {process.returncode} before the end")
        if self.dashboard is not None:
            dead = self.pane_dead()
            if not dead or dead[0] == "1" or not alive(self.dashboard.pid):
                raise Crash(f"the dashboard is gone (pane {' '.join(dead) or 'missing'})")

    def sample(self, clients, phase):
        self.assert_running()
        row = {"t": round(time.monotonic() - self.started, 1), "phase": phase}
        for client in clients:
            row[client.name] = {"live": client.live(), "rss_mib": round(rss_mib(client.pid), 1),
                                "fds": open_fds(client.pid)}
        simulator = self.processes["simulator"].pid
        row["simulator"] = {"rss_mib": round(rss_mib(simulator), 1), "fds": open_fds(simulator)}
        self.samples.append(row)
        parts = [f"{c.name} live {row[c.name]['live']:>4} rss {row[c.name]['rss_mib']:6.1f} MiB fds {row[c.name]['fds']:>4}"
                 for c in clients]
        self.log(f"{phase:<9} " + " | ".join(parts))
        return row

    def fewest_events(self):
        """The smallest number of events any camera has had, from the headless client's lines."""
        with open(self.headless_out, "rb") as out:
            out.seek(self.jsonl_offset)
            chunk = out.read()
        complete = chunk.rfind(b"\n") + 1
        self.jsonl_offset += complete
        for line in chunk[:complete].splitlines():
            match = re.search(rb'"serialNumber":"([^"]+)"', line)
            if match and b'"type":"event"' in line:
                serial = match.group(1)
                self.event_counts[serial] = self.event_counts.get(serial, 0) + 1
        if len(self.event_counts) < self.args.devices:
            return 0
        return min(self.event_counts.values())

    def chaos_warmup(self, clients):
        """Runs chaos until every event history is full (within the bounds); returns the last sample."""
        args = self.args
        start = time.monotonic()
        last = None
        while True:
            elapsed = time.monotonic() - start
            fewest = self.fewest_events()
            if elapsed >= args.chaos_warmup and fewest >= args.event_history:
                self.log(f"event histories full ({fewest}+ events per camera) after {elapsed:.0f} s of chaos")
                break
            if elapsed >= args.duration / 2:
                self.log(f"event histories not yet full after {elapsed:.0f} s (fewest {fewest} of {args.event_history}): warm-up ends anyway")
                break
            time.sleep(min(args.interval, max(1, args.duration / 2 - elapsed)))
            last = self.sample(clients, "chaos-wu")
        self.figures["chaos_warmup_s"] = round(time.monotonic() - start, 1)
        return last or self.sample(clients, "chaos-wu")

    def settle(self, clients, baseline):
        """Samples until every client's descriptors are back near their calm count: the last
        refreshes, ICE probes and idle HTTP connections (closed after 60 s) may hold some."""
        deadline = time.monotonic() + 75
        while True:
            row = self.sample(clients, "recovered")
            settled = all(abs(row[c.name]["fds"] - baseline[c.name]["fds"]) <= self.fd_tolerance(baseline[c.name]["fds"])
                          for c in clients)
            if settled or time.monotonic() >= deadline:
                return row
            time.sleep(5)

    @staticmethod
    def fd_tolerance(calm):
        return max(8, calm * 0.05)

    def run_phase(self, clients, phase, seconds):
        end = time.monotonic() + seconds
        last = None
        while time.monotonic() < end:
            time.sleep(min(self.args.interval, max(0, end - time.monotonic())))
            last = self.sample(clients, phase)
        return last

    def run(self):
        self.samples = []
        self.dashboard = None
        args = self.args
        self.log(f"work folder {self.work}; binary {args.binary}")
        self.start_simulator()
        self.log(f"simulator at {self.base} with {args.devices} cameras, tickets of {args.ticket_lifetime} s")
        headless = self.start_headless()
        self.dashboard = self.start_dashboard()
        clients = [headless, self.dashboard]

        took = self.wait_all_live(clients, 120)
        if took is None:
            raise RuntimeError(f"not all {args.devices} cameras went live at start-up: "
                               f"headless {headless.live()}, dashboard {self.dashboard.live()}")
        self.figures["startup_all_live_s"] = round(took, 1)
        self.log(f"all {args.devices} live in both clients after {took:.1f} s")

        baseline = self.run_phase(clients, "warm-up", args.warmup) or self.sample(clients, "warm-up")

        answer = json.loads(http("POST", self.base + "/simulator/chaos", {"rate": args.rate, "seed": args.seed}))
        self.log(f"chaos on: {answer}")
        # Histories count from here: start-up events alone may fill a small one.
        self.fewest_events()
        self.event_counts = {}
        chaos_start = time.monotonic()
        reference = self.chaos_warmup(clients)
        self.run_phase(clients, "chaos", max(0, args.duration - (time.monotonic() - chaos_start)))

        answer = json.loads(http("POST", self.base + "/simulator/chaos", {"rate": 0}))
        self.log(f"chaos off: {answer}")
        counters_at_calm = json.loads(http("GET", self.base + "/simulator/counters"))
        recovered = self.wait_all_live(clients, args.recovery_bound)
        self.figures["recovery_s"] = None if recovered is None else round(recovered, 1)
        self.check(recovered is not None,
                   f"all {args.devices} live again in both clients {recovered:.1f} s after chaos stopped (bound {args.recovery_bound:.0f} s)"
                   if recovered is not None else
                   f"not all live within {args.recovery_bound:.0f} s of calm: headless {headless.live()}, dashboard {self.dashboard.live()}")
        final = self.settle(clients, baseline)

        for client in clients:
            ref, end = reference[client.name]["rss_mib"], final[client.name]["rss_mib"]
            during = [row[client.name]["rss_mib"] for row in self.samples if row["phase"] in ("chaos", "recovered")]
            drift = (end - ref) / ref * 100
            self.figures[f"{client.name}_rss_mib"] = {"warm": ref, "max": max(during + [end]), "end": end,
                                                      "drift_pct": round(drift, 1)}
            self.check(drift < 10, f"{client.name} RSS {ref:.1f} MiB after warm-up → {end:.1f} MiB after recovery "
                                   f"({drift:+.1f} %, max {max(during + [end]):.1f} MiB); limit +10 %")
            calm, now = baseline[client.name]["fds"], final[client.name]["fds"]
            peak = max(row[client.name]["fds"] for row in self.samples)
            tolerance = self.fd_tolerance(calm)
            self.figures[f"{client.name}_fds"] = {"calm": calm, "max": peak, "end": now}
            self.check(abs(now - calm) <= tolerance,
                       f"{client.name} open fds {calm} calm → {now} after recovery (max {peak}); tolerance ±{tolerance:.0f}")

        counters = json.loads(http("GET", self.base + "/simulator/counters"))
        self.figures["simulator"] = {key: counters.get(key) for key in (
            "apiRequests", "ticketsIssued", "unauthorizedCalls", "socketsAccepted", "socketsRejected",
            "socketsDropped", "expiredTicketUses", "expiryCloses", "pingsReceived", "pingsLost")}
        self.figures["chaos_faults"] = counters_at_calm.get("chaosFaults", {})
        self.figures["chaos_faults_total"] = sum(self.figures["chaos_faults"].values())
        self.log(f"chaos injected {self.figures['chaos_faults_total']} faults: "
                 + ", ".join(f"{k} {v}" for k, v in sorted(self.figures["chaos_faults"].items())))
        self.check(counters.get("expiredTicketUses") == 0,
                   f"expiredTicketUses = {counters.get('expiredTicketUses')} (tickets issued {counters.get('ticketsIssued')}, "
                   f"sockets accepted {counters.get('socketsAccepted')})")

        header = self.screen()
        self.check(f"{args.devices} devices" in header and "q quit" in header,
                   "the dashboard still draws its header and key bar")
        self.shutdown()
        self.check_jsonl()

    def shutdown(self):
        pressed = time.monotonic()
        self.tmux("send-keys", "-t", "soak", "q", check=False)
        ending = wait_for_pane_ending(self.tmux, "soak", self.dashboard.pid, pressed)
        self.figures["dashboard_exit"] = ending
        gone = "-" if ending["quit_s"] is None else f"{ending['quit_s']:.2f}"
        kernel = f", {ending['kernel']} as the kernel kept it for tmux" if ending["kernel"] else ""
        self.log(f"dashboard after q: gone after {gone} s{kernel} (tmux: status {ending['status']!r}, "
                 f"signal {ending['signal']!r}{', after a SIGCHLD nudge' if ending['tmux_nudged'] else ''})")
        ok = ending["dead"] == "1" and ending["status"] == "0" and not ending["signal"]
        self.check(ok, f"the dashboard quits on q with status 0 (pane dead {ending['dead']!r}, status {ending['status']!r}, "
                       f"signal {ending['signal']!r}, kernel {ending['kernel'] or '?'}, gone after {gone} s)")
        if not ok:
            self.log("the dashboard's screen:\n" + self.screen())
            self.log("the dashboard's last log lines:\n" + "\n".join(self.dashboard_log_tail()))
        for name, sig in (("headless", signal.SIGTERM), ("simulator", signal.SIGINT)):
            process = self.processes[name]
            process.send_signal(sig)
            try:
                status = process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                status = "killed after 15 s"
            self.check(status == 0, f"{name} exits 0 on {sig.name} (got {status})")

    def check_jsonl(self):
        """Every line is an object of the JSON contract (README "JSON output"): schemaVersion 1,
        a type, RFC 3339 times, and states as plain words, never Swift's {"live":{}}."""
        bad, lines = 0, 0
        time_pattern = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
        with open(self.headless_out, errors="replace") as out:
            for line in out:
                lines += 1
                try:
                    value = json.loads(line)
                except ValueError:
                    bad += 1
                    continue
                if not isinstance(value, dict) or value.get("schemaVersion") != 1 or not time_pattern.match(str(value.get("at"))):
                    bad += 1
                elif value.get("type") == "event":
                    bad += not isinstance(value.get("state"), str)
                elif value.get("type") == "snapshot":
                    bad += not all(isinstance(device.get("state"), str) for device in value.get("devices", []))
                else:
                    bad += 1
        self.figures["headless_jsonl_lines"] = lines
        self.check(lines > 0 and bad == 0, f"headless printed {lines} JSON lines, {bad} unreadable or off the contract")

    def cleanup(self):
        # tmux 3.3 may outlive kill-server alone: end the session first, then the server, then its pid.
        try:
            server = self.tmux("display-message", "-p", "#{pid}", check=False).strip()
        except subprocess.TimeoutExpired:
            server = ""
        for command in (["kill-session", "-t", "soak"], ["kill-server"]):
            subprocess.run(["tmux", "-L", self.tmux_socket, *command], capture_output=True, stdin=subprocess.DEVNULL)
        if server.isdigit() and alive(int(server)):
            os.kill(int(server), signal.SIGKILL)
        for process in self.processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()


def pane_ending(tmux, target):
    """How a pane's process ended, as tmux tells it: (dead, status, signal), "" while unknown.
    tmux fills pane_dead_status for an exit and pane_dead_signal for a death by signal."""
    text = tmux("display-message", "-p", "-t", target, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}", check=False)
    return tuple((text.strip().split("|") + ["", "", ""])[:3])


def wait_for_pane_ending(tmux, target, pid, since, timeout=30):
    """Waits until tmux knows how the pane's process `pid` ended; returns what was seen: how long
    after `since` the process was gone, its status as the kernel kept it for tmux, tmux's status
    and signal, and whether tmux had to be told to look.

    tmux is linked with libutempter, whose SIGCHLD handler is in place while tmux removes the
    pane's utmp record, which it does when the pane's terminal closes: a child that exits just
    then has its SIGCHLD taken, stays a zombie, and tmux never learns its status (tmux/tmux#311;
    seen in about one exit in four here). A SIGCHLD of our own makes tmux reap it."""
    gone, kernel, nudged = None, None, False
    deadline = since + timeout
    while time.monotonic() < deadline:
        if gone is None and not alive(pid):
            gone = time.monotonic() - since
        kernel = kernel or zombie_status(pid)
        dead, status, sig = pane_ending(tmux, target)
        if dead == "1" and (status or sig):
            break
        if not nudged and gone is not None and time.monotonic() - since > gone + 1:
            try:
                os.kill(int(tmux("display-message", "-p", "#{pid}", check=False).strip()), signal.SIGCHLD)
                nudged = True
            except (ValueError, OSError):
                pass
        time.sleep(0.05)
    dead, status, sig = pane_ending(tmux, target)
    return {"quit_s": None if gone is None else round(gone, 2), "dead": dead, "status": status, "signal": sig,
            "kernel": kernel, "tmux_nudged": nudged}


def tmux_exit_check(runs):
    """Checks that the way the soak reads a pane's end is right, whatever tmux loses: `runs` panes
    exit with status 3 or die by SIGKILL, each must be reported as such. Returns the exit status."""
    socket_name = f"vicotop-soak-check-{os.getpid()}"
    conf = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)
    conf.write("set -g remain-on-exit on\n")
    conf.close()

    def tmux(*arguments, check=True):
        result = subprocess.run(["tmux", "-L", socket_name, *arguments], capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=10)
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(arguments)}: {result.stderr.strip()}")
        return result.stdout

    wrong = 0
    try:
        for run in range(runs):
            killed = run % 2 == 1
            command = "sleep 0.3; kill -9 $$" if killed else "sleep 0.3; exit 3"
            tmux("-f", conf.name, "new-session", "-d", "-s", "check", "-x", "80", "-y", "24", "sh", "-c", command)
            pid = int(tmux("display-message", "-p", "-t", "check", "#{pane_pid}").strip())
            ending = wait_for_pane_ending(tmux, "check", pid, time.monotonic(), timeout=10)
            expected = ("", "9") if killed else ("3", "")
            right = (ending["status"], ending["signal"]) == expected
            wrong += 0 if right else 1
            print(f"pane {run}: {'ok   ' if right else 'WRONG'} {ending}", flush=True)
            tmux("kill-session", "-t", "check", check=False)
    finally:
        tmux("kill-server", check=False)
        os.unlink(conf.name)
    print(f"soak: tmux exit check {'PASSED' if wrong == 0 else f'FAILED: {wrong} of {runs} panes misreported'}")
    return 0 if wrong == 0 else 1


def zombie_status(pid):
    """How a zombie ended, from /proc (exit_code, field 52): "exit N" or "signal N"; None while it
    runs or once reaped."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if fields[0] != "Z" or len(fields) < 50:
        return None
    code = int(fields[-1])
    return f"signal {code & 0x7F}" if code & 0x7F else f"exit {code >> 8}"


class Crash(Exception):
    pass


def stop_on_signal(number, frame):
    raise KeyboardInterrupt(f"signal {number}")


def shell_quote(text):
    return "'" + str(text).replace("'", "'\\''") + "'"


def default_binary():
    for candidate in (".build-release/release/vicotop", ".build/release/vicotop", ".build/debug/vicotop"):
        path = os.path.join(ROOT, candidate)
        if os.access(path, os.X_OK):
            return path
    return os.path.join(ROOT, ".build/debug/vicotop")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=default_binary())
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--duration", type=float, default=120, help="seconds of chaos")
    parser.add_argument("--rate", type=float, default=1.0, help="faults per second")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ticket-lifetime", type=float, default=120)
    parser.add_argument("--warmup", type=float, default=20, help="calm seconds before chaos")
    parser.add_argument("--chaos-warmup", type=float, default=30, help="least seconds of chaos counted as warm-up")
    parser.add_argument("--event-history", type=int, default=50, help="events kept per camera (VICOTOP_EVENT_HISTORY)")
    parser.add_argument("--recovery-bound", type=float, default=150)
    parser.add_argument("--interval", type=float, default=10, help="seconds between samples")
    parser.add_argument("--work-dir")
    parser.add_argument("--json", help="write the figures here as JSON")
    parser.add_argument("--tmux-exit-check", type=int, metavar="N",
                        help="only check, with N short-lived panes, that exit statuses are read right from tmux")
    args = parser.parse_args()
    if args.tmux_exit_check:
        if shutil.which("tmux") is None:
            print("soak: tmux is not installed", file=sys.stderr)
            return 2
        return tmux_exit_check(args.tmux_exit_check)
    args.binary = os.path.abspath(args.binary)
    if shutil.which("tmux") is None:
        print("soak: tmux is not installed", file=sys.stderr)
        return 2
    if not os.access(args.binary, os.X_OK):
        print(f"soak: no vicotop binary at {args.binary}", file=sys.stderr)
        return 2

    # Background jobs of a non-interactive shell ignore SIGINT: SIGTERM must stop the soak
    # just as cleanly, taking its processes and tmux server along.
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    soak = Soak(args)
    status = 0
    try:
        soak.run()
    except Crash as crash:
        soak.check(False, f"crash: {crash}")
    except (RuntimeError, OSError) as error:
        print(f"soak: could not run: {error}", file=sys.stderr)
        status = 2
    except KeyboardInterrupt:
        print("soak: interrupted", file=sys.stderr)
        status = 2
    finally:
        soak.cleanup()
    soak.figures["samples"] = soak.samples if hasattr(soak, "samples") else []
    soak.figures["failures"] = soak.failures
    if args.json:
        with open(args.json, "w") as out:
            json.dump(soak.figures, out, indent=2)
    print()
    print(f"soak: {args.devices} cameras, {args.duration:.0f} s of chaos at {args.rate}/s (seed {args.seed}), "
          f"tickets of {args.ticket_lifetime:.0f} s, {args.event_history} events kept per camera; logs in {soak.work}")
    for key, value in soak.figures.items():
        if key not in ("samples", "failures"):
            print(f"  {key}: {value}")
    if status == 0 and soak.failures:
        status = 1
    print("soak: " + ("PASSED" if status == 0 else ("FAILED: " + "; ".join(soak.failures) if status == 1 else "could not run")))
    return status


if __name__ == "__main__":
    sys.exit(main())
