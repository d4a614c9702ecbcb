#!/usr/bin/env python3
"""test-ui-relations.py: a relation is an object one can select, see and delete,
with real input (XTest through xdotool) against the real `alama` binary,
checked in the project's SQLite file.

A click on an arc's label selects its relation and the side panel shows it;
Delete removes its row from the file at once (a toast offers Undo) and Ctrl+Z
brings the same row back. A relation row in the panel's list of an
annotation's relations selects the relation. Two annotations over exactly the
same words (a QUOTE and a CLAIM) are both reachable: a second click on the
selected one selects the other, a third the first again.

The doc view writes, after each frame, where its spans and arcs are and what
the panel shows ($ALAMA_DEBUG_GEOMETRY); every wait polls that file or the
project's rows. A screenshot of each state goes to $ALAMA_TEST_OUTPUT. TAP
output; exit 77 (skip) without a display or xdotool, except under CI=true.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, db_query, require_display_and_xdotool, \
    screenshot, visible_windows, wait_for, xdo  # noqa: E402

DOC_NAME = "rabat-agreement"
# An original news-style text: a minister, and her words, which are both a
# quote and a claim.
TEXT = ("وقالت الوزيرة ليلى سعيد في الرباط إن «الاتفاق سيوقع قبل نهاية العام» "
        "أمام الصحفيين بعد اجتماع طويل.")
QUOTED = "«الاتفاق سيوقع قبل نهاية العام»"
SPANS = [("PER", "ليلى سعيد"), ("QUOTE", QUOTED), ("CLAIM", QUOTED)]
results = Results()
DELETED = []   # the relation rows test_delete removed, which test_undo expects back


def relation_rows(project):
    return db_query(project, "SELECT id, from_span, to_span, type FROM relations ORDER BY id")


class RelationsApp(App):
    def __init__(self, exe, project, workdir):
        super().__init__(exe, project, workdir, DOC_NAME)
        rows = db_query(project, "SELECT id, label FROM spans ORDER BY id")
        self.ids = {label: span_id for span_id, label in rows}
        wait_for("the document drawn with its annotations",
                 lambda: all(self.span_box(i) for i in self.ids.values()), 30)

    def state(self, key):
        return (self.geometry() or {}).get(key)

    def relation_point(self, relation_id):
        for point in self.state("relations") or []:
            if point["id"] == relation_id:
                return point["x"], point["y"]
        return None

    def click(self, x, y):
        self.move(x, y)
        xdo("click", 1)

    def wait_clicked(self, what, predicate):
        """wait_for() after a click; a failure tells the window's last button
        events (the instrumented build keeps them), to tell a click the window
        never saw from one it handled otherwise."""
        try:
            return wait_for(what, predicate)
        except AssertionError as e:
            raise AssertionError("%s; the window's last button events: %s"
                                 % (e, self.state("pointer-events"))) from None


def make_project(exe, workdir):
    project = os.path.join(workdir, "relations.alama")
    source = os.path.join(workdir, DOC_NAME + ".jsonl")
    entities = []
    for i, (label, covered) in enumerate(SPANS, 1):
        start = TEXT.index(covered)
        entities.append({"id": i, "label": label, "start_offset": start,
                         "end_offset": start + len(covered)})
    relations = [{"id": 1, "from_id": 1, "to_id": 2, "type": "SPEAKER"}]
    with open(source, "w", encoding="utf-8") as f:
        json.dump({"name": DOC_NAME, "text": TEXT, "entities": entities,
                   "relations": relations}, f, ensure_ascii=False)
    subprocess.run([exe, "import", project, source], check=True, stdout=subprocess.DEVNULL)
    return project


def test_click_arc_label(app, project):
    relation_id = relation_rows(project)[0][0]
    x, y = wait_for("the SPEAKER arc drawn", lambda: app.relation_point(relation_id))
    app.click(x, y)
    wait_for("the relation selected", lambda: app.state("selected-relation") == relation_id)
    wait_for("the panel showing the relation (it shows %s)" % app.state("panel-relation"),
             lambda: "SPEAKER" in (app.state("panel-relation") or ""))
    assert app.state("selected-span") == 0, "a span is selected with the relation"
    screenshot("ui-relations-1-arc-selected.png")


def test_delete(app, project):
    DELETED[:] = relation_rows(project)
    app.key("Delete")
    wait_for("the relation row gone from the file", lambda: relation_rows(project) == [])
    wait_for("nothing selected", lambda: app.state("selected-relation") == 0)
    assert DELETED, "no relation to delete"
    screenshot("ui-relations-2-deleted.png")


def test_undo(app, project):
    app.key("ctrl+z")
    rows = wait_for("the relation row back", lambda: relation_rows(project))
    assert rows == DELETED, "%s came back as %s" % (DELETED, rows)
    wait_for("the arc drawn again", lambda: app.relation_point(rows[0][0]))
    screenshot("ui-relations-3-undone.png")


def test_panel_row(app, project):
    relation_id = relation_rows(project)[0][0]
    per = app.ids["PER"]
    box = app.span_box(per)
    app.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    app.wait_clicked("the speaker selected", lambda: app.state("selected-span") == per)
    rows = wait_for("a relation row in the panel", lambda: app.state("panel-relation-rows"))
    x, y, width, height = rows[0]
    app.click(x + width / 2, y + height / 2)
    wait_for("the relation selected from its row",
             lambda: app.state("selected-relation") == relation_id)
    wait_for("the panel showing the relation",
             lambda: "SPEAKER" in (app.state("panel-relation") or ""))
    screenshot("ui-relations-4-selected-from-row.png")
    # The keys act on it there: Delete, and Ctrl+Z to bring it back.
    rows = relation_rows(project)
    app.key("Delete")
    wait_for("the relation deleted from the panel's row", lambda: relation_rows(project) == [])
    app.key("ctrl+z")
    wait_for("the relation back", lambda: relation_rows(project) == rows)
    wait_for("its arc drawn again", lambda: app.relation_point(rows[0][0]))


def test_same_text_cycle(app, project):
    quote, claim = app.ids["QUOTE"], app.ids["CLAIM"]
    # Nothing selected first: what the case before left selected must not pass
    # for the first click's choice.
    app.key("Escape")
    wait_for("nothing selected", lambda: app.state("selected-span") == 0 and
             app.state("selected-relation") == 0)
    box = app.span_box(quote)
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    app.click(cx, cy)
    first = wait_for("one of the two selected",
                     lambda: app.state("selected-span") if app.state("selected-span") in
                     (quote, claim) else None)
    screenshot("ui-relations-5-first-of-two.png")
    # Each click lands more than the double-click distance from the one before,
    # inside the same words: a click, not a double-click (which takes a word).
    app.click(cx + 12, cy)
    other = claim if first == quote else quote
    wait_for("the other annotation over the same words selected",
             lambda: app.state("selected-span") == other)
    screenshot("ui-relations-6-second-of-two.png")
    app.click(cx - 12, cy)
    wait_for("the first selected again", lambda: app.state("selected-span") == first)


def span_label(project, span_id):
    return db_query(project, "SELECT label FROM spans WHERE id = ?", span_id)[0][0]


def test_relabel_drops_relation(app, project):
    quote = app.ids["QUOTE"]
    box = app.span_box(quote)
    before = relation_rows(project)
    # The QUOTE (the SPEAKER relation's end) selected, then CLAIM's key: a CLAIM
    # cannot be a SPEAKER's end, so the window asks. From the speaker, a click on
    # the quoted words selects the first of the two over them: the QUOTE.
    per = app.ids["PER"]
    per_box = app.span_box(per)
    app.click(per_box["x"] + per_box["width"] / 2, per_box["y"] + per_box["height"] / 2)
    app.wait_clicked("the speaker selected", lambda: app.state("selected-span") == per)
    app.click(box["x"] + box["width"] / 2 + 30, box["y"] + box["height"] / 2)
    app.wait_clicked("the QUOTE selected", lambda: app.state("selected-span") == quote)
    app.key("9")
    wait_for("the question", lambda: len(visible_windows(app.proc.pid)) > 1, 10)
    screenshot("ui-relations-7-drop-question.png")
    assert span_label(project, quote) == "QUOTE", "relabelled before the answer"
    # Cancel is the default; Tab goes to "Drop and Relabel". The question is a
    # window of its own (no window manager under Xvfb: give it the keyboard).
    dialog = [w for w in visible_windows(app.proc.pid) if str(w) != str(app.window)][0]
    xdo("windowfocus", "--sync", dialog)
    for key in ("Tab", "Return"):
        xdo("key", "--window", dialog, "--clearmodifiers", key)
    xdo("windowfocus", "--sync", app.window)
    wait_for("the QUOTE relabelled CLAIM and its SPEAKER relation gone",
             lambda: span_label(project, quote) == "CLAIM" and relation_rows(project) == [])
    screenshot("ui-relations-8-dropped.png")
    app.key("ctrl+z")
    wait_for("one undo bringing back the label and the relation",
             lambda: span_label(project, quote) == "QUOTE" and relation_rows(project) == before)


CASES = [
    ("a click on the arc's label selects the relation and the panel shows it", test_click_arc_label),
    ("Delete removes the relation's row from the file", test_delete),
    ("Ctrl+Z brings the relation's row back", test_undo),
    ("a relation row in the panel selects the relation", test_panel_row),
    ("a second click on words two annotations cover selects the other", test_same_text_cycle),
    ("relabelling an end its relation forbids asks, then drops it in one undo step",
     test_relabel_drops_relation),
]


def main():
    require_display_and_xdotool()
    exe = alama_exe_or_skip()
    workdir = tempfile.mkdtemp(prefix="alama-ui-relations-")
    project = make_project(exe, workdir)

    app = RelationsApp(exe, project, workdir)
    try:
        for name, test in CASES:
            if not results.check(name, test, app, project):
                screenshot("ui-relations-failed-%s.png" % test.__name__)
    finally:
        app.quit()

    results.exit(workdir)


if __name__ == "__main__":
    main()
