"""An extractor the host picks by its name, over a shared base it does not pick."""

from yhost import InfoExtractor


class VimeoBase(InfoExtractor):
    _API = "https://api.vimeo.example/"


class _PrivateIE(VimeoBase):
    pass


class VimeoIE(VimeoBase):
    _VALID_URL = "https://vimeo.example/"
