import richtext.signals  # expect: PC530


def make():
    return richtext.signals
