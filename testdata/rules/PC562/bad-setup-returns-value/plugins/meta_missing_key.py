"""Metadata without parallel_safe."""


def setup(app):  # expect: PC562
    app.add_handler("shout", str.upper)
    return {"version": "1.0"}
