"""Connects to an event the host does not have: only calling setup shows it."""

EVENT = "-".join(("build", "started"))


def setup(app):
    app.connect(EVENT, print)  # expect: PC532
    return {"version": "1.0"}
