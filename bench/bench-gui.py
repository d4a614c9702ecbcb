#!/usr/bin/env python3
"""Workbench start-up: time to the first frame with a document shown, and peak
memory, for a 1 MB Arabic document with 10,000 annotations and 2,000 relations
(and smaller/larger ones to see how it grows).

    python3 bench/bench-gui.py [--build-dir build] [--runs 5] [--scales 0.01,0.1,1]
                                [--renderer software|gl]

Runs `alama PROJECT --open big --exit-after-first-frame` under its own Xvfb
(the app prints "first-frame-ms: N": from the start of main() to the end of the
first paint with the document in it). Reports the median over --runs and the
peak RSS of the app (wait4). Targets: <= 100 ms and <= 200 MB at scale 1.
"from spawn" is the wall time from starting the process (Popen) to reading that
line: it adds what happens before main() (exec, the dynamic linker loading and
relocating ~75 shared libraries) and the pipe; the app's own figure leaves
those out.
Scroll frame times and create-annotation latency are not measured: the app has
no hook for them yet (see BENCHMARKS.md).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402


def start_xvfb():
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                             "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    display = b""
    while not display.endswith(b"\n"):
        chunk = os.read(read_fd, 16)
        if not chunk:
            sys.exit("Xvfb did not start")
        display += chunk
    os.close(read_fd)
    return xvfb, ":" + display.decode().strip()


HEADERS = ["document", "annotations", "relations", "first frame ms (median)", "range",
           "from spawn ms (median)", "range", "peak RSS MB"]


def run_first_frame(args, env):
    """Runs the app once; returns (first-frame-ms it printed, ms from spawn to
    reading that line, peak RSS MB, CPU ms (user + system) of the whole run)."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    frame = spawn_ms = None
    for line in proc.stdout:
        match = re.search(rb"first-frame-ms: (\d+)", line)
        if match:
            spawn_ms = (time.monotonic() - start) * 1000.0
            frame = int(match.group(1))
            break
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or frame is None:
        sys.exit("%s failed (status %d): %r %r" % (" ".join(args), status, out, err))
    return frame, spawn_ms, usage.ru_maxrss / 1024.0, (usage.ru_utime + usage.ru_stime) * 1000.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="0.01,0.1,1")
    parser.add_argument("--renderer", help="GSK_RENDERER for the app (default: GTK's "
                        "choice; software: cairo and GDK_DEBUG=gl-disable, what the "
                        "Software Rendering preference sets; gl: GTK's GL renderer, "
                        "llvmpipe under Xvfb)")
    args = parser.parse_args()
    alama = bc.find_alama(args.build_dir)
    scales = [float(s) for s in args.scales.split(",")]

    tmp = tempfile.mkdtemp(prefix="alama-bench-gui-")
    xvfb, display = start_xvfb()
    rows = []
    try:
        env = bc.app_env(alama)
        env["DISPLAY"] = display
        if args.renderer == "software":
            env.update(GSK_RENDERER="cairo", GDK_DEBUG="gl-disable")
        elif args.renderer:
            env["GSK_RENDERER"] = args.renderer
        env.pop("WAYLAND_DISPLAY", None)
        for scale in scales:
            jsonl = os.path.join(tmp, "big-%g.jsonl" % scale)
            project = os.path.join(tmp, "big-%g.alama" % scale)
            bc.gen_corpus("big", jsonl, scale=scale)
            bc.import_project(alama, project, jsonl)
            frames, spawns, rss = [], [], []
            for _ in range(args.runs):
                frame, spawn_ms, peak, _ = run_first_frame([alama, project, "--open", "big",
                                                         "--exit-after-first-frame"], env)
                frames.append(frame)
                spawns.append(spawn_ms)
                rss.append(peak)
            rows.append(("%g MB" % scale, int(10_000 * scale), int(2_000 * scale),
                         "%d" % bc.median(frames), "%d-%d" % (min(frames), max(frames)),
                         "%.0f" % bc.median(spawns), "%.0f-%.0f" % (min(spawns), max(spawns)),
                         "%.0f" % max(rss)))
            bc.print_table(HEADERS, rows[-1:] if len(rows) > 1 else rows)
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print("first frame (median of %d runs), target <= 100 ms and <= 200 MB at 1 MB:" % args.runs)
    bc.print_table(HEADERS, rows)


if __name__ == "__main__":
    main()
