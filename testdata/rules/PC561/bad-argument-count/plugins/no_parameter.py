def setup():  # expect: PC561
    return None
