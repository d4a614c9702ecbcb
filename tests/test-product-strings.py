#!/usr/bin/env python3
"""test-product-strings.py: the installed `alama` carries none of the switches of
the test and benchmark build (ALAMA_BENCH_*, ALAMA_DEBUG_*): what
`strings alama | grep -E 'ALAMA_(BENCH|DEBUG)'` would print is empty, and so
for the workbench module it loads. The instrumented build must hold them, so
that the search is known to work.

    test-product-strings.py PRODUCT INSTRUMENTED MODULE      (TAP)
"""
import re
import sys

SWITCH = re.compile(rb"ALAMA_(?:BENCH|DEBUG)[A-Z_]*")


def switches(path):
    with open(path, "rb") as f:
        return sorted(set(m.group(0).decode() for m in SWITCH.finditer(f.read())))


def main():
    product, instrumented, module = sys.argv[1], sys.argv[2], sys.argv[3]
    print("1..3")
    found = switches(product)
    print("%s 1 - %s has no ALAMA_BENCH/ALAMA_DEBUG switch%s"
          % ("ok" if not found else "not ok", product, "" if not found else ": " + ", ".join(found)))
    found = switches(instrumented)
    print("%s 2 - %s has them (%s)" % ("ok" if found else "not ok", instrumented, ", ".join(found)))
    found = switches(module)
    print("%s 3 - %s has no ALAMA_BENCH/ALAMA_DEBUG switch%s"
          % ("ok" if not found else "not ok", module, "" if not found else ": " + ", ".join(found)))


if __name__ == "__main__":
    main()
