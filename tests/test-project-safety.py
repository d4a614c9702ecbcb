#!/usr/bin/env python3
"""Nothing lost, nothing hangs: the project file under races, kills, symlinks,
failed imports, read-only folders and damage (issue 13).

Runs the built binary (env ALAMA_EXE) in temporary folders and prints TAP.
Every wait is for a condition (a process exited, a file appeared), never a
fixed time. Checks that need a user whom file modes bind run `alama` as
nobody through setpriv when the tests run as root (as in CI).
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import ALAMA, Suite, Workspace  # noqa: E402
NOBODY = 65534
AS_ROOT = os.geteuid() == 0



def env():
    full_env = dict(os.environ)
    full_env.setdefault("LC_ALL", "C.UTF-8")
    return full_env


def command(args, as_nobody=False):
    cmd = [ALAMA] + [str(a) for a in args]
    if as_nobody and AS_ROOT:
        cmd = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY,
               "--clear-groups", "--"] + cmd
    return cmd


def run(*args, as_nobody=False):
    proc = subprocess.run(command(args, as_nobody), capture_output=True, env=env(),
                          timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


def check_ok(*args, as_nobody=False):
    code, out, err = run(*args, as_nobody=as_nobody)
    if code != 0:
        raise AssertionError("alama %s exited %d: %s" % (" ".join(map(str, args)), code, err))
    return out


def n_documents(project, as_nobody=False):
    return json.loads(check_ok("stats", project, "--json", as_nobody=as_nobody))["documents"]


def document_names(project):
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    try:
        return {row[0] for row in db.execute("SELECT name FROM documents")}
    finally:
        db.close()


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def jsonl(prefix, n):
    """n Arabic documents, each with a PER (a default label) on بوتين."""
    lines = []
    for i in range(n):
        text = "قال بوتين في موسكو يوم ٢٠٢٣/%d إن «المحادثات مستمرة» (%s %d)." % (i + 1, prefix, i)
        start = text.index("بوتين")
        lines.append(json.dumps({"name": "%s-%03d" % (prefix, i), "text": text,
                                 "entities": [{"id": 1, "label": "PER", "start_offset": start,
                                               "end_offset": start + 5}]},
                                ensure_ascii=False))
    return "\n".join(lines) + "\n"


class Test(Workspace):
    prefix = "alama-safety-"

    def folder_for_nobody(self, name):
        """A folder that nobody owns, so that its modes bind nobody's commands."""
        p = self.path(name)
        os.makedirs(p)
        if AS_ROOT:
            os.chown(p, NOBODY, NOBODY)
        return p


suite = Suite(Test)
test = suite.test


# ---- creating a project ------------------------------------------------------

@test("two imports racing to create one project: both succeed, nothing lost")
def _(t):
    a = t.write("a.jsonl", jsonl("a", 200))
    b = t.write("b.jsonl", jsonl("b", 200))
    expected = {"a-%03d" % i for i in range(200)} | {"b-%03d" % i for i in range(200)}
    for round_ in range(20):
        p = t.path("race-%d.alama" % round_)
        procs = [subprocess.Popen(command(["import", p, src]), env=env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for src in (a, b)]
        outs = [proc.communicate(timeout=120) for proc in procs]
        for proc, (out, err) in zip(procs, outs):
            assert proc.returncode == 0, (round_, proc.returncode, err.decode())
        names = document_names(p)
        assert names == expected, (round_, len(names))


def wait_for(predicate, proc):
    """Polls @predicate until it holds or @proc has exited."""
    while not predicate():
        if proc.poll() is not None:
            return False
    return True


@test("an import killed while creating the project leaves no project or a whole one")
def _(t):
    first = t.write("first.jsonl", jsonl("first", 3))
    later = t.write("later.jsonl", jsonl("later", 2))
    for round_ in range(40):
        folder = t.path("kill-%d" % round_)
        os.makedirs(folder)
        p = os.path.join(folder, "p.alama")
        proc = subprocess.Popen(command(["import", p, first]), env=env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill at varied points: at once, when the first file appears in the
        # folder, when the project path appears, when it has its first bytes.
        stage = round_ % 4
        if stage == 1:
            wait_for(lambda: os.listdir(folder), proc)
        elif stage == 2:
            wait_for(lambda: os.path.exists(p), proc)
        elif stage == 3:
            wait_for(lambda: os.path.exists(p) and os.path.getsize(p) > 0, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if os.path.exists(p):
            code, out, err = run("import", p, later)
            assert code == 0, (round_, stage, err)
            names = document_names(p)
            assert {"later-000", "later-001"} <= names, (round_, stage, names)


@test("a symlink loop or a dangling symlink at the project path is refused and kept")
def _(t):
    src = t.write("a.jsonl", jsonl("a", 2))
    loop = t.path("loop.alama")
    os.symlink("loop.alama", loop)
    code, out, err = run("import", loop, src)
    assert code == 1, (code, err)
    assert "loop.alama" in err and "link" in err, err
    assert os.path.islink(loop) and os.readlink(loop) == "loop.alama"

    dangling = t.path("dangling.alama")
    os.symlink("missing.alama", dangling)
    code, out, err = run("import", dangling, src)
    assert code == 1, (code, err)
    assert "dangling.alama" in err and "link" in err, err
    assert os.path.islink(dangling) and not os.path.exists(t.path("missing.alama"))

    code, out, err = run("stats", loop)
    assert code == 1 and "loop.alama" in err, (code, err)


@test("a symlink to an existing project is followed")
def _(t):
    src = t.write("a.jsonl", jsonl("a", 2))
    real = t.path("real.alama")
    check_ok("import", real, src)
    link = t.path("link.alama")
    os.symlink("real.alama", link)
    check_ok("import", link, t.write("b.jsonl", jsonl("b", 3)))
    assert os.path.islink(link)
    assert n_documents(real) == 5


# ---- one command, one transaction ------------------------------------------------

BAD_LINE = '{"name": "broken", "text": "نص", "entities": [{"label": "PER", ' \
           '"start_offset": 0, "end_offset": 99}]}\n'


@test("a failed multi-file import into an existing project commits nothing")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, t.write("base.jsonl", jsonl("base", 2)))
    before = n_documents(p)
    ok = t.write("ok.jsonl", jsonl("ok", 3))
    bad = t.write("bad.jsonl", jsonl("bad", 1) + BAD_LINE)
    code, out, err = run("import", p, ok, bad)
    assert code == 1 and "bad.jsonl" in err, (code, err)
    assert n_documents(p) == before
    # ok.jsonl was not recorded as imported either: importing it now adds it.
    out = check_ok("import", p, ok)
    assert "imported 3 documents" in out, out


@test("a failed first import leaves no project behind")
def _(t):
    p = t.path("new.alama")
    ok = t.write("ok.jsonl", jsonl("ok", 3))
    bad = t.write("bad.jsonl", BAD_LINE)
    code, out, err = run("import", p, ok, bad)
    assert code == 1 and "bad.jsonl" in err, (code, err)
    assert sorted(os.listdir(t.tmp)) == ["bad.jsonl", "ok.jsonl"], os.listdir(t.tmp)


@test("--keep-going skips a bad file whole, keeps the good ones, exits 1")
def _(t):
    p = t.path("p.alama")
    ok = t.write("ok.jsonl", jsonl("ok", 3))
    bad = t.write("bad.jsonl", jsonl("bad", 2) + BAD_LINE)
    ok2 = t.write("ok2.txt", "نص عربي قصير عن الدوحة.\n")
    code, out, err = run("import", p, ok, bad, ok2, "--keep-going")
    assert code == 1, (code, out, err)
    assert "bad.jsonl" in err and "line 3" in err, err
    assert "1 failed" in out, out
    assert document_names(p) == {"ok-000", "ok-001", "ok-002", "ok2"}, document_names(p)
    # What was imported is recorded: again, it is skipped; the bad file still fails.
    code, out, err = run("import", p, ok, ok2, bad, "--keep-going")
    assert code == 1 and "2 skipped" in out and "1 failed" in out, (code, out, err)
    assert n_documents(p) == 4


# ---- read-only projects ----------------------------------------------------------

def companions(p):
    return [p + s for s in ("-wal", "-shm") if os.path.exists(p + s)]


@test("a read-only open leaves no read-only -wal/-shm; chmod 644 makes it writable again")
def _(t):
    folder = t.folder_for_nobody("ro")
    p = os.path.join(folder, "p.alama")
    check_ok("import", p, t.write("a.jsonl", jsonl("a", 2)), as_nobody=True)
    os.chmod(p, 0o444)
    assert n_documents(p, as_nobody=True) == 2
    for c in companions(p):
        assert os.stat(c).st_mode & 0o222, "%s left with mode %o" % (c, os.stat(c).st_mode)
    os.chmod(p, 0o644)
    check_ok("import", p, t.write("b.jsonl", jsonl("b", 3)), as_nobody=True)
    assert n_documents(p, as_nobody=True) == 5


@test("a read-only folder with a -wal and no -shm: stats counts every document")
def _(t):
    src = t.path("src")
    os.makedirs(src)
    p = os.path.join(src, "p.alama")
    check_ok("import", p, t.write("a.jsonl", jsonl("a", 5)))
    # A reader that stays open keeps the last writer from checkpointing and
    # removing the -wal on close: the sixth document stays in the -wal only.
    holder = sqlite3.connect(p)
    holder.execute("SELECT count(*) FROM documents").fetchone()
    try:
        check_ok("import", p, t.write("b.jsonl", jsonl("b", 1)))
        assert os.path.getsize(p + "-wal") > 0
        folder = t.folder_for_nobody("ro")
        for suffix in ("", "-wal"):
            shutil.copyfile(p + suffix, os.path.join(folder, "p.alama" + suffix))
    finally:
        holder.close()
    copy = os.path.join(folder, "p.alama")
    os.chmod(folder, 0o555)
    code, out, err = run("stats", copy, "--json", as_nobody=True)
    if code == 0:
        assert json.loads(out)["documents"] == 6, out
    else:
        assert code == 1 and "p.alama" in err, (code, err)
    code, out, err = run("export", copy, "--format", "jsonl", "-o", "-", as_nobody=True)
    if code == 0:
        assert len(out.splitlines()) == 6, out
    else:
        assert code == 1 and "p.alama" in err, (code, err)
    assert sorted(os.listdir(folder)) == ["p.alama", "p.alama-wal"], os.listdir(folder)


# ---- damaged projects ------------------------------------------------------------

@test("a project missing its spans table is refused by name, its bytes unchanged")
def _(t):
    p = t.path("p.alama")
    check_ok("import", p, t.write("a.jsonl", jsonl("a", 2)))
    db = sqlite3.connect(p)
    db.execute("DROP TABLE spans")
    db.commit()
    db.close()
    before = file_bytes(p)
    for args in (["stats", p, "--json"], ["export", p, "--format", "jsonl", "-o", t.path("o.jsonl")],
                 ["import", p, t.write("b.jsonl", jsonl("b", 1))]):
        code, out, err = run(*args)
        assert code == 1, (args, code, out, err)
        assert "p.alama" in err and "spans" in err, (args, err)
        assert file_bytes(p) == before, args
    assert not os.path.exists(t.path("o.jsonl"))


def main():
    return suite.main()


if __name__ == "__main__":
    sys.exit(main())
