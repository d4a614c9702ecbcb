#!/usr/bin/env python3
"""test-ui-escape-clears-panel.py: Escape deselects, and the annotation panel
follows: with real input (XTest through xdotool) against the real `alama` binary.

An annotation selected with a click in the text shows in the panel's editor (its
Relations list is on screen); Escape in the text, or with the keyboard in the
panel, deselects it, and the panel clears. The doc
view writes, after each frame, the selected span and the lines of the panel's
Relations list, or null when that list is not shown ($ALAMA_DEBUG_GEOMETRY).
Every wait polls that file. TAP output; exit 77 (skip) without a display or
xdotool, except under CI=true.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, db_query, fixture, \
    require_display_and_xdotool, screenshot, wait_for, xdo  # noqa: E402

FIXTURE = fixture("ui", "kremlin.txt")
DOC_NAME = "kremlin"
results = Results()


class PanelApp(App):
    def __init__(self, exe, project, workdir):
        super().__init__(exe, project, workdir, DOC_NAME)
        self.ids = [r[0] for r in db_query(project, "SELECT id FROM spans ORDER BY id")]
        wait_for("the document drawn with its annotations",
                 lambda: all(self.span_box(i) for i in self.ids), 30)

    def panel_shows_annotation(self):
        return (self.geometry() or {}).get("panel-relations") is not None

    def click_span(self, span_id):
        box = self.span_box(span_id)
        self.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        xdo("click", 1)
        wait_for("span %d selected" % span_id,
                 lambda: (self.geometry() or {}).get("selected-span") == span_id)


def test_escape_in_the_text(app, span_index=0):
    app.click_span(app.ids[span_index])
    wait_for("the panel showing the annotation", app.panel_shows_annotation, 10)
    screenshot("escape-panel-before-%d.png" % span_index)
    app.key("Escape")
    wait_for("nothing selected in the text",
             lambda: (app.geometry() or {}).get("selected-span") == 0, 10)
    wait_for("the panel cleared", lambda: not app.panel_shows_annotation(), 10)
    screenshot("escape-panel-after-%d.png" % span_index)


def test_escape_in_the_panel(app, span_index=0):
    """F6 takes the keyboard from the text to the panel; Escape there deselects too."""
    app.click_span(app.ids[span_index])
    wait_for("the panel showing the annotation", app.panel_shows_annotation, 10)
    app.key("F6", "Escape")
    wait_for("nothing selected in the text",
             lambda: (app.geometry() or {}).get("selected-span") == 0, 10)
    wait_for("the panel cleared", lambda: not app.panel_shows_annotation(), 10)
    screenshot("escape-panel-after-panel-escape.png")


def main():
    require_display_and_xdotool()
    exe = alama_exe_or_skip()
    workdir = tempfile.mkdtemp(prefix="alama-ui-escape-")
    project = os.path.join(workdir, "escape.alama")
    doc = os.path.join(workdir, DOC_NAME + ".txt")
    shutil.copy(FIXTURE, doc)
    subprocess.run([exe, "import", project, doc], check=True, stdout=subprocess.DEVNULL)
    # Two annotations to select, made by the gazetteer (accepted at once below).
    subprocess.run([exe, "autotag", project, "--tagger", "gazetteer"], check=True,
                   stdout=subprocess.DEVNULL)
    db = sqlite3.connect(project)
    db.execute("UPDATE spans SET status = 'accepted'")
    db.commit()
    db.close()
    assert len(db_query(project, "SELECT id FROM spans")) >= 2
    try:
        app = PanelApp(exe, project, workdir)
    except Exception as e:
        print("1..1\nnot ok 1 - start alama with the fixture project # %r" % e)
        print("# project and log kept in " + workdir)
        sys.exit(1)
    try:
        results.check("Escape in the text deselects, and the panel clears",
                      test_escape_in_the_text, app)
        results.check("again for another annotation", test_escape_in_the_text, app, 1)
        results.check("Escape with the keyboard in the panel deselects too",
                      test_escape_in_the_panel, app)
    finally:
        app.quit()
    results.exit(workdir)


if __name__ == "__main__":
    main()
