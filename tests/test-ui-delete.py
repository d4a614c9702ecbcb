#!/usr/bin/env python3
"""test-ui-delete.py: one way to delete an annotation, with real keys and clicks
(XTest through xdotool) against the real `alama` binary, checked in the
project's SQLite file.

The Delete key in the text (view.delete-span) and the Delete key in the
annotation panel (win.delete-annotation, as the editor's Delete button) both
delete through the window's action: the row leaves the file and a toast offers
Undo; a click on the toast's Undo button brings the row back. A toast whose
change is undone another way (Ctrl+Z) goes: its Undo would take back another.

TAP output. Exit 77 (skip) without a display or xdotool, except under CI=true,
where that is a failure.
"""
import os
import shutil
import time
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, db_query, fixture, screenshot, \
    require_display_and_xdotool, wait_for, xdo, xdo_shell  # noqa: E402

FIXTURE = fixture("shell", "one-annotation.jsonl")
DOC_NAME = "amman-statement"
TOAST_SECONDS = 5  # libadwaita's default, which the workbench's toasts keep
results = Results()


def span_ids(project):
    return [row[0] for row in db_query(project, "SELECT id FROM spans ORDER BY id")]


def wait_rows(project, ids, what):
    wait_for("%s (spans %s in the file)" % (what, ids), lambda: span_ids(project) == ids)


def window_pixels(window):
    """The window's image as (width, height, bytes of RGB)."""
    ppm = subprocess.run(["import", "-window", str(window), "-depth", "8", "ppm:-"],
                         capture_output=True, check=True).stdout
    # "P6\n<width> <height>\n<maxval>\n" then the pixels (which may begin with
    # bytes that look like white space, so the header is read field by field).
    fields, pos = [], 0
    while len(fields) < 4:
        while ppm[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while end < len(ppm) and not ppm[end:end + 1].isspace():
            end += 1
        if end == pos:
            raise AssertionError("the window's image is cut short (%d bytes)" % len(ppm))
        fields.append(ppm[pos:end])
        pos = end
    assert fields[0] == b"P6", "not a binary PPM"
    return int(fields[1]), int(fields[2]), ppm[pos + 1:]


def toast_button_point(window):
    """Where the toast's Undo button is, or None while no toast is shown.

    The toast is the dark box at the bottom middle of the window; light pixels
    inside it are its text and icons. Clustered by column, they are the title,
    the button's label and the close icon, left to right (the test runs in an
    LTR locale): the button is the cluster before the last."""
    width, height, data = window_pixels(window)

    def value(x, y):
        i = 3 * (y * width + x)
        return max(data[i], data[i + 1], data[i + 2])

    def dark(x, y):
        return value(x, y) < 90

    def light(x, y):
        return value(x, y) > 170

    middle = width // 2
    # The toast is the longest run of dark rows down the middle: text at the
    # bottom of the window (the label legend) has dark strokes there too.
    runs, run = [], []
    for y in range(max(0, height - 120), height):
        if dark(middle, y):
            run.append(y)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    rows = max(runs, key=len) if runs else []
    if len(rows) < 20:
        return None
    top, bottom = min(rows), max(rows)

    def dark_column(x):
        return any(dark(x, y) for y in range(top, bottom + 1))

    left = right = middle
    while left > 0 and dark_column(left - 1):
        left -= 1
    while right < width - 1 and dark_column(right + 1):
        right += 1
    columns = [x for x in range(left, right + 1)
               if any(light(x, y) for y in range(top, bottom + 1))]
    clusters = []
    for x in columns:
        if clusters and x - clusters[-1][1] <= 10:
            clusters[-1][1] = x
        else:
            clusters.append([x, x])
    if len(clusters) < 3:
        return None
    x0, x1 = clusters[-2]
    return (x0 + x1) // 2, (top + bottom) // 2


class DeleteApp(App):
    def __init__(self, exe, project, workdir):
        super().__init__(exe, project, workdir, DOC_NAME)
        n = len(span_ids(project))
        wait_for("the document drawn with its %d annotation(s)" % n,
                 lambda: (self.geometry() or {}).get("document") == DOC_NAME and
                 len([s for s in self.geometry().get("spans", []) if "x" in s]) == n, 30)

    def click_span(self, span_id):
        box = self.wait_span_drawn(span_id, "the annotation")
        self.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        xdo("click", 1)
        wait_for("span %d selected" % span_id,
                 lambda: (self.geometry() or {}).get("selected-span") == span_id)

    def window_size(self):
        geometry = xdo_shell("getwindowgeometry", "--shell", self.window)
        return int(geometry["WIDTH"]), int(geometry["HEIGHT"])

    def rest_on_toast(self):
        """Puts the pointer where the toast comes up (the bottom middle of the
        window): libadwaita keeps a toast up while the pointer is on it, so it
        waits for the test however slowly the test finds it."""
        width, height = self.window_size()
        self.move(width // 2, height - 30)

    def find_toast(self):
        point = wait_for("the toast with its Undo button", lambda: toast_button_point(self.window))
        self.move(*point)
        return point

    def undo_from_toast(self):
        point = self.find_toast()
        screenshot("delete-toast.png")
        self.move(*point)
        xdo("click", 1)


def main():
    exe = alama_exe_or_skip()
    require_display_and_xdotool()
    check = results.check

    workdir = tempfile.mkdtemp(prefix="alama-ui-delete-")
    project = os.path.join(workdir, "amman.alama")
    subprocess.run([exe, "import", project, FIXTURE], check=True, capture_output=True)
    ids = span_ids(project)
    assert len(ids) == 1, "the fixture has one annotation"

    app = DeleteApp(exe, project, workdir)
    try:
        def delete_in_text():
            app.click_span(ids[0])
            app.key("Delete")
            app.rest_on_toast()
            wait_rows(project, [], "Delete in the text")
        check("Delete in the text removes the annotation from the file", delete_in_text)

        def toast_stays_under_pointer():
            app.find_toast()
            seen = time.monotonic()
            # Past the toast's 5 seconds, with the pointer on it all along.
            wait_for("the toast's time run out", lambda: time.monotonic() - seen > TOAST_SECONDS + 2,
                     TOAST_SECONDS + 10)
            assert toast_button_point(app.window) is not None, "the toast went from under the pointer"
        check("the toast stays while the pointer rests on it", toast_stays_under_pointer)

        def undo_toast():
            app.undo_from_toast()
            wait_rows(project, ids, "Undo in the toast")
        check("the toast's Undo brings it back", undo_toast)

        def delete_in_panel():
            app.wait_span_drawn(ids[0], "the annotation back")
            # Ctrl+L: the sidebar; F6 the text, F6 the panel (its first row).
            app.key("ctrl+l", "F6", "F6", "Delete")
            app.rest_on_toast()
            wait_rows(project, [], "Delete in the annotation panel")
        check("win.delete-annotation (the panel) removes it from the file", delete_in_panel)

        def undo_toast_again():
            app.undo_from_toast()
            wait_rows(project, ids, "Undo in the second toast")
        check("that toast's Undo brings it back too", undo_toast_again)

        def toast_goes_once_left():
            app.click_span(ids[0])
            app.key("Delete")
            wait_rows(project, [], "Delete in the text, once more")
            app.find_toast()
            app.move(20, 20)
            wait_for("the toast gone once the pointer left it",
                     lambda: toast_button_point(app.window) is None, TOAST_SECONDS + 30)
            app.key("ctrl+z")
            wait_rows(project, ids, "Ctrl+Z")
        check("the toast goes once the pointer has left it", toast_goes_once_left)

        def toast_goes_when_its_change_is_undone():
            # Ctrl+Z undoes the deletion with the toast up: the toast's Undo
            # would now take back the change before it, so the toast goes,
            # though the pointer rests on it.
            app.click_span(ids[0])
            app.key("Delete")
            app.rest_on_toast()
            wait_rows(project, [], "Delete in the text, again")
            app.find_toast()
            app.key("ctrl+z")
            wait_rows(project, ids, "Ctrl+Z with the toast up")
            wait_for("the toast gone with its change undone",
                     lambda: toast_button_point(app.window) is None, TOAST_SECONDS + 30)
        check("the toast goes once its change is undone another way",
              toast_goes_when_its_change_is_undone)
        check("alama exits", app.quit)
    finally:
        if app.proc.poll() is None:
            app.proc.kill()
            app.proc.wait()

    if results.print_tap():
        shutil.rmtree(workdir, ignore_errors=True)
        return 0
    print("# logs kept in " + workdir)
    return 1


if __name__ == "__main__":
    sys.exit(main())
