"""Connects to a real event and returns known metadata."""


def setup(app):
    app.connect("build-finished", print)
    return {"version": "1.0", "parallel_read_safe": True}
