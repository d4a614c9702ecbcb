#!/usr/bin/env python3
"""Benchmark corpora in Alama's JSONL, made from the sample articles in
data/sample/annotations.jsonl (original texts with checked annotations).

  gen-corpus.py big  OUT.jsonl [--scale S]   one document of about S MB
      (default 1): the sample texts repeated, with their annotations shifted,
      capped at 10,000*S annotations and 2,000*S relations.
  gen-corpus.py many OUT.jsonl --docs N      N documents, each a sample text
      with its annotations and a line that makes it unique.
  --text-only   leave the annotations out (what the search index sees)
  --marker W    (big) put the word W once, in the middle of the document

Offsets are code points (Python str indexes), as Alama's JSONL wants.
"""

import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "data", "sample", "annotations.jsonl")


def load_sample():
    with open(SAMPLE, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def big(out, scale, text_only=False, marker=None):
    sample = load_sample()
    target_bytes = int(scale * 1_000_000)
    max_spans, max_relations = int(10_000 * scale), int(2_000 * scale)
    parts, entities, relations = [], [], []
    length = size = 0
    copy = 0
    while size < target_bytes:
        for doc in sample:
            block = doc["text"] + "\n\n"
            ids = {}
            for e in doc["entities"]:
                if len(entities) >= max_spans:
                    break
                new_id = len(entities) + 1
                ids[e["id"]] = new_id
                shifted = {"id": new_id, "label": e["label"],
                           "start_offset": e["start_offset"] + length,
                           "end_offset": e["end_offset"] + length}
                if "fragments" in e:
                    shifted["fragments"] = [[s + length, t + length] for s, t in e["fragments"]]
                if "attributes" in e:
                    shifted["attributes"] = e["attributes"]
                entities.append(shifted)
            for r in doc.get("relations", []):
                if len(relations) < max_relations and r["from_id"] in ids and r["to_id"] in ids:
                    relations.append({"id": len(relations) + 1, "type": r["type"],
                                      "from_id": ids[r["from_id"]], "to_id": ids[r["to_id"]]})
            parts.append(block)
            length += len(block)
            size += len(block.encode("utf-8"))
            if size >= target_bytes:
                break
        copy += 1
    if marker:
        # Between two blocks, so no annotation offset moves after it... except
        # those of the blocks behind it: shift them.
        middle = len(parts) // 2
        before = sum(len(p) for p in parts[:middle])
        parts.insert(middle, marker + "\n\n")
        shift = len(marker) + 2
        for e in entities:
            if e["start_offset"] >= before:
                e["start_offset"] += shift
                e["end_offset"] += shift
                if "fragments" in e:
                    e["fragments"] = [[s + shift, t + shift] for s, t in e["fragments"]]
    if text_only:
        entities, relations = [], []
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps({"name": "big", "text": "".join(parts), "entities": entities,
                            "relations": relations}, ensure_ascii=False) + "\n")
    return size, len(entities), len(relations)


def many(out, n_docs, text_only=False):
    sample = load_sample()
    n_spans = 0
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n_docs):
            doc = sample[i % len(sample)]
            line = {"name": "news-%06d" % i, "text": doc["text"] + "\n\nرقم الخبر %d." % i}
            if not text_only:
                line["entities"] = doc["entities"]
                line["relations"] = doc.get("relations", [])
                n_spans += len(doc["entities"])
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return n_docs, n_spans


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["big", "many"])
    parser.add_argument("out")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--text-only", action="store_true",
                        help="leave the annotations out")
    parser.add_argument("--marker", help="big: the word W once, in the middle of the document")
    args = parser.parse_args()
    if args.kind == "big":
        size, n_spans, n_relations = big(args.out, args.scale, args.text_only, args.marker)
        print("%s: 1 document, %.2f MB, %d annotations, %d relations"
              % (args.out, size / 1e6, n_spans, n_relations))
    else:
        n_docs, n_spans = many(args.out, args.docs, args.text_only)
        print("%s: %d documents, %d annotations" % (args.out, n_docs, n_spans))


if __name__ == "__main__":
    main()
