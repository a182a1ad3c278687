"""Starts processes as multiprocessing's spawn and forkserver start methods do
(multiprocessing.util.spawnv_passfds: _posixsubprocess.fork_exec, which raises no audit event
of its own): 60 processes alive at once, past the process quota of 16 that counts fork,
posix_spawn and subprocess."""

from multiprocessing import util


class P:
    def init(self, config):  # expect: PC420
        for _ in range(60):
            util.spawnv_passfds(b"/bin/sleep", [b"/bin/sleep", b"3"], ())

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
