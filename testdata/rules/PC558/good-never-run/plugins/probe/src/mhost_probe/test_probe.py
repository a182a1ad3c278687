"""The tests of the extension, shipped in the package: only a test runner imports this."""

from typing import override

from mhost_probe import Extension


class Checked(Extension):
    @override
    def setup(self, registry: object) -> None:
        pass
