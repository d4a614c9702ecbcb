#!/usr/bin/env python3
"""Hostile input through the `alama` command line (issue 13, "Nothing lost,
nothing hangs"): every case either imports exactly what the file says or fails
with a message naming the file and the line (or byte), leaving the project
file as it was. Never a crash, never a silent cut.

Runs the built binary (env ALAMA_EXE) in temporary folders and prints TAP.
The inputs are written by the tests themselves (some are too large to keep as
fixtures); project files are read with python's sqlite3.
"""

import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import ALAMA, Suite, Workspace  # noqa: E402


class Test(Workspace):
    prefix = "alama-hostile-"


suite = Suite(Test)


def test(name):
    """Registers a test of the folder it may write in."""
    def wrap(func):
        suite.test(name)(lambda workspace: func(workspace.tmp))
        return func
    return wrap


def run(*args, cwd=None):
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    proc = subprocess.run([ALAMA] + [str(a) for a in args], capture_output=True, env=env,
                          timeout=120, cwd=cwd)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


def check_ok(*args, **kw):
    code, out, err = run(*args, **kw)
    if code != 0:
        raise AssertionError("alama %s exited %d: %s" % (" ".join(map(str, args)), code, err))
    return out, err


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def seeded_project(tmp):
    """A project holding one document, to check that a failed import leaves it alone."""
    p = os.path.join(tmp, "p.alama")
    seed = write(tmp, "seed.jsonl", '{"name": "بذرة", "text": "قال الوزير في بيروت"}\n')
    check_ok("import", p, seed)
    return p


def query(project, sql, *params):
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def assert_refused(project, path, *needles, options=()):
    """`alama import` fails cleanly (exit 1, no signal), the message holds every
    needle, and the project file has not changed."""
    before = file_bytes(project)
    code, out, err = run("import", project, *options, path)
    assert code == 1, (code, err)
    assert "CRITICAL" not in err, err
    for needle in needles:
        assert needle in err, (needle, err)
    assert file_bytes(project) == before
    return err


def deep(levels):
    return "[" * levels + "]" * levels


# ---- 1. nesting ----------------------------------------------------------------

@test("import: a line nesting [ 200,000 deep is refused, not a crash")
def _(tmp):
    p = seeded_project(tmp)
    f = write(tmp, "deep.jsonl",
              '{"text": "سطر سليم"}\n{"text": "نص", "m": %s}\n' % deep(200000))
    assert_refused(p, f, "deep.jsonl: line 2", "nested deeper than 512 levels")


@test("autotag --command: a deep line and a \\u0000 from the model cost their lines only")
def _(tmp):
    p = seeded_project(tmp)
    doc_id = query(p, "SELECT id FROM documents")[0][0]
    out_path = write(tmp, "model-output.jsonl",
                     '{"id": %d, "x": %s}\n' % (doc_id, deep(200000)) +
                     '{"id": %d, "entities": [{"label": "PER", "start_offset": 4, '
                     '"end_offset": 10, "attributes": {"role": "x\\u0000y"}}]}\n' % doc_id +
                     '{"id": %d, "entities": [{"label": "GPE", "start_offset": 14, '
                     '"end_offset": 19}]}\n' % doc_id)
    code, out, err = run("autotag", p, "--command", "cat >/dev/null; cat '%s'" % out_path)
    assert code == 0, (code, err)
    assert "model output line 1: JSON nested deeper than 512 levels" in err, err
    assert "model output line 2: “role” holds U+0000" in err, err
    labels = query(p, "SELECT label FROM spans")
    assert labels == [("GPE",)], labels


# ---- 2. NUL --------------------------------------------------------------------

@test("import: \\u0000 in a text or a name is refused with the line and the field")
def _(tmp):
    p = seeded_project(tmp)
    line = '{"name": "n", "text": "visible\\u0000HIDDEN TAIL"}\n'
    f = write(tmp, "nul.jsonl", line)
    assert_refused(p, f, "nul.jsonl: line 1", "“text” holds U+0000",
                   "byte %d of the file" % line.index("\\u0000"))
    g = write(tmp, "nul-name.jsonl",
              '{"text": "سطر"}\n{"name": "خبر\\u0000مخفي", "text": "نص"}\n')
    assert_refused(p, g, "nul-name.jsonl: line 2", "“name” holds U+0000")


@test("import: an escaped backslash before u0000 is text, not a NUL")
def _(tmp):
    p = os.path.join(tmp, "p.alama")
    f = write(tmp, "path.jsonl", '{"name": "مسار", "text": "C:\\\\u0000\\\\ملف"}\n')
    check_ok("import", p, f)
    assert query(p, "SELECT text FROM documents") == [("C:\\u0000\\ملف",)]


# ---- 3. labels -----------------------------------------------------------------

@test("import --add-labels: a label with a tab is refused; schema --export stays whole")
def _(tmp):
    p = seeded_project(tmp)
    f = write(tmp, "tab.jsonl",
              '{"name": "خبر", "text": "قال بوتين", "label": [[4, 9, "PER\\t"]]}\n')
    assert_refused(p, f, "tab.jsonl: document “خبر”, span line 1, label 1",
                   "label “PER<U+0009>” holds U+0009", options=("--add-labels",))
    exported = os.path.join(tmp, "schema.ini")
    out, err = check_ok("schema", p, "--export", exported)
    assert "CRITICAL" not in err, err


@test("schema --import: a label ending in a no-break space is refused")
def _(tmp):
    p = seeded_project(tmp)
    ini = write(tmp, "s.ini", "[label PER]\n[label ORG\u00a0]\n")
    before = file_bytes(p)
    code, out, err = run("schema", p, "--import", ini)
    assert code == 1, (code, err)
    assert "s.ini: [label ORG\u00a0]: label “ORG<U+00A0>” holds U+00A0" in err, err
    assert file_bytes(p) == before


# ---- 4. line ends --------------------------------------------------------------

@test("import: CoNLL with CR-only line ends reads every token")
def _(tmp):
    p = os.path.join(tmp, "p.alama")
    f = write(tmp, "cr.conll", "قال O\rبوتين B-PER\r\r")
    check_ok("import", p, "--add-labels", f)
    assert query(p, "SELECT text FROM documents") == [("قال بوتين",)]
    assert query(p, "SELECT label FROM spans") == [("PER",)]


@test("import: JSONL with CR-only line ends reads every line")
def _(tmp):
    p = os.path.join(tmp, "p.alama")
    f = write(tmp, "cr.jsonl", '{"name": "أ", "text": "سطر ١"}\r{"name": "ب", "text": "سطر ٢"}\r')
    check_ok("import", p, f)
    assert sorted(query(p, "SELECT name, text FROM documents")) == [("أ", "سطر ١"), ("ب", "سطر ٢")]


# ---- 5. messages ---------------------------------------------------------------

@test("import: an offset of 2^63 is reported as written")
def _(tmp):
    p = seeded_project(tmp)
    f = write(tmp, "big.jsonl",
              '{"name": "n", "text": "قال بوتين", "label": [[4, 9223372036854775808, "PER"]]}\n')
    err = assert_refused(p, f, "big.jsonl: line 1", "9223372036854775808")
    assert "-9223372036854775808" not in err, err


@test("import: a byte-order mark at the start of line 2 is skipped like the file's own")
def _(tmp):
    p = os.path.join(tmp, "p.alama")
    f = write(tmp, "bom.jsonl", b"\xef\xbb\xbf" + '{"name": "أ", "text": "نص ١"}\n'.encode() +
              b"\xef\xbb\xbf" + '{"name": "ب", "text": "نص ٢"}\n'.encode())
    check_ok("import", p, f)
    assert sorted(query(p, "SELECT name, text FROM documents")) == [("أ", "نص ١"), ("ب", "نص ٢")]


@test("import: a lone \\ud800 names the line and the byte of the file")
def _(tmp):
    p = seeded_project(tmp)
    first = '{"text": "سطر أول"}\n'
    second = '{"text": "نص \\ud800 آخر"}\n'
    f = write(tmp, "lone.jsonl", first + second)
    offset = len(first.encode()) + second.encode().index(b"\\ud800")
    assert_refused(p, f, "lone.jsonl: line 2", "\\ud800", "byte %d of the file" % offset)


@test("import: a pretty-printed object says JSONL wants one document per line")
def _(tmp):
    p = seeded_project(tmp)
    f = write(tmp, "pretty.jsonl", json.dumps({"text": "نص"}, ensure_ascii=False, indent=2))
    assert_refused(p, f, "pretty.jsonl: line 1", "JSONL wants one document per line")


@test("import: a pretty-printed doccano export (one JSON array) imports every document")
def _(tmp):
    p = os.path.join(tmp, "p.alama")
    docs = [{"name": "خبر-١", "text": "قال بوتين في موسكو",
             "entities": [{"id": 1, "label": "PER", "start_offset": 4, "end_offset": 9},
                          {"id": 2, "label": "GPE", "start_offset": 13, "end_offset": 18}]},
            {"name": "خبر-٢", "text": "نص ثان", "entities": []}]
    f = write(tmp, "export.json", json.dumps(docs, ensure_ascii=False, indent=2))
    check_ok("import", p, "--add-labels", f)
    assert sorted(query(p, "SELECT name FROM documents")) == [("خبر-١",), ("خبر-٢",)]
    assert sorted(query(p, "SELECT label FROM spans")) == [("GPE",), ("PER",)]
    bad = json.loads(json.dumps(docs))
    bad[1]["entities"] = [{"id": 1, "label": "PER", "start_offset": "x", "end_offset": 2}]
    q = seeded_project(tmp)
    pretty = json.dumps(bad, ensure_ascii=False, indent=2)
    g = write(tmp, "bad-export.json", pretty)
    # The element's "{" is the line before its "name".
    element_line = pretty[:pretty.index('"خبر-٢"')].count("\n")
    assert_refused(q, g, "bad-export.json: array element 2, line %d" % element_line,
                   "“start_offset” and “end_offset” must be integers", options=("--add-labels",))


# ---- 6. CSV --------------------------------------------------------------------

@test("export csv: fullwidth signs and signs after an RLM are neutralised")
def _(tmp):
    p = os.path.join(tmp, "p.alama")
    text = "＋٩٦١ رقم \u200f-الرد ﹦مجموع"
    spans = []
    for surface, label in (("＋٩٦١", "PHONE"), ("\u200f-الرد", "REPLY"), ("﹦مجموع", "SUM")):
        start = text.index(surface)
        spans.append([start, start + len(surface), label])
    f = write(tmp, "csv.jsonl", json.dumps({"name": "هاتف", "text": text, "label": spans},
                                           ensure_ascii=False) + "\n")
    check_ok("import", p, "--add-labels", f)
    check_ok("export", p, "--format", "csv", "-o", os.path.join(tmp, "out.csv"))
    with open(os.path.join(tmp, "out-spans.csv"), encoding="utf-8-sig") as out:
        cells = out.read()
    for surface, _, _ in [(text[s:e], s, e) for s, e, _ in spans]:
        assert ",'" + surface + "," in cells, (surface, cells)


def main():
    return suite.main()


if __name__ == "__main__":
    sys.exit(main())
