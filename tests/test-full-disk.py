#!/usr/bin/env python3
"""A full disk or a read-only folder during `alama import`: a clear error
(exit 1, a message naming the project), the project unchanged (the main
file's bytes, its content, PRAGMA integrity_check).

- File size limit: the import runs with RLIMIT_FSIZE just above the project's
  size (and SIGXFSZ ignored, so writes fail with EFBIG as on a full disk). Works
  without privileges, always runs.
- A real full file system: a small tmpfs, when this process may mount one (root
  in a container or VM); skipped otherwise.
- A read-only folder (mode 0555) and, when mounting works, a read-only file
  system.

Runs the built binary (env ALAMA_EXE) and prints TAP.
"""

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from projectdump import logical_dump  # noqa: E402

ALAMA = os.environ.get("ALAMA_EXE", "alama")

SENTENCE = ("أعلن المتحدث باسم وزارة الدفاع في أنقرة أن «التدريبات المشتركة مع باكو» "
            "ستبدأ الشهر المقبل، فيما قالت طهران إنها تراقب المناورات 🛰️. ")

results = []


class Skip(Exception):
    pass


def env_with(**extra):
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run(args, preexec_fn=None):
    proc = subprocess.run([ALAMA] + [str(a) for a in args], capture_output=True,
                          env=env_with(), timeout=120, preexec_fn=preexec_fn,
                          restore_signals=preexec_fn is None)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


def check_ok(*args):
    code, out, err = run(args)
    if code != 0:
        raise AssertionError("alama %s exited %d: %s" % (" ".join(map(str, args)), code, err))
    return out


def make_project(folder):
    """A project with two small documents, closed cleanly (no -wal left)."""
    project = os.path.join(folder, "news.alama")
    small = os.path.join(folder, "small.jsonl")
    with open(small, "w", encoding="utf-8") as f:
        for i in range(2):
            text = SENTENCE + str(i)
            f.write(json.dumps({"name": "small-%d" % i, "text": text, "entities": [
                {"id": 1, "label": "GPE", "start_offset": text.index("أنقرة"),
                 "end_offset": text.index("أنقرة") + 5}]}, ensure_ascii=False) + "\n")
    check_ok("import", project, small)
    return project


def write_big_import(path, n_docs=40, repeat=60):
    """About 1 MB of text, many annotations: more than the room we leave."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n_docs):
            text = SENTENCE * repeat
            entities = []
            start = 0
            for k in range(repeat):
                at = text.index("باكو", start)
                entities.append({"id": k + 1, "label": "GPE", "start_offset": at,
                                 "end_offset": at + 4})
                start = at + 4
            f.write(json.dumps({"name": "big-%02d" % i, "text": text, "entities": entities},
                               ensure_ascii=False) + "\n")
    return path



def snapshot(project):
    """The main file's bytes and the content SQLite reads from it (with any
    -wal). Read from a copy: opening the project itself, even read-only, would
    make -wal and -shm files beside it."""
    with open(project, "rb") as f:
        data = f.read()
    copy_dir = tempfile.mkdtemp(prefix="alama-snapshot-")
    try:
        copy = os.path.join(copy_dir, "copy.alama")
        shutil.copyfile(project, copy)
        if os.path.exists(project + "-wal"):
            shutil.copyfile(project + "-wal", copy + "-wal")
        db = sqlite3.connect(copy)
        try:
            content = "\n".join(logical_dump(db))
            integrity = db.execute("PRAGMA integrity_check").fetchall()
        finally:
            db.close()
    finally:
        shutil.rmtree(copy_dir, ignore_errors=True)
    assert integrity == [("ok",)], "integrity_check: %r" % (integrity,)
    return data, content


def assert_unchanged(project, before):
    data, content = snapshot(project)
    assert content == before[1], "the project's content changed"
    assert data == before[0], "the project file's bytes changed"
    # (snapshot() has run integrity_check on what SQLite reads.)


def assert_clean_failure(code, err, project):
    assert code == 1, "exit %d (want 1): %s" % (code, err)
    assert err.strip(), "no message on stderr"
    assert project in err or os.path.basename(project) in err, \
        "the message does not name the project: %s" % err
    assert "Traceback" not in err and "CRITICAL" not in err and "assert" not in err.lower(), err


def test_file_size_limit(tmp):
    project = make_project(tmp)
    big = write_big_import(os.path.join(tmp, "big.jsonl"))
    before = snapshot(project)
    limit = os.path.getsize(project) + 48 * 1024

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    code, out, err = run(["import", project, big], preexec_fn=limit_file_size)
    assert_clean_failure(code, err, project)
    assert_unchanged(project, before)
    # With room again the same import works (nothing half-done blocks it).
    check_ok("import", project, big)
    assert json.loads(check_ok("stats", project, "--json"))["documents"] == 42


def mount_tmpfs(folder, options):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        raise Skip("mounting a tmpfs needs root")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", folder],
                          capture_output=True)
    if proc.returncode != 0:
        raise Skip("cannot mount a tmpfs here: %s" % proc.stderr.decode().strip())


def umount(folder):
    subprocess.run(["umount", folder], capture_output=True)


def test_full_tmpfs(tmp):
    small_fs = os.path.join(tmp, "small-fs")
    os.mkdir(small_fs)
    made = make_project(tmp)
    big = write_big_import(os.path.join(tmp, "big.jsonl"))
    size_kb = (os.path.getsize(made) // 1024) + 160
    mount_tmpfs(small_fs, "size=%dk" % size_kb)
    try:
        project = os.path.join(small_fs, "news.alama")
        shutil.copyfile(made, project)
        before = snapshot(project)
        code, out, err = run(["import", project, big])
        assert_clean_failure(code, err, project)
        assert_unchanged(project, before)
    finally:
        umount(small_fs)


def test_read_only_folder(tmp):
    folder = os.path.join(tmp, "ro")
    os.mkdir(folder)
    project = make_project(folder)
    big = write_big_import(os.path.join(tmp, "big.jsonl"), n_docs=2, repeat=5)
    before = snapshot(project)
    os.chmod(folder, 0o555)
    try:
        code, out, err = run(["import", project, big])
        assert_clean_failure(code, err, project)
        assert "read-only" in err, err
        left = sorted(set(os.listdir(folder)) - {"news.alama", "small.jsonl"})
        # Root ignores the folder's mode bits, and SQLite's read-only open
        # (mode=ro) then makes an empty -wal and an -shm; no other user can.
        if os.geteuid() == 0:
            left = [name for name in left
                    if not (name == "news.alama-shm" or
                            (name == "news.alama-wal" and
                             os.path.getsize(os.path.join(folder, name)) == 0))]
        assert left == [], "the import left files in a read-only folder: %s" % left
    finally:
        os.chmod(folder, 0o755)
    assert_unchanged(project, before)


def test_read_only_file_system(tmp):
    folder = os.path.join(tmp, "rofs")
    os.mkdir(folder)
    made = make_project(tmp)
    big = write_big_import(os.path.join(tmp, "big.jsonl"), n_docs=2, repeat=5)
    mount_tmpfs(folder, "size=4m")
    try:
        project = os.path.join(folder, "news.alama")
        shutil.copyfile(made, project)
        subprocess.run(["mount", "-o", "remount,ro", folder], check=True, capture_output=True)
        before = snapshot(project)
        code, out, err = run(["import", project, big])
        assert_clean_failure(code, err, project)
        assert "read-only" in err, err
        assert_unchanged(project, before)
    finally:
        umount(folder)


TESTS = [
    ("import with the file size limit reached: clear error, project unchanged",
     test_file_size_limit),
    ("import onto a full tmpfs: clear error, project unchanged", test_full_tmpfs),
    ("import into a read-only folder: clear error, project unchanged", test_read_only_folder),
    ("import on a read-only file system: clear error, project unchanged",
     test_read_only_file_system),
]


def main():
    print("TAP version 13")
    print("1..%d" % len(TESTS))
    failed = 0
    for number, (name, func) in enumerate(TESTS, 1):
        tmp = tempfile.mkdtemp(prefix="alama-full-disk-")
        try:
            func(tmp)
            print("ok %d - %s" % (number, name))
        except Skip as skip:
            print("ok %d - %s # SKIP %s" % (number, name, skip))
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
