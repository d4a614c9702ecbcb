#!/usr/bin/env python3
"""test-ui-input.py: real pointer and key input (XTest through xdotool) against the
real `alama` binary, checked in the project's SQLite file.

The doc view writes where its words and spans are to $ALAMA_DEBUG_GEOMETRY after
each frame (coordinates of the window's surface); xdotool moves relative to the
window, so no window-manager geometry is needed. Every wait polls a condition with
a timeout. TAP output. Exit 77 (skip) without a display or xdotool, except under
CI=true, where that is a failure.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(os.environ.get("G_TEST_SRCDIR", HERE), "fixtures", "ui", "kremlin.txt")
DOC_NAME = "kremlin"
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


class App:
    def __init__(self, exe, project, workdir):
        self.geometry_path = os.path.join(workdir, "geometry.json")
        env = dict(os.environ)
        env["ALAMA_DEBUG_GEOMETRY"] = self.geometry_path
        self.log = open(os.path.join(workdir, "alama.log"), "w")
        self.proc = subprocess.Popen([exe, project, "--open", DOC_NAME], env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.window = wait_for("the alama window", self.find_window, 30)
        # No window manager under Xvfb: give the window the keyboard ourselves.
        xdo("windowfocus", "--sync", self.window)
        wait_for("geometry of " + DOC_NAME,
                 lambda: (self.geometry() or {}).get("document") == DOC_NAME and
                 len(self.geometry().get("words", [])) > 10, 30)

    def find_window(self):
        if self.proc.poll() is not None:
            raise AssertionError("alama exited with %d" % self.proc.returncode)
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.proc.pid)],
                             capture_output=True, text=True).stdout.split()
        return out[-1] if out else None

    def geometry(self):
        try:
            with open(self.geometry_path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def settle(self, quiet=0.5, timeout=10.0):
        """Escape (no selection, no selected span), then wait until the geometry file
        has not changed for @quiet seconds: the window's panels can reflow the text
        when the selection changes."""
        self.key("Escape")
        deadline = time.monotonic() + timeout
        last, since = None, time.monotonic()
        while time.monotonic() < deadline:
            try:
                stamp = os.stat(self.geometry_path).st_mtime_ns
            except OSError:
                stamp = None
            if stamp != last:
                last, since = stamp, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.05)

    def word(self, text, nth=0):
        hits = [w for w in self.geometry()["words"] if w["text"] == text and "x" in w]
        assert len(hits) > nth, "word %s is not on screen" % text
        return hits[nth]

    def span_box(self, span_id):
        for s in self.geometry()["spans"]:
            if s["id"] == span_id and "x" in s:
                return s
        return None

    def move(self, x, y):
        xdo("mousemove", "--window", self.window, int(round(x)), int(round(y)))

    def drag(self, x1, y1, x2, y2, modifier=None):
        if modifier:
            xdo("keydown", modifier)
        self.move(x1, y1)
        xdo("mousedown", 1)
        steps = 6
        for i in range(1, steps + 1):
            self.move(x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps)
            time.sleep(0.02)
        xdo("mouseup", 1)
        if modifier:
            xdo("keyup", modifier)

    def key(self, name):
        xdo("key", "--window", self.window, name)

    def screenshot(self, name):
        out = os.environ.get("ALAMA_TEST_OUTPUT")
        if out and shutil.which("import"):
            os.makedirs(out, exist_ok=True)
            subprocess.run(["import", "-window", "root", os.path.join(out, name)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def quit(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def db_spans(project):
    con = sqlite3.connect(project)
    try:
        rows = con.execute("SELECT s.id, s.label, f.start, f.\"end\" FROM spans s "
                           "JOIN span_fragments f ON f.span_id = s.id ORDER BY s.id, f.start").fetchall()
    finally:
        con.close()
    return rows


def db_query(project, sql, *params):
    con = sqlite3.connect(project)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def new_spans(project, before):
    rows = db_spans(project)
    return [r for r in rows if r[0] not in {b[0] for b in before}]


def cp_of(text, needle, nth=0):
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos


def case(name):
    def wrap(fn):
        def run(*args):
            try:
                fn(*args)
                results.append((True, name, ""))
            except Exception as e:  # report and go on with the next case
                results.append((False, name, repr(e)))
        run.__name__ = fn.__name__
        return run
    return wrap


@case("drag across an Arabic word then the label key makes one span over the whole word")
def test_drag_word(app, project, text, keys):
    w = app.word("الروسية")
    before = db_spans(project)
    y = w["y"] + w["height"] / 2
    # From inside the word's right part to inside its left part: snapping widens it.
    app.drag(w["x"] + w["width"] * 0.8, y, w["x"] + w["width"] * 0.3, y)
    app.key(keys["PER"])
    added = wait_for("a new span", lambda: new_spans(project, before))
    time.sleep(0.3)
    added = new_spans(project, before)
    assert len(added) == 1, added
    start = cp_of(text, "الروسية")
    assert added[0][1:] == ("PER", start, start + len("الروسية")), added


@case("double-click on a word selects the word")
def test_double_click(app, project, text, keys):
    w = app.word("موسكو")
    before = db_spans(project)
    app.move(w["x"] + w["width"] / 2, w["y"] + w["height"] / 2)
    xdo("click", "--repeat", 2, "--delay", 60, 1)
    app.key(keys["GPE"])
    wait_for("a new span", lambda: new_spans(project, before))
    added = new_spans(project, before)
    start = cp_of(text, "موسكو")
    assert [a[1:] for a in added] == [("GPE", start, start + len("موسكو"))], added


@case("Alt+drag inside وبوتين tags بوتين")
def test_alt_drag(app, project, text, keys):
    w = app.word("وبوتين")
    chars = w["chars"]
    before = db_spans(project)
    b, n = chars[1], chars[-1]
    y = b[1] + b[3] / 2
    # Right-to-left: the press inside ب near its right (logical start) edge, the
    # release inside ن near its left (logical end) edge.
    app.drag(b[0] + b[2] - 1, y, n[0] + 1, y, modifier="alt")
    app.key(keys["PER"])
    wait_for("a new span", lambda: new_spans(project, before))
    added = new_spans(project, before)
    start = cp_of(text, "وبوتين") + 1
    assert [a[1:] for a in added] == [("PER", start, start + len("بوتين"))], added


@case("Shift+drag from a span to another and Enter makes a relation")
def test_relation(app, project, text, keys):
    # A quote to speak: drag over its first and last words.
    first, last = app.word("نحن"), app.word("اللازمة")
    before = db_spans(project)
    app.drag(first["x"] + first["width"] - 2, first["y"] + first["height"] / 2,
             last["x"] + 2, last["y"] + last["height"] / 2)
    app.key(keys["QUOTE"])
    wait_for("the quote span", lambda: new_spans(project, before))
    quote_id = new_spans(project, before)[0][0]
    app.settle()
    putin_start = cp_of(text, "وبوتين") + 1
    per_ids = [r[0] for r in db_spans(project) if r[1] == "PER" and r[2] == putin_start]
    assert per_ids, "the Alt+drag case made no PER span to start from"
    per = wait_for("the PER span on screen", lambda: app.span_box(per_ids[0]))
    quote = wait_for("the QUOTE span on screen", lambda: app.span_box(quote_id))
    app.drag(per["x"] + per["width"] / 2, per["y"] + per["height"] / 2,
             quote["x"] + quote["width"] / 2, quote["y"] + quote["height"] / 2, modifier="shift")
    time.sleep(0.3)
    app.key("Return")
    rows = wait_for("a relation row",
                    lambda: db_query(project, "SELECT from_span, to_span, type FROM relations"))
    assert rows == [(per_ids[0], quote_id, "SPEAKER")], rows


def main():
    exe = os.environ.get("ALAMA_EXE")
    if not os.environ.get("DISPLAY"):
        skip_or_fail("no display")
    if shutil.which("xdotool") is None:
        skip_or_fail("xdotool is not installed")
    if not exe or not os.path.exists(exe):
        print("1..1\nnot ok 1 - ALAMA_EXE not set or missing")
        sys.exit(1)

    workdir = tempfile.mkdtemp(prefix="alama-ui-input-")
    project = os.path.join(workdir, "input.alama")
    doc = os.path.join(workdir, DOC_NAME + ".txt")
    shutil.copy(FIXTURE, doc)
    with open(FIXTURE, encoding="utf-8") as f:
        text = f.read()
    subprocess.run([exe, "import", project, doc], check=True, stdout=subprocess.DEVNULL)
    keys = dict(db_query(project, "SELECT key, shortcut FROM labels WHERE shortcut IS NOT NULL"))
    for needed in ("PER", "GPE", "QUOTE"):
        assert needed in keys, "the default schema has no shortcut for " + needed

    try:
        app = App(exe, project, workdir)
    except Exception as e:
        print("1..1\nnot ok 1 - start alama with the fixture project # %r" % e)
        print("# project and log kept in " + workdir)
        sys.exit(1)
    try:
        for test in (test_drag_word, test_double_click, test_alt_drag, test_relation):
            app.settle()
            test(app, project, text, keys)
            if not results[-1][0]:
                app.screenshot("ui-input-failed-%s.png" % test.__name__)
        app.screenshot("ui-input-final.png")
    finally:
        app.quit()

    print("1..%d" % len(results))
    for i, (ok, name, why) in enumerate(results, 1):
        print("%s %d - %s%s" % ("ok" if ok else "not ok", i, name, "" if ok else " # " + why))
    if all(ok for ok, _, _ in results):
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print("# project and log kept in " + workdir)
    sys.exit(0 if all(ok for ok, _, _ in results) else 1)


if __name__ == "__main__":
    main()
