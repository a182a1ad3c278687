"""The hook the package serves lazily."""


def startup(config):  # expect: PC522
    return None
