#!/usr/bin/env python3
"""test-ui-retrain.py: the workbench trains the project's model again in the
background after every N accepted annotations, and refreshes the suggestions
of the documents nobody reviewed; real keys (XTest through xdotool) against
the real `alama` binary, checked in the project file.

The project: a corpus of accepted annotations (enough that training takes a
while), the document shown with pending suggestions of a rule tagger, and
another document without any. "retrain-every" is 3 (a GSettings keyfile). The
test accepts three suggestions with Enter; the window starts learning. While
it learns, Enter accepts a fourth: the row is in the file, and the model the
worker stores afterwards was trained on three (its info says what it read),
so the key was handled during the training. Then the other document gets the
model's suggestions, the reviewed ones keep theirs, and Ctrl+Z takes back the
fourth acceptance, not the refresh. TAP output; exit 77 (skip) without a
display or xdotool, except under CI=true.
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import App, Results, alama_exe_or_skip, db_query, require_display_and_xdotool, \
    screenshot, wait_for  # noqa: E402

MODEL_SOURCE = "model:model"
SHOWN = "a-review"
OTHER = "b-other"
CORPUS = "c-corpus"
CORPUS_SENTENCES = 1500

# Invented names and sentences.
NAMES = {
    "PER": ["سالم الحداد", "كريم العلي", "ليلى منصور", "يوسف الخطيب", "هدى السعدي", "عمر النجار"],
    "GPE": ["عمّان", "بغداد", "بيروت", "دمشق", "تونس", "الرباط"],
    "ORG": ["شركة النور", "جامعة الفجر", "مؤسسة الأمل", "بنك الريان"],
}
TEMPLATES = [
    "قال {PER} إن الوفد وصل إلى {GPE} أمس .",
    "وأعلنت {ORG} أن {PER} سيزور {GPE} غدا .",
    "والتقى {PER} بممثلي {ORG} في {GPE} .",
    "وذكرت {ORG} أن المفاوضات في {GPE} ستستمر .",
    "وأكد {PER} أن {ORG} ستفتح مكتبا في {GPE} الأسبوع المقبل .",
]
SHOWN_TEXT = ("قال سالم الحداد إن الوفد وصل إلى عمّان أمس . "
              "وأعلنت شركة النور أن كريم العلي سيزور بغداد غدا .")
SHOWN_SUGGESTED = [("سالم الحداد", "PER"), ("عمّان", "GPE"), ("شركة النور", "ORG"),
                   ("كريم العلي", "PER"), ("بغداد", "GPE")]
OTHER_TEXT = "والتقى ليلى منصور بممثلي جامعة الفجر في بيروت . وقال يوسف الخطيب إن الوفد وصل إلى دمشق ."
results = Results()


def corpus():
    """A text of CORPUS_SENTENCES sentences and its accepted entities."""
    rnd = random.Random(7)
    text, entities = "", []
    for _ in range(CORPUS_SENTENCES):
        template = rnd.choice(TEMPLATES)
        out, pos = "", 0
        for m in re.finditer(r"\{(\w+)\}", template):
            out += template[pos:m.start()]
            word = rnd.choice(NAMES[m.group(1)])
            start = len(text) + len(out)
            out += word
            entities.append({"label": m.group(1), "start_offset": start,
                             "end_offset": start + len(word), "status": "accepted"})
            pos = m.end()
        text += out + template[pos:] + "\n"
    return text, entities


def make_project(exe, workdir):
    corpus_text, corpus_entities = corpus()
    shown_entities = []
    for covered, label in SHOWN_SUGGESTED:
        start = SHOWN_TEXT.index(covered)
        shown_entities.append({"label": label, "start_offset": start,
                               "end_offset": start + len(covered), "source": "gazetteer",
                               "status": "pending"})
    source = os.path.join(workdir, "retrain.jsonl")
    with open(source, "w", encoding="utf-8") as f:
        for doc in ({"name": SHOWN, "text": SHOWN_TEXT, "entities": shown_entities},
                    {"name": OTHER, "text": OTHER_TEXT, "entities": []},
                    {"name": CORPUS, "text": corpus_text, "entities": corpus_entities}):
            json.dump(doc, f, ensure_ascii=False)
            f.write("\n")
    project = os.path.join(workdir, "retrain.alama")
    subprocess.run([exe, "import", project, source], check=True, stdout=subprocess.DEVNULL)
    return project, len(corpus_entities)


def use_settings(workdir, every):
    """The workbench reads its settings from a keyfile here (a GSettings
    backend any process can be given before it starts)."""
    config = os.path.join(workdir, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"), exist_ok=True)
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[org/alama/Workbench]\nretrain-every=uint32 %d\n" % every)
    os.environ["GSETTINGS_BACKEND"] = "keyfile"
    os.environ["XDG_CONFIG_HOME"] = config


def spans_of(project, doc_name):
    """[(id, status, source, modified)] of a document, by id."""
    return db_query(project, "SELECT s.id, s.status, s.source, s.modified FROM spans s "
                             "JOIN documents d ON d.id = s.document_id WHERE d.name = ? "
                             "ORDER BY s.id", doc_name)


def accepted(project):
    return [s for s in spans_of(project, SHOWN) if s[1] == "accepted"]


def model_row(project):
    rows = db_query(project, "SELECT created, info FROM models WHERE name = 'model'")
    return rows[0] if rows else None


class RetrainApp(App):
    def __init__(self, exe, project, workdir):
        super().__init__(exe, project, workdir, SHOWN)
        self.wait_geometry(SHOWN)

    def selected(self):
        return (self.geometry() or {}).get("selected-span")


def main():
    require_display_and_xdotool()
    exe = alama_exe_or_skip()
    workdir = tempfile.mkdtemp(prefix="alama-ui-retrain-")
    project, n_corpus = make_project(exe, workdir)
    use_settings(workdir, 3)
    corpus_before = spans_of(project, CORPUS)
    fourth = {}

    app = RetrainApp(exe, project, workdir)
    try:
        def accept_three():
            app.key("n")
            wait_for("a suggestion selected", lambda: app.selected() not in (0, None))
            for n in range(1, 4):
                app.key("Return")
                wait_for("%d accepted in the file" % n, lambda: len(accepted(project)) == n)
            assert model_row(project) is None, "a model was there before the third acceptance"
        results.check("Enter accepts three suggestions", accept_three)

        def answers_while_learning():
            # Enter selected the next suggestion after each acceptance.
            app.key("Return")
            rows = wait_for("the fourth acceptance in the file",
                            lambda: len(accepted(project)) == 4 and accepted(project))
            screenshot("retrain-learning.png")
            fourth["id"], fourth["modified"] = max((s[3], s[0]) for s in rows)[::-1]
            created, info = wait_for("the model stored by the worker", lambda: model_row(project),
                                     180)
            trained_on = sum(json.loads(info)["spans"].values())
            assert trained_on == n_corpus + 3, \
                "the model read %d spans, expected the corpus and three" % trained_on
            assert created > fourth["modified"], "the model was stored before the fourth key"
        results.check("the window answers a key while the model learns (the fourth Enter is "
                      "in the file before the model trained on three)", answers_while_learning)

        def other_refreshed():
            wait_for("the model's suggestions in the other document",
                     lambda: any(s[2] == MODEL_SOURCE for s in spans_of(project, OTHER)), 60)
            screenshot("retrain-done.png")
            assert all(s[1] == "pending" for s in spans_of(project, OTHER))
        results.check("the other document gets the new model's suggestions", other_refreshed)

        def reviewed_untouched():
            shown = spans_of(project, SHOWN)
            assert not any(s[2] == MODEL_SOURCE for s in shown), "the reviewed document changed"
            assert len(shown) == len(SHOWN_SUGGESTED)
            assert spans_of(project, CORPUS) == corpus_before, "the corpus changed"
        results.check("reviewed documents keep their spans as they were", reviewed_untouched)

        def undo_takes_back_the_analyst():
            other_before = spans_of(project, OTHER)
            app.key("ctrl+z")
            wait_for("the fourth acceptance undone",
                     lambda: dict((s[0], s[1]) for s in spans_of(project, SHOWN))[fourth["id"]]
                     == "pending")
            assert len(accepted(project)) == 3
            assert spans_of(project, OTHER) == other_before, "Undo changed the refreshed document"
        results.check("Ctrl+Z takes back the analyst's last acceptance, not the refresh",
                      undo_takes_back_the_analyst)
    finally:
        app.quit()

    results.exit(workdir)


if __name__ == "__main__":
    main()
