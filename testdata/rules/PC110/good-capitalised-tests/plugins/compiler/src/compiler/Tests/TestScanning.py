"""The plugin's own tests, as Cython ships them: only a test runner imports this."""

import sys

from compiler import new

sys.path.insert(0, "..")
print("collecting the tests of compiler")


def test_run() -> None:
    assert new().run() == "build"
