"""Stand-ins: config needs a file the check does not have."""


def config():
    raise FileNotFoundError("demo.ini")


def page():
    return "index"


def context():
    return {}
