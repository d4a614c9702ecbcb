#!/usr/bin/env python3
"""test-ui-input.py: real pointer and key input (XTest through xdotool) against the
real `alama` binary, checked in the project's SQLite file.

The doc view writes where its words and spans are to $ALAMA_DEBUG_GEOMETRY after
each frame (coordinates of the window's surface); xdotool moves relative to the
window, so no window-manager geometry is needed. Every wait polls a condition with
a timeout. TAP output. Exit 77 (skip) without a display or xdotool, except under
CI=true, where that is a failure.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, db_query, fixture, require_display_and_xdotool, screenshot, \
    visible_windows, wait_for, xdo, xdo_shell  # noqa: E402

FIXTURE = fixture("ui", "kremlin.txt")
DOC_NAME = "kremlin"
results = Results()


class InputApp(App):
    def __init__(self, exe, project, workdir):
        super().__init__(exe, project, workdir, DOC_NAME)
        self.wait_geometry(DOC_NAME, min_words=10)

    def settle(self, quiet=0.5, timeout=10.0):
        """Escape (no selection, no selected span), then wait until a frame shows no
        span selected and the geometry file has not changed for @quiet seconds: the
        window's panels can reflow the text when the selection changes. Nothing is
        asserted on this: it only lets the text stop moving before the next gesture
        points at a word."""
        self.key("Escape")
        wait_for("no span selected after Escape",
                 lambda: (self.geometry() or {}).get("selected-span") == 0)
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

    def drag(self, x1, y1, x2, y2, modifier=None):
        if modifier:
            xdo("keydown", modifier)
        self.move(x1, y1)
        xdo("mousedown", 1)
        steps = 6
        for i in range(1, steps + 1):
            self.move(x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps)
            time.sleep(0.02)   # input pacing: the steps of a hand's drag
        xdo("mouseup", 1)
        if modifier:
            xdo("keyup", modifier)


def db_spans(project):
    return db_query(project, "SELECT s.id, s.label, f.start, f.\"end\" FROM spans s "
                    "JOIN span_fragments f ON f.span_id = s.id ORDER BY s.id, f.start")


def new_spans(project, before):
    rows = db_spans(project)
    return [r for r in rows if r[0] not in {b[0] for b in before}]


def settled_new_spans(app, project, before):
    """The spans made since @before, read once the frame after them has been drawn
    with all of them on screen: whatever the input made, it made by then, so a
    second span from the same gesture would be in the list."""
    added = wait_for("a new span", lambda: new_spans(project, before))
    for row in added:
        app.wait_span_drawn(row[0], "the new span")
    return new_spans(project, before)


def chooser_near(app, word):
    """True when the label chooser is up across @word's middle, just above or
    below it (window coordinates, as the words')."""
    rect = app.label_chooser()
    if rect is None:
        return False
    x, y, w, h = rect
    cx = word["x"] + word["width"] / 2
    top, bottom = word["y"], word["y"] + word["height"]
    return x <= cx < x + w and y - 40 <= bottom and top <= y + h + 40


def cp_of(text, needle, nth=0):
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos


def test_drag_word(app, project, text, keys):
    w = app.word("الروسية")
    before = db_spans(project)
    y = w["y"] + w["height"] / 2
    # From inside the word's right part to inside its left part: snapping widens it.
    app.drag(w["x"] + w["width"] * 0.8, y, w["x"] + w["width"] * 0.3, y)
    app.key(keys["PER"])
    added = settled_new_spans(app, project, before)
    assert len(added) == 1, added
    start = cp_of(text, "الروسية")
    assert added[0][1:] == ("PER", start, start + len("الروسية")), added


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


def chooser_under_pointer(app):
    """True when the label chooser is up under the pointer."""
    rect = app.label_chooser()
    if rect is None:
        return False
    loc = xdo_shell("getmouselocation", "--shell")
    main = xdo_shell("getwindowgeometry", "--shell", app.window)
    px, py = int(loc["X"]) - int(main["X"]), int(loc["Y"]) - int(main["Y"])
    x, y, w, h = rect
    return x <= px < x + w and y <= py < y + h


def word_under_chooser(app, besides):
    """A word wholly under the label chooser (other than @besides), whose first
    letter is no clitic (a double-click takes the whole word)."""
    x, y, w, h = app.label_chooser()
    for wd in app.geometry()["words"]:
        if "x" not in wd or wd["text"] == besides or wd["text"][0] in "وبلفك" or len(wd["text"]) < 3:
            continue
        if x + 8 <= wd["x"] and wd["x"] + wd["width"] <= x + w - 8 and \
                y + 8 <= wd["y"] and wd["y"] + wd["height"] <= y + h - 8:
            return wd
    return None


def double_click_where_chooser_was(app, project, text, keys, word, close_key):
    """A double-click on @word opens the label chooser; the pointer goes onto a
    word the chooser covers (so the window's pointer focus is in the chooser);
    @close_key closes it; a double-click there, the pointer not moved, must take
    that word. A closed popover left hidden kept the window's pointer focus
    (GTK 4.8), so the presses went to it: the key then relabelled the span just
    made, or made nothing."""
    w = app.word(word)
    start = cp_of(text, word)
    app.move(w["x"] + w["width"] / 2, w["y"] + w["height"] * 0.75)
    xdo("click", "--repeat", 2, "--delay", 60, 1)
    wait_for("the label chooser", app.label_chooser, 5)
    covered = wait_for("a word under the chooser", lambda: word_under_chooser(app, word), 5)
    app.move(covered["x"] + covered["width"] / 2, covered["y"] + covered["height"] / 2)
    wait_for("the pointer on the chooser", lambda: chooser_under_pointer(app), 5)
    before = db_spans(project)
    app.key(close_key)
    if close_key == "Escape":
        app.key("Escape")          # the view's Escape: no selection left
    else:
        wait_for("the first span", lambda: new_spans(project, before))
    # The user double-clicks the text once the chooser is gone from the screen.
    wait_for("the label chooser gone", lambda: app.label_chooser() is None, 10)
    first = new_spans(project, before)
    if close_key != "Escape":
        assert [r[1:] for r in first] == [("PER", start, start + len(word))], first

    xdo("click", "--repeat", 2, "--delay", 60, 1)
    try:
        # The user presses the label key once the chooser is back, for the covered word.
        wait_for("the label chooser again", lambda: chooser_near(app, covered), 10)
    except AssertionError:
        pass               # the assertion below says what the presses did instead
    app.key(keys["ORG"])
    try:
        wait_for("a span from the second double-click",
                 lambda: len(new_spans(project, before)) > len(first), 5)
    except AssertionError:
        pass               # the assertion below says what came instead
    after = sorted(r[1:] for r in new_spans(project, before))
    expected = sorted([r[1:] for r in first] + [("ORG", covered["start"], covered["end"])])
    assert after == expected, "spans: %s, expected %s" % (after, expected)
    # The covered word's span undone: later cases find the text as it was.
    app.key("ctrl+z")
    wait_for("the covered word's span undone",
             lambda: sorted(r[1:] for r in new_spans(project, before)) ==
             sorted(r[1:] for r in first))
    app.settle()


def test_double_click_after_label_key(app, project, text, keys):
    double_click_where_chooser_was(app, project, text, keys, "المتحدث", keys["PER"])


def test_double_click_after_escape(app, project, text, keys):
    double_click_where_chooser_was(app, project, text, keys, "مطولا", "Escape")


def test_double_click_over_open_popover(app, project, text, keys):
    """With the label chooser open on one word, a double-click on another word
    selects that word at once (no press is spent closing the chooser) and the
    label key tags it alone."""
    first, second = app.word("كييف"), app.word("الرئاسة")
    before = db_spans(project)
    app.move(first["x"] + first["width"] / 2, first["y"] + first["height"] / 2)
    xdo("click", "--repeat", 2, "--delay", 60, 1)
    wait_for("the label chooser", app.label_chooser, 5)
    app.move(second["x"] + second["width"] / 2, second["y"] + second["height"] / 2)
    xdo("click", "--repeat", 2, "--delay", 60, 1)
    try:
        # The user presses the label key once the chooser is on the second word.
        wait_for("the label chooser at the second word", lambda: chooser_near(app, second), 10)
    except AssertionError:
        pass               # the assertion below says what the key did instead
    app.key(keys["ORG"])
    start = cp_of(text, "الرئاسة")
    added = [a[1:] for a in settled_new_spans(app, project, before)]
    assert added == [("ORG", start, start + len("الرئاسة"))], added


def test_chooser_arrows_and_enter(app, project, text, keys):
    """The label chooser opens with the first label chosen; Down then Enter (the
    keyboard stays with the text) takes the second label of the schema."""
    labels = [r[0] for r in db_query(project, "SELECT key FROM labels ORDER BY position")]
    w = app.word("الخارجية")
    before = db_spans(project)
    app.move(w["x"] + w["width"] / 2, w["y"] + w["height"] / 2)
    xdo("click", "--repeat", 2, "--delay", 60, 1)
    wait_for("the label chooser", app.label_chooser, 5)
    for key in ("Down", "Return"):
        app.key(key)
    wait_for("a new span", lambda: new_spans(project, before))
    start = cp_of(text, "الخارجية")
    added = [a[1:] for a in new_spans(project, before)]
    assert added == [(labels[1], start, start + len("الخارجية"))], added
    wait_for("the chooser closed", lambda: app.label_chooser() is None, 5)


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
    # Enter once the relation's type is asked for (its popover is shown).
    wait_for("the relation popover", lambda: len(visible_windows(app.proc.pid)) > 1, 10)
    app.key("Return")
    rows = wait_for("a relation row",
                    lambda: db_query(project, "SELECT from_span, to_span, type FROM relations"))
    assert rows == [(per_ids[0], quote_id, "SPEAKER")], rows


def test_entries_keep_letters(app, project, text, keys):
    """With a span selected, letters typed in the find bar and in the document
    filter stay there: the text's own keys (label keys, N, P, A, R) are bound
    on the view, so they do not fire while an entry has the keyboard."""
    ids = sorted({row[0] for row in db_spans(project)})
    assert len(ids) >= 2, "the earlier cases made spans"

    def click_span(span_id):
        box = app.wait_span_drawn(span_id, "an annotation")
        app.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        xdo("click", 1)
        wait_for("span %d selected" % span_id,
                 lambda: (app.geometry() or {}).get("selected-span") == span_id)

    click_span(ids[0])
    spans = db_spans(project)
    relations = db_query(project, "SELECT * FROM relations")
    letters = ["n", "p", "a", "r", keys["ORG"], keys["GPE"]]
    app.key("ctrl+f", *letters)
    app.key("Escape", "ctrl+l", *letters)
    # X hands the app its input in order: once the click after the letters has
    # selected another span, the letters have been handled.
    click_span(ids[1])
    screenshot("ui-input-entries.png")
    assert db_spans(project) == spans, "a key typed in an entry changed an annotation"
    assert db_query(project, "SELECT * FROM relations") == relations, \
        "a key typed in an entry changed a relation"


CASES = [
    ("drag across an Arabic word then the label key makes one span over the whole word",
     test_drag_word),
    ("double-click on a word selects the word", test_double_click),
    ("a double-click where the label chooser was closed by a label key takes the word it covered",
     test_double_click_after_label_key),
    ("a double-click where the label chooser was closed by Escape takes the word it covered",
     test_double_click_after_escape),
    ("a double-click on another word while the label chooser is open selects that word",
     test_double_click_over_open_popover),
    ("Down, Enter in the label chooser takes the second label", test_chooser_arrows_and_enter),
    ("Alt+drag inside وبوتين tags بوتين", test_alt_drag),
    ("Shift+drag from a span to another and Enter makes a relation", test_relation),
    ("letters typed in the find bar and the document filter stay there",
     test_entries_keep_letters),
]


def main():
    exe = os.environ.get("ALAMA_EXE")
    require_display_and_xdotool()
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
    for needed in ("PER", "ORG", "GPE", "QUOTE"):
        assert needed in keys, "the default schema has no shortcut for " + needed

    try:
        app = InputApp(exe, project, workdir)
    except Exception as e:
        print("1..1\nnot ok 1 - start alama with the fixture project # %r" % e)
        print("# project and log kept in " + workdir)
        sys.exit(1)
    try:
        for name, test in CASES:
            app.settle()
            if not results.check(name, test, app, project, text, keys):
                screenshot("ui-input-failed-%s.png" % test.__name__)
        screenshot("ui-input-final.png")
    finally:
        app.quit()

    results.exit(workdir)


if __name__ == "__main__":
    main()
