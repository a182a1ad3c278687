"""Calls the host's methods with arguments they do not take."""


def setup(app):
    app.add_js_file("a.js", priority=500)  # expect: PC531
    app.connect("builder-inited")  # expect: PC531
    return {"version": "1.0"}
