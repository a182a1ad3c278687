"""What pyexcel-io does with a format plugin once lml's scan has imported it: every reader and
writer it registered (``IOPluginInfoChainV2(__name__).add_a_reader(relative_plugin_class_path=
"xlsxr.XLSXBook", ...)``) is a dotted path that lml imports when a file of its type is first
read or written (``PluginManager.dynamic_load_library``).

``registered(module)`` imports each of them as lml does. A plugin that registers nothing is
never used: pyexcel-io answers a file of its type with "Please install pyexcel-xlsx" although
it is installed (pyexcel-xlsx 0.2.3 and pyexcel-ods3 0.2.2 declare their types in the older
``__pyexcel_io_plugins__`` list, which pyexcel-io 0.6 no longer reads).
"""

from __future__ import annotations

from types import ModuleType

from lml import plugin as lml_plugin
from lml.utils import do_import_class


def registered(module: ModuleType) -> None:
    prefix = module.__name__ + "."
    infos = [
        info
        for manager in lml_plugin.PLUG_IN_MANAGERS.values()
        for infos in manager.registry.values()
        for info in infos
    ]
    # Registrations for a manager not created yet (pyexcel's own, for pyexcel-io's scan).
    infos += [info for waiting in lml_plugin.CACHED_PLUGIN_INFO.values() for info in waiting]
    own = {id(i): i for i in infos if (i.absolute_import_path or "").startswith(prefix)}
    if not own:
        raise LookupError(
            f"{module.__name__} registers no reader or writer with lml: pyexcel-io never uses"
            " it (a file of its types gets 'Please install ...')"
        )
    for info in own.values():
        if info.cls is None:
            do_import_class(info.absolute_import_path)
