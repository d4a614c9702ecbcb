#!/usr/bin/env python3
"""brat's own example data through Alama: import, export, and what brat asks of
the export.

Runs the built binary (env ALAMA_EXE) on tests/fixtures/brat/example-data (files
of github.com/nlplab/brat, see SOURCES.md there) and prints TAP:
- the export says what each .ann says (T, E, R, A, M, N, *, notes), each
  line read with the lines it refers to instead of their ids, and keeps the
  .txt byte for byte;
- events are modelled: a trigger span of an event label with one relation per
  argument; two events on one trigger stay two; an event can be an argument
  and a relation's end;
- annotation.conf declares every type, role, argument type and count, and
  attribute the .ann files use: checked here the way brat's
  verify_annotations.py checks it (types known, arguments allowed, counts within
  the declared ones, attributes allowed on the type they are on);
- brat's own checker, when ALAMA_BRAT_CHECKOUT names a brat checkout
  (tests/brat-verify.py), reports no issue;
- a normalisation (N) is the span attribute norm:TYPE, exported to JSONL;
- an equivalence (*) is a chain of relations of its type;
- documents imported from JSONL get brat file names without ':'.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import ALAMA, Skip, Suite, Workspace  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("G_TEST_SRCDIR", HERE)
EXAMPLES = os.path.join(SRCDIR, "fixtures", "brat", "example-data")

suite = Suite(Workspace)
test = suite.test


def run(*args):
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    proc = subprocess.run([ALAMA] + [str(a) for a in args], capture_output=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, (args, proc.stdout.decode(), proc.stderr.decode())
    return proc.stdout.decode("utf-8")


def query(project, sql, *params):
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def export_examples(t):
    project = t.path("p.alama")
    out = t.path("out")
    run("import", project, EXAMPLES, "--format", "brat", "--add-labels")
    run("export", project, "--format", "brat", "-o", out, "--status", "all")
    return out


def stems():
    return sorted(f[:-4] for f in os.listdir(EXAMPLES) if f.endswith(".ann"))


def ann_lines(path):
    with open(path, encoding="utf-8") as f:
        # brat writers leave a tab after some lines; it carries nothing.
        return [line.rstrip("\t\r\n") for line in f if line.strip()]


def without_own_id(line):
    """'A3\tMention T5 Nominal' -> 'A\tMention T5 Nominal': an export may number
    a line anew; what it says and the ids it refers to must stay."""
    return re.sub(r"^([A-Z#*]+)\d*\t", r"\1\t", line)


def meaning(lines):
    """What each annotation of an .ann says with every id it refers to replaced
    by what that id says, so that two files that number their lines apart
    compare equal: a sorted list of one entry per line (a trigger shared by two
    events is one T line). M (brat's older name) reads as A."""
    by_id = {}
    for line in lines:
        fields = line.split("\t")
        by_id[fields[0]] = fields

    def of(id_, seen=()):
        if id_ not in by_id or id_ in seen:
            return ("missing", id_)
        fields = by_id[id_]
        head = fields[1].split(" ")
        seen = seen + (id_,)
        kind = id_[0]
        if kind == "T":
            return ("T", head[0], " ".join(head[1:]))
        if kind == "E":
            etype, _, trigger = head[0].partition(":")
            args = sorted(repr((re.sub(r"\d+$", "", a.partition(":")[0]), a.partition(":")[0],
                                of(a.partition(":")[2], seen))) for a in head[1:] if a)
            return ("E", etype, of(trigger, seen), tuple(args))
        if kind == "R":
            args = dict(a.partition(":")[::2] for a in head[1:] if a)
            return ("R", head[0], of(args["Arg1"], seen), of(args["Arg2"], seen))
        if kind in "AM":
            return ("A", head[0], of(head[1], seen), " ".join(head[2:]))
        if kind == "N":
            return ("N", head[0], of(head[1], seen), head[2], "\t".join(fields[2:]).strip("\t"))
        if kind == "*":
            return ("*", head[0], tuple(sorted(repr(of(m, seen)) for m in head[1:])))
        if kind == "#":
            return ("#", head[0], of(head[1], seen) if len(head) > 1 else None,
                    "\t".join(fields[2:]))
        return ("other", line)

    return sorted(repr(of(fields[0])) for fields in map(lambda l: l.split("\t"), lines))


# ---- A reading of annotation.conf, as brat's projectconfig.py reads it -------------

def parse_conf(path):
    sections = {}
    section = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^\s*\[(.*)\]\s*$", line)
            if m:
                section = sections.setdefault(m.group(1), {})
                continue
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, _, rest = line.strip().partition("\t")
            args = {}
            for part in filter(None, (p.strip() for p in rest.split(","))):
                key, _, types = part.partition(":")
                args.setdefault(key, []).append(types.split("|"))
            section.setdefault(name, []).append(args)
    return sections


def role_limits(key):
    """'Theme+' -> ('Theme', 1, None); '?' 0..1, '*' 0..any, '' exactly 1."""
    m = re.match(r"^(.*?)([?*+]?)$", key)
    return m.group(1), {"?": (0, 1), "*": (0, None), "+": (1, None), "": (1, 1)}[m.group(2)]


def check_ann(ann_path, conf):
    """The checks of brat's verify_annotations.py, for the kinds of lines the
    examples hold; returns the issues found."""
    entities = set(conf.get("entities", {}))
    events = conf.get("events", {})
    relations = conf.get("relations", {})
    attributes = conf.get("attributes", {})
    lines = ann_lines(ann_path)
    types = {}
    triggers = set()
    for line in lines:
        fields = line.split("\t")
        head = fields[1].split(" ")
        if fields[0].startswith("T"):
            types[fields[0]] = head[0]
        elif fields[0].startswith("E"):
            etype, _, trigger = head[0].partition(":")
            types[fields[0]] = etype
            triggers.add(trigger)

    def allowed(type_, names):
        return (type_ in names or ("<ENTITY>" in names and type_ in entities)
                or ("<EVENT>" in names and type_ in events) or "<ANY>" in names)

    issues = []
    for line in lines:
        fields = line.split("\t")
        id_, head = fields[0], fields[1].split(" ")
        if id_.startswith("T"):
            known = events if id_ in triggers else entities | set(events)
            if head[0] not in known:
                issues.append("%s: %s is not a known type" % (id_, head[0]))
        elif id_.startswith("E"):
            etype = types[id_]
            if etype not in events:
                issues.append("%s: %s is not a known event type" % (id_, etype))
                continue
            declared = {}
            for key, type_lists in events[etype][0].items():
                role, limits = role_limits(key)
                declared[role] = (limits, type_lists[0])
            counts = {}
            for arg in head[1:]:
                role, _, target = arg.partition(":")
                role = re.sub(r"\d+$", "", role)
                counts[role] = counts.get(role, 0) + 1
                if role not in declared:
                    issues.append("%s: %s cannot take a %s argument" % (id_, etype, role))
                elif not allowed(types.get(target), declared[role][1]):
                    issues.append("%s: %s argument %s cannot be %s" % (id_, etype, role, types.get(target)))
            for role, ((least, most), _) in declared.items():
                n = counts.get(role, 0)
                if n < least or (most is not None and n > most):
                    issues.append("%s: %s has %d %s arguments" % (id_, etype, n, role))
        elif id_.startswith("R"):
            args = dict(a.partition(":")[::2] for a in head[1:])
            confs = relations.get(head[0], [])
            if not any(allowed(types.get(args["Arg1"]), c["Arg1"][0]) and
                       allowed(types.get(args["Arg2"]), c["Arg2"][0]) for c in confs):
                issues.append("%s: %s relation not allowed" % (id_, head[0]))
        elif id_.startswith("*"):
            confs = [c for c in relations.get(head[0], [])
                     if ["symmetric-transitive"] in c.get("<REL-TYPE>", [])]
            for member in head[1:]:
                if not any(allowed(types.get(member), c["Arg1"][0]) for c in confs):
                    issues.append("%s %s: equivalence not allowed on %s" % (head[0], member, types.get(member)))
        elif id_[0] in "AM":
            confs = attributes.get(head[0], [])
            target_type = types.get(head[1])
            if not any(allowed(target_type, c["Arg"][0]) for c in confs):
                issues.append("%s: %s cannot take a %s attribute" % (id_, target_type, head[0]))
            elif len(head) > 2 and not any(head[2] in c.get("Value", [[]])[0] for c in confs):
                issues.append("%s: %s is not a value of %s" % (id_, head[2], head[0]))
    return issues


# ---- Tests ---------------------------------------------------------------------------

@test("the brat export says what brat's example .ann files say, and keeps each .txt")
def _(t):
    out = export_examples(t)
    for stem in stems():
        want = meaning(ann_lines(os.path.join(EXAMPLES, stem + ".ann")))
        got = meaning(ann_lines(os.path.join(out, stem + ".ann")))
        assert got == want, (stem, set(want) ^ set(got))
        with open(os.path.join(EXAMPLES, stem + ".txt"), "rb") as a, \
                open(os.path.join(out, stem + ".txt"), "rb") as b:
            assert a.read() == b.read(), stem
    # Nothing of the examples is kept verbatim: every line was modelled.
    assert query(t.path("p.alama"), "SELECT name FROM documents "
                 "WHERE format_data LIKE '%unmodelled%'") == []


@test("annotation.conf declares what every exported .ann uses, as brat checks it")
def _(t):
    out = export_examples(t)
    conf = parse_conf(os.path.join(out, "annotation.conf"))
    for stem in stems():
        issues = check_ann(os.path.join(out, stem + ".ann"), conf)
        assert issues == [], (stem, issues)


@test("annotation.conf: triggers are event types, numbered roles fold, equivalences are symmetric")
def _(t):
    out = export_examples(t)
    conf = parse_conf(os.path.join(out, "annotation.conf"))
    events, entities = conf["events"], conf["entities"]
    # Every E line's type is an event type and not an entity type; a role is
    # optional when some event of the type lacks it, repeatable when one has
    # it more than once ("Org-Arg2" counts as "Org-Arg").
    counts = {}
    for stem in stems():
        for line in ann_lines(os.path.join(EXAMPLES, stem + ".ann")):
            if line.startswith("E"):
                head = line.split("\t")[1].split(" ")
                etype = head[0].split(":")[0]
                assert etype in events and etype not in entities, etype
                roles = [re.sub(r"\d+$", "", a.split(":")[0]) for a in head[1:]]
                counts.setdefault(etype, []).append({r: roles.count(r) for r in roles})
    for etype, seen in counts.items():
        for role in set().union(*seen):
            least = min(c.get(role, 0) for c in seen)
            most = max(c.get(role, 0) for c in seen)
            mark = ("*" if most > 1 else "?") if least == 0 else ("+" if most > 1 else "")
            assert role + mark in events[etype][0], (etype, role + mark, events[etype])
    assert list(events["Merge-org"][0]) == ["Org-Arg+"], events["Merge-org"]
    # A role whose argument is an event names the event's type.
    assert "Merge-org" in events["Report"][0]["Event-Arg"][0], events["Report"]
    equiv = conf["relations"]["Equiv"][0]
    assert equiv["<REL-TYPE>"] == [["symmetric-transitive"]], equiv
    assert equiv["Arg1"] == equiv["Arg2"] == [["Protein"]], equiv
    # An attribute seen on events allows those event types and the values seen.
    confidence = conf["attributes"]["Confidence"][0]
    assert {"Transfer-money", "Report", "Merge-org"} <= set(confidence["Arg"][0]), confidence
    assert {"High", "Neutral", "Low"} == set(confidence["Value"][0]), confidence
    negation = conf["attributes"]["Negation"][0]
    assert negation["Arg"] == [["Gene_expression"]], negation


@test("brat's own checker reports no issue on the export (ALAMA_BRAT_CHECKOUT)")
def _(t):
    brat = os.environ.get("ALAMA_BRAT_CHECKOUT")
    if not brat:
        raise Skip("set ALAMA_BRAT_CHECKOUT to a checkout of github.com/nlplab/brat")
    out = export_examples(t)
    anns = [os.path.join(out, s + ".ann") for s in stems()]
    proc = subprocess.run([sys.executable, os.path.join(HERE, "brat-verify.py"), brat] + anns,
                          capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


@test("a normalisation is the span attribute norm:TYPE, in the JSONL export and back in brat")
def _(t):
    project = t.path("p.alama")
    run("import", project, EXAMPLES, "--format", "brat", "--add-labels")
    jsonl = run("export", project, "--format", "jsonl", "-o", "-", "--docs", "000-introduction")
    record = json.loads(jsonl.splitlines()[0])
    normalised = [s for s in record["entities"] if "norm:Reference" in (s.get("attributes") or {})]
    # N1<TAB>Reference T5 Wikipedia:64488<TAB><TAB>Carlos Salinas de Gortari
    assert len(normalised) == 1, record["entities"]
    span = normalised[0]
    assert record["text"][span["start_offset"]:span["end_offset"]] == "former Mexican president", span
    assert span["attributes"]["norm:Reference"] == "Wikipedia:64488 Carlos Salinas de Gortari", span
    out = export_examples(t)
    lines = ann_lines(os.path.join(out, "000-introduction.ann"))
    t5 = [l.split("\t")[0] for l in lines if l.endswith("\tformer Mexican president")]
    assert [l for l in lines if l.startswith("N")] == \
        ["N1\tReference %s Wikipedia:64488\t\tCarlos Salinas de Gortari" % t5[0]], lines


@test("an equivalence is a chain of relations of its type, written back as one line")
def _(t):
    project = t.path("p.alama")
    run("import", project, EXAMPLES, "--format", "brat", "--add-labels")
    jsonl = run("export", project, "--format", "jsonl", "-o", "-", "--docs",
                "bio-060-relation_annotation")
    record = json.loads(jsonl.splitlines()[0])
    text_of = {e["id"]: record["text"][e["start_offset"]:e["end_offset"]]
               for e in record["entities"]}
    equiv = [(text_of[r["from_id"]], text_of[r["to_id"]])
             for r in record["relations"] if r["type"] == "Equiv"]
    # *<TAB>Equiv T3 T4 T5 over p105, KBF1, EBP-1
    assert equiv == [("p105", "KBF1"), ("KBF1", "EBP-1")], equiv
    out = export_examples(t)
    lines = ann_lines(os.path.join(out, "bio-060-relation_annotation.ann"))
    assert [l for l in lines if l.startswith("*")] == ["*\tEquiv T3 T4 T5"], lines


@test("N lines that are not a normalisation of a T are kept as they came")
def _(t):
    t.write("odd.txt", "abc def ghi\n")
    ann = ("T1\tPER 0 3\tabc\n"
           "N1\n"
           "N2\tReference\n"
           "N3\tReference T1\n"
           "N4\tRef T1 :x\n"
           "N5\tRef T1 db:\n"
           "N6\tRef E1 db:3\tz\n"
           "N7\tRef T1 a:b c\tname\n"
           "N8\tRef T1 db:1\n"
           "N9\tRef T1 db:2\n")
    t.write("odd.ann", ann)
    project = t.path("p.alama")
    run("import", project, t.path("odd.ann"), "--add-labels")
    out = t.path("out")
    run("export", project, "--format", "brat", "-o", out)
    want = sorted(without_own_id(l) for l in ann.splitlines())
    got = sorted(map(without_own_id, ann_lines(os.path.join(out, "odd.ann"))))
    assert got == want, set(got) ^ set(want)


EVENTS_TXT = "TNF secreted IL-7 and CD4 here.\n"
EVENTS_ANN = ("T1\tProtein 0 3\tTNF\n"
              "T2\tLocalization 4 12\tsecreted\n"
              "T3\tProtein 13 17\tIL-7\n"
              "T4\tProtein 22 25\tCD4\n"
              "E1\tLocalization:T2 Theme:T1\n"
              "E2\tLocalization:T2 Theme:T3 Theme2:T4\n"
              "E3\tLocalization:T2 Theme:E1\n"
              "R1\tFollows Arg1:E2 Arg2:E1\n"
              "M1\tNegation E2\n"
              "A1\tConfidence E1 High\n"
              "*\tEquiv T3 T4\n"
              "*\tEquiv T4 T3\n")


def import_events(t, *extra):
    t.write("ev.txt", EVENTS_TXT)
    t.write("ev.ann", EVENTS_ANN)
    project = t.path("p.alama")
    run("import", project, t.path("ev.ann"), "--add-labels", *extra)
    return project


@test("an event is its trigger span, of an event label, with a relation per argument")
def _(t):
    project = import_events(t)
    assert query(project, "SELECT kind FROM labels WHERE key = 'Localization'") == [("event",)]
    assert query(project, "SELECT kind FROM labels WHERE key = 'Protein'") == [("entity",)]
    spans = dict(query(project, "SELECT ext_id, id FROM spans"))
    text_of = dict(query(project, "SELECT s.id, substr (d.text, f.start + 1, f.\"end\" - f.start) "
                                  "FROM spans s JOIN span_fragments f ON f.span_id = s.id "
                                  "JOIN documents d ON d.id = s.document_id"))
    rels = query(project, "SELECT type, from_span, to_span FROM relations ORDER BY id")
    named = [(ty, text_of[a], text_of[b]) for ty, a, b in rels]
    # Two events on one trigger stay two spans over the same text, each with
    # its own arguments ("Theme2" kept as written).
    assert spans["E1"] != spans["E2"], spans
    assert text_of[spans["E1"]] == text_of[spans["E2"]] == "secreted"
    args = {(ty, a, b) for ty, a, b in rels}
    assert ("Theme", spans["E1"], spans["T1"]) in args, rels
    assert ("Theme", spans["E2"], spans["T3"]) in args, rels
    assert ("Theme2", spans["E2"], spans["T4"]) in args, rels
    # An event as another event's argument, and as a relation's end.
    assert ("Theme", spans["E3"], spans["E1"]) in args, rels
    assert ("Follows", spans["E2"], spans["E1"]) in args, rels
    # A modification is an attribute of the trigger span, valued true.
    attrs = dict(query(project, "SELECT ext_id, attributes FROM spans"))
    assert json.loads(attrs["E2"]) == {"Negation": "true"}, attrs
    assert json.loads(attrs["E1"]) == {"Confidence": "High"}, attrs
    # An equivalence is symmetric: T3 = T4 and T4 = T3 are one relation.
    assert [r for r in named if r[0] == "Equiv"] == [("Equiv", "IL-7", "CD4")], named


@test("events come back as E lines on one shared trigger, and brat's checks pass")
def _(t):
    project = import_events(t)
    out = t.path("out")
    run("export", project, "--format", "brat", "-o", out)
    lines = ann_lines(os.path.join(out, "ev.ann"))
    assert meaning(lines) == meaning(EVENTS_ANN.splitlines()[:-1]), \
        set(meaning(lines)) ^ set(meaning(EVENTS_ANN.splitlines()[:-1]))
    assert len([l for l in lines if l.startswith("T")]) == 4, lines
    conf = parse_conf(os.path.join(out, "annotation.conf"))
    assert "Localization" in conf["events"] and "Localization" not in conf["entities"], conf
    # A role is not declared as a relation; an R line's type is.
    assert "Theme" not in conf["relations"] and "Follows" in conf["relations"], conf["relations"]
    assert check_ann(os.path.join(out, "ev.ann"), conf) == []
    brat = os.environ.get("ALAMA_BRAT_CHECKOUT")
    if brat:
        proc = subprocess.run([sys.executable, os.path.join(HERE, "brat-verify.py"), brat,
                               os.path.join(out, "ev.ann")], capture_output=True, timeout=300)
        assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


@test("an event made in Alama, on a label of kind event, is exported as an E line")
def _(t):
    t.write("schema.ini", "[label Attack]\nkind=event\n\n[label PER]\n\n"
                          "[relation Attacker]\n")
    t.write("doc.jsonl", json.dumps({
        "name": "d", "text": "Ali attacked.",
        "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 3},
                     {"id": 2, "label": "Attack", "start_offset": 4, "end_offset": 12}],
        "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "Attacker"}]}) + "\n")
    project = t.path("p.alama")
    run("import", project, t.path("doc.jsonl"), "--add-labels")
    run("schema", project, "--import", t.path("schema.ini"))
    out = t.path("out")
    run("export", project, "--format", "brat", "-o", out)
    lines = ann_lines(os.path.join(out, "d.ann"))
    assert meaning(lines) == meaning(["T1\tPER 0 3\tAli", "T2\tAttack 4 12\tattacked",
                                      "E1\tAttack:T2 Attacker:T1"]), lines
    conf = parse_conf(os.path.join(out, "annotation.conf"))
    assert check_ann(os.path.join(out, "d.ann"), conf) == [], conf


@test("an event type the project has as an entity label is refused, naming it")
def _(t):
    t.write("schema.ini", "[label Localization]\nkind=entity\n\n[label Protein]\n\n"
                          "[relation Theme]\n\n[relation Theme2]\n\n[relation Follows]\n\n"
                          "[label Negation]\n")
    t.write("ev.txt", EVENTS_TXT)
    t.write("ev.ann", EVENTS_ANN)
    project = t.path("p.alama")
    run("import", project, t.path("schema.ini"), "--format", "txt")
    run("schema", project, "--import", t.path("schema.ini"))
    env = dict(os.environ, LC_ALL="C.UTF-8")
    proc = subprocess.run([ALAMA, "import", project, t.path("ev.ann"), "--add-labels"],
                          capture_output=True, env=env, timeout=120)
    assert proc.returncode == 1, proc
    assert "Localization" in proc.stderr.decode() and "event" in proc.stderr.decode(), proc.stderr
    assert query(project, "SELECT count(*) FROM spans") == [(0,)]


@test("an event on a trigger of another type is kept as it came; a missing argument is refused")
def _(t):
    t.write("odd.txt", EVENTS_TXT)
    odd = "T1\tProtein 0 3\tTNF\nE1\tLocalization:T1 Theme:T1\nA1\tConfidence E1 Low\n"
    t.write("odd.ann", odd)
    project = t.path("odd.alama")
    run("import", project, t.path("odd.ann"), "--add-labels")
    assert query(project, "SELECT count(*) FROM relations") == [(0,)]
    out = t.path("out")
    run("export", project, "--format", "brat", "-o", out)
    assert ann_lines(os.path.join(out, "odd.ann")) == odd.splitlines()
    # The trigger of a kept E line stays a T, even once its label is an event
    # label: a project imported before events were modelled exports the same.
    t.write("schema.ini", "[label Protein]\nkind=event\n\n[label Localization]\n")
    run("schema", project, "--import", t.path("schema.ini"))
    again = t.path("again")
    run("export", project, "--format", "brat", "-o", again)
    assert ann_lines(os.path.join(again, "odd.ann")) == odd.splitlines()
    env = dict(os.environ, LC_ALL="C.UTF-8")
    t.write("bad.txt", EVENTS_TXT)
    t.write("bad.ann", "T2\tLocalization 4 12\tsecreted\nE1\tLocalization:T2 Theme:T9\n")
    proc = subprocess.run([ALAMA, "import", t.path("bad.alama"), t.path("bad.ann"),
                           "--add-labels"], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 1, proc
    for word in ["line 2", "E1", "T9"]:
        assert word in proc.stderr.decode(), (word, proc.stderr)


@test("documents imported from JSONL get brat file names without ':' and keep their names")
def _(t):
    t.write("news-2024.jsonl", '{"text": "الجيش في بعبدا"}\n{"text": "بيان رسمي"}\n')
    project = t.path("p.alama")
    run("import", project, t.path("news-2024.jsonl"))
    out = t.path("out")
    run("export", project, "--format", "brat", "-o", out)
    files = os.listdir(out)
    assert len([f for f in files if f.endswith(".ann")]) == 2, files
    assert not any(":" in f for f in files), files
    again = t.path("q.alama")
    run("import", again, out)
    stats = run("export", again, "--format", "jsonl", "-o", "-")
    names = sorted(re.findall(r'"name"\s*:\s*"([^"]*)"', stats))
    assert names == ["news-2024.jsonl:1", "news-2024.jsonl:2"], names


sys.exit(suite.main())
