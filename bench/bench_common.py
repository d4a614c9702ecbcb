"""Shared helpers of the bench-*.py scripts: find the build, make projects,
time commands, print tables."""

import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)


def find_alama(build_dir=None):
    """$ALAMA_EXE, else BUILD/app/alama for --build-dir, $BUILD_DIR or build."""
    if os.environ.get("ALAMA_EXE"):
        return os.environ["ALAMA_EXE"]
    build = build_dir or os.environ.get("BUILD_DIR", "build")
    path = os.path.join(SOURCE if not os.path.isabs(build) else "", build, "app", "alama")
    if not os.path.exists(path):
        sys.exit("no alama at %s: build it (ninja -C %s) or set ALAMA_EXE" % (path, build))
    return path


def instrumented(alama):
    """The alama-instrumented next to @alama (BUILD/app/instrumentation), the build
    the ALAMA_BENCH_* and ALAMA_DEBUG_* switches need; @alama itself when there is
    none (@alama is already it, or a build from before the switches moved there)."""
    path = os.path.join(os.path.dirname(os.path.abspath(alama)), "instrumentation",
                        "alama-instrumented")
    return path if os.path.exists(path) else alama


def app_env(alama):
    """What the app needs from a build tree: its GSettings schema, no a11y bus."""
    build = os.path.dirname(os.path.dirname(os.path.abspath(alama)))
    env = dict(os.environ)
    env.update({"GSETTINGS_BACKEND": "memory",
                "GSETTINGS_SCHEMA_DIR": os.path.join(build, "data"),
                "GTK_A11Y": "none", "NO_AT_BRIDGE": "1", "LC_ALL": "C.UTF-8",
                "ALAMA_DATADIR": os.path.join(SOURCE, "data")})
    return env


def gen_corpus(kind, out, **kw):
    args = [sys.executable, os.path.join(HERE, "gen-corpus.py"), kind, out]
    for key, value in kw.items():
        flag = "--" + key.replace("_", "-")
        args += [flag] if value is True else [flag, str(value)]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def run_timed(args, env=None, stdin=None):
    """Runs a command; returns (seconds, stdout). Fails loudly."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            stdin=stdin)
    out, err = proc.communicate()
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit("%s exited %d: %s" % (" ".join(args), proc.returncode,
                                       err.decode("utf-8", "replace")))
    return elapsed, out.decode("utf-8", "replace")


def run_rusage(args, env=None):
    """Runs a command; returns (seconds, its resource usage from wait4, stdout)."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("%s exited %d: %s" % (" ".join(args), proc.returncode,
                                       err.decode("utf-8", "replace")))
    return elapsed, usage, out.decode("utf-8", "replace")


def run_rss(args, env=None):
    """Runs a command; returns (seconds, peak RSS MB of that process, stdout)."""
    elapsed, usage, out = run_rusage(args, env)
    return elapsed, usage.ru_maxrss / 1024.0, out


def import_project(alama, project, jsonl):
    run_timed([alama, "import", project, jsonl], env=app_env(alama))


def median(values):
    return statistics.median(values)


def print_table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(str(h).ljust(w) for h, w in zip(headers, widths))
    print(line)
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    sys.stdout.flush()


def build_core_helper(alama, source, out):
    """Compiles @source (a C file of bench/) against the core libraries of
    @alama's build folder into @out; returns @out, or None when that build has
    no core libraries (then only the end-to-end figures are printed)."""
    build = os.path.dirname(os.path.dirname(os.path.abspath(alama)))
    core = os.path.join(build, "app", "core")
    libs = [os.path.join(core, "libalama-search.a"), os.path.join(core, "libalama-base.a")]
    if not all(os.path.exists(lib) for lib in libs):
        return None
    pkgs = ["glib-2.0", "gio-2.0", "gobject-2.0", "sqlite3", "json-glib-1.0", "icu-uc", "icu-i18n",
            "libcrypto"]
    flags = subprocess.run(["pkg-config", "--cflags", "--libs"] + pkgs, capture_output=True,
                           text=True, check=True).stdout.split()
    # app/core too: a helper may use the core's private headers (the store's
    # database, the tokenizer's name).
    subprocess.run(["cc", "-O2", "-std=c17", source, "-I" + os.path.join(SOURCE, "include"),
                    "-I" + os.path.join(SOURCE, "app", "core"), "-I" + build, "-o", out]
                   + libs + flags + ["-lm"], check=True)
    return out
