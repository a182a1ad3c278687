from suite.core import config


def new():
    return config.LEVEL
