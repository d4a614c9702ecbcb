"""What the command-line test scripts share: a temporary folder for each test,
and the TAP they print. Each script registers its tests with @suite.test(NAME)
(a function of the test's Workspace) and ends with sys.exit(suite.main()).
"""

import os
import shutil
import sys
import tempfile
import traceback

ALAMA = os.environ.get("ALAMA_EXE", "alama")


class Skip(Exception):
    """Raised by a test that cannot run here (printed as ok # SKIP)."""


class Workspace:
    """A test's own temporary folder, removed after it, whatever modes the test
    left on what it made."""

    prefix = "alama-test-"

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix=self.prefix)
        os.chmod(self.tmp, 0o755)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, name, data):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return p

    def cleanup(self):
        for root, dirs, files in os.walk(self.tmp):
            for name in dirs + files:
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    os.chmod(path, 0o755 if name in dirs else 0o644)
        shutil.rmtree(self.tmp, ignore_errors=True)


class Suite:
    def __init__(self, workspace=Workspace):
        self.workspace = workspace
        self.cases = []

    def test(self, name):
        def wrap(func):
            self.cases.append((name, func))
            return func
        return wrap

    def main(self):
        if not os.path.exists(ALAMA) and shutil.which(ALAMA) is None:
            print("1..0 # SKIP no alama executable (set ALAMA_EXE)")
            return 0
        print("1..%d" % len(self.cases))
        sys.stdout.flush()
        failed = 0
        for i, (name, func) in enumerate(self.cases, 1):
            ws = self.workspace()
            try:
                func(ws)
                print("ok %d - %s" % (i, name))
            except Skip as skip:
                print("ok %d - %s # SKIP %s" % (i, name, skip))
            except Exception:
                failed += 1
                print("not ok %d - %s" % (i, name))
                for line in traceback.format_exc().rstrip().splitlines():
                    print("# " + line)
            finally:
                ws.cleanup()
            sys.stdout.flush()
        return 1 if failed else 0
