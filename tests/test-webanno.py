#!/usr/bin/env python3
"""WebAnno TSV 3.x (INCEpTION, WebAnno): golden files, round trips and refusals.

Each readable fixture in tests/fixtures/webanno has a golden file in
tests/fixtures/webanno/golden/NAME.json: the document text and the spans
(label, start, end, covered text) and relations (type, from span, to span,
as indexes into the spans) it must import as. The token rows of every fixture
are also checked against the imported text by a reader written here from the
format's documentation, independent of Alama's: the text rebuilt from the
#Text lines, offsets counted in UTF-16 units and turned into code points.
"""

import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import ALAMA, Suite, Workspace  # noqa: E402

SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(SRCDIR, "fixtures", "webanno")
GOLDEN = os.path.join(FIXTURES, "golden")

# Real files from INCEpTION's test resources (SOURCES.md) and our Arabic one.
READABLE = [
    "arabic-rtl",
    "coref-excerpt",
    "testCrossSentenceSpanWithFeatureValue",
    "testDependencyWithValues",
    "testMultiTokenStackedSpanWithFeatureValue",
    "testSentenceWithEmoji",
    "testSentenceWithLineBreak",
    "testSentenceWithTab",
    "testSimpleSlotFeature",
    "testMultiTokenStackedSlotFeature",
    "testSingleStackedNonTokenRelationWithoutFeatureValue",
    "testStackedChain",
    "testSubMultiTokenSpanWithoutFeatureValue2",
    "testSubTokenRelation",
    "testTwoSentencesWithNoSpaceInBetween",
]


def run(*args):
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    proc = subprocess.run([ALAMA] + [str(a) for a in args], capture_output=True, env=env,
                          timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


def check_ok(*args):
    code, out, err = run(*args)
    if code != 0:
        raise AssertionError("alama %s exited %d: %s" % (" ".join(map(str, args)), code, err))
    return out


def fixture(name):
    return os.path.join(FIXTURES, name + ".tsv")


def project_documents(project):
    """{name: {"text", "spans": [[label, start, end, text]], "relations": [[type, from, to]]}}
    with spans sorted and relations given by span indexes in that order."""
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    docs = {}
    for doc_id, name, text in db.execute("SELECT id, name, text FROM documents"):
        rows = db.execute(
            'SELECT s.id, s.label, min(f.start), max(f."end") FROM spans s '
            "JOIN span_fragments f ON f.span_id = s.id WHERE s.document_id = ? "
            "GROUP BY s.id", (doc_id,)).fetchall()
        rows.sort(key=lambda r: (r[2], r[3], r[1], r[0]))
        index = {r[0]: i for i, r in enumerate(rows)}
        spans = [[label, start, end, text[start:end]] for _, label, start, end in rows]
        relations = sorted([rtype, index[a], index[b]] for rtype, a, b in db.execute(
            "SELECT type, from_span, to_span FROM relations WHERE document_id = ?", (doc_id,)))
        docs[name] = {"text": text, "spans": spans, "relations": relations}
    db.close()
    return docs


def unescape_text(s):
    out, i = [], 0
    table = {"t": "\t", "n": "\n", "f": "\f", "r": "\r", "b": "\b", "\\": "\\"}
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in table:
            out.append(table[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read_tokens(path):
    """The text INCEpTION's reader rebuilds and each unit row as (id, start, end, token)
    in code points."""
    text16 = b""          # the text so far as UTF-16-LE
    sentence = []
    units = []
    header = False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line in lines[1:]:
        if line.startswith("#T_"):
            continue
        if line.startswith("#"):
            if not header:
                sentence = []
            header = True
            if line.startswith("#Text="):
                sentence.append(unescape_text(line[len("#Text="):]) + "\n")
            continue
        if not line:
            continue
        fields = line.split("\t")
        begin, end = (int(x) for x in fields[1].split("-"))
        if header:
            if len(text16) // 2 > begin:
                text16 = text16[:-2]
            text16 += " ".encode("utf-16-le") * (begin - len(text16) // 2)
            text16 += "".join(sentence).encode("utf-16-le")
            header = False
        units.append((fields[0], begin, end, fields[2]))
    text = text16.decode("utf-16-le")

    def cp(offset):
        return len(text16[:offset * 2].decode("utf-16-le"))
    return text, [(uid, cp(b), cp(e), token) for uid, b, e, token in units]


suite = Suite(Workspace)
test = suite.test


def golden_case(name):
    def case(t):
        p = t.path("p.alama")
        check_ok("import", p, "--add-labels", fixture(name))
        docs = project_documents(p)
        assert list(docs) == [name], list(docs)
        doc = docs[name]
        with open(os.path.join(GOLDEN, name + ".json"), encoding="utf-8") as f:
            golden = json.load(f)
        assert doc["text"] == golden["text"], (doc["text"], golden["text"])
        assert doc["spans"] == golden["spans"], (doc["spans"], golden["spans"])
        assert doc["relations"] == golden["relations"], (doc["relations"], golden["relations"])
        text, units = read_tokens(fixture(name))
        assert text == doc["text"], (text, doc["text"])
        for uid, start, end, token in units:
            assert text[start:end] == token, (uid, text[start:end], token)
    return case


for _name in READABLE:
    test("golden: %s imports as recorded; token rows give the text" % _name)(golden_case(_name))


def round_trip_case(name):
    def case(t):
        a, b = t.path("a.alama"), t.path("b.alama")
        check_ok("import", a, "--add-labels", fixture(name))
        out = t.path(name + ".tsv")
        check_ok("export", a, "--format", "webanno", "-o", out)
        text, units = read_tokens(out)
        for uid, start, end, token in units:
            assert text[start:end] == token.replace("\t", " "), (uid, text[start:end], token)
        check_ok("import", b, "--add-labels", out)
        first, second = project_documents(a)[name], project_documents(b)[name]
        assert second["text"] == first["text"], (first["text"], second["text"])
        assert second["spans"] == first["spans"], (first["spans"], second["spans"])
        assert second["relations"] == first["relations"]
        for label, start, end, covered in second["spans"]:
            assert second["text"][start:end] == covered
    return case


for _name in READABLE:
    test("round trip: %s imports, exports and imports the same" % _name)(round_trip_case(_name))


@test("round trip: the Arabic file is written back byte for byte")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, "--add-labels", fixture("arabic-rtl"))
    out = t.path("out.tsv")
    check_ok("export", p, "--format", "webanno", "-o", out)
    with open(out, "rb") as f, open(fixture("arabic-rtl"), "rb") as g:
        assert f.read() == g.read()


@test("round trip: a project's documents keep their text, spans and relations")
def _(t):
    a, b = t.path("a.alama"), t.path("b.alama")
    check_ok("import", a, os.path.join(SRCDIR, "..", "data", "sample", "annotations.jsonl"))
    check_ok("export", a, "--format", "webanno", "-o", t.path("out"))
    files = sorted(os.listdir(t.path("out")))
    assert len(files) == 5 and all(f.endswith(".tsv") for f in files), files
    check_ok("import", b, "--add-labels", t.path("out"))
    first, second = project_documents(a), project_documents(b)
    assert sorted(first) == sorted(second), (sorted(first), sorted(second))
    for name in first:
        assert first[name]["text"] == second[name]["text"], name
        assert first[name]["spans"] == second[name]["spans"], name
        assert first[name]["relations"] == second[name]["relations"], name


# What Alama cannot hold is refused by name, and nothing is kept.
REFUSED = [
    ("sampleSlotAnnotation1", ["line 8", "webanno.custom.SimpleSlotHost",
                               "ROLE_webanno.custom.SimpleSlotHost", "uima.tcas.Annotation"]),
    ("testZeroLengthSpansWithFeatureValues", ["line 7", "webanno.custom.Span"]),
    ("testSingleTokenRelationWithMultipleFeatureValues",
     ["line 10", "webanno.custom.ComplexRelation", "integerValue"]),
    ("testTokenBoundedSpanWithSpecialSymbolsValue", ["line 6", "U+0009"]),
]


def refused_case(name, needles):
    def case(t):
        p = t.path("p.alama")
        code, out, err = run("import", p, "--add-labels", fixture(name))
        assert code == 1, (code, out, err)
        for needle in [fixture(name)] + needles:
            assert needle in err, (needle, err)
        assert not os.path.exists(p), "a failed first import leaves no project"
    return case


for _name, _needles in REFUSED:
    test("refused by name: %s" % _name)(refused_case(_name, _needles))


@test("bad input: an offset inside a surrogate pair, a wrong token, a bad row name the line")
def _(t):
    head = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|value\n\n\n#Text=a 😊 b\n"
    cases = [
        (head + "1-1\t0-1\ta\t_\t\n1-2\t2-3\t?\tX\t\n", "line 7"),
        (head + "1-1\t0-1\tb\t_\t\n", "line 6"),
        (head + "1-1\t0-1\ta\t_\t\n1-x\t2-4\t😊\t_\t\n", "line 7"),
        (head + "1-1\t0-1\ta\t_\t\n1-2\t4-2\t😊\t_\t\n", "line 7"),
        ("#FORMAT=WebAnno TSV 2\n\n", "line 1"),
    ]
    base = t.path("base.alama")
    check_ok("import", base, "--add-labels", fixture("testSentenceWithEmoji"))
    for i, (content, needle) in enumerate(cases):
        path = t.write("bad%d.tsv" % i, content)
        code, out, err = run("import", base, "--add-labels", path)
        assert code == 1, (i, code, err)
        assert path in err and needle in err, (i, err)
    assert len(project_documents(base)) == 1


@test("detection: a file that starts with #FORMAT=WebAnno TSV is WebAnno, whatever its name")
def _(t):
    with open(fixture("arabic-rtl"), encoding="utf-8") as f:
        content = f.read()
    path = t.write("inception-export.txt", content)
    p = t.path("p.alama")
    check_ok("import", p, "--add-labels", path)
    docs = project_documents(p)
    assert len(docs["inception-export"]["spans"]) == 4, docs


@test("export: OUT.tsv takes one document; with more it is refused naming them")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, "--add-labels", fixture("arabic-rtl"), fixture("testSentenceWithEmoji"))
    code, out, err = run("export", p, "--format", "webanno", "-o", t.path("two.tsv"))
    assert code == 1 and "two.tsv" in err and "2" in err, (code, err)
    assert not os.path.exists(t.path("two.tsv"))
    check_ok("export", p, "--format", "webanno", "-o", t.path("one.tsv"), "--docs", "arabic-rtl")
    assert os.path.exists(t.path("one.tsv"))


def main():
    return suite.main()


if __name__ == "__main__":
    sys.exit(main())
