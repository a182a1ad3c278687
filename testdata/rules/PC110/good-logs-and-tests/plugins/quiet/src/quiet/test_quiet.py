"""The plugin's own tests, shipped in the package: only a test runner imports this."""

from quiet import new

print("collecting the tests of quiet")


def test_run() -> None:
    assert new().run() == "quiet"
