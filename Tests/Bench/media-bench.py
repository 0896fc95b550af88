#!/usr/bin/env python3
"""Live-view benchmark: prints figures, asserts nothing.

Starts `vicotop simulate --generated-fleet 8` (cameras are webrtcbin peers on loopback),
then measures with the real binary:
  1. time from `vicotop check` start to the first decoded frame (JSON `firstFrameMs`,
     which includes the ticket, the socket and PEER_IN), over --runs sequential checks;
  2. CPU and RSS of one running live view, and of eight at once (one per camera), sampled
     from /proc while each watches --seconds of video; the simulator's own CPU beside.
Usage: python3 Tests/Bench/media-bench.py [--binary .build/release/vicotop] [--runs 10] [--seconds 10]
"""
import argparse, json, os, re, statistics, subprocess, sys, time

def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None

def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/vicotop")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    env = dict(os.environ, NO_COLOR="1")
    env.pop("VICOHOME_TOKEN", None)
    sim = subprocess.Popen([args.binary, "simulate", "--generated-fleet", "8"], stdout=subprocess.PIPE, text=True, env=env)
    base = token = None
    for line in sim.stdout:
        if "API base URL" in line: base = line.split()[-1]
        if "demo token" in line: token = line.split()[-1]
        if line.startswith("Ctrl-C") or (base and token and "Try:" in line): break
    serials = [f"VDSIM{index:011d}" for index in range(8)]
    common = [args.binary, "--api-base", base, "--token", token, "check"]
    try:
        firsts, walls = [], []
        for run in range(args.runs):
            started = time.monotonic()
            out = subprocess.run(common + [serials[run % 8], "--json", "--seconds", "0"], capture_output=True, text=True, env=env)
            walls.append((time.monotonic() - started) * 1000)
            verdict = json.loads(out.stdout)["verdict"]
            if verdict["result"] != "ok":
                print("check failed:", verdict["line"]); return 1
            firsts.append(verdict["firstFrameMs"])
        print(f"check start → first decoded frame ({args.runs} runs): median {statistics.median(firsts):.0f} ms, "
              f"min {min(firsts)} ms, max {max(firsts)} ms (process wall time median {statistics.median(walls):.0f} ms)")
        for count in (1, 8):
            procs = [subprocess.Popen(common + [serials[i], "--json", "--seconds", str(args.seconds)], stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True, env=env) for i in range(count)]
            time.sleep(3)  # past start-up and the first frame: measure the steady view
            cpu0 = [cpu_seconds(p.pid) for p in procs]; sim0 = cpu_seconds(sim.pid); t0 = time.monotonic()
            rss = []
            while time.monotonic() - t0 < args.seconds - 4:
                rss.append(sum(rss_mib(p.pid) or 0 for p in procs)); time.sleep(0.5)
            cpu1 = [cpu_seconds(p.pid) for p in procs]; sim1 = cpu_seconds(sim.pid); span = time.monotonic() - t0
            results = [json.loads(p.communicate()[0])["verdict"]["result"] for p in procs]
            used = sum(b - a for a, b in zip(cpu0, cpu1) if a is not None and b is not None)
            print(f"{count} live view{'s' if count > 1 else ''} at once: viewers CPU {used / span * 100:.1f} % of one core "
                  f"({used / span * 100 / count:.1f} % each), RSS {max(rss):.1f} MiB ({max(rss) / count:.1f} MiB each), "
                  f"simulator's cameras CPU {(sim1 - sim0) / span * 100:.1f} %; verdicts {results}")
    finally:
        sim.terminate(); sim.wait()
    return 0

if __name__ == "__main__":
    sys.exit(main())
