#!/usr/bin/env python3
"""test-cli-arabic-locale.py: the command line speaks the user's language.

`alama` run under an Arabic locale (LANGUAGE=ar, LC_ALL=ar_EG.UTF-8) with the
build tree's compiled translation (po/ar.po in <build>/po, found through
ALAMA_LOCALEDIR, or without it because the program runs from the build tree) reports a failed import in Arabic, and the message still names
the file, the line and the offsets the core found. The same failure under
LC_ALL=C.UTF-8 is English, so the checks are not vacuous. po/ar.po must pass
`msgfmt --check` (formats that match their msgid, plural forms, header).

TAP output. A case that needs the ar_EG.UTF-8 locale or msgfmt is skipped
without it, except under CI=true, where that is a failure.
"""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import ALAMA, Skip, Suite  # noqa: E402

SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.dirname(os.path.abspath(__file__)))
AR_PO = os.path.join(SRCDIR, os.pardir, "po", "ar.po")
ARABIC_LETTERS = set(chr(c) for c in range(0x0621, 0x064B))
ARABIC = {"LANGUAGE": "ar", "LANG": "ar_EG.UTF-8", "LC_ALL": "ar_EG.UTF-8"}
ENGLISH = {"LANGUAGE": "", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}

# Line 1 is a document whose span ends past its text; line 2 is cut short.
BAD_OFFSETS = '{"text": "abc", "entities": [[0, 9, "PER"]]}\n'
BAD_LINE = '{"text": "abc", "entities": [[0, 2, "PER"]]}\n{"text": \n'

suite = Suite()


def skip_or_fail(reason):
    if os.environ.get("CI") == "true":
        raise AssertionError(reason + " (CI=true: a skip is a failure)")
    raise Skip(reason)


def need_arabic_locale():
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "ar_eg.utf8" not in locales.split():
        skip_or_fail("the ar_EG.UTF-8 locale is not installed (.ci/install-deps generates it)")
    if not os.environ.get("ALAMA_LOCALEDIR"):
        skip_or_fail("ALAMA_LOCALEDIR is not set (meson test sets it to <build>/po)")


def run(env, *args, cwd=None):
    full_env = dict(os.environ)
    full_env.update(env)
    proc = subprocess.run([ALAMA] + [str(a) for a in args], capture_output=True,
                          env=full_env, timeout=120, cwd=cwd)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def has_arabic(text):
    return any(ch in ARABIC_LETTERS for ch in text)


@suite.test("a bad JSONL line: the Arabic message names the file and the line")
def bad_line_in_arabic(ws):
    need_arabic_locale()
    ws.write("bad-line.jsonl", BAD_LINE)
    code, out, err = run(ARABIC, "import", "p.alama", "bad-line.jsonl", cwd=ws.tmp)
    assert code == 1, (code, out, err)
    assert has_arabic(err), "not Arabic: %r" % err
    assert "bad-line.jsonl" in err, err
    assert "السطر 2" in err, "the line number is lost: %r" % err
    assert not os.path.exists(ws.path("p.alama")), "a failed import left a project"


@suite.test("offsets outside the text: the Arabic message keeps the document and the numbers")
def bad_offsets_in_arabic(ws):
    need_arabic_locale()
    ws.write("bad-offsets.jsonl", BAD_OFFSETS)
    code, out, err = run(ARABIC, "import", "p.alama", "bad-offsets.jsonl", cwd=ws.tmp)
    assert code == 1, (code, out, err)
    assert has_arabic(err), "not Arabic: %r" % err
    # The 64-bit numbers go through the translation's own format (%<PRId64>).
    for part in ("bad-offsets.jsonl", "«bad-offsets.jsonl:1»", "0–9", "3"):
        assert part in err, "%r not in %r" % (part, err)


@suite.test("the same failures under LC_ALL=C.UTF-8 are English")
def same_failures_in_english(ws):
    ws.write("bad-line.jsonl", BAD_LINE)
    ws.write("bad-offsets.jsonl", BAD_OFFSETS)
    code, out, err = run(ENGLISH, "import", "p.alama", "bad-line.jsonl", cwd=ws.tmp)
    assert code == 1 and "bad-line.jsonl: line 2: " in err and not has_arabic(err), (code, err)
    code, out, err = run(ENGLISH, "import", "p.alama", "bad-offsets.jsonl", cwd=ws.tmp)
    assert code == 1 and "offsets 0–9 lie outside the text (3 characters)" in err, (code, err)


@suite.test("usage errors and --help are Arabic too")
def usage_in_arabic(ws):
    need_arabic_locale()
    code, out, err = run(ARABIC, "--help")
    assert code == 0 and "الأوامر:" in out and "import" in out, (code, out)
    code, out, err = run(ARABIC, "stats")
    assert code == 2 and "لم يُحدَّد مشروع" in err, (code, err)
    code, out, err = run(ARABIC, "import", "--help")
    assert code == 0 and "استيراد ملفات إلى مشروع" in out, (code, out)


def run_without_localedir(exe, env, *args):
    full_env = {k: v for k, v in os.environ.items() if k != "ALAMA_LOCALEDIR"}
    full_env.update(env)
    proc = subprocess.run([exe] + list(args), capture_output=True, env=full_env, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8")


@suite.test("run from the build tree, LANGUAGE=ar is enough: no ALAMA_LOCALEDIR needed")
def build_tree_finds_its_translations(ws):
    need_arabic_locale()
    code, out = run_without_localedir(ALAMA, ARABIC, "--help")
    assert code == 0 and "الأوامر:" in out, (code, out)
    # A copy outside the build tree is what an installed program is: it reads
    # the installed translations (none for a build that was never installed),
    # not the build tree's. Without this the check above could pass because
    # the build tree's translations are found from anywhere.
    copy = ws.path("alama-copy")
    shutil.copy(ALAMA, copy)
    code, out = run_without_localedir(copy, ARABIC, "--help")
    installed = any(os.path.exists(os.path.join(d, "ar", "LC_MESSAGES", "alama.mo"))
                    for d in ("/usr/share/locale", "/usr/local/share/locale"))
    assert code == 0, (code, out)
    if not installed:
        assert "Commands:" in out and not has_arabic(out), out


@suite.test("po/ar.po passes msgfmt --check")
def ar_po_checks(ws):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        skip_or_fail("msgfmt is not installed (Debian package gettext)")
    proc = subprocess.run([msgfmt, "--check", "--output-file", os.devnull, AR_PO],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


sys.exit(suite.main())
