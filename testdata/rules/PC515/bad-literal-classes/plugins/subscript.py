"""new is Ticker[int], but Ticker is no generic class: subscripting it raises TypeError."""

from collections.abc import Mapping


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


new = Ticker[int]  # expect: PC515
