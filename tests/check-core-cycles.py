#!/usr/bin/env python3
"""check-core-cycles.py: app/core's files call one way, and no file is long
without saying why.

Usage: check-core-cycles.py SOURCE_DIR LIBRARY.a...

1. The call graph between app/core's files, read from the compiled objects of
   the core's static libraries with `nm`: file A calls file B when A's object
   leaves undefined a global symbol that B's object defines. Every strongly
   connected set of more than one file is a cycle; each is reported with the
   calls (and the symbols) that make it, and the test fails.
2. A .c file in SOURCE_DIR longer than LONG_FILE_LINES lines must say why in its
   opening comment (the comment the file starts with), on a line starting
   with "Why this file is long:" (after the comment's " * "), followed by the
   reason.

Output is TAP: one test per check.
"""
import os
import re
import subprocess
import sys

LONG_FILE_LINES = 800
REASON_RE = re.compile(r'^\s*(?:/\*+|\*)?\s*Why this file is long:\s*\S')

# nm symbol types that define a global symbol (text, data, bss, read-only,
# common, weak).
DEFINED_TYPES = set('TDBRCVWGS')


def object_name(member):
    """alama-store.c.o -> alama-store.c"""
    return member[:-2] if member.endswith('.o') else member


def read_symbols(libraries):
    """Returns ({file: set(defined)}, {file: set(undefined)})."""
    defined = {}
    undefined = {}
    for lib in libraries:
        out = subprocess.run(['nm', '-A', '-P', lib], check=True,
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            # "lib.a[member.o]: symbol TYPE value size" or "lib.a:member.o: ..."
            m = re.match(r'^(.*?)(?:\[(.+?)\]|:([^:\s]+)):\s+(\S+)\s+(\S)', line)
            if not m:
                continue
            member = m.group(2) or m.group(3)
            symbol, kind = m.group(4), m.group(5)
            name = object_name(os.path.basename(member))
            defined.setdefault(name, set())
            undefined.setdefault(name, set())
            if kind == 'U':
                undefined[name].add(symbol)
            elif kind in DEFINED_TYPES:
                defined[name].add(symbol)
    return defined, undefined


def call_graph(defined, undefined):
    """{file: {callee file: sorted symbols}}"""
    owner = {}
    for name, symbols in defined.items():
        for symbol in symbols:
            owner.setdefault(symbol, name)
    graph = {name: {} for name in defined}
    for name, symbols in undefined.items():
        for symbol in sorted(symbols):
            callee = owner.get(symbol)
            if callee is not None and callee != name:
                graph[name].setdefault(callee, []).append(symbol)
    return graph


def strongly_connected(graph):
    """Tarjan's algorithm, iterative; returns the sets of more than one file."""
    index = {}
    low = {}
    on_stack = set()
    stack = []
    result = []
    counter = [0]

    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component))
    return result


def long_files_without_reason(source_dir):
    missing = []
    for name in sorted(os.listdir(source_dir)):
        if not name.endswith('.c'):
            continue
        with open(os.path.join(source_dir, name), encoding='utf-8') as f:
            lines = f.read().splitlines()
        if len(lines) <= LONG_FILE_LINES:
            continue
        opening = []
        for line in lines:
            opening.append(line)
            if '*/' in line:
                break
        if not any(REASON_RE.match(line) for line in opening):
            missing.append((name, len(lines)))
    return missing


def main():
    if len(sys.argv) < 3:
        print('usage: check-core-cycles.py SOURCE_DIR LIBRARY.a...', file=sys.stderr)
        return 2
    source_dir = sys.argv[1]
    libraries = sys.argv[2:]

    print('1..2')

    defined, undefined = read_symbols(libraries)
    graph = call_graph(defined, undefined)
    cycles = strongly_connected(graph)
    if cycles:
        print('not ok 1 - app/core has %d call cycle(s) between files' % len(cycles))
        for component in cycles:
            members = set(component)
            print('# cycle: %s' % ' <-> '.join(component))
            for caller in component:
                for callee, symbols in sorted(graph[caller].items()):
                    if callee in members:
                        print('#   %s -> %s: %s' % (caller, callee, ', '.join(symbols)))
    else:
        print('ok 1 - app/core files call one way (%d files)' % len(graph))
    if os.environ.get('ALAMA_PRINT_CALL_GRAPH'):
        for caller in sorted(graph):
            print('# %s -> %s' % (caller, ', '.join(sorted(graph[caller])) or '(none)'))

    missing = long_files_without_reason(source_dir)
    if missing:
        print('not ok 2 - app/core files over %d lines say why at their top' % LONG_FILE_LINES)
        for name, n in missing:
            print('#   %s: %d lines and no "Why this file is long:" line in its '
                  'opening comment' % (name, n))
    else:
        print('ok 2 - app/core files over %d lines say why at their top' % LONG_FILE_LINES)
    return 0


if __name__ == '__main__':
    sys.exit(main())
