#!/usr/bin/env python3
"""Workbench start-up: time to the first frame with a document shown, and peak
memory, for a 1 MB Arabic document with 10,000 annotations and 2,000 relations
(and smaller/larger ones to see how it grows).

    python3 bench/bench-gui.py [--build-dir build] [--runs 5] [--scales 0.01,0.1,1]
                                [--renderer cairo]

Runs `alama PROJECT --open big --exit-after-first-frame` under its own Xvfb
(the app prints "first-frame-ms: N": from process start to the end of the first
paint with the document in it). Reports the median over --runs and the peak RSS
of the app (wait4). Targets: <= 100 ms and <= 200 MB at scale 1.
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="0.01,0.1,1")
    parser.add_argument("--renderer", help="GSK_RENDERER for the app (default: GTK's "
                        "choice, GL on llvmpipe under Xvfb); cairo for the software path")
    args = parser.parse_args()
    alama = bc.find_alama(args.build_dir)
    scales = [float(s) for s in args.scales.split(",")]

    tmp = tempfile.mkdtemp(prefix="alama-bench-gui-")
    xvfb, display = start_xvfb()
    rows = []
    try:
        env = bc.app_env(alama)
        env["DISPLAY"] = display
        if args.renderer:
            env["GSK_RENDERER"] = args.renderer
        env.pop("WAYLAND_DISPLAY", None)
        for scale in scales:
            jsonl = os.path.join(tmp, "big-%g.jsonl" % scale)
            project = os.path.join(tmp, "big-%g.alama" % scale)
            bc.gen_corpus("big", jsonl, scale=scale)
            bc.import_project(alama, project, jsonl)
            frames, rss = [], []
            for _ in range(args.runs):
                _, peak, out = bc.run_rss([alama, project, "--open", "big",
                                           "--exit-after-first-frame"], env=env)
                match = re.search(r"first-frame-ms: (\d+)", out)
                if not match:
                    sys.exit("no first-frame-ms in the output: %r" % out)
                frames.append(int(match.group(1)))
                rss.append(peak)
            rows.append(("%g MB" % scale, int(10_000 * scale), int(2_000 * scale),
                         "%d" % bc.median(frames), "%d-%d" % (min(frames), max(frames)),
                         "%.0f" % max(rss)))
            bc.print_table(["document", "annotations", "relations", "first frame ms (median)",
                            "range", "peak RSS MB"], rows[-1:] if len(rows) > 1 else rows)
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print("first frame (median of %d runs), target <= 100 ms and <= 200 MB at 1 MB:" % args.runs)
    bc.print_table(["document", "annotations", "relations", "first frame ms (median)",
                    "range", "peak RSS MB"], rows)


if __name__ == "__main__":
    main()
