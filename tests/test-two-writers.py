#!/usr/bin/env python3
"""Two processes on one project file: the core's guarantees.

- A second writer while another process holds the write transaction fails
  with "being changed by another program" (ALAMA_STORE_ERROR_LOCKED) after
  ALAMA_BUSY_TIMEOUT_MS, exits 1, and leaves the project as it was; the holder's
  own change still lands.
- Readers are not blocked by a writer (WAL).
- Two processes writing at the same time (busy timeout: they wait for each
  other) both land everything, and each sees the other's changes.
- Two processes taking turns see each other's changes after reopening.
- The file is never corrupt (PRAGMA integrity_check after every step).

Runs the built binary (env ALAMA_EXE) in a temporary folder and prints TAP.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from projectdump import logical_dump  # noqa: E402

ALAMA = os.environ.get("ALAMA_EXE", "alama")

SENTENCES = [
    "قال وزير الخارجية الأذربيجاني في باكو إن المحادثات مع أرمينيا ستستأنف الأسبوع المقبل.",
    "وأكدت الحكومة الأرمينية في يريفان أنها \"ملتزمة بالسلام\" رغم التوتر على الحدود.",
    "ونقلت وكالة «إنترفاكس» عن مسؤول في موسكو قوله إن الكرملين يتابع الوضع عن كثب.",
    "اتهم رئيس الوزراء باشينيان أذربيجانَ بتأخير ترسيم الحدود، فيما نفت باكو ذلك.",
    "وصل المبعوث الأوروبي إلى تبليسي أمس في جولة تشمل العواصم الثلاث 🕊️.",
]

results = []


def env_with(**extra):
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run(*args, env=None, timeout=120):
    proc = subprocess.run([ALAMA] + [str(a) for a in args], capture_output=True,
                          env=env or env_with(), timeout=timeout)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


def check_ok(*args, **kw):
    code, out, err = run(*args, **kw)
    if code != 0:
        raise AssertionError("alama %s exited %d: %s" % (" ".join(map(str, args)), code, err))
    return out


def write_jsonl(path, name_prefix, count, first=0):
    """count small documents, each with one annotation, as Alama's JSONL."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(first, first + count):
            text = SENTENCES[i % len(SENTENCES)] + " (%d)" % i
            word = text.split(" ")[1]
            start = text.index(word)
            f.write(json.dumps({
                "name": "%s-%03d" % (name_prefix, i), "text": text,
                "entities": [{"id": 1, "label": "ORG", "start_offset": start,
                              "end_offset": start + len(word)}],
            }, ensure_ascii=False) + "\n")
    return path


def integrity_ok(project):
    db = sqlite3.connect(project)
    try:
        result = db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.close()
    assert result == [("ok",)], "integrity_check: %r" % (result,)


def doc_names(project):
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    try:
        return sorted(r[0] for r in db.execute("SELECT name FROM documents"))
    finally:
        db.close()


def n_notes(project, note):
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    try:
        return db.execute("SELECT count(*) FROM spans WHERE note = ?", (note,)).fetchone()[0]
    finally:
        db.close()


def n_spans(project):
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    try:
        return db.execute("SELECT count(*) FROM spans").fetchone()[0]
    finally:
        db.close()


def dump(project):
    """The project's logical content (what a byte comparison of a WAL file
    cannot tell apart from a checkpoint)."""
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    try:
        return "\n".join(logical_dump(db))
    finally:
        db.close()


def test_second_writer_locked(tmp):
    project = os.path.join(tmp, "locked.alama")
    check_ok("import", project, write_jsonl(os.path.join(tmp, "a.jsonl"), "a", 3))
    before = dump(project)

    holder = sqlite3.connect(project, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    # The holder's own change, committed after the refusal: a note on a span.
    # (Not a document: adding or renaming one needs Alama's SQL function
    # alama_sort_key, which a plain sqlite3 connection does not have.)
    holder.execute("UPDATE spans SET note = 'held' WHERE id = (SELECT min(id) FROM spans)")
    try:
        code, out, err = run("import", project,
                             write_jsonl(os.path.join(tmp, "b.jsonl"), "b", 2),
                             env=env_with(ALAMA_BUSY_TIMEOUT_MS=150), timeout=30)
        assert code == 1, "second writer exited %d (want 1): %s" % (code, err)
        assert "being changed by another program" in err, err
        assert project in err, "the message names the file: %s" % err

        # A reader is not blocked by the writer, and sees the last commit.
        stats = json.loads(check_ok("stats", project, "--json"))
        assert stats["documents"] == 3 and stats["spans"] == 3, stats
    finally:
        holder.execute("COMMIT")
        holder.close()

    after = doc_names(project)
    assert after == ["a-000", "a-001", "a-002"], after
    assert n_notes(project, "held") == 1
    assert before != dump(project)            # the holder's change landed...
    assert n_spans(project) == 3               # ...and nothing of the refused import
    integrity_ok(project)

    # Once the lock is gone the same import works.
    check_ok("import", project, os.path.join(tmp, "b.jsonl"))
    assert doc_names(project) == ["a-000", "a-001", "a-002", "b-000", "b-001"]
    integrity_ok(project)


def test_concurrent_writers(tmp):
    """Two processes import many files at the same time: the busy timeout makes
    them wait for each other; everything lands."""
    project = os.path.join(tmp, "both.alama")
    check_ok("import", project, write_jsonl(os.path.join(tmp, "seed.jsonl"), "seed", 1))
    folders = []
    for who in ("x", "y"):
        folder = os.path.join(tmp, who)
        os.mkdir(folder)
        for k in range(12):
            write_jsonl(os.path.join(folder, "%s%02d.jsonl" % (who, k)), "%s%02d" % (who, k), 2)
        folders.append(folder)

    procs = [subprocess.Popen([ALAMA, "import", project, folder], env=env_with(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for folder in folders]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, "concurrent import exited %d: %s" % (
            proc.returncode, err.decode("utf-8", "replace"))

    names = doc_names(project)
    want = sorted(["seed-000"] + ["%s%02d-%03d" % (w, k, i)
                                  for w in ("x", "y") for k in range(12) for i in range(2)])
    assert names == want, "missing: %s" % sorted(set(want) - set(names))
    assert n_spans(project) == len(want)
    integrity_ok(project)


def test_alternating_writers(tmp):
    """Two 'users' take turns; after each turn the other sees every change."""
    project = os.path.join(tmp, "turns.alama")
    check_ok("import", project, write_jsonl(os.path.join(tmp, "t0.jsonl"), "turn", 1))
    expected = ["turn-000"]
    for turn in range(1, 9):
        who = "alice" if turn % 2 else "bob"
        path = write_jsonl(os.path.join(tmp, "%s-%d.jsonl" % (who, turn)), who, 1, first=turn)
        check_ok("import", project, path, env=env_with(USER=who))
        expected.append("%s-%03d" % (who, turn))
        # The other process (a fresh one: reopening) sees both users' documents.
        stats = json.loads(check_ok("stats", project, "--json"))
        assert stats["documents"] == len(expected), (len(expected), stats)
        assert stats["spans"] == len(expected), (len(expected), stats)
        assert doc_names(project) == sorted(expected)
        integrity_ok(project)
    # Autotag (a writer of another kind) on top of the imports, then a reader.
    check_ok("autotag", project, "--tagger", "gazetteer")
    integrity_ok(project)
    assert doc_names(project) == sorted(expected)


TESTS = [
    ("second writer gets LOCKED, nothing lost", test_second_writer_locked),
    ("two writers at once both land everything", test_concurrent_writers),
    ("alternating writers see each other's changes", test_alternating_writers),
]


def main():
    print("TAP version 13")
    print("1..%d" % len(TESTS))
    failed = 0
    for number, (name, func) in enumerate(TESTS, 1):
        tmp = tempfile.mkdtemp(prefix="alama-two-writers-")
        try:
            func(tmp)
            print("ok %d - %s" % (number, name))
        except Exception:
            failed += 1
            print("not ok %d - %s" % (number, name))
            for line in traceback.format_exc().splitlines():
                print("# " + line)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
