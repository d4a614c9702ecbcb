"""uitest.py: what the python UI tests (tests/test-ui-*.py) share: skipping without
a display, polling with a timeout, xdotool, read-only looks into the project file,
the real `alama` workbench as a process with its X window, and TAP output.

Each test puts tests/ first on sys.path and imports this module.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("G_TEST_SRCDIR", HERE)


def fixture(*parts):
    return os.path.join(SRCDIR, "fixtures", *parts)


def skip_or_fail(reason):
    """Exit 77 (skip), or 1 under CI=true, where a skip is a failure."""
    if os.environ.get("CI") == "true":
        print("1..1\nnot ok 1 - %s (a skip is a failure under CI=true)" % reason)
        sys.exit(1)
    print("1..0 # SKIP %s" % reason)
    sys.exit(77)


def require_display_and_xdotool():
    if not os.environ.get("DISPLAY"):
        skip_or_fail("no display")
    if shutil.which("xdotool") is None:
        skip_or_fail("xdotool is not installed")


def alama_exe_or_skip():
    """$ALAMA_EXE (meson sets it); exit 77 when it is missing."""
    exe = os.environ.get("ALAMA_EXE")
    if not exe or not os.path.exists(exe):
        print("1..0 # SKIP ALAMA_EXE is not set")
        sys.exit(77)
    return exe


def wait_for(what, predicate, timeout=15.0):
    """Polls @predicate until it returns something true, which is returned."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out after %.1f s waiting for %s" % (timeout, what))


def display_answers():
    """True when a new client can talk to the X server (not while Xvfb resets)."""
    return subprocess.run(["xdotool", "getmouselocation"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def stacking_top_first():
    """The root's children, top-most first (xwininfo prints them that way)."""
    out = subprocess.run(["xwininfo", "-root", "-children"],
                         capture_output=True, text=True, check=True).stdout
    return [int(line.split()[0], 16) for line in out.splitlines()
            if line.strip().startswith("0x")]


def xdo(*args):
    subprocess.run(["xdotool"] + [str(a) for a in args], check=True)


def xdo_shell(*args):
    """What `xdotool ... --shell` prints (NAME=VALUE lines), as a dict of strings."""
    out = subprocess.run(["xdotool"] + [str(a) for a in args], capture_output=True, text=True,
                         check=True).stdout
    return dict(line.split("=", 1) for line in out.split())


# Smaller than the workbench's smallest window, larger than any popup of it.
MIN_MAIN_WINDOW = (360, 300)


def visible_windows(pid):
    """The process's visible X windows, in xdotool's order (the main one last)."""
    return subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                          capture_output=True, text=True).stdout.split()


def db_query(project, sql, *params):
    """Rows of @sql on a fresh read-only connection: the app writes through WAL."""
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True, timeout=5)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def screenshot(name):
    """The whole screen into $ALAMA_TEST_OUTPUT/@name (ImageMagick's import; no
    window manager under Xvfb)."""
    out = os.environ.get("ALAMA_TEST_OUTPUT")
    if out and shutil.which("import"):
        os.makedirs(out, exist_ok=True)
        subprocess.run(["import", "-window", "root", os.path.join(out, name)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class App:
    """`alama PROJECT --open DOC` and its X window. With @geometry the doc view
    writes where its words and spans are to $ALAMA_DEBUG_GEOMETRY after each frame
    (coordinates of the window's surface; xdotool moves relative to the window)."""

    def __init__(self, exe, project, workdir, doc_name, tag=None, geometry=True, focus=True):
        suffix = "-" + tag if tag else ""
        self.tag = tag or "alama"
        self.geometry_path = (os.path.join(workdir, "geometry%s.json" % suffix)
                              if geometry else None)
        env = dict(os.environ)
        if self.geometry_path:
            env["ALAMA_DEBUG_GEOMETRY"] = self.geometry_path
        self.log_path = os.path.join(workdir, "alama%s.log" % suffix)
        # Xvfb resets itself when its last client leaves (xvfb-run does not pass
        # -noreset), and a program that connects during the reset fails with
        # "cannot open display": a workbench started right after the previous one
        # quit can hit it. Only that failure, read from the app's own log, is
        # retried; any other early exit is the test's failure.
        for attempt in range(3):
            self.log = open(self.log_path, "w")
            self.proc = subprocess.Popen([exe, project, "--open", doc_name], env=env,
                                         stdout=self.log, stderr=subprocess.STDOUT)
            try:
                self.window = wait_for("the %s window" % self.tag, self.find_window, 30)
                break
            except AssertionError:
                if self.proc.poll() is None:
                    raise          # a time-out, not an early exit
                self.log.close()
                with open(self.log_path, encoding="utf-8", errors="replace") as log:
                    lost_display = "cannot open display" in log.read()
                if not lost_display or attempt == 2:
                    raise
                wait_for("the display back after its reset", display_answers)
        if focus:
            # No window manager under Xvfb: give the window the keyboard ourselves.
            xdo("windowfocus", "--sync", self.window)

    def find_window(self):
        """The workbench's main window: the largest of the process's visible
        windows, once one is window-sized. A short-lived surface (a popup, a
        tooltip) can be mapped first and be gone by the first key press."""
        if self.proc.poll() is not None:
            raise AssertionError("alama (%s) exited with %d" % (self.tag, self.proc.returncode))
        best, best_area = None, 0
        for wid in visible_windows(self.proc.pid):
            try:
                g = xdo_shell("getwindowgeometry", "--shell", wid)
            except subprocess.CalledProcessError:
                continue            # gone since it was listed
            width, height = int(g.get("WIDTH", 0)), int(g.get("HEIGHT", 0))
            if width >= MIN_MAIN_WINDOW[0] and height >= MIN_MAIN_WINDOW[1] and \
                    width * height > best_area:
                best, best_area = wid, width * height
        return best

    def geometry(self):
        try:
            with open(self.geometry_path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait_geometry(self, doc_name, min_words=0):
        """Until the view has drawn @doc_name with more than @min_words words."""
        wait_for("geometry of " + doc_name,
                 lambda: (self.geometry() or {}).get("document") == doc_name and
                 len(self.geometry().get("words", [])) > min_words, 30)

    def wait_span_drawn(self, span_id, what):
        """Until a frame drawn after @span_id was made (or came back) shows it: the
        geometry file is written after the frame, once the main loop is idle."""
        return wait_for("%s drawn (span %s)" % (what, span_id), lambda: self.span_box(span_id), 30)

    def label_chooser(self):
        """The label chooser's rectangle [x, y, width, height] in the window's
        coordinates while it is up, else None. It is drawn inside the doc view,
        not as a window of its own: the geometry file says where."""
        return (self.geometry() or {}).get("label-chooser")

    def span_box(self, span_id):
        for s in (self.geometry() or {}).get("spans", []):
            if s["id"] == span_id and "x" in s:
                return s
        return None

    def key(self, *keys):
        # The pause between keys paces the input like a person; it waits for
        # nothing (X delivers the keys in order).
        for k in keys:
            xdo("key", "--window", self.window, "--clearmodifiers", k)
            time.sleep(0.15)

    def move(self, x, y):
        xdo("mousemove", "--window", self.window, int(round(x)), int(round(y)))

    def quit(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Results:
    """Named checks, each run to the end even when one fails, then TAP."""

    def __init__(self):
        self.results = []

    def check(self, name, fn, *args):
        try:
            fn(*args)
            self.results.append((True, name, None))
        except Exception as e:  # report and go on: later checks say more
            self.results.append((False, name, "%s: %s" % (type(e).__name__, e)))
        return self.results[-1][0]

    def all_ok(self):
        return all(ok for ok, _, _ in self.results)

    def print_tap(self):
        print("1..%d" % len(self.results))
        for i, (ok, name, why) in enumerate(self.results, 1):
            print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
            if why:
                for line in why.splitlines():
                    print("# " + line)
        return self.all_ok()

    def exit(self, workdir):
        """Prints the TAP and exits: 0 with @workdir removed when every check
        passed, else 1 with @workdir kept for its project and log."""
        if self.print_tap():
            shutil.rmtree(workdir, ignore_errors=True)
            sys.exit(0)
        print("# project and log kept in " + workdir)
        sys.exit(1)
