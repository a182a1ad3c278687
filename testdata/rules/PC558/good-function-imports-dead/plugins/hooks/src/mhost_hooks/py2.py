"""The backend, written for Python 2."""

from urllib import urlencode


class Backend:
    uri_schemes = ["hooks"]
    encode = staticmethod(urlencode)
