"""setup is made on first access (PEP 562)."""


def _setup(app):
    app.add_handler("shout", str.upper)


def __getattr__(name):
    if name == "install":
        return _setup
    raise AttributeError(name)
