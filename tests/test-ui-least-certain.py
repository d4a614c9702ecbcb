#!/usr/bin/env python3
"""test-ui-least-certain.py: Review → Least Certain First with real keys (XTest
through xdotool) against the real `alama` binary, checked in the project file.

A document of suggestions a model made, each with its confidence (the span
attribute "confidence"), and one a rule tagger made, without. N walks them in
reading order; once the toggle is switched on from the main menu, N starts
from the least certain and goes up, the one without a confidence last, and
Enter accepts the selected one (its row in the file says so). The doc view
writes the selected span to $ALAMA_DEBUG_GEOMETRY after each frame; every
wait polls it or the file. TAP output; exit 77 (skip) without a display or
xdotool, except under CI=true.
"""
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, require_display_and_xdotool, \
    screenshot, visible_windows, wait_for, xdo  # noqa: E402

DOC_NAME = "least-certain"
# An original sentence; four names, in reading order.
TEXT = "استقبل الوزير كريم الحداد في عمّان نظيره سالم العبدالله ووفد شركة النور للطاقة."
# (covered text, label, source, confidence or None)
SUGGESTED = [
    ("كريم الحداد", "PER", "model:model", "0.91"),
    ("عمّان", "GPE", "gazetteer", None),
    ("سالم العبدالله", "PER", "model:model", "0.34"),
    ("شركة النور للطاقة", "ORG", "model:model", "0.62"),
]
results = Results()


def make_project(exe, workdir):
    source = os.path.join(workdir, DOC_NAME + ".jsonl")
    entities = []
    for i, (covered, label, tagger, confidence) in enumerate(SUGGESTED, 1):
        start = TEXT.index(covered)
        entity = {"id": i, "label": label, "start_offset": start,
                  "end_offset": start + len(covered), "source": tagger, "status": "pending"}
        if confidence is not None:
            entity["attributes"] = {"confidence": confidence}
        entities.append(entity)
    with open(source, "w", encoding="utf-8") as f:
        json.dump({"name": DOC_NAME, "text": TEXT, "entities": entities}, f, ensure_ascii=False)
        f.write("\n")
    project = os.path.join(workdir, "least-certain.alama")
    subprocess.run([exe, "import", project, source], check=True, stdout=subprocess.DEVNULL)
    return project


def spans(project):
    """{covered text: (id, status)}."""
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True, timeout=5)
    try:
        return {TEXT[start:end]: (sid, status) for sid, status, start, end in db.execute(
            "SELECT s.id, s.status, min(f.start), max(f.\"end\") FROM spans s "
            "JOIN span_fragments f ON f.span_id = s.id GROUP BY s.id")}
    finally:
        db.close()


def screen_hash():
    out = subprocess.run(["import", "-window", "root", "rgb:-"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout
    return hashlib.sha1(out).hexdigest()


class LeastCertainApp(App):
    def __init__(self, exe, project, workdir):
        super().__init__(exe, project, workdir, DOC_NAME)
        self.wait_geometry(DOC_NAME)

    def selected(self):
        return (self.geometry() or {}).get("selected-span")

    def walk(self, project, n):
        """The covered texts N selects, @n times from nothing selected."""
        ids = {sid: text for text, (sid, _) in spans(project).items()}
        seen = []
        self.key("Escape")
        wait_for("nothing selected", lambda: self.selected() == 0)
        for _ in range(n):
            before = self.selected()
            self.key("n")
            now = wait_for("N selecting another suggestion (after %s)" % seen,
                           lambda: self.selected() not in (0, None, before) and self.selected())
            seen.append(ids[now])
        return seen


def main():
    require_display_and_xdotool()
    exe = alama_exe_or_skip()
    workdir = tempfile.mkdtemp(prefix="alama-ui-least-certain-")
    project = make_project(exe, workdir)
    reading = [s[0] for s in SUGGESTED]
    by_confidence = ["سالم العبدالله", "شركة النور للطاقة", "كريم الحداد", "عمّان"]

    app = LeastCertainApp(exe, project, workdir)
    try:
        def reading_order():
            seen = app.walk(project, len(SUGGESTED))
            assert seen == reading, "N went %s" % seen
        results.check("with the toggle off, N goes in reading order", reading_order)

        def toggle_from_menu():
            app.key("Escape")
            # F10 opens the main menu; its first item is the Review submenu,
            # where L is the toggle's mnemonic (under the tests' C locale).
            app.key("F10")
            wait_for("the main menu", lambda: len(visible_windows(app.proc.pid)) > 1, 10)
            menu = screen_hash()
            app.key("Return")
            wait_for("the Review submenu drawn", lambda: screen_hash() != menu, 10)
            screenshot("least-certain-menu.png")
            app.key("l")
            wait_for("the menu closed", lambda: len(visible_windows(app.proc.pid)) == 1, 10)
            # No window manager under Xvfb: the closed menu took the X focus along.
            xdo("windowfocus", "--sync", app.window)
        results.check("Review → Least Certain First is switched on from the menu", toggle_from_menu)

        def least_certain_first():
            seen = app.walk(project, len(SUGGESTED))
            assert seen == by_confidence, "N went %s" % seen
        results.check("then N goes from the least certain up, the one without a confidence last",
                      least_certain_first)

        def accept_least_certain():
            seen = app.walk(project, 1)
            assert seen == [by_confidence[0]], "N selected %s" % seen
            app.key("Return")
            wait_for("the least certain accepted in the file",
                     lambda: spans(project)[by_confidence[0]][1] == "accepted")
            wait_for("the next least certain selected",
                     lambda: app.selected() == spans(project)[by_confidence[1]][0])
            screenshot("least-certain-accepted.png")
        results.check("Enter accepts it and selects the next least certain", accept_least_certain)
    finally:
        app.quit()

    results.exit(workdir)


if __name__ == "__main__":
    main()
