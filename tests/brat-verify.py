#!/usr/bin/env python3
"""Runs brat's own checker (server/src/verify_annotations.py) over .ann files.

Usage: brat-verify.py BRAT_CHECKOUT FILE.ann...

BRAT_CHECKOUT is a copy of github.com/nlplab/brat; its modules are imported
from there, none are copied here. Two adaptations let brat's Python 2 era code
run on a current Python 3, and nothing else is changed:
- brat imports a config.py that its installer writes from config_template.py:
  a minimal one is written to a temporary folder (the checker reads no setting
  from it, it only has to import);
- brat opens files in mode 'rU', which Python 3.11 removed: the 'U' (universal
  newlines, the default of text mode anyway) is dropped.

The files are opened read-only: brat's own main() opens them for writing and
saves them back on the way out, which rewrites lines (an N line's name gets
two more tabs). Prints one line per issue, as brat's own main() does, then the warnings and
errors brat's configuration reader left with its Messager (an annotation.conf
it could not parse). Exits 1 when there was any of these or a file could not be
checked, 0 otherwise.
"""
import codecs
import os
import sys
import tempfile

CONFIG = """
BASE_DIR = '/'
DATA_DIR = '/'
WORK_DIR = {work!r}
DEBUG = False
LL_DEBUG, LL_INFO, LL_WARNING, LL_ERROR, LL_CRITICAL = (
    'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL')
LOG_LEVEL = LL_WARNING
"""


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    brat, files = argv[1], argv[2:]
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, 'config.py'), 'w') as f:
            f.write(CONFIG.format(work=work))
        sys.path[:0] = [work, os.path.join(brat, 'server', 'src')]

        real_open = codecs.open

        def open_without_u(filename, mode='r', *args, **kwargs):
            return real_open(filename, mode.replace('U', ''), *args, **kwargs)

        codecs.open = open_without_u

        import annotation
        from projectconfig import ProjectConfiguration
        from verify_annotations import verify_annotation
        annotation.codecs_open = open_without_u

        failures = 0
        for fn in files:
            try:
                conf = ProjectConfiguration(os.path.dirname(os.path.abspath(fn)))
                stem = fn[:-len('.ann')] if fn.endswith('.ann') else fn
                with annotation.TextAnnotations(stem, read_only=True) as ann:
                    for issue in verify_annotation(ann, conf):
                        print('%s:\t%s' % (fn, issue.human_readable_str()))
                        failures += 1
            except Exception as e:  # brat raises its own error types
                print('%s:\tFailed check: %s: %s' % (fn, type(e).__name__, e))
                failures += 1

        from message import Messager
        for msg, kind, _duration in getattr(Messager, '_Messager__pending_messages', []):
            if kind in ('warning', 'error'):
                print('configuration:\t%s: %s' % (kind, msg))
                failures += 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
