#!/usr/bin/env python3
"""The tagger trained on the project (`alama train`) on ANERcorp: exact-span micro
F1, precision and recall as `alama eval` computes them, training time, tagging
speed, model size, and the learning curve (F1 after 1k, 5k, 20k tokens of the
train part and all of it).

    python3 bench/bench-tagger.py [--build-dir build] [--corpus ../shared/corpus/public]
                                  [--curve 1000,5000,20000,all] [--epochs N] [--seed N]

For each point of the curve: a fresh project gets the first N tokens of
anercorp-train.conll (cut at a sentence end, a `.` token) and all of
anercorp-test.conll (`alama import --add-labels`), `alama train --docs TRAIN`
learns from the train document, `alama eval --tagger model --docs TEST --json`
scores the test document. Training seconds are the CPU time of `alama train`
(user + system, one core; wall time too); tokens/s is the test part's token count
over the wall and the CPU time of the whole `alama eval` process (start, model
load, tagging and scoring), so the tagger alone is faster.
"""

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

TARGETS = "targets: F1 >= 0.72 (aim 0.80), training <= 120 s, >= 20,000 tokens/s, model <= 50 MB"


def cut_conll(src, dest, max_tokens):
    """The first @max_tokens token lines of @src, up to the next sentence end."""
    n = 0
    with open(src, encoding="utf-8") as f, open(dest, "w", encoding="utf-8") as out:
        for line in f:
            out.write(line)
            n += 1
            if max_tokens and n >= max_tokens and line.split(" ")[0] == ".":
                break
    return n


def count_tokens(path):
    with open(path, encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--corpus", default=os.path.join(bc.SOURCE, "..", "shared", "corpus",
                                                         "public"))
    parser.add_argument("--curve", default="1000,5000,20000,all")
    parser.add_argument("--epochs")
    parser.add_argument("--seed")
    args = parser.parse_args()
    alama = bc.find_alama(args.build_dir)
    env = bc.app_env(alama)
    train_src = os.path.join(args.corpus, "anercorp-train.conll")
    test_src = os.path.join(args.corpus, "anercorp-test.conll")
    test_tokens = count_tokens(test_src)
    tmp = tempfile.mkdtemp(prefix="alama-bench-tagger-")
    headers = ["train tokens", "F1", "P", "R", "LOC", "PERS", "ORG", "MISC", "train CPU s",
               "train wall s", "tokens/s wall", "tokens/s CPU", "model MB"]
    rows = []
    try:
        for point in args.curve.split(","):
            limit = 0 if point == "all" else int(point)
            train = os.path.join(tmp, "anercorp-train.conll")
            test = os.path.join(tmp, "anercorp-test.conll")
            n = cut_conll(train_src, train, limit)
            shutil.copyfile(test_src, test)
            project = os.path.join(tmp, "p-%s.alama" % point)
            bc.run_timed([alama, "import", project, "--add-labels", train, test], env=env)
            command = [alama, "train", project, "--docs", "anercorp-train"]
            if args.epochs:
                command += ["--epochs", args.epochs]
            if args.seed:
                command += ["--seed", args.seed]
            wall, usage, _ = bc.run_rusage(command, env=env)
            cpu = usage.ru_utime + usage.ru_stime
            eval_wall, eval_usage, out = bc.run_rusage(
                [alama, "eval", project, "--tagger", "model", "--docs", "anercorp-test", "--json"],
                env=env)
            eval_cpu = eval_usage.ru_utime + eval_usage.ru_stime
            exact = json.loads(out)["exact"]
            overall = exact["overall"]
            per_label = ["%.3f" % exact["per_label"][label]["f1"]
                         if label in exact["per_label"] else "-"
                         for label in ("LOC", "PERS", "ORG", "MISC")]
            db = sqlite3.connect(project)
            size = db.execute("SELECT length(bytes) FROM models WHERE name = 'model'").fetchone()[0]
            db.close()
            rows.append((n, "%.3f" % overall["f1"], "%.3f" % overall["precision"],
                         "%.3f" % overall["recall"], *per_label, "%.1f" % cpu, "%.1f" % wall,
                         "%.0f" % (test_tokens / eval_wall), "%.0f" % (test_tokens / eval_cpu),
                         "%.1f" % (size / 1e6)))
            bc.print_table(headers, rows[-1:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print("alama train / eval --tagger model on ANERcorp (test: %d tokens); load average %s"
          % (test_tokens, " ".join("%.2f" % x for x in os.getloadavg())))
    print(TARGETS)
    bc.print_table(headers, rows)


if __name__ == "__main__":
    main()
