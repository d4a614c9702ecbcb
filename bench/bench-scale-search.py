#!/usr/bin/env python3
"""Search and stats at 100 times the corpus (issue 13), one or more builds
side by side, interleaved case by case so that they share the machine's load.

    python3 bench/bench-scale-search.py before=/tmp/old/build-rel/app/alama \\
        after=build-rel/app/alama [--sizes 1000,10000,100000] [--big 2,20,200] \\
        [--timeout 120] [--runs 3]

Cases (targets in the table):
  - index: documents of the sample texts, text only (gen-corpus.py many
    --text-only). "import s" is `alama import` end to end with each build;
    "index MB/s" is alama_search_update_index() alone (index-in-process.c,
    compiled against each build's static libraries, which empties the index
    first), best of --runs, wall and CPU time, divided into the documents'
    UTF-8 text; "1st search ms" is the
    first `alama search PROJECT الكرملين --limit 200` after `alama import`
    (the old code builds the index there).
  - big: one document of S MB (gen-corpus.py big --text-only --marker),
    imported and indexed ("import s": `alama import`, which ends with the
    index, so it includes the index build), then `alama search ... الكرملين
    --limit 200` (a frequent word) and the marker word (one hit, in the
    middle): median time of --runs and the largest peak RSS of the process
    (wait4), and "extra MB" above the same build's search in a one-sentence
    project.
  - stats: `alama stats PROJECT` on the annotated corpus (gen-corpus.py many),
    and the wall and CPU time of the `alama import` that made the project.
A command that runs past --timeout is killed and reported as "> N s".
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

WORD = "الكرملين"
MARKER = "زمردة"


INDEX_HEADER = ["documents", "text MB", "build", "import s", "index s wall / CPU",
                "index MB/s wall / CPU", "1st search ms", "search ms"]


BIG_HEADER = ["document", "build", "import s", "frequent word, 200 hits ms (runs)",
              "peak RSS MB (+extra)", "one hit (marker) ms (runs)", "peak RSS MB (+extra)"]


class TimedOut(Exception):
    pass


def run(args, env, timeout):
    """(seconds, peak RSS MB, stdout) of one process; TimedOut past timeout."""
    return run_cpu(args, env, timeout)[:3]


def run_cpu(args, env, timeout):
    """run(), and the process's CPU time (user + sys, from wait4) last."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    killed = []

    def kill():
        killed.append(True)
        os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    out, err = b"", b""
    try:
        out = proc.stdout.read()
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    elapsed = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if killed:
        raise TimedOut()
    if proc.returncode != 0:
        sys.exit("%s exited %d: %s" % (" ".join(args), proc.returncode,
                                       err.decode("utf-8", "replace")))
    return (elapsed, usage.ru_maxrss / 1024.0, out.decode("utf-8", "replace"),
            usage.ru_utime + usage.ru_stime)


def gen(kind, out, *flags, **kw):
    """gen-corpus.py KIND OUT with --key value options and bare --flags."""
    args = [sys.executable, os.path.join(bc.HERE, "gen-corpus.py"), kind, out]
    for key, value in kw.items():
        args += ["--" + key, str(value)]
    subprocess.run(args + ["--" + f for f in flags], check=True, stdout=subprocess.DEVNULL)


def text_bytes(jsonl):
    import json
    with open(jsonl, encoding="utf-8") as f:
        return sum(len(json.loads(line)["text"].encode("utf-8")) for line in f if line.strip())


def fmt_s(value, timeout):
    return "> %d s" % timeout if value is None else "%.2f s" % value


def growth(first, last):
    if first is None or last is None or first <= 0:
        return "-"
    return "%.0f×" % (last / first)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("builds", nargs="+", help="NAME=PATH/TO/alama")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--big", default="2,20,200")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="index,big,stats")
    args = parser.parse_args()
    builds = [b.split("=", 1) for b in args.builds]
    sizes = [int(s) for s in args.sizes.split(",")]
    scales = [float(s) for s in args.big.split(",")]
    only = args.only.split(",")
    T = args.timeout
    tmp = tempfile.mkdtemp(prefix="alama-bench-scale-")
    index_rows, big_rows, stats_rows = [], [], []
    try:
        helpers = {name: bc.build_core_helper(exe, os.path.join(bc.HERE, "index-in-process.c"),
                                      os.path.join(tmp, "index-" + name))
                   for name, exe in builds}
        tiny = os.path.join(tmp, "tiny.jsonl")
        with open(tiny, "w", encoding="utf-8") as f:
            f.write('{"name": "t", "text": "قال الكرملين اليوم."}\n')
        base_rss = {}
        for name, exe in builds:
            env = bc.app_env(exe)
            project = os.path.join(tmp, "tiny-%s.alama" % name)
            run([exe, "import", project, tiny], env, T)
            run([exe, "search", project, WORD], env, T)
            base_rss[name] = run([exe, "search", project, WORD], env, T)[1]

        if "index" in only:
            per = {}
            for size in sizes:
                jsonl = os.path.join(tmp, "text-%d.jsonl" % size)
                gen("many", jsonl, "text-only", docs=size)
                mb = text_bytes(jsonl) / 1e6
                projects = {}
                for name, exe in builds:
                    env = bc.app_env(exe)
                    project = os.path.join(tmp, "text-%d-%s.alama" % (size, name))
                    projects[name] = project
                    import_s, _, _ = run([exe, "import", project, jsonl], env, T * 10)
                    try:
                        first = run([exe, "search", project, WORD, "--limit", "200"], env, T)[0]
                    except TimedOut:
                        first = None
                    again = bc.median([run([exe, "search", project, WORD, "--limit", "200"],
                                           env, T)[0] for _ in range(args.runs)])
                    per[(name, size)] = {"import": import_s, "first": first, "again": again,
                                         "wall": [], "cpu": []}
                # The index build alone, best of --runs per build, the builds
                # interleaved run by run: the helper empties the project's index
                # and times alama_search_update_index() (wall and CPU).
                for _ in range(args.runs):
                    for name, exe in builds:
                        if not helpers[name]:
                            continue
                        out = run([helpers[name], projects[name]], bc.app_env(exe), T * 10)[2]
                        per[(name, size)]["wall"].append(
                            float(re.search(r"index-ms: ([\d.]+)", out).group(1)) / 1000)
                        per[(name, size)]["cpu"].append(
                            float(re.search(r"index-cpu-ms: ([\d.]+)", out).group(1)) / 1000)
                for name, exe in builds:
                    os.unlink(projects[name])
                    r = per[(name, size)]
                    wall = min(r["wall"]) if r["wall"] else None
                    cpu = min(r["cpu"]) if r["cpu"] else None
                    r["best"] = cpu
                    index_rows.append((size, "%.1f" % mb, name, "%.2f" % r["import"],
                                       "-" if wall is None else "%.2f / %.2f" % (wall, cpu),
                                       "-" if not wall else "%.1f / %.1f" % (mb / wall, mb / cpu),
                                       "> %d" % T if r["first"] is None
                                       else "%.0f" % (r["first"] * 1000),
                                       "%.0f" % (r["again"] * 1000)))
                    bc.print_table(INDEX_HEADER, index_rows[-1:])
                os.unlink(jsonl)
            for name, _ in builds:
                first, last = per.get((name, sizes[0])), per.get((name, sizes[-1]))
                index_rows.append(("growth (CPU)", "", name, "", growth(
                    first and first["best"], last and last["best"]), "", "", ""))

        if "big" in only:
            per = {}
            for scale in scales:
                jsonl = os.path.join(tmp, "big-%g.jsonl" % scale)
                gen("big", jsonl, "text-only", scale=scale, marker=MARKER)
                for name, exe in builds:
                    env = bc.app_env(exe)
                    project = os.path.join(tmp, "big-%g-%s.alama" % (scale, name))
                    cells = []
                    try:
                        import_s, import_rss, _, import_cpu = run_cpu(
                            [exe, "import", project, jsonl], env, T * 10)
                        run([exe, "search", project, "غيمة"], env, T * 10)   # builds an old index
                        cells = ["%.2f s (CPU %.2f s, %.0f MB)" % (import_s, import_cpu, import_rss)]
                    except TimedOut:
                        cells = ["import/index > %d s" % (T * 10)] * 5
                    for query in ([] if len(cells) > 1 else [[WORD, "--limit", "200"], [MARKER]]):
                        try:
                            runs = [run([exe, "search", project] + query, env, T)
                                    for _ in range(args.runs)]
                            s = bc.median([r[0] for r in runs])
                            rss = max(r[1] for r in runs)
                            cells += ["%.0f ms (%s)" % (s * 1000, "–".join(
                                          "%.0f" % (r[0] * 1000) for r in sorted(runs))),
                                      "%.0f (+%.0f)" % (rss, rss - base_rss[name])]
                            per[(name, scale, query[0])] = s
                        except TimedOut:
                            cells += ["> %d s" % T, "-"]
                    if os.path.exists(project):
                        os.unlink(project)
                    big_rows.append(["%g MB" % scale, name] + cells)
                    bc.print_table(BIG_HEADER, big_rows[-1:])
                os.unlink(jsonl)
            for name, _ in builds:
                big_rows.append(["growth", name, "",
                                 growth(per.get((name, scales[0], WORD)),
                                        per.get((name, scales[-1], WORD))), "",
                                 growth(per.get((name, scales[0], MARKER)),
                                        per.get((name, scales[-1], MARKER))), ""])

        if "stats" in only:
            per = {}
            for size in sizes:
                jsonl = os.path.join(tmp, "annotated-%d.jsonl" % size)
                gen("many", jsonl, docs=size)
                for name, exe in builds:
                    env = bc.app_env(exe)
                    project = os.path.join(tmp, "annotated-%d-%s.alama" % (size, name))
                    import_s, _, _, import_cpu = run_cpu([exe, "import", project, jsonl], env,
                                                         T * 10)
                    times = []
                    for _ in range(args.runs):
                        try:
                            times.append(run([exe, "stats", project], env, T)[0])
                        except TimedOut:
                            times.append(None)
                    ok = [t for t in times if t is not None]
                    value = bc.median(ok) if len(ok) == len(times) else None
                    per[(name, size)] = value
                    os.unlink(project)
                    stats_rows.append((size, name, "> %d s" % T if value is None
                                       else "%.0f ms" % (value * 1000),
                                       "%.2f s (CPU %.2f s)" % (import_s, import_cpu)))
                    bc.print_table(["documents", "build", "alama stats", "its import"],
                                   stats_rows[-1:])
                os.unlink(jsonl)
            for name, _ in builds:
                stats_rows.append(("growth 1×→100×", name,
                                   growth(per.get((name, sizes[0])), per.get((name, sizes[-1]))),
                                   ""))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    if index_rows:
        print("index (text only): target >= 25 MB/s, built by the import; first search <= 50 ms")
        bc.print_table(INDEX_HEADER, index_rows)
        print()
    if big_rows:
        print("a hit inside one big document: target <= 100 ms and <= 100 MB extra")
        bc.print_table(BIG_HEADER, big_rows)
        print()
    if stats_rows:
        print("alama stats (annotated corpus): target <= 100 ms at 100,000 documents")
        bc.print_table(["documents", "build", "alama stats", "its import"], stats_rows)


if __name__ == "__main__":
    main()
