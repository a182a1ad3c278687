"""A plugin's run in its child: import, lookup, register hook, factory, identity, the host's
calls or the lifecycle, release and the interpreter's exit, in the host's order."""

from __future__ import annotations

import functools

from . import at_exit, preload_guard, registry_census
from .audit import STATE
from .constants import BETWEEN, GRACE, SETTLE
from .describe import preload_failure, qualname, raised_inside, safe_str
from .export_types import Judge, attribute_path
from .host_calls import call_each, register_hook
from .identity import bind, identity_facts, maker
from .kept import Kept
from .lifecycle_steps import run_lifecycle
from .release import Release
from .shared_modules import SHARED
from .steps import StepDriver

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    from plugcheck.harness.protocol import (
        IdentityFacts,
        ImportFacts,
        LookupFacts,
        StepDone,
    )

    Msg = dict[str, Any]

_type = type


class Child(StepDriver):
    """Drives one plugin through its steps, in the host's order, and reports each over ``fd``."""

    def run(self) -> None:
        req = self.request
        lifecycle: Msg | None = req.get("lifecycle")
        # Taken once in the server after preloading: the child starts from that very state.
        self.builtins, self.modules = STATE.snapshot
        self.kept = (Kept(self.builtins), Kept(self.modules))
        STATE.events = []
        STATE.recording = STATE.active = True
        at_exit.forget()
        self.exit.start()
        # The host's import of a preload the server left to this process comes first.
        load = functools.partial(
            preload_guard.host_first,
            req["module"],
            raised_inside,
            preload_failure,
            STATE,
            functools.partial(bind, _host_refs(req)),
        )
        keys = registry_census.before(req.get("registries", []))  # the host's, before it
        SHARED.rebase()  # the harness's own changes (threading after the fork, the quota's)
        STATE.host_imported = SHARED.rebase
        ok, module = self.step("import", load)
        if SHARED.look(STATE.roots, "during its import"):
            self.send({"t": "facts", "step": "import", "facts": {"patched": SHARED.said}})
        STATE.recording = False
        imported: ImportFacts = {"effects": list(STATE.events)} if STATE.events else {}
        registry_census.report(ok, keys, imported)
        for said in preload_guard.FAILED:  # where that import raised, if it did
            imported["preload_raised"] = said
        if imported:
            self.send({"t": "facts", "step": "import", "facts": imported})
        if not ok:
            return self.finish()
        found: dict[str, Any] = {}
        chosen: dict[str, str] = {}
        missing: list[list[str]] = []
        wrong: list[list[str]] = []
        judge = Judge(req)

        def lookup() -> None:
            for export in req["exports"]:
                for name in export["names"]:  # newest version first, as the host looks
                    held, value = attribute_path(module, name)
                    if held:
                        found[export["name"]] = value
                        chosen[export["name"]] = name
                        why = judge.why(export, value)
                        wrong.extend([[export["name"], name, why]] if why else [])
                        break
                else:
                    if not export["optional"]:
                        missing.append(export["names"])

        ok, _ = self.step("lookup", lookup, deadline=self.deadline)
        if missing or wrong:
            looked: LookupFacts = {"missing": missing, "mismatched": wrong}
            self.send({"t": "facts", "step": "lookup", "facts": looked})
        if ok:
            register_hook(self, req.get("register"), found, chosen)
        if not ok or lifecycle is None or lifecycle.get("factory") not in found:
            return self.finish()
        factory = found[lifecycle["factory"]]
        if req.get("async"):
            import asyncio

            self.loop = asyncio.new_event_loop()
        build = lifecycle.get("build")
        try:  # built outside the step: a stand-in that fails is not the plugin's fault
            made = [maker(r)() for r in build["stand_ins"]] if build else []
            named = {k[0]: maker(k[1:])() for k in build["keywords"]} if build else {}
        except BaseException as exc:
            detail = f"a stand-in for the factory failed: {qualname(_type(exc))}: {safe_str(exc)}"
            skipped: StepDone = {"t": "done", "step": "factory", "outcome": "skipped"}
            self.send({**skipped, "seconds": 0.0, "detail": detail})
            return self.finish()
        # called inside the step: a factory that is not callable (new = 42) is the plugin's failure
        ok, obj = self.step(
            "factory", lambda: self.call(lambda: factory(*made, **named)), target=factory
        )
        if not ok:
            return self.finish()
        protocol = lifecycle.get("protocol")
        if protocol is not None:
            facts: IdentityFacts = {}
            ok, _ = self.step("identity", lambda: facts.update(identity_facts(obj, protocol)))
            self.send({"t": "facts", "step": "identity", "facts": facts})
            if not ok or not facts.get("ok"):
                return self.finish()
        if lifecycle.get("calls") is not None:
            call_each(self, obj, lifecycle["calls"])
        else:
            run_lifecycle(self, obj, factory, lifecycle, module)
        drop, obj = Release([obj], BETWEEN / 2), None  # the host drops it after its last call
        self.step("release", drop, deadline=self.deadline + SETTLE)
        if drop.left:  # what the finalizers started, after the leak census
            self.send({"t": "facts", "step": "release", "facts": drop.left})
        return self.finish()

    def finish(self) -> None:
        if left := self.exit.left(self.deadline, self.clock):  # the interpreter waits first
            self.send({"t": "facts", "step": "at-exit", "facts": left})
        if at_exit.pending():  # the host's interpreter runs them when it exits
            self.step("at-exit", at_exit.run)
            if spawned := self.exit.handlers_left(self.deadline, self.clock):  # merged with left
                self.send({"t": "facts", "step": "at-exit", "facts": {"handler_children": spawned}})
        # Looked at after run() and at the end, not after every step (0.1 ms each).
        if SHARED.look(STATE.roots, f"by the end of its {self.current}"):
            self.send({"t": "facts", "step": "import", "facts": {"patched": SHARED.said}})
        if self.tampered and self.tamper_step is not None:
            self.send(
                {"t": "facts", "step": self.tamper_step, "facts": {"tampered": self.tampered}}
            )
        self.send({"t": "end"})
        self.clock(GRACE * 4)


def _host_refs(req: Msg) -> list[list[str] | None]:
    """The host's objects the request names, for :func:`identity.bind`."""
    lifecycle = req.get("lifecycle") or {}
    register = req.get("register") or {}
    refs = [lifecycle.get("protocol"), register.get("registry")]
    refs += [export.get("type") for export in req["exports"]]
    for spec in [lifecycle.get("build"), *(lifecycle.get("calls") or [])]:
        if spec:
            refs += [*spec["stand_ins"], *(k[1:] for k in spec["keywords"])]
            refs.append(spec.get("return_type"))
    return refs
