"""The rule registry, and the rules every Python kind shares: each module registers its rules on
import. A kind's own rules live in its package under ``kinds/`` (``plugcheck.catalog``: all)."""

from __future__ import annotations

from plugcheck.rules import (
    annotation_unions,
    asyncio_misuse,
    class_creation,
    class_literals,
    complete_keys,
    context_vars,
    dispatched,
    exports,
    factory,
    factory_product,
    factory_wrappers,
    foreign_stubs,
    guarded_raises,
    host_patches,
    host_state,
    import_calls,
    import_names,
    import_order,
    import_raises,
    import_reads,
    import_time,
    installed,
    made_class,
    marker_calls,
    metadata_version,
    none_fallback,
    registry_keys,
    requirements_met,
    shared_files,
    startup_code,
    stdlib_names,
    submodule_attrs,
    suppressions,
    type_checking_names,
    unadvertised,
    unread_distributions,
    whole_plugin,
    zipped_modules,
)
from plugcheck.rules import called_methods as called_methods
from plugcheck.rules import class_attributes as class_attributes
from plugcheck.rules import dynamic as dynamic
from plugcheck.rules import entry_points as entry_points
from plugcheck.rules import host_names as host_names
from plugcheck.rules import host_session as host_session
from plugcheck.rules import host_start as host_start
from plugcheck.rules import identity as identity
from plugcheck.rules import pinning as pinning
from plugcheck.rules import plugin_classes as plugin_classes
from plugcheck.rules import sandbox_refusal as sandbox_refusal
from plugcheck.rules import setup_arity as setup_arity
from plugcheck.rules import setup_function as setup_function
from plugcheck.rules import setup_signature as setup_signature
from plugcheck.rules import signatures as signatures
from plugcheck.rules import stdlib_call_args as stdlib_call_args
from plugcheck.rules import unchecked as unchecked
from plugcheck.rules.base import CHECKS, RULES, Check, Context, Rule, is_selected, rule

__all__ = [
    "CHECKS",
    "RULES",
    "Check",
    "Context",
    "Rule",
    "annotation_unions",
    "asyncio_misuse",
    "class_creation",
    "class_literals",
    "complete_keys",
    "context_vars",
    "dispatched",
    "entry_points",
    "exports",
    "factory",
    "factory_product",
    "factory_wrappers",
    "foreign_stubs",
    "guarded_raises",
    "host_patches",
    "host_session",
    "host_state",
    "import_calls",
    "import_names",
    "import_order",
    "import_raises",
    "import_reads",
    "import_time",
    "installed",
    "is_selected",
    "made_class",
    "marker_calls",
    "metadata_version",
    "none_fallback",
    "registry_keys",
    "requirements_met",
    "rule",
    "sandbox_refusal",
    "shared_files",
    "startup_code",
    "stdlib_names",
    "submodule_attrs",
    "suppressions",
    "type_checking_names",
    "unadvertised",
    "unread_distributions",
    "whole_plugin",
    "zipped_modules",
]
