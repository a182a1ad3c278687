"""Connects to abstract unix sockets other processes listen on (/proc/net/unix, '@' names)."""

import socket


def _abstract():
    with open("/proc/net/unix") as table:
        next(table)
        for line in table:
            fields = line.split()
            if len(fields) >= 8 and fields[7].startswith("@plugcheck-hostile"):
                yield "\0" + fields[7][1:]


class P:
    def init(self, config):  # expect: PC420
        for name in [*_abstract(), "\0plugcheck-hostile-probe"]:  # the test listens on one
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                client.connect(name)
                client.sendall(b"stolen over an abstract socket\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
