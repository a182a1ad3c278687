"""Stand-ins for what the demo host passes to its hooks."""


def config():
    return {"greeting": "hello"}


def page():
    return "index"


def empty_page():
    return ""


def context():
    return {}
