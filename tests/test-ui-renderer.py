#!/usr/bin/env python3
"""test-ui-renderer.py: the Software Rendering preference (alama-renderer.h).

- With the preference on, the workbench draws with GTK's cairo renderer.
- A GSK_RENDERER in the environment wins over it: with GSK_RENDERER=gl the
  renderer is the same whether the preference is on or off (GL, or what GTK
  falls back to where the display has none).

The preference is read from a GSettings keyfile, as the next start would read
what the Preferences window wrote; the renderer is what alama-instrumented's
ALAMA_BENCH_LOG reports at the first frame. TAP output; exit 77 (skip) without a
display, except under CI=true.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uitest import Results, alama_exe_or_skip, fixture, skip_or_fail  # noqa: E402

results = Results()


def renderer(exe, project, workdir, software, gsk_renderer=None):
    """Starts the workbench once and returns the GSK renderer type it drew with."""
    config = os.path.join(workdir, "config-%s-%s" % (software, gsk_renderer))
    os.makedirs(os.path.join(config, "glib-2.0", "settings"), exist_ok=True)
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[org/alama/Workbench]\nsoftware-rendering=%s\n" % ("true" if software else "false"))
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config,
               ALAMA_BENCH_LOG="1", G_DEBUG="gc-friendly")
    env.pop("GSK_RENDERER", None)
    env.pop("GDK_DEBUG", None)
    if gsk_renderer is not None:
        env["GSK_RENDERER"] = gsk_renderer
    proc = subprocess.run([exe, project, "--exit-after-first-frame"], env=env,
                          capture_output=True, text=True, timeout=300)
    match = re.search(r"renderer (\w+)", proc.stderr)
    assert proc.returncode == 0 and match, \
        "status %d, no renderer reported:\n%s" % (proc.returncode, proc.stderr[-2000:])
    return match.group(1)


def check_software(exe, project, workdir):
    got = renderer(exe, project, workdir, True)
    assert got == "GskCairoRenderer", got


def check_environment_wins(exe, project, workdir):
    with_preference = renderer(exe, project, workdir, True, "gl")
    without = renderer(exe, project, workdir, False, "gl")
    assert with_preference == without, (with_preference, without)


def main():
    exe = alama_exe_or_skip()
    if not os.environ.get("DISPLAY"):
        skip_or_fail("no display")
    workdir = tempfile.mkdtemp(prefix="alama-ui-renderer-")
    try:
        project = os.path.join(workdir, "renderer.alama")
        subprocess.run([exe, "import", project, fixture("ui", "kremlin.txt")], check=True,
                       capture_output=True)
        results.check("the preference draws with cairo", check_software, exe, project, workdir)
        results.check("GSK_RENDERER wins over the preference", check_environment_wins,
                      exe, project, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if results.print_tap() else 1)


if __name__ == "__main__":
    main()
