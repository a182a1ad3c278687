"""Returns a value on one path only; the other falls off the end (None)."""


def setup(app):
    if app.handlers:
        return "already set up"
    app.add_handler("shout", str.upper)
