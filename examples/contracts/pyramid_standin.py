"""The Configurator a Pyramid add-on's ``includeme(config)`` receives from ``config.include()``.

Runs in the target interpreter (plugcheck calls ``config(plugin=...)`` there, in a sandboxed
process, with the add-on module the host loaded). Pyramid's include builds a child Configurator
of the add-on's package, so ``config.include(".localization")`` and asset specs resolve against
it; the parent is an application's: autocommit (each action runs when includeme makes it, as at
the application's commit) and an authorization policy set, as applications that use an
authentication add-on have (pyramid_authsanity refuses to load without one).
"""

from __future__ import annotations

import inspect
import os
from typing import Any

SETTINGS = {
    "mail.host": "localhost",
    "redis.sessions.secret": "stand-in",
    "session.secret": "00" * 32,
    "storage.base_path": "/tmp",
}
"""The settings a user of the common add-ons writes (pyramid_storage requires its base path,
pyramid_nacl_session a hex secret)."""


def config(plugin: Any = None) -> Any:
    from pyramid.authorization import ACLAuthorizationPolicy
    from pyramid.config import Configurator
    from pyramid.path import package_of

    parent = Configurator(settings=dict(SETTINGS), autocommit=True)
    parent.set_authorization_policy(ACLAuthorizationPolicy())
    module = inspect.getmodule(plugin)
    if module is None:
        return parent
    child = Configurator(
        registry=parent.registry,
        package=package_of(module),
        root_package=parent.root_package,
        autocommit=True,
    )
    source = inspect.getsourcefile(module)
    child.basepath = os.path.dirname(source) if source else None
    child.includepath = (f"{module.__name__}:includeme",)
    return child
