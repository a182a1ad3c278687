"""Written for an older host whose InfoExtractor had initialize() called from __init__."""

from yhost import InfoExtractor


class NeedyIE(InfoExtractor):
    def __init__(self, downloader: object = None) -> None:
        super().__init__(downloader)
        self.initialize()  # expect: PC537
