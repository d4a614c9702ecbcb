#!/usr/bin/env python3
"""test-ui-arabic-locale.py: the real workbench under an Arabic locale
(LANGUAGE=ar LANG=LC_ALL=ar_EG.UTF-8) is mirrored right-to-left and speaks Arabic.

A project is made with `alama import` from tests/fixtures/search-ui/news.jsonl and
opened by the real `alama` binary. ALAMA_DEBUG_UI_STATE makes the window write,
after its first frame, its direction, title, header-bar tooltips and main-menu
labels; the test checks them against the Arabic translation (po/ar.po, compiled
into <build>/po, found through ALAMA_LOCALEDIR). A screenshot of the window
(ImageMagick import) is saved in $ALAMA_TEST_OUTPUT. A second run under LANG=C checks that the
same hook reports left-to-right English, so the checks are not vacuous.

TAP output. Exit 77 (skip) without a display or the ar_EG.UTF-8 locale, except
under CI=true, where that is a failure.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import Results, fixture, screenshot, skip_or_fail, wait_for  # noqa: E402

FIXTURE = fixture("search-ui", "news.jsonl")
ARABIC = set(chr(c) for c in range(0x0621, 0x064B))


def has_arabic(text):
    return any(ch in ARABIC for ch in text)


def run_workbench(exe, project, workdir, tag, env_extra):
    state_path = os.path.join(workdir, "ui-state-%s.json" % tag)
    env = dict(os.environ)
    env.update(env_extra)
    env["ALAMA_DEBUG_UI_STATE"] = state_path
    log = open(os.path.join(workdir, "alama-%s.log" % tag), "w")
    proc = subprocess.Popen([exe, project], stdout=log, stderr=subprocess.STDOUT, env=env)
    def written():
        if proc.poll() is not None:
            raise AssertionError("alama exited with %d (see %s)" % (proc.returncode, log.name))
        return os.path.exists(state_path)

    try:
        # Written after the first frame, in one go (a temporary file renamed):
        # once it is there it is whole, and the window has been drawn.
        wait_for(state_path, written, 30)
        with open(state_path, encoding="utf-8") as f:
            state = json.load(f)
        screenshot("ui-%s.png" % tag)
        return state
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def main():
    exe = os.environ.get("ALAMA_EXE")
    if not exe or not os.path.exists(exe):
        skip_or_fail("ALAMA_EXE is not set")
    if not os.environ.get("DISPLAY"):
        skip_or_fail("no display")
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "ar_eg.utf8" not in locales.split():
        skip_or_fail("the ar_EG.UTF-8 locale is not installed (.ci/install-deps generates it)")

    workdir = tempfile.mkdtemp(prefix="alama-ui-arabic-")
    project = os.path.join(workdir, "news.alama")
    subprocess.run([exe, "import", project, FIXTURE], check=True, capture_output=True)

    arabic_env = {"LANGUAGE": "ar", "LANG": "ar_EG.UTF-8", "LC_ALL": "ar_EG.UTF-8"}
    english_env = {"LANGUAGE": "", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    results = Results()
    check = results.check

    state = {}

    def arabic_run():
        state["ar"] = run_workbench(exe, project, workdir, "arabic", arabic_env)
    check("the workbench starts under ar_EG.UTF-8 and reports its UI state", arabic_run)

    def arabic_direction():
        assert state["ar"]["direction"] == "rtl", state["ar"]
    check("the window is right-to-left", arabic_direction)

    def arabic_menu():
        menu = state["ar"]["menu_labels"]
        for label in ("_فتح مشروع…", "ا_ستيراد ملفات…", "ا_بحث في المستند", "_لوحة المعلومات",
                      "الت_فضيلات", "_عن علامة"):
            assert label in menu, "%r not in the main menu %r" % (label, menu)
        english = [l for l in menu if not has_arabic(l) and l not in ("Amiri", "Noto Naskh Arabic")]
        assert not english, "untranslated menu items: %r" % english
    check("the main menu is in Arabic", arabic_menu)

    def arabic_header():
        header = state["ar"]["header_labels"]
        for label in ("القائمة الرئيسية", "لوحة التوسيمات (F9)", "قائمة المستندات (Shift+F9)"):
            assert label in header, "%r not in the header bar %r" % (label, header)
        assert state["ar"]["title"].endswith("— علامة"), state["ar"]["title"]
    check("the header bar and the title are in Arabic", arabic_header)

    def english_run():
        s = run_workbench(exe, project, workdir, "english", english_env)
        assert s["direction"] == "ltr", s
        assert "_Open Project…" in s["menu_labels"], s["menu_labels"]
    check("under LANG=C the same hook reports left-to-right English", english_run)

    ok = results.print_tap()
    shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
