from chost import Options


def options() -> Options:
    return Options()
