#!/usr/bin/env python3
"""Automatic tagging speed: `alama autotag PROJECT [--tagger T]` over N
documents made from the sample articles (about 1,000 characters each, with
their manual annotations), in documents per second.

    python3 bench/bench-tag.py [--build-dir build] [--sizes 10,100,1000]
                               [--taggers all,gazetteer,quotes,claims]

Each run starts from a freshly imported project (a second run would find its
suggestions already there and store nothing), so the time includes storing the
suggestions: one change per document.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--taggers", default="all,gazetteer,quotes,claims")
    args = parser.parse_args()
    alama = bc.find_alama(args.build_dir)
    env = bc.app_env(alama)
    tmp = tempfile.mkdtemp(prefix="alama-bench-tag-")
    rows = []
    headers = ["documents", "tagger", "seconds", "documents/s", "suggestions", "peak RSS MB"]
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            jsonl = os.path.join(tmp, "many-%d.jsonl" % size)
            bc.gen_corpus("many", jsonl, docs=size)
            pristine = os.path.join(tmp, "pristine-%d.alama" % size)
            bc.import_project(alama, pristine, jsonl)
            for tagger in args.taggers.split(","):
                project = os.path.join(tmp, "tag.alama")
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(project + suffix):
                        os.unlink(project + suffix)
                shutil.copyfile(pristine, project)
                seconds, rss, _ = bc.run_rss([alama, "autotag", project, "--tagger", tagger],
                                             env=env)
                _, out = bc.run_timed([alama, "stats", project, "--json"], env=env)
                pending = json.loads(out)["spans_by_status"]["pending"]
                rows.append((size, tagger, "%.2f" % seconds, "%.0f" % (size / seconds),
                             pending, "%.0f" % rss))
                bc.print_table(headers, rows[-1:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print("alama autotag (process start included):")
    bc.print_table(headers, rows)


if __name__ == "__main__":
    main()
