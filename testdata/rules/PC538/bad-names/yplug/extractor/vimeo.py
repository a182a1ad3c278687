"""Its extractor class lost the IE suffix in a rename: the host picks nothing from it."""

from yhost import InfoExtractor


class VimeoExtractor(InfoExtractor):  # expect: PC538
    _VALID_URL = "https://vimeo.example/"
