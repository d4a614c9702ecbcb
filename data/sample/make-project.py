#!/usr/bin/env python3
"""Builds the sample project: make-project.py ALAMA ANNOTATIONS.jsonl OUT.alama

Used by data/meson.build. `alama import` adds to an existing project (and skips a
file it has already imported), so a rebuild starts from a fresh file; a failed
import leaves no half-built project behind for ninja to take as up to date.
"""

import os
import subprocess
import sys


def remove_project(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: make-project.py ALAMA ANNOTATIONS.jsonl OUT.alama")
    alama, annotations, out = sys.argv[1:]
    remove_project(out)
    cmd = [alama, "import", out, annotations, "--format", "jsonl"]
    result = subprocess.run(cmd)
    if result.returncode != 0 or not os.path.exists(out):
        remove_project(out)
        sys.exit(f"make-project.py: '{' '.join(cmd)}' failed (exit {result.returncode})")


if __name__ == "__main__":
    main()
