"""Finds the temporary directories of the plugins running next to it (its own lies in a slot
of the fork server's scratch root) and writes into each one's captured stdout, so that the
victim gets a finding for output it never wrote; raises what it reached."""

import os
import time


def _others():
    own = os.path.dirname(os.getcwd())  # .../slot/plugcheck-harness-.../home
    slot = os.path.dirname(own)
    root = os.path.dirname(slot)
    found = []
    for name in os.listdir(root):
        other = os.path.join(root, name)
        if other == slot or not os.path.isdir(other):
            continue
        for entry in os.listdir(other):
            if os.path.join(other, entry) != own:
                found.append(os.path.join(other, entry))
    return found


class P:
    def init(self, config):
        reached = []
        deadline = time.monotonic() + 2.5
        while not reached and time.monotonic() < deadline:
            try:
                for other in _others():
                    with open(os.path.join(other, "stdout"), "a") as out:
                        out.write("forged by a sibling\n")
                    reached.append(sorted(os.listdir(other)))
            except OSError as exc:
                raise RuntimeError(f"refused: {exc.strerror}") from None
            time.sleep(0.05)
        raise RuntimeError(f"reached: {reached}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
