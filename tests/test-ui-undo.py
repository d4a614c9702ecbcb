#!/usr/bin/env python3
"""test-ui-undo.py: undo and redo with real keys (XTest through xdotool) against the
real `alama` binary, checked in the project's SQLite file, across a restart.

A project with one annotation is made with `alama import`. The workbench opens it
with --open; the keyboard moves to the annotation panel (Ctrl+L puts the focus in
the sidebar, F6 moves to the text, F6 again to the panel, which selects its first
row) and Delete removes the annotation; Ctrl+Z brings it back, Ctrl+Shift+Z removes
it again, Ctrl+Y is tried after another undo. Ctrl+Q quits; a second start can
still undo the last change, because the undo stack lives in the project file.

TAP output. Exit 77 (skip) without a display or xdotool, except under CI=true,
where that is a failure.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(os.environ.get("G_TEST_SRCDIR", HERE), "fixtures", "shell",
                       "one-annotation.jsonl")
DOC_NAME = "amman-statement"
results = []


def skip_or_fail(reason):
    if os.environ.get("CI") == "true":
        print("1..1\nnot ok 1 - %s (a skip is a failure under CI=true)" % reason)
        sys.exit(1)
    print("1..0 # SKIP %s" % reason)
    sys.exit(77)


def wait_for(what, predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


def xdo(*args):
    subprocess.run(["xdotool"] + [str(a) for a in args], check=True)


def count_spans(project):
    # A fresh read-only connection each time: the app writes through WAL.
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True, timeout=5)
    try:
        return db.execute("SELECT COUNT(*) FROM spans").fetchone()[0]
    finally:
        db.close()


def wait_spans(project, n, what):
    wait_for("%s (%d annotation(s) in the file)" % (what, n),
             lambda: count_spans(project) == n)


class App:
    def __init__(self, exe, project, workdir, tag):
        self.log = open(os.path.join(workdir, "alama-%s.log" % tag), "w")
        self.proc = subprocess.Popen([exe, project, "--open", DOC_NAME],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.window = wait_for("the alama window", self.find_window, 30)
        # No window manager under Xvfb: give the window the keyboard ourselves.
        xdo("windowfocus", "--sync", self.window)
        time.sleep(1.0)  # let the first frames settle before typing

    def find_window(self):
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                              str(self.proc.pid)], capture_output=True, text=True)
        ids = out.stdout.split()
        return ids[0] if ids else None

    def key(self, *keys):
        for k in keys:
            xdo("key", "--window", self.window, "--clearmodifiers", k)
            time.sleep(0.15)

    def quit(self):
        # The window may be gone before xdotool's key release reaches it: do not
        # treat xdotool's complaint about that as a failure; the exit is the check.
        subprocess.run(["xdotool", "key", "--window", self.window, "--clearmodifiers", "ctrl+q"],
                       capture_output=True)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("Ctrl+Q did not quit the workbench")
        finally:
            self.log.close()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def check(name, fn):
    try:
        fn()
        results.append((True, name, None))
    except Exception as e:  # report and go on: later steps say more
        results.append((False, name, str(e)))


def main():
    exe = os.environ.get("ALAMA_EXE")
    if not exe or not os.path.exists(exe):
        print("1..0 # SKIP ALAMA_EXE is not set")
        sys.exit(77)
    if not os.environ.get("DISPLAY"):
        skip_or_fail("no display")
    if shutil.which("xdotool") is None:
        skip_or_fail("xdotool is not installed")

    workdir = tempfile.mkdtemp(prefix="alama-ui-undo-")
    project = os.path.join(workdir, "amman.alama")
    subprocess.run([exe, "import", project, FIXTURE], check=True, capture_output=True)
    assert count_spans(project) == 1, "the fixture has one annotation"

    app = App(exe, project, workdir, "first")
    try:
        def delete_with_keys():
            app.key("ctrl+l", "F6", "F6", "Delete")
            wait_spans(project, 0, "Delete in the annotation panel")
        check("Delete in the panel removes the annotation", delete_with_keys)

        check("Ctrl+Z restores it", lambda: (app.key("ctrl+z"),
                                             wait_spans(project, 1, "Ctrl+Z")))
        check("Ctrl+Shift+Z removes it again", lambda: (app.key("ctrl+shift+z"),
                                                        wait_spans(project, 0, "Ctrl+Shift+Z")))
        check("Ctrl+Z then Ctrl+Y redo as well", lambda: (
            app.key("ctrl+z"), wait_spans(project, 1, "Ctrl+Z"),
            app.key("ctrl+y"), wait_spans(project, 0, "Ctrl+Y")))
        check("Ctrl+Q quits", app.quit)
    finally:
        app.kill()

    app = App(exe, project, workdir, "second")
    try:
        check("after a restart Ctrl+Z still undoes the delete",
              lambda: (app.key("ctrl+z"), wait_spans(project, 1, "Ctrl+Z after restart")))
        check("Ctrl+Q quits again", app.quit)
    finally:
        app.kill()

    print("1..%d" % len(results))
    for i, (ok, name, why) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if why:
            print("# " + why.replace("\n", "\n# "))
    if all(ok for ok, _, _ in results):
        shutil.rmtree(workdir, ignore_errors=True)
        return 0
    print("# logs kept in " + workdir)
    return 1


if __name__ == "__main__":
    sys.exit(main())
