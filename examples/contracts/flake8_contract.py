"""What flake8 does with the object a `flake8.extension` entry point names, on every run
(flake8/options/parse_args.py and flake8/checker.py, flake8 5-7): it reads the parameters of the
object (a class's ``__init__``) and classifies it by them (``tree``: an AST checker built per file
whose ``run()`` is iterated as ``(line, col, text, type)``; ``logical_line`` / ``physical_line``:
a function called per line), registers its options (``add_options``), gives it the parsed
options (``parse_options``), then runs it on each file, passing each parameter it names by
keyword from the file's processor. A parameter flake8 does not have, a ``run()`` that is not an
iterable of 4-tuples, a text without an error code, or an exception in the plugin fails flake8's
whole run ("There was a critical error during execution of Flake8").

``checker(obj)`` takes those steps with flake8's own code, for ``obj`` alone, on a small
ordinary module: what it raises is flake8's refusal.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

SAMPLE = '''\
"""A module."""
import os


def main(argv):
    """Print each argument's base name."""
    for arg in argv:
        print(os.path.basename(arg))
    return 0
'''


def checker(obj: Any) -> None:
    import importlib.metadata
    import inspect

    import flake8

    try:  # flake8 5+ (plugins/finder.py); an older flake8 loads plugins otherwise: not judged
        from flake8.checker import FileChecker
        from flake8.main import options
        from flake8.options import aggregator, config, manager
        from flake8.plugins import finder

        parameters_for, classify = finder._parameters_for, finder._classify_plugins
    except (ImportError, AttributeError):
        return
    blank = getattr(finder.PluginOptions, "blank", None)  # flake8 6+; 5 spells it out
    plugin_options = (
        blank()
        if blank is not None
        else finder.PluginOptions(
            local_plugin_paths=(), enable_extensions=frozenset(), require_plugins=frozenset()
        )
    )
    target = f"{getattr(obj, '__module__', 'plugin')}:{getattr(obj, '__qualname__', 'obj')}"
    entry = importlib.metadata.EntryPoint("X", target, "flake8.extension")
    loaded = finder.LoadedPlugin(finder.Plugin("plugin", "0", entry), obj, parameters_for(obj))
    plugins = classify([loaded], plugin_options)
    built = {
        "version": flake8.__version__,
        "plugin_versions": plugins.versions_str(),
        "parents": [options.stage1_arg_parser()],
        "formatter_names": [],  # flake8 6+
    }
    known = inspect.signature(manager.OptionManager).parameters
    option_manager = manager.OptionManager(**{k: v for k, v in built.items() if k in known})
    options.register_default_options(option_manager)
    option_manager.register_plugins(plugins)
    with tempfile.TemporaryDirectory() as where:
        path = os.path.join(where, "sample.py")
        with open(path, "w", encoding="utf-8") as out:
            out.write(SAMPLE)
        cfg, cfg_dir = config.load_config(config=None, extra=[], isolated=True)
        opts = aggregator.aggregate_options(option_manager, cfg, cfg_dir, [path])
        parse_options = getattr(obj, "parse_options", None)
        if parse_options is not None:
            try:
                parse_options(option_manager, opts, opts.filenames)
            except TypeError:
                parse_options(opts)
        FileChecker(filename=path, plugins=plugins.checkers, options=opts).run_checks()
