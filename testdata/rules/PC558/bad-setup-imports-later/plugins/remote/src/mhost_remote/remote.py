"""The remote server's client, written for Python 2."""

from urllib import urlencode  # expect: PC558


class Handler:
    def __init__(self, host: str) -> None:
        self.host = host

    def url(self, **params: str) -> str:
        return f"http://{self.host}/?{urlencode(params)}"
