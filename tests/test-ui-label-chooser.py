#!/usr/bin/env python3
"""test-ui-label-chooser.py: the label chooser that a drag opens, with real input
(XTest through xdotool) against the real `alama` binary.

- A selection over three lines in the middle or at the bottom of the view
  (where the chooser fits neither above nor below the first line) opens a chooser that
  lies wholly inside the view, does not cover the selected words, and whose last
  rows can be reached: Down to the last label and Enter labels the selection with
  it (checked in the project's SQLite rows).
- A click on a row labels the selection with that row's label.
- Every drag over words opens a chooser: a run of drags of different lengths and
  speeds, each waited for; drags each followed at once by a label key and, once
  the chooser is gone, the next drag; and the same with the next drag sent at
  once after the key (its press can reach the app before the chooser has gone
  from the screen). Each drag must open a chooser and make a span.

The doc view writes where its words and the label chooser are after each frame
($ALAMA_DEBUG_GEOMETRY): the chooser is drawn inside the view, not as an X window
of its own. Every wait polls a condition with a timeout. TAP output; exit 77
(skip) without a display or xdotool, except under CI=true.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, db_query, fixture, \
    require_display_and_xdotool, screenshot, wait_for, xdo  # noqa: E402

FIXTURE = fixture("ui", "long-talks.txt")
DOC_NAME = "long-talks"
results = Results()


class ChooserApp(App):
    def __init__(self, exe, project, workdir):
        super().__init__(exe, project, workdir, DOC_NAME)
        self.wait_geometry(DOC_NAME, min_words=40)

    def chooser(self):
        """The label chooser's rectangle while it is up, else None."""
        return self.label_chooser()

    def chooser_for(self, first, last):
        """The chooser's rectangle once it is up for a selection from word @first
        to word @last (a chooser still up for the selection before is not it).
        Snapping can leave a clitic out: the selection lies within the two
        words and reaches into both."""
        g = self.geometry() or {}
        sel = g.get("selection")
        if sel and first["start"] <= sel[0] < first["end"] and last["start"] < sel[1] <= last["end"]:
            return g.get("label-chooser")
        return None

    def lines(self):
        """The visible lines of words, top first, each in reading order; only
        lines wholly inside the view."""
        g = self.geometry()
        vx, vy, vw, vh = g["view"]
        rows = {}
        for w in g["words"]:
            if "x" not in w or w["y"] < vy or w["y"] + w["height"] > vy + vh:
                continue
            rows.setdefault(round(w["y"]), []).append(w)
        return [sorted(rows[y], key=lambda w: w["start"]) for y in sorted(rows)]

    def drag(self, x1, y1, x2, y2, steps=6, pause=0.02):
        self.move(x1, y1)
        xdo("mousedown", 1)
        for i in range(1, steps + 1):
            self.move(x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps)
            time.sleep(pause)   # input pacing: the steps of a hand's drag
        xdo("mouseup", 1)

    def close_chooser(self):
        self.key("Escape")
        wait_for("the chooser closed", lambda: self.chooser() is None, 10)
        self.key("Escape")    # and the selection cleared
        wait_for("nothing selected", lambda: (self.geometry() or {}).get("selected-span") == 0)


def centre(w):
    return w["x"] + w["width"] / 2, w["y"] + w["height"] / 2


def three_lines_chooser(app, project, which, shot):
    """Selects the three visible lines from @which (an index into the lines on
    screen) from the first word of the first to the last word of the third; the
    chooser must lie inside the view and cover no selected word; Down to the
    last label and Enter must label the selection with it."""
    lines = app.lines()
    assert len(lines) >= 6, "fewer than six lines on screen: %r" % len(lines)
    chosen = lines[which:which + 3]
    first, last = chosen[0][0], chosen[-1][-1]
    before = {r[0] for r in db_query(project, "SELECT id FROM spans")}
    labels = db_query(project, "SELECT key FROM labels ORDER BY position")
    app.drag(*centre(first), *centre(last))
    x, y, w, h = wait_for("the label chooser", app.chooser, 10)
    screenshot(shot)
    vx, vy, vw, vh = app.geometry()["view"]
    assert vx <= x and vy <= y and x + w <= vx + vw and y + h <= vy + vh, \
        "chooser %r runs out of the view %r" % ((x, y, w, h), (vx, vy, vw, vh))
    for line in chosen:
        for wd in line:
            if first["start"] <= wd["start"] and wd["end"] <= last["end"]:
                cx, cy = centre(wd)
                assert not (x <= cx < x + w and y <= cy < y + h), \
                    "the chooser %r covers the selected word %r" % ((x, y, w, h), wd["text"])
    # The last rows are there: Down to the last label, Enter takes it.
    app.key(*(["Down"] * (len(labels) - 1)))
    app.key("Return")
    added = wait_for("a new span", lambda: [r for r in db_query(
        project, "SELECT id, label FROM spans") if r[0] not in before])
    assert [a[1] for a in added] == [labels[-1][0]], (added, labels[-1])
    wait_for("the chooser closed", lambda: app.chooser() is None, 10)
    app.key("ctrl+z")
    wait_for("the span undone", lambda: not [r for r in db_query(
        project, "SELECT id FROM spans") if r[0] not in before])
    app.key("Escape")


def test_three_lines_in_the_middle(app, project):
    lines = app.lines()
    three_lines_chooser(app, project, len(lines) // 2 - 1, "label-chooser-three-lines-middle.png")


def test_three_lines_at_the_bottom(app, project):
    three_lines_chooser(app, project, len(app.lines()) - 3, "label-chooser-three-lines-bottom.png")


def test_every_drag_opens_the_chooser(app, project):
    lines = app.lines()
    missing = []
    n = 0
    # Drags of one to three words, slow and quick, on the first lines.
    for li, line in enumerate(lines[:5]):
        for length, steps, pause in ((1, 6, 0.02), (2, 3, 0.0), (3, 10, 0.01)):
            if len(line) < length + 1:
                continue
            a, b = line[li % 2], line[li % 2 + length - 1]
            ax, ay = centre(a)
            bx, by = centre(b)
            if length == 1:   # inside one word: from its one end to the other
                ax, bx = a["x"] + a["width"] * 0.85, a["x"] + a["width"] * 0.15
            app.drag(ax, ay, bx, by, steps, pause)
            n += 1
            try:
                wait_for("the label chooser", app.chooser, 5)
            except AssertionError:
                missing.append((a["text"], b["text"], steps))
                screenshot("label-chooser-missing-%d.png" % n)
                app.key("Escape")
                continue
            app.close_chooser()
    assert n >= 12, "only %d drags made" % n
    assert not missing, "no chooser after %d of %d drags: %r" % (len(missing), n, missing)


def test_click_a_row(app, project):
    """A click on the chooser's second row labels the selection with the second
    label of the schema."""
    line = app.lines()[1]
    a, b = line[0], line[1]
    labels = db_query(project, "SELECT key FROM labels ORDER BY position")
    before = {r[0] for r in db_query(project, "SELECT id FROM spans")}
    app.drag(*centre(a), *centre(b), 3, 0.0)
    wait_for("the label chooser", app.chooser, 10)
    rows = app.geometry()["label-chooser-rows"]
    assert len(rows) == len(labels), (rows, labels)
    x, y, w, h = rows[1]
    app.move(x + w / 2, y + h / 2)
    xdo("click", 1)
    try:
        added = wait_for("a new span", lambda: [r for r in db_query(
            project, "SELECT id, label FROM spans") if r[0] not in before])
    except AssertionError as e:
        screenshot("label-chooser-click-missing.png")
        g = app.geometry() or {}
        raise AssertionError("%s; clicked %r; now chooser %r, selection %r" % (
            e, (x + w / 2, y + h / 2), g.get("label-chooser"), g.get("selection")))
    assert [a[1] for a in added] == [labels[1][0]], (added, labels[1])
    wait_for("the chooser closed", lambda: app.chooser() is None, 10)
    app.key("ctrl+z")
    wait_for("the span undone", lambda: not [r for r in db_query(
        project, "SELECT id FROM spans") if r[0] not in before])
    app.key("Escape")


def drag_label_drag(app, project, wait_for_close):
    """The analyst's rhythm: drag, a label key, and the next drag, either once
    the chooser is gone or at once. Every drag opens a chooser and every key
    labels its selection."""
    lines = app.lines()
    pairs = [(line[i], line[i + 1]) for line in lines[:4] for i in (0, 2) if len(line) > i + 1]
    before = {r[0] for r in db_query(project, "SELECT id FROM spans")}
    missing = []
    for n, (a, b) in enumerate(pairs):
        app.drag(*centre(a), *centre(b), 3, 0.0)
        try:
            wait_for("the label chooser for this drag",
                     lambda: app.chooser_for(a, b), 5)
        except AssertionError:
            missing.append((a["text"], b["text"]))
            screenshot("label-chooser-rhythm-missing-%d.png" % n)
            app.key("Escape")
            continue
        xdo("key", "--window", app.window, "1")
        if wait_for_close:
            wait_for("the chooser closed", lambda: app.chooser() is None, 10)

    def made():
        return [r for r in db_query(project, "SELECT id FROM spans") if r[0] not in before]
    wait_for("a span for each chooser", lambda: len(made()) >= len(pairs) - len(missing), 15)
    assert len(pairs) >= 6, "only %d drags made" % len(pairs)
    assert not missing, "no chooser after %d of %d drags: %r" % (len(missing), len(pairs), missing)
    assert len(made()) == len(pairs), (len(made()), len(pairs))
    # Undone, so that the next case drags over unlabelled words again.
    for _ in made():
        app.key("ctrl+z")
    wait_for("the spans undone", lambda: not made(), 15)
    wait_for("the chooser closed", lambda: app.chooser() is None, 10)


def test_label_key_then_drag_once_closed(app, project):
    drag_label_drag(app, project, True)


def test_label_key_then_drag_at_once(app, project):
    drag_label_drag(app, project, False)
    # Still alive and answering: a drag still opens a chooser.
    assert app.proc.poll() is None, "alama exited with %r" % app.proc.returncode


def main():
    require_display_and_xdotool()
    exe = alama_exe_or_skip()
    workdir = tempfile.mkdtemp(prefix="alama-ui-chooser-")
    project = os.path.join(workdir, "chooser.alama")
    doc = os.path.join(workdir, DOC_NAME + ".txt")
    shutil.copy(FIXTURE, doc)
    subprocess.run([exe, "import", project, doc], check=True, stdout=subprocess.DEVNULL)
    try:
        app = ChooserApp(exe, project, workdir)
    except Exception as e:
        print("1..1\nnot ok 1 - start alama with the fixture project # %r" % e)
        print("# project and log kept in " + workdir)
        sys.exit(1)
    try:
        results.check("a three-line selection in the middle: the chooser is inside the view, "
                      "beside the selection, its last row reachable",
                      test_three_lines_in_the_middle, app, project)
        results.check("the same for three lines at the bottom of the view",
                      test_three_lines_at_the_bottom, app, project)
        results.check("a click on a row takes that row's label",
                      test_click_a_row, app, project)
        results.check("every drag over words opens the chooser",
                      test_every_drag_opens_the_chooser, app, project)
        results.check("drag, label key, drag again once the chooser is gone: a chooser and a "
                      "span each time",
                      test_label_key_then_drag_once_closed, app, project)
        results.check("drag, label key, drag again at once: a chooser and a span each time, "
                      "no crash",
                      test_label_key_then_drag_at_once, app, project)
    finally:
        app.quit()
    results.exit(workdir)


if __name__ == "__main__":
    main()
