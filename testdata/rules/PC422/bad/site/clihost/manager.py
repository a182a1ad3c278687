import importlib
from importlib.metadata import entry_points


class ClientManager:
    pass


def get_plugin_modules(group):
    modules = []
    for ep in entry_points(group=group):
        module = importlib.import_module(ep.module)
        modules.append(module)
        setattr(ClientManager, module.API_NAME, None)
    return modules


# The host reads every extension's API_NAME while this module is imported.
PLUGIN_MODULES = get_plugin_modules("clihost.extension")
