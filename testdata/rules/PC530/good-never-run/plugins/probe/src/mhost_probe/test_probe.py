"""The tests of the extension, shipped in the package: only a test runner imports this."""

from mhost.sql import crud_params

from mhost_probe import Extension


def test_params() -> None:
    assert crud_params is not None
    assert Extension.ext_name == "probe"
