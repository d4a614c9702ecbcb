#!/usr/bin/env python3
"""Validates the data files: desktop entry, AppStream metainfo, GSettings schema,
MIME type, icons, and the sample corpus with its annotations. TAP output.

usage: test-data-files.py DESKTOP-FILE METAINFO-FILE
  (the built, translated files; the sources come from $ALAMA_DATADIR)
"""

import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

DATADIR = os.environ.get("ALAMA_DATADIR",
                         os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
DESKTOP, METAINFO = sys.argv[1], sys.argv[2]
MIME_TYPE = "application/x-alama-project"

# The default schema (alama_schema_new_default): labels and the labels allowed at
# each end of each relation type.
ENTITY = {"PER", "ORG", "GPE", "LOC", "DATE", "EVENT"}
LABELS = ENTITY | {"QUOTE", "CUE", "CLAIM"}
RELATIONS = {
    "SPEAKER": ({"PER", "ORG", "GPE"}, {"QUOTE"}),
    "CUE_OF": ({"CUE"}, {"QUOTE"}),
    "CLAIMANT": ({"PER", "ORG", "GPE"}, {"CLAIM"}),
    "TARGET": ({"CLAIM"}, {"PER", "ORG", "GPE", "LOC", "EVENT", "DATE"}),
    "AFFILIATION": ({"PER"}, {"ORG", "GPE"}),
}
STANCES = {"asserts", "denies", "accuses", "promises"}

results = []


def case(name):
    def wrap(fn):
        results.append((name, fn))
        return fn
    return wrap


def run_tool(argv):
    proc = subprocess.run(argv, capture_output=True, text=True)
    output = (proc.stdout + proc.stderr).strip()
    assert proc.returncode == 0, f"{' '.join(argv)} exited {proc.returncode}: {output}"
    return output


@case("desktop-file-validate accepts the desktop entry")
def _():
    output = run_tool(["desktop-file-validate", DESKTOP])
    # desktop-file-validate exits 0 on warnings; we want none (hints are fine).
    assert "error" not in output and "warning" not in output, output


@case("appstream-util validate-relax accepts the metainfo")
def _():
    run_tool(["appstream-util", "validate-relax", "--nonet", METAINFO])


@case("glib-compile-schemas --strict accepts the GSettings schema")
def _():
    run_tool(["glib-compile-schemas", "--strict", "--dry-run", DATADIR])


@case("desktop entry, metainfo and MIME file agree on the project MIME type")
def _():
    root = ET.parse(os.path.join(DATADIR, "org.alama.Workbench-mime.xml")).getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    types = root.findall(ns + "mime-type")
    assert [t.get("type") for t in types] == [MIME_TYPE], types
    globs = [g.get("pattern") for g in types[0].findall(ns + "glob")]
    assert globs == ["*.alama"], globs
    with open(DESKTOP, encoding="utf-8") as f:
        keys = dict(line.rstrip("\n").split("=", 1) for line in f
                    if "=" in line and not line.startswith("#"))
    assert MIME_TYPE in keys["MimeType"].split(";"), keys["MimeType"]
    assert keys["Icon"] == "org.alama.Workbench", keys["Icon"]
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("id") == "org.alama.Workbench"
    assert MIME_TYPE in [m.text for m in meta.iter("mediatype")]


@case("icons are SVG; the symbolic one uses fills only so GTK can recolour it")
def _():
    svg = "{http://www.w3.org/2000/svg}"
    for name in ("org.alama.Workbench.svg", "org.alama.Workbench-symbolic.svg"):
        root = ET.parse(os.path.join(DATADIR, name)).getroot()
        assert root.tag == svg + "svg", f"{name}: root is {root.tag}"
        assert root.get("viewBox"), f"{name}: no viewBox"
    root = ET.parse(os.path.join(DATADIR, "org.alama.Workbench-symbolic.svg")).getroot()
    assert root.get("width") == "16" and root.get("height") == "16"
    for el in root.iter():
        assert el.get("stroke") in (None, "none"), f"symbolic icon: stroke on {el.tag}"
        assert el.tag != svg + "text", "symbolic icon: text needs a font"


def load_sample():
    path = os.path.join(DATADIR, "sample", "annotations.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@case("sample: each annotated text is its article file, byte for byte")
def _():
    docs = load_sample()
    articles = sorted(os.listdir(os.path.join(DATADIR, "sample", "articles")))
    assert [d["name"] + ".txt" for d in docs] == articles, (
        [d["name"] for d in docs], articles)
    for doc in docs:
        with open(os.path.join(DATADIR, "sample", "articles", doc["name"] + ".txt"),
                  encoding="utf-8", newline="") as f:
            assert f.read() == doc["text"], f"{doc['name']}: text differs from its article"


@case("sample: spans lie inside the text, use schema labels, claims have a stance")
def _():
    for doc in load_sample():
        text, seen = doc["text"], set()
        for e in doc["entities"]:
            where = f"{doc['name']} span {e['id']}"
            assert e["id"] not in seen, where + ": duplicate id"
            seen.add(e["id"])
            assert 0 <= e["start_offset"] < e["end_offset"] <= len(text), where
            surface = text[e["start_offset"]:e["end_offset"]]
            assert surface == surface.strip(), where + f": {surface!r} has outer spaces"
            assert e["label"] in LABELS, where + ": label " + e["label"]
            if e["label"] == "CLAIM":
                assert e.get("attributes", {}).get("stance") in STANCES, where


@case("sample: relations join existing spans whose labels the schema allows")
def _():
    for doc in load_sample():
        labels = {e["id"]: e["label"] for e in doc["entities"]}
        for r in doc["relations"]:
            where = f"{doc['name']} relation {r['id']} {r['type']}"
            assert r["type"] in RELATIONS, where
            assert r["from_id"] in labels and r["to_id"] in labels, where + ": missing end"
            allowed_from, allowed_to = RELATIONS[r["type"]]
            assert labels[r["from_id"]] in allowed_from, where + ": from " + labels[r["from_id"]]
            assert labels[r["to_id"]] in allowed_to, where + ": to " + labels[r["to_id"]]


@case("sample: the corpus has the Arabic cases the project promises")
def _():
    text = "".join(d["text"] for d in load_sample())
    for mark in ('"', "«", "»", "“", "”", "\u0640", "(أ ف ب)", "(رويترز)",
                 "وبوتين", "ولافروف", "OSCE", "Reuters", "٢٠٢٣", "2023"):
        assert mark in text, f"sample lacks {mark!r}"
    assert any(0x064B <= ord(c) <= 0x065F for c in text), "sample lacks harakat"
    assert any(ord(c) > 0xFFFF for c in text), "sample lacks a non-BMP character (emoji)"


@case("sample: make-annotations.py regenerates annotations.jsonl unchanged")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "annotations.jsonl")
        run_tool([sys.executable, os.path.join(DATADIR, "sample", "make-annotations.py"), out])
        with open(out, encoding="utf-8") as a, \
             open(os.path.join(DATADIR, "sample", "annotations.jsonl"), encoding="utf-8") as b:
            assert a.read() == b.read(), "annotations.jsonl is stale: run make-annotations.py"


def main():
    print(f"1..{len(results)}")
    failed = 0
    for number, (name, fn) in enumerate(results, 1):
        try:
            fn()
            print(f"ok {number} - {name}")
        except Exception as exc:   # a failed check, or a tool that is missing
            failed += 1
            print(f"not ok {number} - {name}")
            for line in str(exc).splitlines() or [repr(exc)]:
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
