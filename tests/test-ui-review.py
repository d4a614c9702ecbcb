#!/usr/bin/env python3
"""test-ui-review.py: reviewing suggestions with real keys (XTest through xdotool)
against the real `alama` binary, checked in the project's SQLite file.

Two documents of pending suggestions are imported with
`alama import --suggestions --source fixture-tagger`, and a third (written
here) with suggested quotes, speakers, a cue and their suggested relations.
The doc view writes the selected span or relation, whether it said "no more
suggestions", and the spans' boxes to $ALAMA_DEBUG_GEOMETRY after each frame.
Every wait polls with a timeout. TAP output. Exit 77 (skip) without a display or
xdotool, except under CI=true, where that is a failure.
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, fixture, require_display_and_xdotool, \
    screenshot, visible_windows, wait_for, xdo  # noqa: E402

FIXTURE = fixture("review", "suggestions.jsonl")
# An original sentence: a cue, two speakers and two quotes, all suggested, with
# suggested CUE_OF and SPEAKER relations.
QUOTES_TEXT = "قال الوزير سامي النجار إن «الحوار سيستمر»، وأكد المتحدث حازم صبري «لن ننسحب» اليوم."
QUOTES_DOC = {
    "name": "review-c", "text": QUOTES_TEXT,
    "entities": [
        {"id": 1, "label": "CUE", "start_offset": 0, "end_offset": 3},
        {"id": 2, "label": "PER", "start_offset": 11, "end_offset": 22},
        {"id": 3, "label": "QUOTE", "start_offset": 26, "end_offset": 41},
        {"id": 4, "label": "PER", "start_offset": 56, "end_offset": 65},
        {"id": 5, "label": "QUOTE", "start_offset": 66, "end_offset": 76},
    ],
    "relations": [
        {"id": 1, "type": "CUE_OF", "from_id": 1, "to_id": 3},
        {"id": 2, "type": "SPEAKER", "from_id": 2, "to_id": 3},
        {"id": 3, "type": "SPEAKER", "from_id": 4, "to_id": 5},
    ],
}
SOURCE = "fixture-tagger"
results = Results()


class Project:
    def __init__(self, path):
        self.path = path

    def rows(self, doc_name):
        """{text: (id, label, status)} of a document's spans, by covered text."""
        db = sqlite3.connect("file:%s?mode=ro" % self.path, uri=True, timeout=5)
        try:
            text = db.execute("SELECT text FROM documents WHERE name = ?", (doc_name,)).fetchone()[0]
            out = {}
            for sid, label, status, start, end in db.execute(
                    "SELECT s.id, s.label, s.status, min(f.start), max(f.\"end\") FROM spans s "
                    "JOIN span_fragments f ON f.span_id = s.id "
                    "JOIN documents d ON d.id = s.document_id WHERE d.name = ? GROUP BY s.id",
                    (doc_name,)):
                out[text[start:end]] = (sid, label, status)
            return out
        finally:
            db.close()

    def status(self, doc_name, text):
        return self.rows(doc_name)[text][2]

    def label(self, doc_name, text):
        return self.rows(doc_name)[text][1]

    def span_id(self, doc_name, text):
        return self.rows(doc_name)[text][0]

    def relations(self, doc_name):
        """{(type, from text, to text): (id, status)} of a document's relations."""
        rows = self.rows(doc_name)
        by_id = {sid: t for t, (sid, _, _) in rows.items()}
        db = sqlite3.connect("file:%s?mode=ro" % self.path, uri=True, timeout=5)
        try:
            return {(rtype, by_id[f], by_id[t]): (rid, status)
                    for rid, rtype, f, t, status in db.execute(
                        "SELECT r.id, r.type, r.from_span, r.to_span, r.status FROM relations r "
                        "JOIN documents d ON d.id = r.document_id WHERE d.name = ?", (doc_name,))}
        finally:
            db.close()


class ReviewApp(App):
    def __init__(self, exe, project, workdir, doc_name):
        super().__init__(exe, project, workdir, doc_name)
        # The document drawn is what the first keys need; nothing else to wait for.
        self.wait_geometry(doc_name)

    def selected(self):
        g = self.geometry() or {}
        return g.get("selected-span"), g.get("document")

    def wait_selected(self, span_id, doc_name, what):
        wait_for("%s (span %s selected in %s; now %s)" % (what, span_id, doc_name, self.selected()),
                 lambda: self.selected() == (span_id, doc_name))

    def selected_relation(self):
        g = self.geometry() or {}
        return g.get("selected-relation"), g.get("document")

    def wait_selected_relation(self, relation_id, doc_name, what):
        wait_for("%s (relation %s selected in %s; now %s)"
                 % (what, relation_id, doc_name, self.selected_relation()),
                 lambda: self.selected_relation() == (relation_id, doc_name) and
                 self.selected() == (0, doc_name))

    def wait_at_end(self, doc_name, what):
        wait_for("%s (the view says no more suggestions in %s)" % (what, doc_name),
                 lambda: (self.geometry() or {}).get("review-at-end") is True and
                 self.selected()[1] == doc_name)


def screen_hash():
    """A digest of the whole screen's pixels, to wait for a change of picture."""
    out = subprocess.run(["import", "-window", "root", "rgb:-"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout
    return hashlib.sha1(out).hexdigest()


def main():
    exe = alama_exe_or_skip()
    require_display_and_xdotool()
    check = results.check

    workdir = tempfile.mkdtemp(prefix="alama-ui-review-")
    path = os.path.join(workdir, "review.alama")
    quotes = os.path.join(workdir, "quotes.jsonl")
    with open(quotes, "w", encoding="utf-8") as f:
        f.write(json.dumps(QUOTES_DOC, ensure_ascii=False) + "\n")
    subprocess.run([exe, "import", "--suggestions", "--source", SOURCE, path, FIXTURE, quotes],
                   check=True, stdout=subprocess.DEVNULL)
    project = Project(path)
    A, B = "review-a", "review-b"
    app = ReviewApp(exe, path, workdir, A)

    def n_selects_first_and_enter_accepts():
        app.key("Escape", "n")
        app.wait_selected(project.span_id(A, "سليم الحداد"), A, "N selects the first suggestion")
        app.key("Return")
        wait_for("Enter accepts (status accepted in the file)",
                 lambda: project.status(A, "سليم الحداد") == "accepted")
        # The fast flow: the next suggestion is selected at once.
        app.wait_selected(project.span_id(A, "بغداد"), A, "the next suggestion selected after accept")
        assert project.status(A, "بغداد") == "pending"

    def screenshot_pending_and_accepted():
        # One accepted span (سليم الحداد) beside pending ones; hover a pending one
        # for its tooltip.
        box = wait_for("the box of الموصل", lambda: app.span_box(project.span_id(A, "الموصل")))
        app.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            wait_for("the tooltip", lambda: len(visible_windows(app.proc.pid)) > 1, 10)
        except AssertionError:
            pass           # only a picture: taken without the tooltip then
        screenshot("review-pending.png")
        app.move(5, 5)

    def n_then_r_rejects():
        app.key("Escape", "n")
        baghdad = project.span_id(A, "بغداد")
        app.wait_selected(baghdad, A, "N selects the first pending suggestion")
        app.key("r")
        wait_for("R rejects", lambda: project.status(A, "بغداد") == "rejected")
        # The row stays (a reject is not a delete) and no relation pick started:
        # the next suggestion is selected.
        assert project.span_id(A, "بغداد") == baghdad
        app.wait_selected(project.span_id(A, "الأمم المتحدة"), A, "the next suggestion after reject")

    def label_key_relabels_and_accepts():
        app.key("Escape", "n")
        org = project.span_id(A, "الأمم المتحدة")
        app.wait_selected(org, A, "N selects the first pending suggestion")
        app.key("4")  # LOC in the default schema
        wait_for("the label key relabels and accepts",
                 lambda: project.rows(A)["الأمم المتحدة"] == (org, "LOC", "accepted"))

    def undo_restores_one_action_at_a_time():
        app.key("ctrl+z")
        wait_for("Ctrl+Z restores the label and the pending status",
                 lambda: project.rows(A)["الأمم المتحدة"][1:] == ("ORG", "pending"))
        # Done with the key: a frame drawn after the undo shows the label back.
        un = project.span_id(A, "الأمم المتحدة")
        wait_for("the restored label drawn",
                 lambda: (app.span_box(un) or {}).get("label") == "ORG")
        assert project.status(A, "بغداد") == "rejected", "one Ctrl+Z undid more than one action"
        app.key("ctrl+z")
        wait_for("a second Ctrl+Z restores the rejected suggestion",
                 lambda: project.status(A, "بغداد") == "pending")
        # A rejected span is not drawn: a frame after the undo draws it again.
        app.wait_span_drawn(project.span_id(A, "بغداد"), "the restored suggestion")
        assert project.status(A, "سليم الحداد") == "accepted", "Ctrl+Z undid the accept too"

    def n_past_last_stops_then_moves_to_next_document():
        app.key("Escape", "p")  # P from nothing selected: the last suggestion
        last = project.span_id(A, "نينوى")
        app.wait_selected(last, A, "P selects the last suggestion")
        app.key("n")
        # It stops and says so; nothing wraps to the document's first suggestion.
        app.wait_at_end(A, "N past the last suggestion")
        assert app.selected() == (last, A), "N past the last moved to %s" % (app.selected(),)
        screenshot("review-no-more.png")
        app.key("n")
        app.wait_selected(project.span_id(B, "ريم العطار"), B,
                          "N again shows the next document's first suggestion")

    def accept_all_of_one_label():
        before = project.rows(B)
        # F10 opens the main menu; its first item is the Review submenu.
        app.key("F10")
        wait_for("the main menu", lambda: len(visible_windows(app.proc.pid)) > 1, 10)
        screenshot("review-menu.png")
        menu_picture = screen_hash()
        app.key("Return")
        wait_for("the Review submenu drawn", lambda: screen_hash() != menu_picture, 10)
        screenshot("review-submenu.png")
        # The submenu opens on its back button; then Next, Previous, Accept,
        # Reject, and "Accept All GPE Suggestions" (labels in name order).
        app.key("Down", "Down", "Down", "Down", "Down", "Return")
        wait_for("accept all GPE",
                 lambda: project.status(B, "دمشق") == "accepted" and
                 project.status(B, "حلب") == "accepted")
        # Accept All is one transaction: once its rows are read, all it changed is.
        after = project.rows(B)
        changed = sorted(t for t in after if after[t] != before[t])
        assert changed == sorted(["دمشق", "حلب"]), "changed: %s" % changed
        assert project.rows(A)["الموصل"][2] == "pending", "another document was touched"
        screenshot("review-accept-all.png")
        # No window manager under Xvfb: the closed popover took the X focus along.
        # Click on empty paper below the text to put the keyboard back in the view.
        xdo("windowfocus", "--sync", app.window)
        assert app.selected()[0] != 0, "a span should be selected before the click"
        app.move(550, 500)
        xdo("click", 1)
        # The click reached the view when it has cleared the selection.
        wait_for("the click on empty paper handled by the view", lambda: app.selected() == (0, B))
        app.key("ctrl+z")
        wait_for("one Ctrl+Z undoes the whole batch (%s)" % project.rows(B),
                 lambda: project.status(B, "دمشق") == "pending" and project.status(B, "حلب") == "pending")
        screenshot("review-accept-all-undo.png")

    C = "review-c"

    def relation_id(rtype, source, target):
        return project.relations(C)[(rtype, source, target)][0]

    def relation_status(rtype, source, target):
        return project.relations(C)[(rtype, source, target)][1]

    def n_reaches_relation_and_a_accepts_it():
        app.key("Escape", "n")
        app.wait_selected(project.span_id(C, "قال"), C, "N selects the cue first")
        screenshot("review-relations-pending.png")
        app.key("a")
        wait_for("A accepts the cue", lambda: project.status(C, "قال") == "accepted")
        # The CUE_OF relation sits where its first end (the cue) starts: after the cue.
        cue_of = relation_id("CUE_OF", "قال", "«الحوار سيستمر»")
        app.wait_selected_relation(cue_of, C, "the suggested relation selected next")
        screenshot("review-relation-selected.png")
        app.key("a")
        wait_for("A accepts the relation (status in the file)",
                 lambda: relation_status("CUE_OF", "قال", "«الحوار سيستمر»") == "accepted")
        assert project.status(C, "«الحوار سيستمر»") == "pending", "accepting a relation accepted its end"
        app.wait_selected(project.span_id(C, "سامي النجار"), C, "the next suggestion after the relation")
        screenshot("review-span-panel-buttons.png")

    def rejecting_span_rejects_its_relations():
        speaker = project.span_id(C, "سامي النجار")
        app.wait_selected(speaker, C, "the speaker selected")
        app.key("r")
        wait_for("R rejects the speaker and its suggested SPEAKER relation, together",
                 lambda: project.status(C, "سامي النجار") == "rejected" and
                 relation_status("SPEAKER", "سامي النجار", "«الحوار سيستمر»") == "rejected")
        assert relation_status("CUE_OF", "قال", "«الحوار سيستمر»") == "accepted"
        # Its relation went with it: the next stop is the quote.
        app.wait_selected(project.span_id(C, "«الحوار سيستمر»"), C, "the quote after the speaker")
        screenshot("review-span-rejected.png")
        app.key("ctrl+z")
        wait_for("one Ctrl+Z brings both back",
                 lambda: project.status(C, "سامي النجار") == "pending" and
                 relation_status("SPEAKER", "سامي النجار", "«الحوار سيستمر»") == "pending")

    def accepting_last_stops_then_next_document():
        app.key("Escape", "p")
        last = project.span_id(C, "«لن ننسحب»")
        app.wait_selected(last, C, "P selects the last suggestion")
        app.key("a")
        wait_for("A accepts the last suggestion", lambda: project.status(C, "«لن ننسحب»") == "accepted")
        app.wait_at_end(C, "after the last suggestion")
        assert app.selected() == (0, C), "the walk wrapped to %s" % (app.selected(),)
        assert app.selected_relation() == (0, C)
        screenshot("review-relations-no-more.png")
        app.key("n")
        wait_for("N again goes to another document with suggestions",
                 lambda: app.selected()[1] not in (None, C) and app.selected()[0] != 0)

    try:
        check("N selects the first suggestion, Enter accepts it", n_selects_first_and_enter_accepts)
        check("screenshot of pending and accepted spans", screenshot_pending_and_accepted)
        check("N then R rejects the suggestion (row kept)", n_then_r_rejects)
        check("N then a label key relabels and accepts", label_key_relabels_and_accepts)
        check("Ctrl+Z restores one action at a time", undo_restores_one_action_at_a_time)
        check("N past the last suggestion stops, N again moves to the next document",
              n_past_last_stops_then_moves_to_next_document)
        check("accept all suggestions of one label, one undo", accept_all_of_one_label)
    finally:
        app.quit()

    app = ReviewApp(exe, path, workdir, C)
    try:
        check("N reaches a suggested relation, A accepts it", n_reaches_relation_and_a_accepts_it)
        check("rejecting a span rejects its suggested relations, one undo",
              rejecting_span_rejects_its_relations)
        check("after the last suggestion the walk stops; N again goes on",
              accepting_last_stops_then_next_document)
    finally:
        app.quit()

    if results.print_tap():
        shutil.rmtree(workdir, ignore_errors=True)
        sys.exit(0)
    with open(app.log_path) as f:
        for line in f.read().splitlines()[-30:]:
            print("# log: " + line)
    sys.exit(1)


if __name__ == "__main__":
    main()
