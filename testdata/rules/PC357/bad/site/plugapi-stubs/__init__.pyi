from typing import Any, Callable, Protocol

class Plugin(Protocol): ...

Factory = Callable[..., Any]
