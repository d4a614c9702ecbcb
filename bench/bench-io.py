#!/usr/bin/env python3
"""Import and export speed, peak RSS, and the SQLite bulk-insert limit.

    python3 bench/bench-io.py [--build-dir build] [--sizes 10000] [--txt-files 2000]

For each size N (documents), from the sample articles (bench/gen-corpus.py many:
each document a sample text plus a line that makes it unique):
  - import of a JSONL of N documents without annotations: MB/s of text
    (target >= 50 MB/s at 10,000 documents);
  - the limit: the same texts put into a fresh SQLite file by Python's sqlite3,
    executemany in one transaction (no JSON, no checks): MB/s, and Alama's
    import as a fraction of it;
  - import of the same N documents with their annotations (≈ 34 spans and
    ≈ 12 relations each): time and µs per stored row;
  - import of a folder of --txt-files .txt files (one transaction per file);
  - export of the annotated project in every format (--status all): MB/s of
    output written (JSONL target >= 100 MB/s).
Each run is a fresh `alama` process (process start included) on a fresh
project; peak RSS is that process's, from wait4.
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

IMPORT_TARGET = 50.0    # MB/s of text, 10,000 documents
JSONL_TARGET = 100.0    # MB/s of JSONL written
MB = 1_000_000.0


def load_docs(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_plain_jsonl(docs, path):
    """The documents without annotations: what the text import costs alone."""
    with open(path, "w", encoding="utf-8") as f:
        for i, doc in enumerate(docs):
            f.write(json.dumps({"name": "doc-%06d" % i, "text": doc["text"]},
                               ensure_ascii=False) + "\n")


def write_txt_folder(docs, folder, n):
    os.makedirs(folder)
    for i, doc in enumerate(docs[:n]):
        with open(os.path.join(folder, "doc-%06d.txt" % i), "w", encoding="utf-8") as f:
            f.write(doc["text"])


def sqlite_limit(texts, path):
    """Seconds for Python's sqlite3 to store @texts in one transaction."""
    start = time.monotonic()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE t (name TEXT, text TEXT)")
    with db:
        db.executemany("INSERT INTO t VALUES (?, ?)",
                       (("doc-%06d" % i, t) for i, t in enumerate(texts)))
    db.close()
    return time.monotonic() - start


def output_bytes(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(d, f))
                   for d, _, files in os.walk(path) for f in files)
    total = 0
    base = path[:-4] if path.endswith(".csv") else path
    for candidate in (path, base + "-spans.csv", base + "-relations.csv",
                      base + "-quotes-claims.csv"):
        if os.path.isfile(candidate):
            total += os.path.getsize(candidate)
    return total


def prepare(tmp, size, txt_files):
    """Writes the corpora of @size into @tmp and times the sqlite3 limit; runs
    in a child process (--prepare) so that the documents held here do not count
    in the peak RSS of the alama processes started later (Linux keeps ru_maxrss
    across fork + exec)."""
    annotated = os.path.join(tmp, "annotated-%d.jsonl" % size)
    bc.gen_corpus("many", annotated, docs=size)
    docs = load_docs(annotated)
    write_plain_jsonl(docs, os.path.join(tmp, "plain-%d.jsonl" % size))
    texts = [d["text"] for d in docs]
    n_txt = min(txt_files, size)
    write_txt_folder(docs, os.path.join(tmp, "txt-%d" % size), n_txt)
    return {"text_mb": sum(len(t.encode("utf-8")) for t in texts) / MB,
            "txt_mb": sum(len(t.encode("utf-8")) for t in texts[:n_txt]) / MB,
            "n_txt": n_txt,
            "n_rows": sum(len(d.get("entities", [])) + len(d.get("relations", [])) for d in docs),
            "limit_s": sqlite_limit(texts, os.path.join(tmp, "limit-%d.db" % size))}


def bench_size(alama, env, tmp, size, txt_files, rows):
    annotated = os.path.join(tmp, "annotated-%d.jsonl" % size)
    plain = os.path.join(tmp, "plain-%d.jsonl" % size)
    folder = os.path.join(tmp, "txt-%d" % size)
    info = json.loads(subprocess.run([sys.executable, os.path.abspath(__file__), "--prepare",
                                      tmp, str(size), str(txt_files)],
                                     check=True, capture_output=True, text=True).stdout)
    text_mb, txt_mb, n_txt, n_rows = info["text_mb"], info["txt_mb"], info["n_txt"], info["n_rows"]
    limit_mbs = text_mb / info["limit_s"]

    def project(name):
        return os.path.join(tmp, "%s-%d.alama" % (name, size))

    secs, rss, _ = bc.run_rss([alama, "import", project("plain"), plain], env=env)
    mbs = text_mb / secs
    rows.append((size, "import JSONL, text only", "%.1f MB text" % text_mb, "%.2f s" % secs,
                 "%.0f MB/s" % mbs, "%.0f MB" % rss,
                 "target >= %.0f MB/s; %.0f%% of sqlite3's %.0f MB/s"
                 % (IMPORT_TARGET, 100 * mbs / limit_mbs, limit_mbs)))

    secs, rss, _ = bc.run_rss([alama, "import", project("annotated"), annotated], env=env)
    rows.append((size, "import JSONL, annotated", "%d spans+relations" % n_rows, "%.2f s" % secs,
                 "%.0f MB/s" % (text_mb / secs), "%.0f MB" % rss,
                 "%.1f µs per row" % (secs * 1e6 / max(n_rows, 1))))

    secs, rss, _ = bc.run_rss([alama, "import", project("txt"), folder], env=env)
    rows.append((size, "import %d .txt files" % n_txt, "%.1f MB text" % txt_mb, "%.2f s" % secs,
                 "%.0f MB/s" % (txt_mb / secs), "%.0f MB" % rss,
                 "%.2f ms per file (one transaction each)" % (secs * 1000 / n_txt)))

    for fmt, out in (("jsonl", "out.jsonl"), ("brat", "brat"), ("conll", "out.conll"),
                     ("csv", "out.csv")):
        path = os.path.join(tmp, "export-%d-%s" % (size, out))
        secs, rss, _ = bc.run_rss([alama, "export", project("annotated"), "--format", fmt,
                                   "-o", path, "--status", "all"], env=env)
        out_mb = output_bytes(path) / MB
        note = "target >= %.0f MB/s" % JSONL_TARGET if fmt == "jsonl" else ""
        rows.append((size, "export %s" % fmt, "%.1f MB written" % out_mb, "%.2f s" % secs,
                     "%.0f MB/s" % (out_mb / secs), "%.0f MB" % rss, note))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--prepare":
        print(json.dumps(prepare(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--sizes", default="10000", help="documents, comma-separated")
    parser.add_argument("--txt-files", type=int, default=2000,
                        help="at most this many .txt files per size")
    args = parser.parse_args()
    alama = bc.find_alama(args.build_dir)
    env = bc.app_env(alama)
    tmp = tempfile.mkdtemp(prefix="alama-bench-io-")
    rows = []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            bench_size(alama, env, tmp, size, args.txt_files, rows)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    bc.print_table(["documents", "run", "size", "time", "speed", "peak RSS", "note"], rows)


if __name__ == "__main__":
    main()
