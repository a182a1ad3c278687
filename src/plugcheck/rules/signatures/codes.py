"""The signature rules (PC2xx, and PC534 for what mypy cannot judge)."""

from __future__ import annotations

from plugcheck.model import Severity
from plugcheck.rules.base import rule

PC201 = rule(
    "PC201",
    "export-type-mismatch",
    Severity.ERROR,
    "A required export's signature does not match the type the contract declares for it.",
)
PC202 = rule(
    "PC202",
    "factory-returns-non-plugin",
    Severity.ERROR,
    "The factory returns something that is not the lifecycle protocol at all (or is async).",
    overruled_by="identity",  # the harness's class check of what the factory made passed
)
PC203 = rule(
    "PC203",
    "lifecycle-missing-method",
    Severity.ERROR,
    "The plugin object lacks a method (or attribute) of the lifecycle protocol.",
    overruled_by="lifecycle",  # the harness's call of that very method worked
    # The identity check's failure that names the member ("its run() is None"), which the
    # harness places at the class, PC203 at the member's binding
    explains=("PC404",),
)
PC204 = rule(
    "PC204",
    "lifecycle-wrong-parameters",
    Severity.ERROR,
    "A lifecycle method takes parameters the host's call does not fit.",
    overruled_by="lifecycle",  # the harness's call with what the host passes worked
)
PC219 = rule(
    "PC219",
    "lifecycle-body-fails-with-host-types",
    Severity.ERROR,
    "A lifecycle method's body uses a parameter in a way the host's type of it does not "
    "support (an attribute, an operator, an index, a builtin's argument): the call raises.",
    # PC548 names the value the host passes (a dict) and the attribute it lacks: the same
    # failure, its more specific cause
    explained_by=("PC548",),
    overruled_by="lifecycle",  # the harness's call with what the host passes worked
)
PC205 = rule(
    "PC205",
    "lifecycle-async-mismatch",
    Severity.ERROR,
    "A lifecycle method is async where the host calls it synchronously, or the reverse.",
    # PC562 says the same coroutine with what the host's lifecycle.calls entry wants back
    explained_by=("PC562",),
)
PC206 = rule(
    "PC206",
    "lifecycle-wrong-return",
    Severity.ERROR,
    "A lifecycle method returns a type other than the one the protocol declares.",
)
PC207 = rule(
    "PC207",
    "unverifiable-signature",
    Severity.INFO,
    "A required export or lifecycle method has no annotations: mypy sees Any, nothing is verified.",
)
PC208 = rule(
    "PC208",
    "plugin-type-error",
    Severity.WARNING,
    "A type error inside the plugin's own code (reported only with --strict-plugins).",
)
PC209 = rule(
    "PC209",
    "type-check-failed",
    Severity.WARNING,
    "mypy could not analyse the plugin (a blocking error or an unresolvable import).",
)

PC210 = rule(
    "PC210",
    "factory-cannot-instantiate",
    Severity.ERROR,
    "The factory instantiates a class that cannot be made that way (abstract methods left, "
    "required constructor arguments or dataclass fields not passed).",
    overruled_by="factory",  # the harness's call of the factory worked
)
PC213 = rule(
    "PC213",
    "dynamic-lifecycle-members",
    Severity.INFO,
    "A lifecycle member is missing from the class body but may be added at run time (metaclass, "
    "class decorator, setattr, __getattr__): not verifiable statically, the harness judges it.",
)
PC534 = rule(
    "PC534",
    "host-unverifiable",
    Severity.INFO,
    "The contract type is in a host mypy cannot read (no type information, and no source it can "
    "analyse): the plugin's signatures are not verified statically, the harness judges them.",
)

CODES = (
    "PC201",
    "PC202",
    "PC203",
    "PC204",
    "PC205",
    "PC206",
    "PC207",
    "PC208",
    "PC209",
    "PC210",
    "PC213",
    "PC219",
    "PC534",
)
MEMBER_RULES = {"missing": PC203, "not-method": PC203, "params": PC204, "async": PC205}
