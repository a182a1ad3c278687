"""Written for an older host that had add_javascript."""


def setup(app):
    app.connect("builder-inited", print)
    for name in ("a.js", "b.js"):
        if name.endswith(".js"):
            app.add_javascript(name)  # expect: PC531
    if "add_script_file" in dir(app):
        app.add_script_file("c.js")
    else:
        app.add_jsfile("c.js")  # expect: PC531
    return {"version": "1.0"}
