#!/usr/bin/env python3
"""test-ui-startup.py: the project named on the command line is read ahead in a
thread while GTK starts (app/gui/alama-preload.c); what the user sees must be
what a read on the main thread shows.

- `alama PROJECT --open NAME` shows NAME, for the project's first document and
  for another one, through the read-ahead (ALAMA_BENCH_LOG says "preload: done");
  the view draws the document's words (ALAMA_DEBUG_GEOMETRY).
- A missing project and a file that is not a project still bring up the error
  dialog over the window (two visible windows of the process, the dialog above
  the window in the X stacking order), and the process keeps running.

TAP output. Exit 77 (skip) without a display or xdotool, except under CI=true,
where that is a failure.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, fixture, require_display_and_xdotool, \
    display_answers, stacking_top_first, visible_windows, wait_for, xdo_shell  # noqa: E402

FIXTURE = fixture("ui", "kremlin.txt")
results = Results()


def app_windows(proc):
    if proc.poll() is not None:
        raise AssertionError("alama exited with %d" % proc.returncode)
    return visible_windows(proc.pid)


def check_opens(exe, project, workdir, name):
    os.environ["ALAMA_BENCH_LOG"] = "1"
    try:
        app = App(exe, project, workdir, name, tag=name, focus=False)
    finally:
        del os.environ["ALAMA_BENCH_LOG"]
    try:
        app.wait_geometry(name, min_words=10)
        with open(app.log_path, encoding="utf-8", errors="replace") as log:
            text = log.read()
        assert "startup preload: done" in text, "the project was not read ahead:\n" + text
        assert "CRITICAL" not in text and "WARNING" not in text, text
    finally:
        app.quit()


def start(exe, path, log_path):
    """`alama PATH`; started again when Xvfb was resetting (as uitest.App does)."""
    for attempt in range(3):
        with open(log_path, "w") as log:
            proc = subprocess.Popen([exe, path], stdout=log, stderr=subprocess.STDOUT)
        # Up and showing a window, or exited (perhaps during Xvfb's reset).
        wait_for("alama to show a window or exit",
                 lambda: proc.poll() is not None or visible_windows(proc.pid), 30)
        if proc.poll() is None:
            return proc
        with open(log_path, encoding="utf-8", errors="replace") as log:
            if "cannot open display" not in log.read() or attempt == 2:
                return proc
        wait_for("the display back after its reset", display_answers)
    return proc


def window_area(window):
    values = xdo_shell("getwindowgeometry", "--shell", window)
    return int(values["WIDTH"]) * int(values["HEIGHT"])


def check_error_dialog(exe, path, workdir, tag):
    proc = start(exe, path, os.path.join(workdir, "alama-%s.log" % tag))
    try:
        # The window and, over it, the dialog that says why the project did not open.
        # Both mapped: their stacking is what it stays (no window manager).
        wait_for("the window and the error dialog", lambda: len(app_windows(proc)) >= 2, 30)
        windows = app_windows(proc)
        assert len(windows) >= 2
        # Over it, not under: no window manager restacks them here, so the
        # window must have been shown before the dialog.
        dialog = min(windows, key=window_area)
        main_window = max(windows, key=window_area)
        order = stacking_top_first()
        assert order.index(int(dialog)) < order.index(int(main_window)), \
            "the error dialog is under the window (stacking, top first: %s)" % order
    finally:
        proc.terminate()
        proc.wait(10)


def main():
    exe = alama_exe_or_skip()
    require_display_and_xdotool()
    check = results.check

    workdir = tempfile.mkdtemp(prefix="alama-ui-startup-")
    project = os.path.join(workdir, "startup.alama")
    docs = []
    with open(FIXTURE, encoding="utf-8") as f:
        text = f.read()
    for name in ("alpha", "beta"):
        # Different texts: the import skips a document it already has.
        doc = os.path.join(workdir, name + ".txt")
        with open(doc, "w", encoding="utf-8") as f:
            f.write(text + "\n" + name + "\n")
        docs.append(doc)
    subprocess.run([exe, "import", project] + docs, check=True, stdout=subprocess.DEVNULL)

    check("--open of one document shows it, read ahead", check_opens, exe, project, workdir,
          "alpha")
    check("--open of the other document shows it, read ahead", check_opens, exe, project,
          workdir, "beta")

    missing = os.path.join(workdir, "missing.alama")
    check("a missing project brings up the error dialog", check_error_dialog, exe, missing,
          workdir, "missing")
    garbage = os.path.join(workdir, "garbage.alama")
    with open(garbage, "w") as f:
        f.write("this is not an Alama project\n" * 100)
    check("a file that is not a project brings up the error dialog", check_error_dialog, exe,
          garbage, workdir, "garbage")

    ok = results.print_tap()
    if ok:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
