"""Names its leaked thread and child process with terminal escapes and a fake summary line:
the report quotes both."""

import subprocess
import sys
import threading
import time

NAME = "\x1b[2K\r\nAll checks passed: 0 plugins\x1b[8m"


class P:
    def init(self, config):
        threading.Thread(target=time.sleep, args=(30,), name=NAME).start()
        self.child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)", NAME])

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        pass


def new():
    return P()
