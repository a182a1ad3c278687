from clihost import manager


def fmt(args):
    return " ".join(args)
