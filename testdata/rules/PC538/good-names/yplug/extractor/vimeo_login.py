"""An override plugin (yt-dlp-youtube-oauth2's shape): a public mixin subclassing the host's
base, and private classes built on it that replace the host's own extractors when the module is
imported. The host picks no class by name here, and the mixin is no plugin class that lost its
suffix: the module's own classes build on it."""

from yhost import InfoExtractor


class LoginHandler(InfoExtractor):
    def login(self) -> None:
        self._ready = True


class _VimeoLoginOverride(LoginHandler):
    _VALID_URL = "https://vimeo.example/login/"


class _ChannelLoginOverride(LoginHandler):
    _VALID_URL = "https://vimeo.example/channel/login/"
