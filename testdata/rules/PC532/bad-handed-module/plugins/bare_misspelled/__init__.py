"""No metadata function and a misspelled loader: the host finds nothing to load."""  # expect: PC532


def loader(server):
    server.handlers.append("never")
