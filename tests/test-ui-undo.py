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
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, db_query, fixture, \
    require_display_and_xdotool, wait_for  # noqa: E402

FIXTURE = fixture("shell", "one-annotation.jsonl")
DOC_NAME = "amman-statement"
results = Results()


def count_spans(project):
    return db_query(project, "SELECT COUNT(*) FROM spans")[0][0]


def wait_spans(project, n, what):
    wait_for("%s (%d annotation(s) in the file)" % (what, n),
             lambda: count_spans(project) == n)


class UndoApp(App):
    """The workbench; Ctrl+Q is how it quits here."""

    def __init__(self, exe, project, workdir, tag):
        super().__init__(exe, project, workdir, DOC_NAME, tag=tag)
        # The keys go to the panel's list: wait until the document is drawn with
        # its annotations (the geometry is written after the frame, at a lower
        # priority than the panel's update after that frame).
        n = count_spans(project)
        wait_for("the document drawn with its %d annotation(s)" % n,
                 lambda: (self.geometry() or {}).get("document") == DOC_NAME and
                 len(self.geometry().get("spans", [])) == n, 30)

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


def main():
    exe = alama_exe_or_skip()
    require_display_and_xdotool()
    check = results.check

    workdir = tempfile.mkdtemp(prefix="alama-ui-undo-")
    project = os.path.join(workdir, "amman.alama")
    subprocess.run([exe, "import", project, FIXTURE], check=True, capture_output=True)
    assert count_spans(project) == 1, "the fixture has one annotation"

    app = UndoApp(exe, project, workdir, "first")
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

    app = UndoApp(exe, project, workdir, "second")
    try:
        check("after a restart Ctrl+Z still undoes the delete",
              lambda: (app.key("ctrl+z"), wait_spans(project, 1, "Ctrl+Z after restart")))
        check("Ctrl+Q quits again", app.quit)
    finally:
        app.kill()

    if results.print_tap():
        shutil.rmtree(workdir, ignore_errors=True)
        return 0
    print("# logs kept in " + workdir)
    return 1


if __name__ == "__main__":
    sys.exit(main())
