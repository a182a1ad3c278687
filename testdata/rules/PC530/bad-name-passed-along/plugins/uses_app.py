from named_api import current_app  # expect: PC530


def check():
    return current_app
