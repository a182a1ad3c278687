"""The backend."""


class Backend:
    uri_schemes = ["hooks"]
