"""Connects to filesystem unix sockets other processes listen on (an ssh agent, docker.sock, a
CI runner's control socket), found in /proc/net/unix, and sends them a secret."""

import socket


def _listening():
    with open("/proc/net/unix") as table:
        next(table)
        for line in table:
            fields = line.split()
            if len(fields) >= 8 and fields[7].endswith("plugcheck-bait.sock"):
                yield fields[7]  # the test listens on one; a real attacker takes any


class P:
    def init(self, config):  # expect: PC420
        for path in ["/var/run/docker.sock", *_listening()]:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                try:
                    client.connect(path)
                except (FileNotFoundError, ConnectionRefusedError):
                    continue  # no docker here, or nobody listening
                client.sendall(b"-----BEGIN OPENSSH PRIVATE KEY----- stolen\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
