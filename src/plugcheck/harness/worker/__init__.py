"""The harness's fork server and plugin child: stdlib only, started by path in the target Python.

``python worker/__main__.py CTL_FD RES_FD`` reads JSON lines from ``CTL_FD`` (a setup line, then
one ``run`` request per plugin, then ``close``) and writes one JSON line per plugin to
``RES_FD``. The server preloads the host's API modules once, then forks one child per plugin, at
most ``jobs`` at a time. A child runs in its own process group under rlimits, in a temporary
directory with a scrubbed environment, stdin closed and stdout/stderr captured to files; it
drives the plugin through its lifecycle and reports each step over a private channel. The server
enforces the per-step deadline (wall time, plus the time others kept the plugin waiting:
``starvation``), kills the child's whole process group at the end and turns whatever happened
(exit, signal, timeout, a closed channel) into plain data. Nothing here imports
plugcheck, so plugcheck need not be installed in the target environment; the protocol's types
(``harness/protocol.py``) are imported for mypy only.

One role per module, each importing only those listed before it:

- ``quota``: the process quota, processes alive at once in a plugin's tree (also loaded by
  path by the setup-function worker);
- ``denied``: whether an exception carries the sandbox's refusal, and what (also loaded by path
  by the setup-function worker);
- ``warm``: the directory listings and the extension module every child needs, read once
  before the first fork (also loaded by path by the setup-function worker);
- ``starvation``: what a step's deadline grows by while the machine keeps the plugin's
  processes off the processors, bounded (also loaded by path by the setup-function worker);
- ``constants``: deadlines, sizes, quotas, exit statuses;
- ``shared_modules``: the names of the modules the server preloaded and of their classes, for
  which of them a plugin replaced or deleted (PC430);
- ``accepts``: what a host accepts back from a plugin's function (also loaded by path by the
  setup-function worker, ``plugcheck/_ecosystem_worker/``);
- ``audit``: the audit hook and the state it shares with the child (effects, the process
  quota: processes alive at once);
- ``refusal``: what the sandbox refused (``denied`` with the audit hook's last event);
- ``describe``: exceptions and code described without trusting them;
- ``stdout``: the recorder standing in for the plugin's ``sys.stdout``;
- ``census``: threads, processes and descriptors left behind (the leak census);
- ``channel``: the stamped result channel between a child and the server, and the step clock;
- ``identity``: the identity step (``isinstance`` against the protocol, vendored copies);
- ``steps``: the step driver, one step timed, reported and looked at for tampering;
- ``host_calls``: the host's own calls on a plugin's object, and its register hook;
- ``lifecycle_steps``: a plugin object's lifecycle (init, run, shutdown, reload...);
- ``child``: one plugin through its steps in the host's order;
- ``startup``: the environment's start-up code (``.pth`` import lines, ``sitecustomize``), run
  in each child once confined, never in the server (started with ``-S``);
- ``stdlib_first``: a standard-library name means the standard library in a plugin's process
  (but the plugin's own module's name, as in the host), also loaded by path by the
  setup-function worker;
- ``isolate``: a forked child made safe to run a plugin (rlimits, descriptors, confinement);
- ``scratch``: per-plugin temporary directories;
- ``job``: one child as the server sees it (its records, its step clock's bound);
- ``zygote``: the small process that makes each child as the server's (``CLONE_PARENT``);
- ``cells``: one zygote per ``--jobs`` slot, sitting in the slot's ``pids`` cgroup;
- ``server``: the fork server loop;
- ``__main__``: the entry point, which loads this package under a private name.

Loaded by path by the setup-function worker (``plugcheck/_ecosystem_worker/``) alone:
``apart`` (each plugin judged in a forked child of its own), ``added_specs`` (hookspecs other
plugins add, carried as data) and ``pluggy_manager`` (the host's ``PluginManager``).
"""
