#!/usr/bin/env python3
"""test-ui-shortcuts-window.py: the Keyboard Shortcuts window fits a 1280x800
screen, in English and in Arabic, with real input (XTest through xdotool) against
the real `alama` binary.

Ctrl+? opens it; without a window manager (Xvfb) its X window has the size GTK
asked for, which must fit the screen. A screenshot of each is saved in
$ALAMA_TEST_OUTPUT. TAP output; exit 77 (skip) without a display or xdotool,
except under CI=true.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, fixture, require_display_and_xdotool, \
    screenshot, visible_windows, wait_for, xdo_shell  # noqa: E402

FIXTURE = fixture("ui", "kremlin.txt")
DOC_NAME = "kremlin"
results = Results()


def screen_size():
    out = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True, text=True,
                         check=True).stdout.split()
    return int(out[0]), int(out[1])


def window_size(wid):
    g = xdo_shell("getwindowgeometry", "--shell", wid)
    return int(g["WIDTH"]), int(g["HEIGHT"])


def settled_size(wid):
    """The window's size once two looks 0.3 s apart agree."""
    last = [None]

    def same():
        now = window_size(wid)
        stable, last[0] = now == last[0], now
        if not stable:
            time.sleep(0.3)
        return now if stable else None
    return wait_for("the size of window %s settled" % wid, same, 15)


def shortcuts_window_fits(exe, project, workdir, tag, env):
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        app = App(exe, project, workdir, DOC_NAME, tag=tag)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    try:
        app.wait_geometry(DOC_NAME, min_words=10)
        app.key("ctrl+question")
        wid = wait_for("the shortcuts window", lambda: next(
            (w for w in visible_windows(app.proc.pid) if w != app.window), None), 15)
        width, height = settled_size(wid)
        screenshot("shortcuts-window-%s.png" % tag)
        sw, sh = screen_size()
        assert width <= sw and height <= sh, \
            "the shortcuts window is %dx%d on a %dx%d screen" % (width, height, sw, sh)
    finally:
        app.quit()


def main():
    require_display_and_xdotool()
    exe = alama_exe_or_skip()
    workdir = tempfile.mkdtemp(prefix="alama-ui-shortcuts-")
    project = os.path.join(workdir, "shortcuts.alama")
    doc = os.path.join(workdir, DOC_NAME + ".txt")
    shutil.copy(FIXTURE, doc)
    subprocess.run([exe, "import", project, doc], check=True, stdout=subprocess.DEVNULL)
    results.check("English: the shortcuts window fits the screen", shortcuts_window_fits,
                  exe, project, workdir, "en", {"LANGUAGE": "", "LANG": "C.UTF-8",
                                                 "LC_ALL": "C.UTF-8"})
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "ar_eg.utf8" in locales.split() or os.environ.get("CI") == "true":
        results.check("Arabic: the shortcuts window fits the screen", shortcuts_window_fits,
                      exe, project, workdir, "ar", {"LANGUAGE": "ar", "LANG": "ar_EG.UTF-8",
                                                     "LC_ALL": "ar_EG.UTF-8"})
    if results.print_tap():
        shutil.rmtree(workdir, ignore_errors=True)
        sys.exit(0)
    print("# project and logs kept in " + workdir)
    sys.exit(1)


if __name__ == "__main__":
    main()
