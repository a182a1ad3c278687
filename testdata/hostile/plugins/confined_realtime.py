"""Makes itself real-time (SCHED_FIFO, SCHED_RR) or lowers its nice value: a busy real-time
thread starves the fork server and everything else on its CPU. Refused by RLIMIT_RTPRIO and
RLIMIT_NICE at 0, which the harness sets (a CI runner may have raised them)."""

import os
import resource


def _got():
    got = []
    for name, policy in (("fifo", os.SCHED_FIFO), ("rr", os.SCHED_RR)):
        try:
            os.sched_setscheduler(0, policy, os.sched_param(1))
            got.append(name)
        except OSError:
            pass
    try:
        os.setpriority(os.PRIO_PROCESS, 0, -5)
        got.append("nice")
    except OSError:
        pass
    limits = [resource.getrlimit(r)[1] for r in (resource.RLIMIT_RTPRIO, resource.RLIMIT_NICE)]
    return f"got: {got}, hard limits {limits}"


class P:
    def init(self, config):  # expect: PC405
        raise RuntimeError(_got())

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
