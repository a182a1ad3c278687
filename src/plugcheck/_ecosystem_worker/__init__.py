"""Loads plugins the way their host does and reports the host's verdict. Stdlib only (+ pluggy).

Run by path in the target interpreter (``python -I _ecosystem_worker/__main__.py <
request.json``); plugcheck need not be installed there. One JSON line per plugin on stdout
(``protocol.Answer``). This process imports no plugin: each is judged in a forked child of its
own, its lines taken only for it (apart.py).

``pluggy``
    Each plugin gets a fresh ``PluginManager`` with the host's hookspecs and those the other
    plugins add through the ``addhooks`` hook (rebuilt from data, added_specs.py), then the plugin
    itself: ``register`` runs pluggy's own ``_verify_hook``; unknown hooks are found the way
    ``check_pending`` finds them, restricted to this plugin.
``subclass``
    ``issubclass(plugin_class, host_base)`` against the host's class object, with an identity
    explanation when a same-named class from elsewhere is in the plugin's MRO.
    With ``call_hooks`` and ``stand_ins`` (hook argument -> ``module:callable``, perhaps
    none), each registered plugin's hooks are then called once, in a forked child, and each
    call that raises is a ``call-failed`` answer naming the hook and the innermost line in the
    plugin.
``setup``
    ``export(*stand_ins, **keyword_stand_ins)``: the entry function (``export = "entry-point"``:
    the object the entry point names) called once per plugin with a fresh stand-in per argument,
    then its result against the contract's ``returns`` (a returned class is instantiated with
    the ``instantiate_with`` stand-ins, an iterable is iterated, as the host does).
``classes``
    The concrete subclasses of ``base`` each plugin module defines (in it or its submodules, in
    definition order, as beets finds them); those ``pick`` names (every one, the first or the
    last) are instantiated with fresh ``stand_ins``. A module with none is ``problem: no-class``.

One role per module, each importing only those listed before it:

- ``protocol``: the request and one typed answer per status (plugcheck reads them with it);
- ``shared``: plugcheck's by-path helpers (harness/worker's ``accepts``, ``apart``,
  ``added_specs``, ``pluggy_manager``, ``package_path``), the loader, one function per answer
  status (``ok``, ``invalid``, ``call_failed``, ``skipped``), the step deadline;
- ``at_exit``: the ``atexit`` handlers a plugin's calls registered, run as at the host's exit;
- ``left_running``: the host's exit in a plugin's child (``HostExit``: what its calls leave
  running, then ``at_exit``), one for the setup child and the hooks' child;
- ``managers``: the pluggy managers with the host's hookspecs (one built before the first
  fork, a copy of it in each plugin's child);
- ``hooks``: the ``pluggy`` mode (and the census of hookspecs plugins add, the hooks' calls);
- ``classes``: the ``subclass`` and ``classes`` modes;
- ``entry``: the ``setup`` mode;
- ``main``: one run over the request, each plugin judged in a forked child of its own;
- ``__main__``: the entry point, which loads this package under a private name.
"""
