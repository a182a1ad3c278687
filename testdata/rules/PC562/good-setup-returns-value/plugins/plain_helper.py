"""Returns what a helper returns (None): source does not tell a value."""


def _register(app):
    app.add_handler("shout", str.upper)


def setup(app):
    return _register(app)
