"""Its __all__ leaves the extractor out: the host takes only the names __all__ lists."""

from yhost import InfoExtractor

__all__ = ["normalise"]


def normalise(url: str) -> str:
    return url.rstrip("/")


class HiddenIE(InfoExtractor):  # expect: PC538
    _VALID_URL = "https://hidden.example/"
