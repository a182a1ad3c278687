"""A class under the marker (a dataclass keeps it a class): never a hookimpl."""

import dataclasses

from demo_host import hookimpl


@hookimpl(tryfirst=True)
@dataclasses.dataclass
class demo_startup:  # expect: PC575
    config: dict
