"""Supports old and new hosts by asking the app what it has."""

import demo_app

HOST_VERSION = (2, 0)


def setup(app):
    app.connect("builder-inited", print)
    if hasattr(app, "add_js_file"):
        app.add_js_file("a.js")
    else:
        app.add_javascript("a.js")
    if HOST_VERSION < (2, 0):
        app.add_javascript("b.js")
    try:
        app.add_stylesheet("c.css")
    except AttributeError:
        pass
    app.extra = demo_app.App.names
    return {"version": "1.0", "parallel_read_safe": True}
