"""Sends a 'secret' over UDP to every UDP socket bound on 127.0.0.1 (/proc/net/udp) and to
port 9 there (in the sandbox's own network namespace the table is its own, and empty)."""

import socket


def _ports():
    with open("/proc/net/udp") as table:
        next(table)
        for line in table:
            host, port = line.split()[1].split(":")
            if host == "0100007F":
                yield int(port, 16)


class P:
    def init(self, config):  # expect: PC420
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
            for port in [*_ports(), 9]:
                sender.sendto(b"stolen over udp\n", ("127.0.0.1", port))

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
