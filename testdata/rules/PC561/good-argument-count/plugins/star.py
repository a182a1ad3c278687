def setup(*args):
    return args
