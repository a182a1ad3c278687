"""Stand-ins for what the demo host passes to its hooks."""


def config():
    return {"greeting": "hello"}


def page():
    return "index"


def context():
    return {}
