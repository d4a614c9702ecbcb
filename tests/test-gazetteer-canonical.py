#!/usr/bin/env python3
"""The gazetteer's canonical name is a span attribute, never the analyst's note.

`alama autotag --tagger gazetteer` on a text naming بوتين (people.tsv gives the
canonical name فلاديمير بوتين): the suggestion carries the attribute canonical, has
no note, and the exports carry it as an attribute: JSONL in "attributes", brat as a
normalisation line "N1<TAB>Reference T1 Alama:canonical<TAB><TAB>name" (an attribute
value in brat is one token), no AnnotatorNotes line; a brat import reads it back.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import ALAMA, Suite  # noqa: E402

suite = Suite()
CANONICAL = "فلاديمير بوتين"


def run(*args):
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    proc = subprocess.run([ALAMA] + [str(a) for a in args], capture_output=True, env=env,
                          timeout=120)
    if proc.returncode != 0:
        raise AssertionError("alama %s exited %d: %s" % (" ".join(map(str, args)),
                                                         proc.returncode,
                                                         proc.stderr.decode("utf-8", "replace")))
    return proc.stdout.decode("utf-8")


def tagged_project(ws):
    text = ws.write("speech.txt", "وقال بوتين إن المحادثات كانت مفيدة.\n")
    project = ws.path("p.alama")
    run("import", project, text)
    run("autotag", project, "--tagger", "gazetteer")
    return project


@suite.test("JSONL: the canonical name is an attribute and the note is empty")
def jsonl_attribute(ws):
    project = tagged_project(ws)
    doc = json.loads(run("export", project, "--format", "jsonl", "-o", "-", "--status", "all")
                     .splitlines()[0])
    putin = [e for e in doc["entities"] if doc["text"][e["start_offset"]:e["end_offset"]] == "بوتين"]
    assert len(putin) == 1, doc["entities"]
    assert putin[0]["attributes"].get("canonical") == CANONICAL, putin[0]
    assert not putin[0].get("note"), putin[0]


@suite.test("brat: an N line, no AnnotatorNotes, read back on import")
def brat_attribute(ws):
    project = tagged_project(ws)
    out = ws.path("brat")
    run("export", project, "--format", "brat", "-o", out, "--status", "all")
    with open(os.path.join(out, "speech.ann"), encoding="utf-8") as f:
        ann = f.read()
    assert "AnnotatorNotes" not in ann, ann
    assert any(line.split("\t")[1].startswith("Reference T") and
               line.split("\t")[1].endswith(" Alama:canonical") and
               line.split("\t")[-1] == CANONICAL
               for line in ann.splitlines() if line.startswith("N")), ann
    with open(os.path.join(out, "annotation.conf"), encoding="utf-8") as f:
        assert "canonical\t" not in f.read()

    again = ws.path("again.alama")
    run("import", again, out, "--format", "brat", "--add-labels")
    doc = json.loads(run("export", again, "--format", "jsonl", "-o", "-").splitlines()[0])
    assert any(e.get("attributes", {}).get("canonical") == CANONICAL for e in doc["entities"]), doc


sys.exit(suite.main())
