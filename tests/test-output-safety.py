#!/usr/bin/env python3
"""Nothing lost, nothing hangs: what `alama` does with what is already at its
output path, with folders that loop, and with a model that never finishes.

- export -o OUT: a FIFO, a device node, a folder or a dangling link at OUT is
  refused with its path and kind, and left as it was; a symbolic link to a
  regular file is written through (the link stays, its target gets the data).
  CSV's three files follow the same rules, all or none.
- brat export: a folder that holds files is refused unless --force, and
  --force never touches files the export does not write; document names become
  portable file names and an export -> import round trip keeps the names.
- import of a folder with symbolic links to itself ends, with the right count.
- autotag --command with --timeout: a model that sleeps, or whose child keeps
  its standard output open, is killed with its process group; the project is
  unchanged.

Runs the built binary (env ALAMA_EXE) in temporary folders and prints TAP.
Every run has a generous subprocess timeout as a safety net only: the tests
wait for the process to end, never for a fixed time.
"""

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import ALAMA, Skip, Suite, Workspace  # noqa: E402

TEXT = ("قال وزير الخارجية في موسكو إن «المحادثات مع أنقرة» ستُستأنف يوم 12 آذار، "
        "وفق وكالة RIA.\n")



def run(*args, timeout=120):
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    proc = subprocess.run([ALAMA] + [str(a) for a in args], capture_output=True,
                          env=env, timeout=timeout)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


def check_ok(*args):
    code, out, err = run(*args)
    if code != 0:
        raise AssertionError("alama %s exited %d: %s" % (" ".join(map(str, args)), code, err))
    return out


def listing(folder):
    """The names in @folder, without the project's SQLite side files."""
    return sorted(n for n in os.listdir(folder) if not re.match(r"p\.alama-(wal|shm|journal)$", n))


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def document_names(project):
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    names = sorted(row[0] for row in db.execute("SELECT name FROM documents"))
    db.close()
    return names


class Test(Workspace):
    prefix = "alama-output-"

    def project(self, names=("01-moscow-talks",)):
        """A project with one document per name, each with an accepted span (texts
        differ: an import skips a file whose content it has seen)."""
        lines = []
        for i, name in enumerate(names):
            lines.append(json.dumps({
                "name": name, "text": TEXT + "%d\n" % i,
                "entities": [{"id": i + 1, "label": "GPE", "start_offset": 28,
                              "end_offset": 33}]}, ensure_ascii=False))
        src = self.write("in.jsonl", "\n".join(lines) + "\n")
        p = self.path("p.alama")
        check_ok("import", p, src, "--add-labels")
        return p


suite = Suite(Test)
test = suite.test




def refused(args, path, kind):
    code, out, err = run(*args)
    assert code == 1, (code, out, err)
    assert path in err and kind in err, err
    return err


# ---- export -o OUT: what is already there ------------------------------------

@test("export -o FIFO is refused and the FIFO stays")
def _(t):
    p = t.project()
    fifo = t.path("out.jsonl")
    os.mkfifo(fifo)
    refused(("export", p, "--format", "jsonl", "-o", fifo), fifo, "named pipe")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert listing(t.tmp) == ["in.jsonl", "out.jsonl", "p.alama"], os.listdir(t.tmp)


@test("export -o DEVICE is refused and the device node stays")
def _(t):
    p = t.project()
    dev = t.path("null")
    try:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        raise Skip("mknod needs privileges")
    refused(("export", p, "--format", "conll", "-o", dev), dev, "device")
    assert stat.S_ISCHR(os.lstat(dev).st_mode)


@test("export -o FOLDER (jsonl) is refused and the folder is untouched")
def _(t):
    p = t.project()
    folder = t.path("out.jsonl")
    os.mkdir(folder)
    refused(("export", p, "--format", "jsonl", "-o", folder), folder, "folder")
    assert os.path.isdir(folder) and os.listdir(folder) == []


@test("export -o LINK writes the link's target and keeps the link")
def _(t):
    p = t.project()
    os.mkdir(t.path("real"))
    target = t.write("real/data.jsonl", "old contents\n")
    link = t.path("latest.jsonl")
    os.symlink(os.path.join("real", "data.jsonl"), link)
    check_ok("export", p, "--format", "jsonl", "-o", link)
    assert os.path.islink(link) and os.readlink(link) == os.path.join("real", "data.jsonl")
    data = file_bytes(target).decode("utf-8")
    assert json.loads(data.splitlines()[0])["name"] == "01-moscow-talks", data
    # No temporary file left beside the link or the target.
    assert listing(t.tmp) == ["in.jsonl", "latest.jsonl", "p.alama", "real"]
    assert os.listdir(t.path("real")) == ["data.jsonl"]


@test("export -o DANGLING-LINK is refused and the link stays")
def _(t):
    p = t.project()
    link = t.path("out.conll")
    os.symlink("nowhere/out.conll", link)
    refused(("export", p, "--format", "conll", "-o", link), link, "symbolic link")
    assert os.readlink(link) == "nowhere/out.conll"


@test("export -o LINK-TO-FIFO is refused and neither link nor FIFO changes")
def _(t):
    p = t.project()
    fifo = t.path("pipe")
    os.mkfifo(fifo)
    link = t.path("out.jsonl")
    os.symlink("pipe", link)
    refused(("export", p, "--format", "jsonl", "-o", link), link, "named pipe")
    assert os.readlink(link) == "pipe" and stat.S_ISFIFO(os.lstat(fifo).st_mode)


@test("csv export: one FIFO among the three files refuses them all")
def _(t):
    p = t.project()
    fifo = t.path("out-relations.csv")
    os.mkfifo(fifo)
    refused(("export", p, "--format", "csv", "-o", t.path("out.csv")), fifo, "named pipe")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not os.path.exists(t.path("out-spans.csv"))
    assert not os.path.exists(t.path("out-quotes-claims.csv"))
    assert listing(t.tmp) == ["in.jsonl", "out-relations.csv", "p.alama"]


@test("export -o - still writes standard output")
def _(t):
    p = t.project()
    code, out, err = run("export", p, "--format", "jsonl", "-o", "-")
    assert code == 0, err
    assert json.loads(out.splitlines()[0])["name"] == "01-moscow-talks"


# ---- brat: the folder and the file names -------------------------------------

@test("brat export refuses a folder that holds files; --force keeps the others")
def _(t):
    p = t.project()
    out = t.path("out")
    notes = t.write("out/01-moscow-talks.txt", "my own notes, not an export\n")
    other = t.write("out/README.md", "mine\n")
    code, stdout, err = run("export", p, "--format", "brat", "-o", out)
    assert code == 1, (code, err)
    assert out in err and "--force" in err, err
    assert file_bytes(notes) == b"my own notes, not an export\n"
    assert listing(out) == ["01-moscow-talks.txt", "README.md"]
    assert listing(t.tmp) == ["in.jsonl", "out", "p.alama"], os.listdir(t.tmp)

    check_ok("export", p, "--format", "brat", "-o", out, "--force")
    assert file_bytes(other) == b"mine\n"
    assert file_bytes(notes).decode("utf-8") == TEXT + "0\n"
    assert os.path.exists(os.path.join(out, "01-moscow-talks.ann"))
    assert os.path.exists(os.path.join(out, "annotation.conf"))
    assert listing(t.tmp) == ["in.jsonl", "out", "p.alama"], os.listdir(t.tmp)


@test("brat export into an empty folder or a new one leaves no temporary folder")
def _(t):
    p = t.project()
    os.mkdir(t.path("empty"))
    check_ok("export", p, "--format", "brat", "-o", t.path("empty"))
    check_ok("export", p, "--format", "brat", "-o", t.path("new"))
    for out in ("empty", "new"):
        assert "01-moscow-talks.ann" in os.listdir(t.path(out))
    assert listing(t.tmp) == ["empty", "in.jsonl", "new", "p.alama"], os.listdir(t.tmp)


@test("brat export -o FILE is refused")
def _(t):
    p = t.project()
    f = t.write("out", "a file\n")
    refused(("export", p, "--format", "brat", "-o", f), f, "not a folder")
    assert file_bytes(f) == b"a file\n"


FORBIDDEN = re.compile(r'[:/\\*?"<>|\x00-\x1f\x7f]')
RESERVED = {"con", "prn", "aux", "nul"} | {"com%d" % i for i in range(1, 10)} | \
           {"lpt%d" % i for i in range(1, 10)}


@test("brat round trip keeps Arabic, ':', 5,000-character and colliding names")
def _(t):
    names = ["تقرير موسكو: المحادثات", "a:b", "a_b", "Report", "report", "CON", ".hidden",
             "ن" * 2500 + "x" * 2500, "ن" * 2500 + "y" * 2500, "tab\there"]
    assert len(names[7]) == 5000
    p = t.project(names)
    out = t.path("out")
    check_ok("export", p, "--format", "brat", "-o", out)

    files = os.listdir(out)
    stems = [f[:-4] for f in files if f.endswith(".ann")]
    assert len(stems) == len(names), files
    folded = set()
    for f in files:
        assert not FORBIDDEN.search(f), f
        assert not f.startswith("."), f
        assert len(f.encode("utf-8")) <= 200, (len(f.encode("utf-8")), f)
        assert f.split(".")[0].lower() not in RESERVED, f
        assert f.casefold() not in folded, f
        folded.add(f.casefold())
    assert "names.tsv" in files, files

    q = t.path("q.alama")
    check_ok("import", q, out)
    assert document_names(q) == sorted(names), document_names(q)


# ---- import: folders that loop ---------------------------------------------------

@test("import of a folder with links to itself ends with the right count")
def _(t):
    t.write("corpus/one.txt", TEXT)
    t.write("corpus/sub/two.txt", TEXT.replace("موسكو", "القاهرة"))
    os.symlink(".", t.path("corpus", "a"))
    os.symlink(".", t.path("corpus", "b"))
    os.symlink("..", t.path("corpus", "sub", "up"))
    p = t.path("p.alama")
    code, out, err = run("import", p, t.path("corpus"), timeout=60)
    assert code == 0, (code, err)
    assert document_names(p) == ["one", "sub/two"], document_names(p)
    assert "a" in out and "already read" in out, out


# ---- autotag: a model that does not finish ------------------------------------

def autotag_times_out(t, command):
    p = t.project()
    before = file_bytes(p)
    code, out, err = run("autotag", p, "--command", command, "--timeout", "1", timeout=60)
    assert code == 1, (code, out, err)
    assert "1 second" in err and "01-moscow-talks" in err, err
    assert "nothing was stored" in err, err
    assert file_bytes(p) == before


@test("autotag --timeout stops a model that sleeps")
def _(t):
    autotag_times_out(t, "sleep 1000")


@test("autotag --timeout stops a model whose child keeps its output open")
def _(t):
    # capture_output waits for every holder of the pipes: only a killed process
    # group lets run() return. The input is read first, as a model does: a shell
    # gone before Alama wrote the documents would make that write fail instead.
    autotag_times_out(t, "cat > /dev/null; sleep 1000 & "
                         "echo '{\"name\": \"01-moscow-talks\", \"entities\": []}'")


@test("autotag --timeout takes a positive number of seconds")
def _(t):
    p = t.project()
    code, out, err = run("autotag", p, "--command", "cat", "--timeout", "0")
    assert code == 2 and "--timeout" in err, (code, err)


def main():
    return suite.main()


if __name__ == "__main__":
    sys.exit(main())
