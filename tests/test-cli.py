#!/usr/bin/env python3
"""End-to-end tests of the `alama` command line: import, stats, export, errors.

Runs the built binary (env ALAMA_EXE) in temporary folders and prints TAP.
Fixtures come from tests/fixtures (env G_TEST_SRCDIR, else this file's folder).
Project files are read with python's sqlite3 to compare annotations.
"""

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import ALAMA, Suite, Workspace  # noqa: E402
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(SRCDIR, "fixtures")



def fixture(*parts):
    return os.path.join(FIXTURES, *parts)


def run(*args, env=None, cwd=None):
    full_env = dict(os.environ)
    full_env.setdefault("LC_ALL", "C.UTF-8")
    if env:
        full_env.update(env)
    proc = subprocess.run([ALAMA] + [str(a) for a in args], capture_output=True,
                          env=full_env, timeout=120, cwd=cwd)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


def check_ok(*args, **kw):
    code, out, err = run(*args, **kw)
    if code != 0:
        raise AssertionError("alama %s exited %d: %s" % (" ".join(map(str, args)), code, err))
    return out


def stats(project):
    return json.loads(check_ok("stats", project, "--json"))


def annotations(project):
    """{document name: sorted [(label, fragments, status)]} and relations."""
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    spans = {}
    for doc, span_id, label, status in db.execute(
            "SELECT d.name, s.id, s.label, s.status FROM spans s "
            "JOIN documents d ON d.id = s.document_id"):
        frags = tuple(db.execute(
            'SELECT start, "end" FROM span_fragments WHERE span_id = ? ORDER BY start',
            (span_id,)).fetchall())
        spans.setdefault(doc, []).append((label, frags, status))
    rels = {}
    for doc, rtype, fl, fs, tl, ts in db.execute(
            "SELECT d.name, r.type, a.label, "
            "(SELECT min(start) FROM span_fragments WHERE span_id = a.id), "
            "b.label, (SELECT min(start) FROM span_fragments WHERE span_id = b.id) "
            "FROM relations r JOIN documents d ON d.id = r.document_id "
            "JOIN spans a ON a.id = r.from_span JOIN spans b ON b.id = r.to_span"):
        rels.setdefault(doc, []).append((rtype, fl, fs, tl, ts))
    texts = dict(db.execute("SELECT name, text FROM documents").fetchall())
    db.close()
    return ({k: sorted(v) for k, v in spans.items()},
            {k: sorted(v) for k, v in rels.items()}, texts)


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class Test(Workspace):
    prefix = "alama-cli-"


suite = Suite(Test)
test = suite.test


def full_project(t):
    """A project with every kind of input imported."""
    p = t.path("all.alama")
    check_ok("import", p, fixture("cli", "txt"))
    check_ok("import", p, fixture("cli", "news.jsonl"))
    check_ok("import", p, fixture("cli", "brat", "zaatari-visit.ann"))
    check_ok("import", p, "--add-labels", fixture("conll", "news-iob2.conll"))
    check_ok("import", p, "--add-labels", fixture("conll", "nested.conll"))
    return p


# ---- imports and stats -------------------------------------------------------

@test("import every format and count with stats --json")
def _(t):
    p = full_project(t)
    s = stats(p)
    # 2 txt + 2 jsonl + 1 brat + 2 conll documents
    assert s["documents"] == 7, s
    # jsonl 5 + 2, brat 4, news-iob2 6, nested 8
    assert s["spans"] == 25, s
    assert s["relations"] == 3, s
    assert s["spans_by_label"]["PERS"]["accepted"] == 1, s
    assert s["spans_by_label"]["GPE"]["accepted"] == 1 + 1 + 1 + 4, s
    assert s["spans_by_label"]["OCC"]["accepted"] == 1, s
    assert s["relations_by_type"]["SPEAKER"]["accepted"] == 1, s
    assert s["documents_with_annotations"] == 5, s
    assert "manual" in s["by_source"], s


@test("stats prints a table")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, fixture("cli", "news.jsonl"))
    out = check_ok("stats", p)
    assert out.startswith("Documents"), out
    assert "QUOTE" in out and "SPEAKER" in out, out


@test("import as suggestions shows pending in stats")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, "--suggestions", "--source", "ner-x", "--add-labels",
             fixture("conll", "news-iob2.conll"))
    s = stats(p)
    assert s["spans_by_status"]["pending"] == 6, s
    assert s["by_source"].get("ner-x") == 6, s


# ---- exports and round trips -------------------------------------------------

@test("export jsonl and re-import gives the same annotations")
def _(t):
    p = full_project(t)
    out = t.path("out.jsonl")
    check_ok("export", p, "--format", "jsonl", "-o", out, "--status", "all")
    q = t.path("again.alama")
    check_ok("import", q, "--add-labels", out)
    a_spans, a_rels, a_texts = annotations(p)
    b_spans, b_rels, b_texts = annotations(q)
    assert sorted(a_texts.values()) == sorted(b_texts.values())
    by_text_a = {a_texts[k]: v for k, v in a_spans.items()}
    by_text_b = {b_texts[k]: v for k, v in b_spans.items()}
    assert by_text_a == by_text_b, (by_text_a, by_text_b)
    assert sorted(sum(a_rels.values(), [])) == sorted(sum(b_rels.values(), []))


@test("export -o - writes every one-file format to standard output, byte for byte the file's")
def _(t):
    p = full_project(t)
    for fmt, suffix in (("jsonl", "jsonl"), ("conll", "conll"), ("prodigy", "jsonl"),
                        ("labelstudio", "json")):
        out = t.path("out." + suffix)
        check_ok("export", p, "--format", fmt, "-o", out, "--status", "all")
        code, stdout, stderr = run("export", p, "--format", fmt, "-o", "-", "--status", "all",
                                   cwd=t.tmp)
        assert code == 0, (code, stderr)
        assert stdout == file_bytes(out).decode("utf-8"), fmt
        assert "standard output" in stderr, stderr
        assert not os.path.exists(os.path.join(t.tmp, "-")), "a file named - was written"
    code, stdout, stderr = run("export", p, "--format", "brat", "-o", "-", cwd=t.tmp)
    assert code == 2 and "webanno" in stderr and stdout == "", (code, stdout, stderr)
    # WebAnno TSV is one document a file: one on standard output, else refused.
    code, stdout, stderr = run("export", p, "--format", "webanno", "-o", "-", cwd=t.tmp)
    assert code == 1 and "--docs" in stderr and stdout == "", (code, stdout, stderr)
    name = sorted(annotations(p)[2])[0]
    out = t.path("one.tsv")
    check_ok("export", p, "--format", "webanno", "-o", out, "--docs", name)
    code, stdout, stderr = run("export", p, "--format", "webanno", "-o", "-", "--docs", name,
                               cwd=t.tmp)
    assert code == 0, (code, stderr)
    assert stdout.startswith("#FORMAT=WebAnno TSV") and stdout == file_bytes(out).decode("utf-8")


@test("export brat and re-import gives the same annotations")
def _(t):
    p = full_project(t)
    out = t.path("brat-out")
    check_ok("export", p, "--format", "brat", "-o", out)
    q = t.path("again.alama")
    check_ok("import", q, "--add-labels", out)
    a_spans, a_rels, a_texts = annotations(p)
    b_spans, b_rels, b_texts = annotations(q)
    by_text_a = {a_texts[k]: v for k, v in a_spans.items()}
    by_text_b = {b_texts[k]: v for k, v in b_spans.items()}
    assert by_text_a == by_text_b, (by_text_a, by_text_b)
    assert sorted(sum(a_rels.values(), [])) == sorted(sum(b_rels.values(), []))


def conll_round_trip(t, name, *extra):
    p = t.path("c.alama")
    check_ok("import", p, "--add-labels", fixture("conll", name))
    out = t.path("out.conll")
    check_ok("export", p, "--format", "conll", "-o", out, *extra)
    got, want = file_bytes(out), file_bytes(fixture("conll", name))
    assert got == want, "%s differs:\n%r\n---\n%r" % (name, got[:400], want[:400])


@test("conll export(import(F)) == F: empty token, untagged token, $#$")
def _(t):
    conll_round_trip(t, "news-iob2.conll")


@test("conll export(import(F)) == F: nested columns with --nested")
def _(t):
    conll_round_trip(t, "nested.conll", "--nested")


@test("conll export(import(F)) == F: -DOCSTART-, BOM, CRLF, tabs")
def _(t):
    conll_round_trip(t, "docstart-crlf.conll")


@test("conll export of other documents and --docs")
def _(t):
    p = full_project(t)
    out = t.path("out.conll")
    check_ok("export", p, "--format", "conll", "-o", out, "--docs", "zaatari-visit", "cairo-bread")
    text = file_bytes(out).decode("utf-8")
    assert text.count("-DOCSTART- O") == 2, text
    assert "غوتيريش I-PER" in text and "أنطونيو B-PER" in text, text
    assert "القاهرة B-GPE" in text, text


@test("csv export: three files, BOM, CRLF, formulas neutralised")
def _(t):
    p = full_project(t)
    out = t.path("x.csv")
    check_ok("export", p, "--format", "csv", "-o", out)
    spans = file_bytes(t.path("x-spans.csv")).decode("utf-8")
    quotes = file_bytes(t.path("x-quotes-claims.csv")).decode("utf-8")
    rels = file_bytes(t.path("x-relations.csv")).decode("utf-8")
    for content in (spans, quotes, rels):
        assert content.startswith("\ufeffdocument,"), content[:50]
        assert content.endswith("\r\n")
        assert "\n" not in content.replace("\r\n", ""), "a bare LF line end"
    # The span text "=تحذير" and the note "-مصدر: ..." must not start a cell as is.
    assert ",'=تحذير," in spans, spans
    assert ",'-مصدر: وكالة الأنباء," in spans, spans
    assert ",=" not in spans and ",-" not in spans
    assert "quote" in quotes and "محمد بن عبد الرحمن" in quotes, quotes


@test("export usage errors exit 2, --help exits 0")
def _(t):
    p = full_project(t)
    code, out, err = run("export", p, "--format", "xml", "-o", t.path("o"))
    assert code == 2 and "Usage" in err, (code, err)
    code, out, err = run("export", p, "--format", "jsonl")
    assert code == 2, (code, err)
    code, out, err = run("export", "--help")
    assert code == 0 and "--format" in out, (code, out)
    code, out, err = run("export", p, "--format", "jsonl", "-o", t.path("o"), "--docs", "لا يوجد")
    assert code == 1 and "لا يوجد" in err, (code, err)
    code, out, err = run("stats")
    assert code == 2, (code, err)


# ---- bad inputs: non-zero exit, a clear message, the project unchanged --------

BASE = "قال المتحدث باسم الجيش إن الهدوء عاد.\n"


def bad_input(t, files, needles, *extra):
    p = t.path("p.alama")
    check_ok("import", p, fixture("cli", "news.jsonl"))
    before = file_bytes(p)
    paths = [t.write(name, data) for name, data in files]
    code, out, err = run("import", p, *extra, paths[-1])
    assert code != 0, "exit 0 for %s: %s" % (files[-1][0], out)
    for needle in needles:
        assert needle in err, "%r not in %r" % (needle, err)
    assert file_bytes(p) == before, "project changed"


@test("bad input: invalid UTF-8 names the byte offset")
def _(t):
    data = "أعلن O\n".encode("utf-8") + b"\xd9 B-LOC\n"
    bad_input(t, [("bad.conll", data)], ["bad.conll", "byte 11"])


@test("bad input: brat span beyond the text")
def _(t):
    bad_input(t, [("b/r.txt", BASE), ("b/r.ann", "T1\tORG 20 400\tالجيش\n")],
              ["r.ann", "T1"])


@test("bad input: brat surface text mismatch")
def _(t):
    bad_input(t, [("b/r.txt", BASE), ("b/r.ann", "T1\tORG 18 23\tالشرطة\n")],
              ["r.ann", "T1"])


@test("bad input: malformed JSONL line")
def _(t):
    good = json.dumps({"text": BASE, "entities": []}, ensure_ascii=False)
    bad_input(t, [("bad.jsonl", good + "\n{\"text\": \"بلا نهاية\n")], ["bad.jsonl", "line 2"])


@test("bad input: start >= end")
def _(t):
    line = json.dumps({"text": BASE, "entities": [
        {"id": 1, "label": "ORG", "start_offset": 23, "end_offset": 18}]}, ensure_ascii=False)
    bad_input(t, [("rev.jsonl", line + "\n")], ["rev.jsonl", "line 1"])


@test("bad input: unknown label without --add-labels")
def _(t):
    bad_input(t, [("lab.conll", "زار O\nالرئيس O\nمدينة B-CITY\n")], ["lab.conll", "CITY", "line 3"])


@test("bad input: relation to a missing annotation")
def _(t):
    bad_input(t, [("b/m.txt", BASE), ("b/m.ann", "T1\tORG 18 23\tالجيش\nR1\tAFFILIATION Arg1:T1 Arg2:T9\n")],
              ["m.ann", "T9"])


@test("bad input: malformed CoNLL tag names the line")
def _(t):
    bad_input(t, [("tag.conll", "قال O\nالرئيس X-PER\n")], ["tag.conll:2:", "X-PER"])


@test("not a project: a text file and a foreign SQLite file")
def _(t):
    txt = t.write("notes.alama", "هذه ملاحظات وليست مشروعا\n")
    before = file_bytes(txt)
    code, out, err = run("stats", txt)
    assert code == 1 and "notes.alama" in err, (code, err)
    assert file_bytes(txt) == before
    foreign = t.path("other.alama")
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    before = file_bytes(foreign)
    code, out, err = run("import", foreign, fixture("cli", "news.jsonl"))
    assert code == 1 and "other.alama" in err, (code, err)
    assert file_bytes(foreign) == before
    code, out, err = run("export", foreign, "--format", "jsonl", "-o", t.path("o.jsonl"))
    assert code == 1 and "other.alama" in err, (code, err)


@test("read-only project: import fails, file unchanged, export still works")
def _(t):
    p = t.path("ro.alama")
    check_ok("import", p, fixture("cli", "news.jsonl"))
    os.chmod(p, 0o444)
    before = file_bytes(p)
    code, out, err = run("import", p, fixture("cli", "txt"))
    assert code == 1 and "ro.alama" in err, (code, err)
    assert file_bytes(p) == before
    check_ok("export", p, "--format", "jsonl", "-o", t.path("o.jsonl"))
    check_ok("stats", p)


def make_version_8(p):
    """Takes project @p back to what version 8 wrote
    (tests/fixtures/store/back-to-version-8.sql)."""
    db = sqlite3.connect(p, isolation_level=None)
    with open(fixture("store", "back-to-version-8.sql"), encoding="utf-8") as f:
        db.executescript(f.read())
    db.close()


def user_version(p):
    db = sqlite3.connect("file:%s?mode=ro" % p, uri=True)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


@test("a project of an older version: reading commands upgrade it, or say how when it is read-only")
def _(t):
    p = t.path("old.alama")
    check_ok("import", p, fixture("cli", "news.jsonl"))
    current = user_version(p)
    expected = stats(p)
    make_version_8(p)
    assert user_version(p) == 8
    # Writable: stats upgrades the file and counts as before.
    assert stats(p) == expected
    assert user_version(p) == current
    for command in (["export", p, "--format", "jsonl", "-o", t.path("o.jsonl")],
                    ["search", p, "القدس"], ["schema", p, "--export", t.path("s.json")]):
        make_version_8(p)
        check_ok(*command)
        assert user_version(p) == current, command
    # In a read-only folder it cannot be upgraded: the message says what to do.
    make_version_8(p)
    ro = t.path("ro")
    os.mkdir(ro)
    q = os.path.join(ro, "old.alama")
    shutil.copy(p, q)
    os.chmod(q, 0o444)
    os.chmod(ro, 0o555)
    try:
        before = file_bytes(q)
        code, out, err = run("stats", q)
        assert code == 1 and "old.alama" in err and "upgrade" in err, (code, err)
        assert file_bytes(q) == before
    finally:
        os.chmod(ro, 0o755)


@test("project locked by another writer: import fails quickly")
def _(t):
    p = t.path("locked.alama")
    check_ok("import", p, fixture("cli", "news.jsonl"))
    holder = sqlite3.connect(p, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        before = file_bytes(p)
        code, out, err = run("import", p, fixture("cli", "txt"),
                             env={"ALAMA_BUSY_TIMEOUT_MS": "200"})
        assert code == 1, (code, err)
        assert "locked.alama" in err and "lock" in err.lower(), err
        assert file_bytes(p) == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# ---- Prodigy and offset units --------------------------------------------------

@test("--offsets utf16: refused without it (naming it), read with it, written back with it")
def _(t):
    src = fixture("jsonl", "utf16-astral.jsonl")
    bad_input(t, [("utf16-astral.jsonl", open(src, encoding="utf-8").read())],
              ["utf16-astral.jsonl", "line 1", "--offsets utf16"])
    p = t.path("u.alama")
    check_ok("import", p, "--add-labels", "--offsets", "utf16", src)
    out = t.path("back.jsonl")
    check_ok("export", p, "--format", "jsonl", "--offsets", "utf16", "-o", out)
    want = json.loads(open(src, encoding="utf-8").readline())
    got = json.loads(open(out, encoding="utf-8").readline())
    pairs = lambda d: sorted((e["label"], e["start_offset"], e["end_offset"])
                             for e in d["entities"])
    assert pairs(got) == pairs(want), (got, want)
    code, _out, err = run("export", p, "--format", "csv", "--offsets", "utf16", "-o",
                          t.path("x.csv"))
    assert code == 2 and "--offsets" in err, (code, err)
    code, _out, err = run("import", p, "--offsets", "bytes", src)
    assert code == 2 and "bytes" in err, (code, err)


@test("Prodigy: answers honoured, one document per text, --format prodigy round trip")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, "--add-labels", fixture("jsonl", "prodigy-answers.jsonl"))
    first = annotations(p)[0]
    assert len(first) == 2, first
    statuses = sorted(status for spans in first.values() for (_l, _f, status) in spans)
    assert statuses == ["accepted", "rejected", "rejected"], statuses
    out = t.path("tasks.jsonl")
    check_ok("export", p, "--format", "prodigy", "--status", "all", "-o", out)
    tasks = [json.loads(line) for line in open(out, encoding="utf-8")]
    for task in tasks:
        assert task["answer"] in ("accept", "reject"), task
        for span in task["spans"]:
            assert task["text"][span["start"]:span["end"]] == span["text"], span
            assert task["tokens"][span["token_start"]]["start"] == span["start"], span
            assert task["tokens"][span["token_end"]]["end"] == span["end"], span
    q = t.path("q.alama")
    check_ok("import", q, "--add-labels", out)
    assert annotations(q)[0] == first, (annotations(q)[0], first)
    text = check_ok("export", p, "--format", "prodigy", "-o", "-")
    assert all(json.loads(line)["answer"] == "accept" for line in text.splitlines()), text


# ---- Label Studio -------------------------------------------------------------

def ls_spans(project):
    """[(document, label, start, end, status, source, annotator)] sorted."""
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    rows = db.execute(
        "SELECT d.name, s.label, min(f.start), max(f.\"end\"), s.status, s.source, "
        "s.annotator FROM spans s JOIN documents d ON d.id = s.document_id "
        "JOIN span_fragments f ON f.span_id = s.id GROUP BY s.id").fetchall()
    db.close()
    return sorted(rows)


def ls_relations(project):
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    rows = db.execute(
        "SELECT r.type, r.status, a.label, a.ext_id IS NOT NULL, "
        "(SELECT min(start) FROM span_fragments WHERE span_id = a.id), b.label, "
        "(SELECT min(start) FROM span_fragments WHERE span_id = b.id) "
        "FROM relations r JOIN spans a ON a.id = r.from_span "
        "JOIN spans b ON b.id = r.to_span").fetchall()
    db.close()
    return sorted((t, st, fl, fs, tl, ts) for t, st, fl, _, fs, tl, ts in rows)


def ls_check_exported_texts(path):
    with open(path, encoding="utf-8") as f:
        tasks = json.load(f)
    n = 0
    for task in tasks:
        text = task["data"]["text"]
        for group in task["annotations"] + task["predictions"]:
            for item in group["result"]:
                if item["type"] == "labels":
                    value = item["value"]
                    assert text[value["start"]:value["end"]] == value["text"], item
                    n += 1
    return tasks, n


@test("labelstudio: a real NER task list (Label Studio's docs): predictions by model")
def _(t):
    p = t.path("p.alama")
    out = check_ok("import", p, "--add-labels",
                   fixture("labelstudio", "ls-docs-ner-predictions.json"))
    assert "9 annotations" in out, out
    spans = ls_spans(p)
    with open(fixture("labelstudio", "ls-docs-ner-predictions.json"), encoding="utf-8") as f:
        task = json.load(f)[0]
    want = sorted(("ls-docs-ner-predictions-0", r["value"]["labels"][0], r["value"]["start"],
                   r["value"]["end"], "pending", pred["model_version"], spans[0][6])
                  for pred in task["predictions"] for r in pred["result"])
    assert spans == want, (spans, want)


@test("labelstudio: a real task list with document-level choices imports its texts")
def _(t):
    p = t.path("p.alama")
    out = check_ok("import", p,
                   fixture("labelstudio", "ls-tests-tasks-annotations-predictions.json"))
    # the task's choice and the prediction's choice are said to be left out
    assert "2 results" in out and "left out" in out, out
    _, _, texts = annotations(p)
    assert sorted(texts.values()) == ["Test example phrase 1", "opop"], texts
    assert ls_spans(p) == []


@test("labelstudio: detected by content; UTF-16 offsets read and said; annotators apart")
def _(t):
    p = t.path("p.alama")
    out = check_ok("import", p, "--add-labels", fixture("labelstudio", "arabic-utf16.json"))
    assert "UTF-16" in out, out
    with open(fixture("labelstudio", "arabic-utf16.json"), encoding="utf-8") as f:
        text = json.load(f)[0]["data"]["text"]
    spans = ls_spans(p)
    by_annotator = {}
    for doc, label, start, end, status, source, annotator in spans:
        by_annotator.setdefault((status, source, annotator), []).append(text[start:end])
    assert sorted(by_annotator[("accepted", "manual", "huda@example.org")]) == \
        sorted(["سامح شكري", "عمّان", "«بنّاءة»"]), by_annotator
    assert sorted(by_annotator[("accepted", "manual", "5")]) == ["الأردن", "سامح شكري"]
    pending = [k for k in by_annotator if k[0] == "pending"]
    assert [k[1] for k in pending] == ["ner-ar-v2"], by_annotator
    # the cancelled annotation is not there
    assert "6" not in {k[2] for k in by_annotator}, by_annotator
    rels = ls_relations(p)
    assert ("SPEAKER", "accepted", "QUOTE", text.index("«"), "PER", text.index("سامح")) \
        in rels, rels
    db = sqlite3.connect(p)
    attrs = dict(db.execute("SELECT label, attributes FROM spans WHERE annotator = "
                            "'huda@example.org'").fetchall())
    notes = [n for (n,) in db.execute("SELECT note FROM spans WHERE note IS NOT NULL")]
    db.close()
    assert json.loads(attrs["QUOTE"]) == {"stance": "positive"}, attrs
    assert notes == ["وزير الخارجية المصري"], notes


@test("labelstudio: the same file in code points gives the same spans")
def _(t):
    a, b = t.path("a.alama"), t.path("b.alama")
    check_ok("import", a, "--add-labels", fixture("labelstudio", "arabic-utf16.json"))
    check_ok("import", b, "--add-labels", fixture("labelstudio", "arabic-codepoints.json"))
    strip = lambda rows: [r[1:] for r in rows]
    assert strip(ls_spans(a)) == strip(ls_spans(b))


@test("labelstudio: neither counting fits: refused with task, region and both readings")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, fixture("cli", "news.jsonl"))
    before = file_bytes(p)
    code, out, err = run("import", p, "--add-labels", fixture("labelstudio", "bad-offsets.json"))
    assert code == 1, (code, out, err)
    assert "bad-offsets.json" in err and "task 0" in err and "b2" in err, err
    assert "UTF-16" in err, err
    assert file_bytes(p) == before, "project changed"


@test("labelstudio: unknown label without --add-labels is refused, nothing kept")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, fixture("cli", "news.jsonl"))
    before = file_bytes(p)
    code, out, err = run("import", p, fixture("labelstudio", "ls-docs-ner-predictions.json"))
    assert code == 1 and "Date" in err and "--add-labels" in err, err
    assert file_bytes(p) == before


@test("labelstudio: bad input names the file, the task and the field")
def _(t):
    p = t.path("p.alama")
    bad = t.write("bad.json", json.dumps([{"data": {"text": "x y"}, "annotations": [
        {"result": [{"id": "r", "type": "labels", "value": {"start": "0", "end": 1,
                                                              "labels": ["PER"]}}]}]}]))
    code, out, err = run("import", p, "--add-labels", bad)
    assert code == 1 and "bad.json" in err and "task 0" in err and "start" in err, err
    assert not os.path.exists(p)


@test("labelstudio: JSON-MIN import")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, "--format", "labelstudio", "--add-labels",
             fixture("labelstudio", "json-min.json"))
    spans = ls_spans(p)
    assert [(s[1], s[2], s[3]) for s in spans] == \
        [("LOC", 28, 34), ("PER", 0, 13), ("PER", 18, 24)], spans


@test("labelstudio: import, export, import: same spans and relations; text[start:end] holds")
def _(t):
    a, b = t.path("a.alama"), t.path("b.alama")
    check_ok("import", a, "--add-labels", fixture("labelstudio", "arabic-utf16.json"))
    out = t.path("out.json")
    check_ok("export", a, "--format", "labelstudio", "-o", out, "--status", "all")
    tasks, n = ls_check_exported_texts(out)
    assert n == 7, n
    ids = {item["id"] for task in tasks for g in task["annotations"] + task["predictions"]
           for item in g["result"] if item["type"] == "labels"}
    db = sqlite3.connect(a)
    assert ids == {str(i) for (i,) in db.execute("SELECT id FROM spans")}, ids
    db.close()
    check_ok("import", b, "--add-labels", out)
    assert ls_spans(a) == ls_spans(b), (ls_spans(a), ls_spans(b))
    assert ls_relations(a) == ls_relations(b)


# ---- the trained tagger -------------------------------------------------------

def marked_to_conll(src, dest):
    """tests/fixtures/taggers/model-*.txt ([LABEL words] notation) as CoNLL."""
    lines = []
    for line in open(src, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        inside = None
        for token in line.split(" "):
            if token.startswith("["):
                inside = token[1:]
                first = True
                continue
            word = token.rstrip("]")
            if inside:
                lines.append("%s %s-%s" % (word, "B" if first else "I", inside))
                first = False
            else:
                lines.append("%s O" % word)
            if token.endswith("]"):
                inside = None
        lines.append("")
    with open(dest, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def model_bytes(project, name):
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    row = db.execute("SELECT bytes, info FROM models WHERE name = ?", (name,)).fetchone()
    db.close()
    return row


@test("train: a model from accepted spans, same bytes for the same seed, autotag and eval use it")
def _(t):
    p = t.path("p.alama")
    train = t.path("train.conll")
    marked_to_conll(fixture("taggers", "model-train.txt"), train)
    with open(fixture("taggers", "model-test.txt"), encoding="utf-8") as f:
        plain = "\n".join(line.strip().replace("[PER ", "").replace("[LOC ", "")
                          .replace("[ORG ", "").replace("]", "")
                          for line in f if line.strip() and not line.startswith("#"))
    test_txt = t.write("test.txt", plain + "\n")
    check_ok("import", p, train, test_txt)
    out = check_ok("train", p, "--docs", "train", "--seed", "5", "--no-gazetteer")
    assert "model" in out, out
    check_ok("train", p, "--docs", "train", "--seed", "5", "--name", "again", "--no-gazetteer")
    first, again = model_bytes(p, "model"), model_bytes(p, "again")
    assert first[0] == again[0], "same seed, different model bytes"
    assert json.loads(first[1])["tokens"] > 100, first[1]

    out = check_ok("autotag", p, "--tagger", "model", "--docs", "test")
    assert out.startswith("model:model:"), out
    db = sqlite3.connect("file:%s?mode=ro" % p, uri=True)
    rows = db.execute("SELECT s.source, s.status, s.attributes FROM spans s JOIN documents d "
                      "ON d.id = s.document_id WHERE d.name = 'test'").fetchall()
    db.close()
    assert rows, out
    for source, status, attributes in rows:
        assert source == "model:model" and status == "pending", (source, status)
        assert 0.0 <= float(json.loads(attributes)["confidence"]) <= 1.0, attributes

    result = json.loads(check_ok("eval", p, "--tagger", "model:again", "--docs", "train",
                                 "--json"))
    assert result["source"] == "model:again", result
    assert result["exact"]["overall"]["tp"] > 0, result

    code, out, err = run("autotag", p, "--tagger", "model:nothing")
    assert code == 1 and "nothing" in err and "alama train" in err, err
    code, out, err = run("train", p, "--labels", "QUOTE")
    assert code == 1 and "QUOTE" in err, err
    code, out, err = run("train", p, "--epochs", "0")
    assert code == 2 and "--epochs" in err, err
# ---- CoNLL-U, detection by content, CoNLL dialects -------------------------

def spans_by_text(project):
    """{document name: sorted [(label, covered text)]}, every span a single fragment."""
    spans, _, texts = annotations(project)
    out = {}
    for doc, items in spans.items():
        for label, frags, _status in items:
            assert len(frags) == 1, frags
            out.setdefault(doc, []).append((label, texts[doc][frags[0][0]:frags[0][1]]))
    return {k: sorted(v) for k, v in out.items()}, texts


def conllu_sentences(path):
    """The "# text =" lines of a CoNLL-U file, per "# newdoc"."""
    docs, newpar = [[]], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newdoc") and docs[-1]:
            docs.append([])
        if line.startswith("# text = "):
            docs[-1].append(line[len("# text = "):])
    return docs


@test("conllu: a real UD treebank excerpt: the text is its # text lines, words of multiword tokens not text")
def _(t):
    p = t.path("p.alama")
    src = fixture("conllu", "padt-test-excerpt.conllu")
    check_ok("import", p, src)
    _, _, texts = annotations(p)
    sentences = conllu_sentences(src)[0]
    # One document named by its newdoc id; the second sentence is a new paragraph.
    assert list(texts) == ["assabah.20041005.0017"], list(texts)
    assert texts["assabah.20041005.0017"] == "\n\n".join(sentences), texts
    # The words a multiword token splits into (ب موجب ه) are not in the text.
    assert "بموجبه" in texts["assabah.20041005.0017"]
    assert " ب موجب " not in texts["assabah.20041005.0017"]


@test("conllu: --format conll on a CoNLL-U file refuses and names --format conllu")
def _(t):
    p = t.path("p.alama")
    for name in ("padt-test-excerpt.conllu", "flair-train.conllu"):
        code, out, err = run("import", p, "--format", "conll", fixture("conllu", name))
        assert code != 0 and "--format conllu" in err, (name, code, err)
    # A .conll file holding CoNLL-U is read as CoNLL-U by content.
    copy = t.path("treebank.conll")
    with open(copy, "wb") as f:
        f.write(file_bytes(fixture("conllu", "padt-test-excerpt.conllu")))
    check_ok("import", p, copy)
    _, _, texts = annotations(p)
    assert "# " not in texts["assabah.20041005.0017"], texts


@test("conllu: NER from MISC, newdoc ids, SpaceAfter=No, multiword token surface; text[start:end] holds")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, "--add-labels", fixture("conllu", "newdoc-ner.conllu"))
    spans, texts = spans_by_text(p)
    assert sorted(texts) == ["cairo-visit", "newdoc-ner #2"], sorted(texts)
    assert texts["newdoc-ner #2"] == "قال المتحدث في دمشق:", texts
    assert spans["cairo-visit"] == sorted([("LOC", "وبالقاهرة"), ("PER", "محمد علي"),
                                           ("ORG", "الوفد"), ("LOC", "بيروت")]), spans
    assert spans["newdoc-ner #2"] == [("LOC", "دمشق")], spans
    # Another key finds nothing; the column option reads that column.
    q = t.path("q.alama")
    check_ok("import", q, "--add-labels", "--conllu-ner", "NER", fixture("conllu", "newdoc-ner.conllu"))
    assert spans_by_text(q)[0] == {}, spans_by_text(q)
    # A column that holds no tags is refused at its first value that is not one.
    code, _, err = run("import", t.path("r.alama"), "--add-labels", "--conllu-column", "10",
                       fixture("conllu", "newdoc-ner.conllu"))
    assert code != 0 and "newdoc-ner.conllu:11:" in err and "NE=B-PER" in err, (code, err)


@test("conllu: a token that is not in its # text refuses the file with file:line")
def _(t):
    p = t.path("p.alama")
    code, _, err = run("import", p, "--add-labels", fixture("conllu", "bad-text.conllu"))
    assert code != 0 and "bad-text.conllu:5:" in err and "بيروت" in err, (code, err)
    _, _, texts = annotations(p) if os.path.exists(p) else (None, None, {})
    assert texts == {}, texts


@test("conllu: flair's NER column found without options, or chosen by --conllu-column; 11 entities")
def _(t):
    for extra in ([], ["--conllu-column", "4"]):
        p = t.path("p%d.alama" % len(extra))
        check_ok("import", p, "--add-labels", *extra, fixture("conllu", "flair-train.conllu"))
        spans, texts = spans_by_text(p)
        assert len(spans["flair-train"]) == 11, spans
        assert ("PER", "Sergey Brin") in spans["flair-train"], spans
        assert ("DATE", "22 June 1910") in spans["flair-train"], spans
        assert texts["flair-train"].split("\n")[0] == "Larry Page and Sergey Brin founded Google."


@test("detect: spaCy's word|POS|TAG .iob, AQMAR .txt, GermEval .tsv are read as CoNLL by content")
def _(t):
    cases = [("spacy-ner-sent-per-line.iob", 7), ("aqmar-crusades-excerpt.txt", 16),
             ("germeval-NER-de-dev.tsv", 3)]
    for name, n in cases:
        p = t.path(name + ".alama")
        check_ok("import", p, "--add-labels", fixture("conll", name))
        spans, texts = spans_by_text(p)
        (doc,) = spans
        assert len(spans[doc]) == n, (name, spans)
        assert not any("|" in text or " B-" in text for text in texts.values()), texts
    # Messages name the file's own lines (Sebastian is on line 1, not on line 2
    # of the token lines it is read as).
    code, _, err = run("import", t.path("q.alama"), fixture("conll", "spacy-ner-sent-per-line.iob"))
    assert code != 0 and "span line 1," in err and "PERSON" in err, (code, err)
    spans, _ = spans_by_text(t.path("spacy-ner-sent-per-line.iob.alama"))
    assert ("DATE", "earlier this week") in spans["spacy-ner-sent-per-line"], spans
    # GermEval: the index is not a token, the # line not text.
    _, _, texts = annotations(t.path("germeval-NER-de-dev.tsv.alama"))
    assert texts["germeval-NER-de-dev"].startswith("1980 kam der Crown"), texts


@test("detect: a .txt with tags on some lines only is refused naming the --format choices")
def _(t):
    src = t.path("notes.txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("زار الرئيس القاهرة اليوم.\nالقاهرة B-LOC\nبيروت B-LOC\nدمشق B-LOC\n"
                "وقال إن الزيارة ناجحة.\nثم عاد.\nوانتهى اللقاء.\nوغادر.\n")
    p = t.path("p.alama")
    code, _, err = run("import", p, src)
    assert code != 0 and "--format" in err and "conll" in err and "txt" in err, (code, err)
    # Said outright, it is read as asked.
    check_ok("import", p, "--format", "txt", src)


@test("conll: AQMAR's tag IO reads as O and the file goes on to its end")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, "--add-labels", fixture("conll", "aqmar-crusades-excerpt.txt"))
    spans, texts = spans_by_text(p)
    doc = spans["aqmar-crusades-excerpt"]
    assert ("LOC", "بيت المقدس") in doc, doc            # after the IO line
    assert not any("الشمالي" in text for _, text in doc), doc


@test("conll export(import(F)) == F: a first document without -DOCSTART-, later ones with it")
def _(t):
    conll_round_trip(t, "docstart-later.conll")


@test("conll export(import(F)) == F: spaCy's word|POS|TAG sentences")
def _(t):
    conll_round_trip(t, "spacy-ner-sent-per-line.iob")


@test("conll export(import(F)) == F: AQMAR's IO tag written back as it was")
def _(t):
    conll_round_trip(t, "aqmar-crusades-excerpt.txt")


@test("conll export(import(F)) == F: GermEval's numbers and # lines, with --nested")
def _(t):
    conll_round_trip(t, "germeval-NER-de-dev.tsv", "--nested")


@test("detect: in a folder, a .txt that cannot be told fails (--keep-going: reported, the others imported)")
def _(t):
    folder = t.path("in")
    os.mkdir(folder)
    with open(os.path.join(folder, "mixed.txt"), "w", encoding="utf-8") as f:
        f.write("نص.\nالقاهرة B-LOC\nبيروت B-LOC\nدمشق B-LOC\nنص.\nنص.\nنص.\nنص.\n")
    with open(os.path.join(folder, "tagged.txt"), "w", encoding="utf-8") as f:
        f.write("زار O\nالقاهرة B-LOC\n")
    p = t.path("p.alama")
    code, _, err = run("import", p, "--add-labels", folder)
    assert code != 0 and "mixed.txt" in err and "--format" in err, (code, err)
    code, _, err = run("import", p, "--add-labels", "--keep-going", folder)
    assert code == 1 and "mixed.txt" in err, (code, err)
    spans, _ = spans_by_text(p)
    assert spans == {"tagged": [("LOC", "القاهرة")]}, spans


@test("conll dialects and CoNLL-U: import, export conll, import: same text and spans")
def _(t):
    for sub, name, extra in [("conll", "spacy-ner-sent-per-line.iob", []),
                             ("conll", "germeval-NER-de-dev.tsv", []),
                             ("conll", "aqmar-crusades-excerpt.txt", []),
                             ("conllu", "newdoc-ner.conllu", []),
                             ("conllu", "flair-train.conllu", [])]:
        a, b = t.path(name + ".a.alama"), t.path(name + ".b.alama")
        check_ok("import", a, "--add-labels", *extra, fixture(sub, name))
        out = t.path(name + ".out.conll")
        check_ok("export", a, "--format", "conll", "-o", out)
        check_ok("import", b, "--add-labels", "--format", "conll", out)
        sa, ta = spans_by_text(a)
        sb, tb = spans_by_text(b)
        assert sorted(sa.values()) == sorted(sb.values()), (name, sa, sb)

@test("webanno: a WebAnno TSV folder imports by content, exports and imports the same")
def _(t):
    a, b = t.path("a.alama"), t.path("b.alama")
    src = t.path("from-inception")
    os.makedirs(src)
    for name in ("arabic-rtl.tsv", "testStackedChain.tsv"):
        with open(fixture("webanno", name), "rb") as f:
            t.write(os.path.join("from-inception", name), f.read())
    out = check_ok("import", a, "--add-labels", src)
    assert "2 documents" in out, out
    check_ok("export", a, "--format", "webanno", "-o", t.path("out"))
    assert sorted(os.listdir(t.path("out"))) == ["arabic-rtl.tsv", "testStackedChain.tsv"]
    check_ok("import", b, "--format", "webanno", "--add-labels", t.path("out"))
    assert annotations(a) == annotations(b)
    # NamedEntity values and the relation type are the default schema's.
    check_ok("import", t.path("c.alama"), fixture("webanno", "arabic-rtl.tsv"))
    code, out, err = run("import", t.path("d.alama"), fixture("webanno", "testStackedChain.tsv"))
    assert code == 1 and "testStackedChain.tsv" in err and "line 6" in err, err
    assert "SimpleLink" in err and "--add-labels" in err, err


def main():
    return suite.main()


if __name__ == "__main__":
    sys.exit(main())
