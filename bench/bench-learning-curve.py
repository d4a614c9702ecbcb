#!/usr/bin/env python3
"""The workbench's learning as the analyst works, simulated on ANERcorp: the
gold of the train part is replayed in batches as if accepted, the model is
retrained after each batch, and F1 on the test part is reported against the
number of accepted spans.

    python3 bench/bench-learning-curve.py [--build-dir build] [--corpus ../shared/corpus/public]
                                          [--batches 250,500,1000,2000,5000,all]
                                          [--doc-tokens 1000]

anercorp-train.conll is cut into documents of about --doc-tokens tokens (at a
sentence end, a `.` token), as an analyst reviews one article after another.
A project holds all of anercorp-test.conll. Accepting a batch is reviewing
whole documents in order until the batch's number of spans is reached, every
gold span of them accepted: `alama` has no headless command to accept a
suggestion (and does not import the same text twice), so a reviewed document
comes in by `alama import` of its gold, as accepted annotations. Then `alama
train --docs` the reviewed documents and `alama eval --tagger model --docs
anercorp-test --json` scores the test part (exact-span micro F1). Whole
documents, because training takes a document's unmarked words as not
entities: half a document reviewed would teach that its other names are none.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402


def cut_documents(src, max_tokens):
    """Lists of lines of @src, each ending at the first sentence end after
    @max_tokens token lines."""
    documents, current, n = [], [], 0
    with open(src, encoding="utf-8") as f:
        for line in f:
            current.append(line)
            if line.strip():
                n += 1
            if n >= max_tokens and line.split(" ")[0] == ".":
                documents.append(current)
                current, n = [], 0
    if current:
        documents.append(current)
    return documents


def count_spans(lines):
    return sum(1 for line in lines if line.rstrip("\n").split(" ")[-1].startswith("B-"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--corpus", default=os.path.join(bc.SOURCE, "..", "shared", "corpus",
                                                         "public"))
    parser.add_argument("--batches", default="250,500,1000,2000,5000,all")
    parser.add_argument("--doc-tokens", type=int, default=1000)
    args = parser.parse_args()
    alama = bc.find_alama(args.build_dir)
    env = bc.app_env(alama)
    documents = cut_documents(os.path.join(args.corpus, "anercorp-train.conll"),
                              args.doc_tokens)
    tmp = tempfile.mkdtemp(prefix="alama-bench-curve-")
    project = os.path.join(tmp, "curve.alama")
    headers = ["accepted spans", "documents", "train tokens", "F1", "P", "R", "LOC", "PERS",
               "ORG", "MISC", "train CPU s"]
    rows = []
    try:
        names = []
        for i, _ in enumerate(documents):
            names.append("train-%03d" % i)
        test = os.path.join(tmp, "anercorp-test.conll")
        shutil.copyfile(os.path.join(args.corpus, "anercorp-test.conll"), test)
        bc.run_timed([alama, "import", project, "--add-labels", test], env=env)

        accepted, reviewed, tokens = 0, 0, 0
        for batch in args.batches.split(","):
            target = sum(count_spans(d) for d in documents) if batch == "all" else int(batch)
            newly = []
            while reviewed < len(documents) and accepted < target:
                path = os.path.join(tmp, names[reviewed] + ".conll")
                with open(path, "w", encoding="utf-8") as out:
                    out.writelines(documents[reviewed])
                newly.append(path)
                accepted += count_spans(documents[reviewed])
                tokens += sum(1 for line in documents[reviewed] if line.strip())
                reviewed += 1
            if newly:
                bc.run_timed([alama, "import", project] + newly, env=env)
            _, usage, _ = bc.run_rusage(
                [alama, "train", project, "--docs"] +
                names[:reviewed], env=env)
            _, _, out = bc.run_rusage(
                [alama, "eval", project, "--tagger", "model", "--docs", "anercorp-test",
                 "--json"], env=env)
            exact = json.loads(out)["exact"]
            overall, per_label = exact["overall"], exact["per_label"]
            rows.append((accepted, reviewed, tokens, "%.3f" % overall["f1"],
                         "%.3f" % overall["precision"], "%.3f" % overall["recall"]) +
                        tuple("%.3f" % per_label.get(label, {}).get("f1", 0)
                              for label in ("LOC", "PERS", "ORG", "MISC")) +
                        ("%.1f" % (usage.ru_utime + usage.ru_stime),))
            bc.print_table(headers, rows[-1:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print("ANERcorp train gold accepted in batches of whole documents (%d documents of about "
          "%d tokens), retrained and scored on the test part; load average %s"
          % (len(documents), args.doc_tokens, " ".join("%.2f" % x for x in os.getloadavg())))
    bc.print_table(headers, rows)


if __name__ == "__main__":
    main()
