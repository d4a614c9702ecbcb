#!/usr/bin/env python3
"""test-ui-upgrade.py: a project made by an older version of Alama opens behind
the "Upgrading the Project" page, and the window answers while it is upgraded.

The project is a current one taken back to version 8 by hand (as test-cli and
test-stats-kept do), so that the upgrade runs every migration since. It is
held inside its transaction by the test watcher (ALAMA_TEST_HOLD_UPGRADE,
app/instrumentation/alama-debug-upgrade.c) until the test creates the release
file; the watcher writes what the page shows after each frame.

- The page is on screen (a frame drawn with it) while the file is still at
  version 8; the window is resized meanwhile and draws the page at its new
  size; once released, the --open document is drawn and the file is at the
  current version, with migration 9's table.
- Cancel, clicked with xdotool, leaves the file byte for byte as it was, at
  version 8, and the workbench running.
- Quitting (Ctrl+Q) during the upgrade ends the program once the worker has
  rolled back and closed the file, which is as it was (no -wal left).

TAP output. Exit 77 (skip) without a display or xdotool, except under CI=true,
where that is a failure.
"""
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, db_query, fixture, \
    require_display_and_xdotool, screenshot, wait_for, xdo  # noqa: E402

FIXTURE = fixture("ui", "kremlin.txt")
results = Results()

VERSION_8 = fixture("store", "back-to-version-8.sql")


def make_old_project(template, path):
    shutil.copy(template, path)
    db = sqlite3.connect(path, isolation_level=None)
    with open(VERSION_8, encoding="utf-8") as f:
        db.executescript(f.read())
    db.close()        # the last connection: the WAL goes into the file


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def user_version(path):
    return db_query(path, "PRAGMA user_version")[0][0]


def page_state(hold):
    try:
        with open(hold + ".page", encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def page_shown(hold):
    state = page_state(hold)
    return state if state and state.get("page") and "cancel" in state else None


def start(exe, project, workdir, tag, hold):
    os.environ["ALAMA_TEST_HOLD_UPGRADE"] = hold
    try:
        return App(exe, project, workdir, "beta", tag=tag)
    finally:
        del os.environ["ALAMA_TEST_HOLD_UPGRADE"]


def check_upgrade_then_open(exe, template, workdir):
    assert user_version(template) > 8
    project = os.path.join(workdir, "upgrade.alama")
    hold = os.path.join(workdir, "release-upgrade")
    make_old_project(template, project)
    app = start(exe, project, workdir, "upgrade", hold)
    try:
        state = wait_for("the upgrade page drawn", lambda: page_shown(hold), 30)
        # One step per migration from version 8 to this build's.
        steps = user_version(template) - 8
        assert re.fullmatch(r"Step [1-9][0-9]* of %d" % steps, state["text"]), state
        screenshot("upgrade-page.png")
        assert user_version(project) == 8
        # The window answers: resized, it draws the page again at its new size.
        before = state["cancel"]
        xdo("windowsize", "--sync", app.window, 700, 500)
        wait_for("the page drawn at the new size",
                 lambda: (page_shown(hold) or {}).get("cancel", before) != before, 30)
        assert user_version(project) == 8
        with open(hold, "w"):
            pass
        app.wait_geometry("beta", min_words=10)
        assert user_version(project) == user_version(template)
        assert db_query(project, "SELECT documents FROM stats_totals")[0][0] == 2
        wait_for("the page gone", lambda: (page_state(hold) or {}).get("page") is False, 30)
    finally:
        app.quit()


def check_cancel(exe, template, workdir):
    project = os.path.join(workdir, "cancel.alama")
    hold = os.path.join(workdir, "release-cancel")
    make_old_project(template, project)
    before = sha(project)
    app = start(exe, project, workdir, "cancel", hold)
    try:
        state = wait_for("the upgrade page drawn", lambda: page_shown(hold), 30)
        x, y, w, h = state["cancel"]
        app.move(x + w / 2, y + h / 2)
        xdo("click", 1)
        wait_for("the page gone after Cancel",
                 lambda: (page_state(hold) or {}).get("page") is False, 30)
        # The worker rolls back and closes its connection: the file is as it was.
        wait_for("the file as it was", lambda: sha(project) == before, 30)
        assert user_version(project) == 8
        assert app.proc.poll() is None, "the workbench quit"
    finally:
        app.quit()
    assert sha(project) == before


def check_quit_cancels(exe, template, workdir):
    project = os.path.join(workdir, "quit.alama")
    hold = os.path.join(workdir, "release-quit")
    make_old_project(template, project)
    before = sha(project)
    app = start(exe, project, workdir, "quit", hold)
    try:
        wait_for("the upgrade page drawn", lambda: page_shown(hold), 30)
        # Through XTest to the focused window, not to the window by id: the
        # window may be gone before the key is released.
        xdo("key", "--clearmodifiers", "ctrl+q")
        wait_for("the workbench to end", lambda: app.proc.poll() is not None, 30)
        assert app.proc.returncode == 0, app.proc.returncode
    finally:
        app.quit()
    # The program waited for the worker to roll back and close the file: a
    # connection cut off by the exit would leave its write-ahead log behind.
    # (Checked before user_version(), whose read-only connection leaves one.)
    assert not os.path.exists(project + "-wal"), "the upgrade's -wal was left behind"
    assert sha(project) == before
    assert user_version(project) == 8


def main():
    exe = alama_exe_or_skip()
    require_display_and_xdotool()
    check = results.check

    workdir = tempfile.mkdtemp(prefix="alama-ui-upgrade-")
    template = os.path.join(workdir, "current.alama")
    docs = []
    with open(FIXTURE, encoding="utf-8") as f:
        text = f.read()
    for name in ("alpha", "beta"):
        doc = os.path.join(workdir, name + ".txt")
        with open(doc, "w", encoding="utf-8") as f:
            f.write(text + "\n" + name + "\n")
        docs.append(doc)
    subprocess.run([exe, "import", template] + docs, check=True, stdout=subprocess.DEVNULL)

    check("an older project shows the upgrade page, the window answers, then the document opens",
          check_upgrade_then_open, exe, template, workdir)
    check("Cancel on the upgrade page leaves the file as it was", check_cancel, exe, template,
          workdir)
    check("quitting during the upgrade leaves the file as it was", check_quit_cancels, exe,
          template, workdir)
    results.exit(workdir)


if __name__ == "__main__":
    main()
