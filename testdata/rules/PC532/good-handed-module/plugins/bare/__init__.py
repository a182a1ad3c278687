"""No metadata function: the host takes the package itself as its one point."""


def load(server):
    server.handlers.append("bare")
