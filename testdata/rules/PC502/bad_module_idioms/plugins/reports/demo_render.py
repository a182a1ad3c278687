def helper():
    return "> "
