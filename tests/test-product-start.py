#!/usr/bin/env python3
"""test-product-start.py: the installed `alama` runs a headless command without
loading GTK (the workbench is a module it loads only to open a window), and
still opens the workbench from that module.

    test-product-start.py          (TAP; ALAMA_EXE is the installed program,
                                    the workbench test needs a display)
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import ALAMA, Skip, Suite  # noqa: E402

suite = Suite()

JSONL = '{"name": "d", "text": "قال بوتين في موسكو."}\n'


def project(ws):
    jsonl = ws.write("in.jsonl", JSONL)
    path = ws.path("p.alama")
    subprocess.run([ALAMA, "import", path, jsonl], check=True, capture_output=True)
    return path


def loaded_libraries(args):
    """The shared objects the dynamic linker loaded for one run (glibc's LD_DEBUG)."""
    env = dict(os.environ, LD_DEBUG="files")
    proc = subprocess.run([ALAMA] + args, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, "status %d: %s" % (proc.returncode, proc.stderr[-2000:])
    names = set()
    for line in proc.stderr.splitlines():
        if "file=" in line:
            names.add(line.split("file=", 1)[1].split()[0].rstrip(";"))
    assert any(n.startswith("libglib-2.0") for n in names), \
        "LD_DEBUG printed no library (not glibc?): %s" % proc.stderr[-2000:]
    return proc.stdout, names


@suite.test("alama search loads neither GTK nor libadwaita")
def search_without_gtk(ws):
    out, names = loaded_libraries(["search", project(ws), "بوتين"])
    assert "d:" in out, out
    gui = sorted(n for n in names if n.startswith(("libgtk-4", "libadwaita", "libpango")))
    assert not gui, gui


@suite.test("alama PROJECT opens the workbench from its module")
def workbench_from_module(ws):
    if not os.environ.get("DISPLAY"):
        raise Skip("no display")
    path = project(ws)
    proc = subprocess.run([ALAMA, path, "--exit-after-first-frame"], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, "status %d: %s" % (proc.returncode, proc.stderr[-2000:])
    assert "first-frame-ms:" in proc.stdout, proc.stdout


if __name__ == "__main__":
    sys.exit(suite.main())
