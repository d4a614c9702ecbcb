#!/usr/bin/env python3
"""test-ui-panel-relations.py: the annotation panel's Relations list follows every
change to the relations, with real input (XTest through xdotool) against the real
`alama` binary.

The panel shows the selected annotation; a relation made with Shift+drag or with
R and a click, undone, redone, or a relation popover closed with Escape must show
in its Relations list on the next frames without selecting another annotation.
The doc view writes, after each frame, where its spans are and the lines of the
panel's Relations list ($ALAMA_DEBUG_GEOMETRY, "panel-relations"); every wait
polls that file or the project's SQLite rows. TAP output; exit 77 (skip) without
a display or xdotool, except under CI=true.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, db_query, require_display_and_xdotool, \
    screenshot, visible_windows, wait_for, xdo  # noqa: E402

DOC_NAME = "beirut-crossings"
# An original news-style text: two speakers, two quotes.
TEXT = ("قال الوزير سمير حداد في بيروت «سنفتح المعابر غدا أمام الشاحنات» ثم غادر القاعة. "
        "وأكد نائبه كريم عون أن «القرار نهائي ولا رجعة عنه» في حديث للصحفيين.")
SPANS = [("PER", "سمير حداد"), ("QUOTE", "«سنفتح المعابر غدا أمام الشاحنات»"),
         ("PER", "كريم عون"), ("QUOTE", "«القرار نهائي ولا رجعة عنه»")]
results = Results()


def relation_rows(project):
    return db_query(project, "SELECT from_span, to_span, type FROM relations ORDER BY id")


class PanelApp(App):
    def __init__(self, exe, project, workdir):
        super().__init__(exe, project, workdir, DOC_NAME)
        self.ids = [r[0] for r in db_query(project, "SELECT id FROM spans ORDER BY id")]
        wait_for("the document drawn with its annotations",
                 lambda: all(self.span_box(i) for i in self.ids), 30)

    def centre(self, span_id):
        box = wait_for("span %d on screen" % span_id, lambda: self.span_box(span_id))
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def click_span(self, span_id):
        x, y = self.centre(span_id)
        self.move(x, y)
        xdo("click", 1)
        wait_for("span %d selected" % span_id,
                 lambda: (self.geometry() or {}).get("selected-span") == span_id)

    def shift_drag(self, from_id, to_id):
        (x1, y1), (x2, y2) = self.centre(from_id), self.centre(to_id)
        xdo("keydown", "shift")
        self.move(x1, y1)
        xdo("mousedown", 1)
        steps = 6
        for i in range(1, steps + 1):
            self.move(x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps)
            time.sleep(0.02)   # input pacing: the steps of a hand's drag
        xdo("mouseup", 1)
        xdo("keyup", "shift")

    def panel_relations(self):
        return (self.geometry() or {}).get("panel-relations")

    def wait_panel(self, what, predicate):
        """Until a frame drawn since shows the panel's Relations list as @predicate
        wants it."""
        return wait_for("the panel's Relations list %s (it shows %s)" % (what, self.panel_relations()),
                        lambda: self.panel_relations() is not None and
                        predicate(self.panel_relations()), 15)

    def wait_popover(self):
        wait_for("the relation popover", lambda: len(visible_windows(self.proc.pid)) > 1, 10)

    def wait_no_popover(self):
        wait_for("the popover closed", lambda: len(visible_windows(self.proc.pid)) == 1, 10)


def n_relation_lines(lines):
    return sum(1 for line in lines if "SPEAKER" in line)


def test_shift_drag(app, project):
    per, quote = app.ids[0], app.ids[1]
    app.click_span(per)
    app.wait_panel("with no relation", lambda lines: n_relation_lines(lines) == 0)
    app.shift_drag(per, quote)
    app.wait_popover()
    app.key("Return")
    wait_for("the relation row", lambda: relation_rows(project) == [(per, quote, "SPEAKER")])
    app.wait_panel("with the new relation", lambda lines: n_relation_lines(lines) == 1)


def test_undo(app, project):
    app.key("ctrl+z")
    wait_for("the relation undone", lambda: relation_rows(project) == [])
    app.wait_panel("empty again", lambda lines: n_relation_lines(lines) == 0)


def test_redo(app, project):
    app.key("ctrl+shift+z")
    wait_for("the relation redone", lambda: len(relation_rows(project)) == 1)
    app.wait_panel("with the relation again", lambda lines: n_relation_lines(lines) == 1)


def test_r_click(app, project):
    per, quote = app.ids[0], app.ids[3]
    app.wait_panel("showing the first speaker", lambda lines: n_relation_lines(lines) == 1)
    app.key("r")
    x, y = app.centre(quote)
    app.move(x, y)
    xdo("click", 1)
    app.wait_popover()
    app.key("Return")
    wait_for("the second relation row",
             lambda: relation_rows(project)[-1:] == [(per, quote, "SPEAKER")])
    app.wait_panel("with both relations", lambda lines: n_relation_lines(lines) == 2)


def test_escape(app, project):
    # A Shift+drag whose popover Escape closes makes nothing; the list stays.
    per, quote = app.ids[2], app.ids[3]
    app.click_span(per)
    app.wait_panel("showing the second speaker", lambda lines: n_relation_lines(lines) == 0)
    app.shift_drag(per, quote)
    app.wait_popover()
    app.key("Escape")
    app.wait_no_popover()
    assert len(relation_rows(project)) == 2, relation_rows(project)
    # Then a relation made after it shows, and one undone after Escape goes.
    app.shift_drag(per, quote)
    app.wait_popover()
    app.key("Return")
    wait_for("the third relation row", lambda: len(relation_rows(project)) == 3)
    app.wait_panel("with the relation made after Escape", lambda lines: n_relation_lines(lines) == 1)
    app.key("Escape")
    app.key("ctrl+z")
    wait_for("the third relation undone", lambda: len(relation_rows(project)) == 2)
    app.click_span(per)
    app.wait_panel("without it", lambda lines: n_relation_lines(lines) == 0)


CASES = [
    ("Shift+drag and Enter: the relation shows in the panel", test_shift_drag),
    ("Ctrl+Z: the undone relation leaves the panel", test_undo),
    ("Ctrl+Shift+Z: the redone relation comes back to the panel", test_redo),
    ("R and a click: the relation shows in the panel", test_r_click),
    ("Escape in the relation popover, then a relation and its undo", test_escape),
]


def main():
    require_display_and_xdotool()
    exe = alama_exe_or_skip()
    workdir = tempfile.mkdtemp(prefix="alama-ui-panel-relations-")
    project = os.path.join(workdir, "relations.alama")
    source = os.path.join(workdir, DOC_NAME + ".jsonl")
    entities = []
    for i, (label, covered) in enumerate(SPANS, 1):
        start = TEXT.index(covered)
        entities.append({"id": i, "label": label, "start_offset": start,
                         "end_offset": start + len(covered)})
    with open(source, "w", encoding="utf-8") as f:
        json.dump({"name": DOC_NAME, "text": TEXT, "entities": entities, "relations": []}, f,
                  ensure_ascii=False)
    subprocess.run([exe, "import", project, source], check=True, stdout=subprocess.DEVNULL)

    app = PanelApp(exe, project, workdir)
    try:
        for name, test in CASES:
            if not results.check(name, test, app, project):
                screenshot("ui-panel-relations-failed-%s.png" % test.__name__)
    finally:
        app.quit()

    results.exit(workdir)


if __name__ == "__main__":
    main()
