"""Calls the host's methods as they are declared; a newer keyword only under a fallback."""


def setup(app):
    app.connect("builder-inited", print)
    app.add_js_file(name="a.js")
    try:
        app.add_js_file("b.js", priority=500)
    except TypeError:
        app.add_js_file("b.js")
    return {"version": "1.0"}
