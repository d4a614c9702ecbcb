#!/usr/bin/env python3
"""Corpus search: a one-word Arabic query over 1,000 / 10,000 (/ more)
documents made from the sample articles. Target: <= 50 ms at 10,000.

    python3 bench/bench-search.py [--build-dir build] [--sizes 1000,10000] [--runs 5]

Two figures per size:
  - `alama search PROJECT WORD` end to end (process start, opening the project,
    query, printing), median of --runs after a first run that builds the index;
  - the query alone inside one process (search-in-process.c, compiled here
    against the build's static core libraries): the first query after opening
    (checks the index is current) and the median of 5 more, every hit built;
  - a first page of 200 hits plus the document count from the index
    (alama_search_text_page + alama_search_count_documents): what a result
    list shows first; the target applies to this.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

# A frequent word (in a fifth of the documents), a phrase, and a rare token
# (the number of one document): what the hits cost vs what the lookup costs.
QUERIES = ["الكرملين", "وزير الخارجية", "777"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    alama = bc.find_alama(args.build_dir)
    env = bc.app_env(alama)
    tmp = tempfile.mkdtemp(prefix="alama-bench-search-")
    rows = []
    try:
        helper = bc.build_core_helper(alama, os.path.join(bc.HERE, "search-in-process.c"),
                                        os.path.join(tmp, "search-in-process"))
        for size in [int(s) for s in args.sizes.split(",")]:
            jsonl = os.path.join(tmp, "many-%d.jsonl" % size)
            project = os.path.join(tmp, "many-%d.alama" % size)
            bc.gen_corpus("many", jsonl, docs=size)
            import_s, _ = bc.run_timed([alama, "import", project, jsonl], env=env)
            for query in QUERIES:
                index_s, out = bc.run_timed([alama, "search", project, query, "--json"], env=env)
                n_hits = out.count('"document_id"') or out.count('"document"')
                times = [bc.run_timed([alama, "search", project, query, "--json"],
                                      env=env)[0] * 1000 for _ in range(args.runs)]
                first = inner = page = "-"
                if helper:
                    _, out = bc.run_timed([helper, project, query, "5"])
                    first = "%.1f" % float(re.search(r"first-query-ms: ([\d.]+)", out).group(1))
                    inner = "%.1f" % bc.median([float(v) for v in
                                                re.findall(r"^query-ms: ([\d.]+)", out, re.M)])
                    n_hits = int(re.search(r"^hits: (\d+)", out, re.M).group(1))
                    page = "%.1f" % bc.median([float(v) for v in
                                               re.findall(r"^page-ms: ([\d.]+)", out, re.M)])
                    page += " (%s docs)" % re.search(r"^documents: (\d+)", out, re.M).group(1)
                rows.append((size, query, n_hits, "%.1f" % import_s, "%.0f" % (index_s * 1000),
                             "%.0f" % bc.median(times), first, inner, page))
                bc.print_table(["documents", "query", "hits", "import s", "1st CLI ms (index)",
                                "CLI ms (median)", "in-process 1st ms", "in-process ms (all hits)",
                                "page of 200 + count ms"],
                               rows[-1:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print("word/phrase query, target <= 50 ms at 10,000 documents:")
    bc.print_table(["documents", "query", "hits", "import s", "1st CLI ms (index)",
                    "CLI ms (median)", "in-process 1st ms", "in-process ms (all hits)",
                                "page of 200 + count ms"], rows)


if __name__ == "__main__":
    main()
