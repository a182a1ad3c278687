"""The Python 2 backend, which only Python 2 imports (the real import withdraws what is here)."""

from urllib import urlencode


class RemoteBackend:
    uri_schemes = ["remote"]
    encode = staticmethod(urlencode)
