from lazy_api import current_app


def check():
    return current_app
