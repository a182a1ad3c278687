"""The harness protocol is one vocabulary: the step enum, its literal type and the worker's
step names agree, and the worker needs the protocol module only for type checking."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

from plugcheck.harness import protocol
from plugcheck.harness.worker import child, host_calls, lifecycle_steps, steps


def test_step_enum_and_literal_agree() -> None:
    assert list(typing.get_args(protocol.StepName)) == [s.value for s in protocol.Step]


def test_every_step_the_worker_reports_is_a_protocol_step() -> None:
    tree = ast.Module(
        body=[
            node
            for module in (steps, host_calls, lifecycle_steps, child)
            for node in ast.parse(Path(module.__file__).read_text()).body
        ],
        type_ignores=[],
    )
    named = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "step"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    sent = {
        value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for key, value in zip(node.keys, node.values, strict=True)
        if isinstance(key, ast.Constant) and key.value == "step"
        if isinstance(value, ast.Constant)
    }
    assert named and sent
    assert named | sent <= {s.value for s in protocol.Step}
