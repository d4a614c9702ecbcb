#!/usr/bin/env python3
"""test-ui-min-confidence.py: Preferences → "Hide Suggestions Below Confidence"
with real keys and clicks (XTest through xdotool) against the real `alama`
binary, checked in the geometry file and in the project file.

A document of suggestions a model made with confidences 0.2, 0.6 and 0.9, one
a rule tagger made without a confidence, an accepted span the model was unsure
of, and a relation from the weak suggestion. The threshold is typed into the
Preferences row (reached by its mnemonic) while the document is open. Then, at
once: the weak suggestion is no longer drawn and its relation with it; the
accepted one and the one without a confidence still are; N walks only the
shown suggestions; a click where the weak one was selects nothing; Enter
accepts a shown one (its row says so) and the weak one's row is untouched.
Every wait polls the geometry file ($ALAMA_DEBUG_GEOMETRY, written after each
frame) or the project file. TAP output; exit 77 (skip) without a display or
xdotool, except under CI=true.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, db_query, require_display_and_xdotool, \
    screenshot, visible_windows, wait_for, xdo, xdo_shell  # noqa: E402

DOC_NAME = "min-confidence"
# An original sentence; five names, in reading order.
TEXT = ("استقبل الوزير كريم الحداد في عمّان نظيره سالم العبدالله ووفد شركة النور للطاقة "
        "بحضور ممثلين عن بلدية إربد.")
WEAK, MIDDLE, STRONG, UNSCORED, DECIDED = (
    "سالم العبدالله", "شركة النور للطاقة", "كريم الحداد", "عمّان", "بلدية إربد")
# (covered text, label, source, status, confidence or None)
SPANS = [
    (STRONG, "PER", "model:model", "pending", "0.9"),
    (UNSCORED, "GPE", "gazetteer", "pending", None),
    (WEAK, "PER", "model:model", "pending", "0.2"),
    (MIDDLE, "ORG", "model:model", "pending", "0.6"),
    (DECIDED, "ORG", "model:model", "accepted", "0.1"),
]
THRESHOLD = "0.5"
results = Results()


def make_project(exe, workdir):
    source = os.path.join(workdir, DOC_NAME + ".jsonl")
    entities = []
    for i, (covered, label, tagger, status, confidence) in enumerate(SPANS, 1):
        start = TEXT.index(covered)
        entity = {"id": i, "label": label, "start_offset": start,
                  "end_offset": start + len(covered), "source": tagger, "status": status}
        if confidence is not None:
            entity["attributes"] = {"confidence": confidence}
        entities.append(entity)
    weak = [s[0] for s in SPANS].index(WEAK) + 1
    middle = [s[0] for s in SPANS].index(MIDDLE) + 1
    relations = [{"id": 1, "from_id": weak, "to_id": middle, "type": "AFFILIATION"}]
    with open(source, "w", encoding="utf-8") as f:
        json.dump({"name": DOC_NAME, "text": TEXT, "entities": entities,
                   "relations": relations}, f, ensure_ascii=False)
        f.write("\n")
    project = os.path.join(workdir, "min-confidence.alama")
    subprocess.run([exe, "import", project, source], check=True, stdout=subprocess.DEVNULL)
    return project


def spans(project):
    """{covered text: (id, status)}."""
    return {TEXT[start:end]: (sid, status) for sid, status, start, end in db_query(
        project, "SELECT s.id, s.status, min(f.start), max(f.\"end\") FROM spans s "
        "JOIN span_fragments f ON f.span_id = s.id GROUP BY s.id")}


class MinConfidenceApp(App):
    def __init__(self, exe, project, workdir):
        super().__init__(exe, project, workdir, DOC_NAME)
        self.ids = {text: sid for text, (sid, _) in spans(project).items()}
        wait_for("the document drawn with all its annotations",
                 lambda: self.drawn() == set(self.ids.values()), 30)

    def selected(self):
        return (self.geometry() or {}).get("selected-span")

    def drawn(self):
        """The ids of the spans the last frame drew."""
        return {s["id"] for s in (self.geometry() or {}).get("spans", []) if "x" in s}

    def drawn_relations(self):
        return {r["id"] for r in (self.geometry() or {}).get("relations", [])}

    def walk(self, n):
        """The covered texts N selects, @n times from nothing selected."""
        names = {sid: text for text, sid in self.ids.items()}
        seen = []
        self.key("Escape")
        wait_for("nothing selected", lambda: self.selected() == 0)
        for _ in range(n):
            before = self.selected()
            self.key("n")
            now = wait_for("N selecting another suggestion (after %s)" % seen,
                           lambda: self.selected() not in (0, None, before) and self.selected())
            seen.append(names[now])
        return seen

    def preferences_window(self):
        """The process's other window-sized window, or None."""
        for wid in visible_windows(self.proc.pid):
            if wid == self.window:
                continue
            try:
                g = xdo_shell("getwindowgeometry", "--shell", wid)
            except subprocess.CalledProcessError:
                continue            # gone since it was listed
            if int(g.get("WIDTH", 0)) >= 300 and int(g.get("HEIGHT", 0)) >= 300:
                return wid
        return None

    def set_threshold(self, value):
        """Types @value into the Preferences row, as a person would: Ctrl+comma,
        Alt+B (the row's mnemonic) to its spin button, the value, Enter, and
        Escape closes the window."""
        self.key("ctrl+comma")
        prefs = wait_for("the Preferences window", self.preferences_window, 10)
        # No window manager under Xvfb: give the new window the keyboard, and
        # type into whatever has it, as XTest does for a person.
        xdo("windowfocus", "--sync", prefs)
        xdo("key", "--clearmodifiers", "alt+b", "ctrl+a")
        xdo("type", value)
        xdo("key", "Return")
        screenshot("min-confidence-preferences.png")
        xdo("key", "Escape")
        wait_for("the Preferences window closed", lambda: self.preferences_window() is None, 10)
        xdo("windowfocus", "--sync", self.window)


def main():
    require_display_and_xdotool()
    exe = alama_exe_or_skip()
    workdir = tempfile.mkdtemp(prefix="alama-ui-min-confidence-")
    project = make_project(exe, workdir)
    suggestions = [s[0] for s in SPANS if s[3] == "pending"]
    shown = [text for text in suggestions if text != WEAK]

    app = MinConfidenceApp(exe, project, workdir)
    weak_box = app.wait_span_drawn(app.ids[WEAK], "the weak suggestion")
    try:
        def everything_at_first():
            assert app.drawn_relations() == {1}, app.drawn_relations()
            seen = app.walk(len(suggestions))
            assert seen == suggestions, "N went %s" % seen
        results.check("with no threshold every suggestion is drawn and walked", everything_at_first)

        def threshold_hides_at_once():
            app.key("Escape")
            app.set_threshold(THRESHOLD)
            wait_for("the weak suggestion gone from the text",
                     lambda: app.ids[WEAK] not in app.drawn() and app.drawn())
            drawn = app.drawn()
            for text in (STRONG, MIDDLE, UNSCORED, DECIDED):
                assert app.ids[text] in drawn, "%s is no longer drawn" % text
            assert app.drawn_relations() == set(), \
                "the relation from the hidden suggestion is drawn: %s" % app.drawn_relations()
            screenshot("min-confidence-hidden.png")
        results.check("the Preferences threshold hides the weak suggestion and its relation at once",
                      threshold_hides_at_once)

        def walk_skips_hidden():
            seen = app.walk(len(shown))
            assert seen == shown, "N went %s" % seen
            # One more N stays: there is nothing else to visit in this document.
            app.key("n")
            app.key("p")
            wait_for("P back on the one before the last",
                     lambda: app.selected() == app.ids[shown[-2]])
        results.check("N and P walk only the shown suggestions", walk_skips_hidden)

        def click_misses_hidden():
            app.walk(1)
            app.move(weak_box["x"] + weak_box["width"] / 2, weak_box["y"] + weak_box["height"] / 2)
            xdo("click", 1)
            now = wait_for("the click taken", lambda: app.selected() != app.ids[shown[0]] and
                           [app.selected()])[0]
            assert now == 0, "the click selected span %s" % now
        results.check("a click where the hidden suggestion is selects nothing", click_misses_hidden)

        def accept_shown():
            seen = app.walk(3)
            assert seen[-1] == MIDDLE, "N went %s" % seen
            app.key("Return")
            wait_for("the 0.6 suggestion accepted in the file",
                     lambda: spans(project)[MIDDLE][1] == "accepted")
            rows = spans(project)
            assert rows[WEAK][1] == "pending", "the hidden suggestion is %s" % rows[WEAK][1]
            assert rows[STRONG][1] == "pending", "the 0.9 suggestion is %s" % rows[STRONG][1]
        results.check("Enter accepts a shown suggestion; the hidden one stays pending", accept_shown)
    finally:
        app.quit()

    results.exit(workdir)


if __name__ == "__main__":
    main()
