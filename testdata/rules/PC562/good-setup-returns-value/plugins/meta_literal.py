"""Every key the host requires, and more."""


def setup(app):
    app.add_handler("shout", str.upper)
    return {"version": "1.0", "parallel_safe": True, "env_version": 1}
