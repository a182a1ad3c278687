"""The host's extractor base: the host picks the public classes named *IE a plugin module defines."""


class InfoExtractor:
    _VALID_URL = ""

    def __init__(self, downloader: object = None) -> None:
        self._downloader = downloader
        self._ready = False

    @classmethod
    def suitable(cls, url: str) -> bool:
        return bool(cls._VALID_URL) and url.startswith(cls._VALID_URL)
