"""new() rebinds its global before testing it again: the second test is not the first call's."""

from collections.abc import Mapping

_instance = None


class Solo:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new():
    global _instance
    if _instance is not None:
        return _instance
    _instance = Solo()
    if not _instance:
        return None
    return _instance
