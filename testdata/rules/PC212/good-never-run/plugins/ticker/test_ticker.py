"""The plugin's tests: only a test runner imports this module."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ticker import Ticker


class Recording(Ticker):
    pass


def test_run() -> None:
    Recording().run()
