"""Differential test (slow): plugcheck's verdicts against the hosts' real loaders (issue 12).

Three generator families: ``classic`` (``generate.py``), ``redteam`` (``redteam.py``, written
after plugcheck was tuned on the first) and ``unseen`` (``unseen.py``, pluggy only, written
after the red team), and more after them. The classic family: 330 pluggy variants (judged by a
plain ``PluginManager`` and by a pytest-style one) and 330 factory variants (import -> new() ->
isinstance -> init -> run -> shutdown), generated with a fixed seed into one host per contract;
the others a stratified sample of theirs (``SAMPLE``, or a ``*_COUNT``);
plugcheck runs once per host with ``--no-dynamic`` (static) and once static + dynamic;
``EXPLICIT`` classic variants per host are also checked alone, by path, as a user checks one
plugin. ``python scripts/differential.py`` prints the same matrices
with every misclassified variant.

``FLOOR`` is what main achieved when the numbers were last raised: a drop below it is a
regression. ``TARGETS`` are the issue's: met ones are plain asserts, the ones in ``UNMET`` are
non-strict xfails, so the test is green while those gaps are open and says which ones are.

Each family is judged once, by its module-scoped fixture: the tests reading a family carry one
``xdist_group``, which ``--dist loadgroup`` (pyproject's addopts) runs in one worker. Under
``--dist load`` their tests were spread over the workers and each worker judged the family again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from differential import compare

# (host, run) -> metric -> lowest accepted value; "max_*" entries are upper bounds. Measured on
# seeds 12 and 7 at the end of issue 12's third stop, less a margin for other seeds.
FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 0.99, "recall": 0.95, "broken_recall": 0.97},
    ("pluggy-plain", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 0.97},
    ("pluggy-pytest", "static"): {"precision": 0.99, "recall": 0.97, "broken_recall": 0.97},
    ("pluggy-pytest", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 0.97},
    ("factory", "static"): {"precision": 0.99, "recall": 0.98},
    ("factory", "full"): {"precision": 0.99, "recall": 1.0},
}
EXPLICIT = 3
"""Variants per host also checked alone, ``plugcheck check plugins/<name>`` (issue 12, item 3):
the first by its folder, the second by its first file, the third by its folder, in each mode.
Was 6: random.sample draws the same first three for the seed, and the three left out cost about
13 s of CPU per CI run (12 runs of 0.75 s measured on 20-variant classic hosts), which paid for
the fresh32 family's test."""
TARGETS: dict[str, dict[str, float]] = {
    "static": {"precision": 0.99, "recall": 0.95},
    "full": {"precision": 0.99, "recall": 1.0, "broken_recall": 0.90},
}

# The other 330-variant families (redteam, unseen, unseen-factory, wild, outsider-*, fresh12)
# judge a stratified sample: the first k sub-variants of every kind of each generator contract
# (compare.first_of_each_kind; the same plugins the 330 run starts with), k the longest list any
# kind of that family picks a sub-variant from (Draw.sub), so every option of every kind is
# drawn at least once: test_samples_draw_every_sub_variant keeps it so when a kind grows. The
# issue's >= 300 judged variants are the classic family's measurement, which stays at 330. The
# samples are 40% of the variants (1339 of 3300); each floor below is the sample's own number.
SAMPLE: dict[str, dict[str, int]] = {
    "redteam": {"pluggy": 7, "factory": 4},
    "unseen": {"pluggy": 5},
    "unseen-factory": {"factory": 5},
    "wild": {"pluggy": 7, "factory": 7},
    "outsider-factory": {"factory": 4},
    "outsider-pluggy": {"pluggy": 4},
    "fresh12": {"pluggy": 10, "factory": 5},
}


def _sampled(family: str) -> dict[str, int]:
    """``count`` for a sampled family: per generator contract, k times its kinds."""
    return compare.first_of_each_kind(family, SAMPLE[family])


def test_samples_draw_every_sub_variant(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each sample's k reaches the longest sub-variant list its family's kinds pick from, over
    the 330 variants the family writes (fast: generation only, default suite)."""
    from differential import generate

    widest: dict[tuple[str, str], int] = {}
    where: list[tuple[str, str]] = []
    sub = generate.Draw.sub

    def measured(self: generate.Draw, options: list[object]) -> object:
        widest[where[-1]] = max(widest.get(where[-1], 1), len(options))
        return sub(self, options)

    monkeypatch.setattr(generate.Draw, "sub", measured)
    for family, per_kind in SAMPLE.items():
        for contract in per_kind:
            where.append((family, contract))
            getattr(compare.FAMILIES[family], f"{contract}_variants")(12, 330)
    short = {w: n for w, n in widest.items() if n > SAMPLE[w[0]][w[1]]}
    assert not short, f"a sample's k is below the longest list a kind picks from: {short}"


def _family(
    root: Path,
    family: str,
    explicit: int,
    seed: int = 12,
    count: int | dict[str, int] = 330,
    hosts: tuple[str, ...] = tuple(compare.HOSTS),
    runs: tuple[str, ...] = tuple(compare.RUNS),
    extra: dict[str, list[compare.generate.Variant]] | None = None,
) -> list[compare.Result]:
    # The suite's own cache home (conftest): the per-user mypy seed of typeshed is built once
    # for the run, not again for each family, as on a user's machine.
    found = compare.differential(root / "hosts", seed, count, explicit, family, hosts, runs, extra)
    print(f"\n{family}\n" + compare.matrices(found) + "\n" + compare.table(found))
    return found


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    yield _family(tmp_path_factory.mktemp("differential"), "classic", EXPLICIT)


@pytest.fixture(scope="module")
def redteam(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    yield _family(tmp_path_factory.mktemp("redteam"), "redteam", 0, count=_sampled("redteam"))


def _result(results: list[compare.Result], host: str, run: str) -> compare.Result:
    (found,) = [r for r in results if (r.host, r.run) == (host, run)]
    return found


def _assert_floor(
    family: str, found: compare.Result, floors: dict[str, float], least: int | None = None
) -> None:
    """``found`` has every variant (``least``; a sampled family's: its sample), no plugcheck
    crash, and no metric below its floor."""
    if least is None:
        least = _sampled(family)[compare.HOSTS[found.host][0]]
    assert len(found.rows) >= least and not found.crashes, found.crashes
    metrics = found.metrics()
    low = {
        name: metrics[name]
        for name, floor in floors.items()
        if (metrics[name] if metrics[name] is not None else 1.0) < floor  # type: ignore[operator]
    }
    assert not low, f"{family} {found.host}/{found.run} fell below {floors}: {low}\n" + (
        compare.details([found])
    )


@pytest.mark.harness
@pytest.mark.xdist_group("differential-classic")
@pytest.mark.slow
def test_generators_cover_the_issue(results: list[compare.Result]) -> None:
    for r in results:
        if r.alone:
            assert len(r.rows) == EXPLICIT and not r.crashes, r.crashes
            continue
        assert len(r.rows) >= 300
        truths = {row.truth for row in r.rows}
        assert truths == {"ok", "refused", "broken"}, (r.host, truths)
        assert not r.crashes, r.crashes
        assert r.exit_code == 1


@pytest.mark.xdist_group("differential-classic")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FLOOR))
def test_no_regression_below_floor(results: list[compare.Result], host: str, run: str) -> None:
    found = _result(results, host, run)
    metrics = found.metrics()
    low = {
        name: metrics[name]
        for name, floor in FLOOR[(host, run)].items()
        if (metrics[name] if metrics[name] is not None else 1.0) < floor  # type: ignore[operator]
    }
    assert not low, f"{host}/{run} fell below {FLOOR[(host, run)]}: {low}\n" + compare.details(
        [found]
    )


@pytest.mark.harness
@pytest.mark.xdist_group("differential-classic")
@pytest.mark.slow
def test_whole_host_runs_never_pass_while_unchecked(results: list[compare.Result]) -> None:
    assert not [(r.host, r.run) for r in results if r.all_passed_unchecked and not r.alone]


@pytest.mark.harness
@pytest.mark.xdist_group("differential-classic")
@pytest.mark.slow
def test_issue_target_explicit_paths_agree(results: list[compare.Result]) -> None:
    explicit = [r for r in results if r.alone]
    assert {r.host for r in explicit} == {"pluggy-plain", "pluggy-pytest", "factory"}
    assert {r.host: (r.unchecked_runs, r.differs) for r in explicit} == {
        r.host: (0, []) for r in explicit
    }


UNMET: set[tuple[str, str, str]] = set()
"""Targets not met yet (host, run, metric): non-strict xfails until they are."""
TARGET_CASES = [
    pytest.param(
        host,
        run,
        metric,
        goal,
        marks=[pytest.mark.xfail(reason="issue 12 target not met yet", strict=False)]
        if (host, run, metric) in UNMET
        else [],
    )
    for host, run in sorted(FLOOR)
    for metric, goal in TARGETS[run].items()
    if not (host == "factory" and metric == "broken_recall")  # factory counts every failure
]


@pytest.mark.xdist_group("differential-classic")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run", "metric", "goal"), TARGET_CASES)
def test_issue_target(
    results: list[compare.Result], host: str, run: str, metric: str, goal: float
) -> None:
    value = _result(results, host, run).metrics()[metric]
    assert value is not None and value >= goal, f"{host}/{run} {metric} {value} < {goal}"


@pytest.mark.harness
@pytest.mark.xdist_group("differential-classic")
@pytest.mark.slow
def test_issue_target_no_unchecked_plugin_without_finding(results: list[compare.Result]) -> None:
    assert {(r.host, r.run): r.metrics()["unchecked_passes"] for r in results} == {
        (r.host, r.run): 0 for r in results
    }


@pytest.mark.harness
def test_oracle_is_the_real_loader(tmp_path: Path) -> None:
    """The oracle on hand-written plugins whose fate pluggy itself decides (fast: default suite)."""
    from differential import generate

    ok = generate.Variant("good", "pluggy", "hand", (), {"good.py": GOOD})
    bad = generate.Variant("bad", "pluggy", "hand", (), {"bad.py": BAD})
    broken = generate.Variant("coro", "pluggy", "hand", (), {"coro.py": ASYNC})
    host = generate.write_host(tmp_path / "h", "pluggy-plain", [ok, bad, broken])
    answers = compare.oracle(host, "plain", [ok, bad, broken])
    assert {n: a["verdict"] for n, a in answers.items()} == {
        "good": "ok",
        "bad": "refused",
        "coro": "broken",
    }
    assert "session" in answers["bad"]["detail"]

    plugins = {"fine": FINE, "nonew": "X = 1\n", "crash": FINE.replace("return None", "1 / 0")}
    factories = [
        generate.Variant(n, "factory", "hand", (), {f"{n}.py": t}) for n, t in plugins.items()
    ]
    host = generate.write_host(tmp_path / "f", "factory", factories)
    answers = compare.oracle(host, "factory", factories)
    assert {n: (a["verdict"], a["step"]) for n, a in answers.items()} == {
        "fine": ("ok", ""),
        "nonew": ("refused", "lookup"),
        "crash": ("broken", "run"),
    }


GOOD = "from dhost import hookimpl\n\n\n@hookimpl\ndef dh_render(page):\n    return page\n"
BAD = "from dhost import hookimpl\n\n\n@hookimpl\ndef dh_render(page, session):\n    return page\n"
ASYNC = (
    "from dhost import hookimpl\n\n\n@hookimpl\nasync def dh_startup(config):\n    return None\n"
)
FINE = """class P:
    def init(self, config):
        self.config = config

    def run(self):
        return None

    def shutdown(self, timeout):
        self.config = None


def new():
    return P()
"""


# The red-team family (tests/differential/redteam.py): variants written after plugcheck was
# tuned on the classic one. Measured on seeds 12 and 7 at the end of issue 12's fourth stop,
# less a margin for other seeds. With the harness, nothing that fails in the real host passes.
# acc10 (seed 12, after this stop's pluggy-pass and static changes): every redteam host static
# and static + dynamic 1.000 / 1.000, broken reported 51/51 and 58/58 statically; the static
# floors rise to 0.99 (a margin for other seeds, seed 7 not re-measured).
REDTEAM_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 0.99, "recall": 0.99},
    ("pluggy-plain", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 0.99, "recall": 0.99},
    ("pluggy-pytest", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 1.0},
    ("factory", "static"): {"precision": 0.99, "recall": 0.99},
    ("factory", "full"): {"precision": 0.99, "recall": 1.0},
}


@pytest.mark.xdist_group("differential-redteam")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(REDTEAM_FLOOR))
def test_redteam_no_regression_below_floor(
    redteam: list[compare.Result], host: str, run: str
) -> None:
    _assert_floor("redteam", _result(redteam, host, run), REDTEAM_FLOOR[(host, run)])


@pytest.mark.harness
@pytest.mark.xdist_group("differential-redteam")
@pytest.mark.slow
def test_redteam_no_unchecked_plugin_without_finding(redteam: list[compare.Result]) -> None:
    assert not [(r.host, r.run) for r in redteam if r.all_passed_unchecked]
    assert {(r.host, r.run): r.metrics()["unchecked_passes"] for r in redteam} == {
        (r.host, r.run): 0 for r in redteam
    }


# The unseen family (tests/differential/unseen.py, pluggy only): plugins as outsiders write
# them, written after the red team. Floors from seeds 12 and 7, less a margin for other seeds
# (before issue 12's fifth stop fixed what it found: static plain 0.673/0.530, pytest-style
# 0.882/0.644; after: 1.000/1.000 and 1.000/0.942, seed 7 1.000/0.925). The sixth stop (module
# __dir__/__getattr__, PC525-PC527, yield from helpers): pytest-style static 1.000/1.000 at
# seeds 12 and 7; broken-on-call found statically 26/32 (seed 12) and 26/29 (seed 7), was 0.
# acc9 (PC549, a wrapper whose `return result or None` / `list(result)` breaks an empty
# result): broken found statically 32/32 on both hosts at seed 12 (seed 7 not re-measured).
UNSEEN_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 0.99, "recall": 0.97, "broken_recall": 0.95},
    ("pluggy-plain", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 0.99, "recall": 0.97, "broken_recall": 0.95},
    ("pluggy-pytest", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 1.0},
}


@pytest.fixture(scope="module")
def unseen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    yield _family(tmp_path_factory.mktemp("unseen"), "unseen", 0, count=_sampled("unseen"))


@pytest.mark.xdist_group("differential-unseen")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(UNSEEN_FLOOR))
def test_unseen_no_regression_below_floor(
    unseen: list[compare.Result], host: str, run: str
) -> None:
    _assert_floor("unseen", _result(unseen, host, run), UNSEEN_FLOOR[(host, run)])


@pytest.mark.slow
def test_unseen_family_makes_new_kinds() -> None:
    from differential import generate, redteam, unseen

    kinds = set(unseen.PLUGGY_KINDS)
    assert len(kinds) >= 15
    assert not kinds & (set(generate.PLUGGY_KINDS) | set(redteam.PLUGGY_KINDS))
    assert unseen.factory_variants() == []


@pytest.mark.harness
@pytest.mark.xdist_group("differential-unseen")
@pytest.mark.slow
def test_unseen_no_unchecked_plugin_without_finding(unseen: list[compare.Result]) -> None:
    assert {r.host for r in unseen} == {"pluggy-plain", "pluggy-pytest"}
    assert not [(r.host, r.run) for r in unseen if r.all_passed_unchecked]


# The unseen-factory family (tests/differential/unseen_factory.py, factory only): plugins as an
# outsider writes them for a factory + Protocol host, written after the red team's factory
# misses were fixed. Measured on seeds 12 and 7 at the end of issue 12's fifth stop (static
# 1.000 / 0.951, static + dynamic 1.000 / 1.000 on both), less a margin for other seeds.
# acc10: static 1.000 / 1.000 (98/98) at seed 12 with this stop's rules; floor 0.93 -> 0.99.
UNSEEN_FACTORY_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("factory", "static"): {"precision": 0.99, "recall": 0.99},
    ("factory", "full"): {"precision": 0.99, "recall": 1.0},
}


@pytest.fixture(scope="module")
def unseen_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    yield _family(
        tmp_path_factory.mktemp("unseen-factory"),
        "unseen-factory",
        0,
        count=_sampled("unseen-factory"),
    )


@pytest.mark.xdist_group("differential-unseen-factory")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(UNSEEN_FACTORY_FLOOR))
def test_unseen_factory_no_regression_below_floor(
    unseen_factory: list[compare.Result], host: str, run: str
) -> None:
    found = _result(unseen_factory, host, run)
    assert {row.truth for row in found.rows} == {"ok", "refused", "broken"}
    _assert_floor("unseen-factory", found, UNSEEN_FACTORY_FLOOR[(host, run)])


@pytest.mark.harness
@pytest.mark.xdist_group("differential-unseen-factory")
@pytest.mark.slow
def test_unseen_factory_no_unchecked_plugin_without_finding(
    unseen_factory: list[compare.Result],
) -> None:
    assert {r.host for r in unseen_factory} == {"factory"}
    assert not [(r.host, r.run) for r in unseen_factory if r.all_passed_unchecked]
    assert all(r.metrics()["unchecked_passes"] == 0 for r in unseen_factory)


# The wild family (tests/differential/wild.py, both contracts): plugins as PyPI plugin authors
# write them (configuration read the pytest way, class and instance hookimpls, dataclass plugins,
# `__all__` arithmetic, `importlib.import_module` of siblings, version gates, circular imports,
# metadata and data files read at import, ...), written by an outsider before reading the other
# families. Seed 12. Before issue 12's sixth stop fixed what it found: static plain 0.931/0.458,
# pytest-style 0.946/0.522, factory 0.919/0.401; after (PC309 for the plugin's own modules, PC535,
# PC536, PC539): 0.958/0.780, 0.964/0.806, 0.935/0.507; static + dynamic 0.967/1.000, 1.000/1.000,
# 0.966/1.000 before and after. The floors are those numbers, rounded down. Static recall stays
# low where only running the plugin tells (environment variables, data files, dict keys).
# Issue 12's wildfix6 stop (__all__ = __all__ + [...], PC535 for star imports and attributes of
# own modules, import_module of a submodule, PC543 environment and PC544 data files read at
# import; PC545/PC547 and main's PC546 for hooks that fail on every call): pluggy static
# 1.000/1.000 on both hosts (broken reported 22/35, 26/41; was 16/35, 20/41), static +
# dynamic 1.000/1.000 on both. Factory (PC204 judging type arguments covariantly, with this
# stop's other factory work on main): static 1.000/0.697 (broken reported 42/72), static +
# dynamic 1.000/1.000.
# factory6's stop (PC204 for a narrowed parameter type is a warning, PC218, PC215 for a returned
# coroutine, PC217 for a local read before binding, PC515 for keywords forwarded to
# object.__init_subclass__, PC539 in lifecycle methods): wild factory static 1.000 / 0.782 at
# seed 12.
# acc9: the oracle no longer calls a returned generator expression an unrun body (wild
# returns-iterable, 2 per pluggy host, was 'broken'), PC548 (config.getini / config.option /
# config.greeting on the dict the host passes): pluggy broken reported statically 31/33 plain,
# 37/39 pytest-style (was 27/35, 33/41), 33/33 and 39/39 static + dynamic (was 33/35, 39/41);
# factory static recall 0.958 (was 0.923), 0.979 with PC551 (logger.trace on a getLogger
# logger; 3 config-access misses left: config["name"]). Seed 12, precision 1.000 throughout.
# acc10: the differential's factory contract says its config is all the host passes
# (config-complete = true, the oracle passes exactly CONFIG), so PC552 reports config["name"]:
# wild factory static recall 1.000 (72/72, was 0.979); every factory family stays 1.000/1.000.
WILD_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 0.93},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 0.94},
    ("pluggy-pytest", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("factory", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0},
}


@pytest.fixture(scope="module")
def wild(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    yield _family(tmp_path_factory.mktemp("wild"), "wild", 0, count=_sampled("wild"))


@pytest.mark.xdist_group("differential-wild")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(WILD_FLOOR))
def test_wild_no_regression_below_floor(wild: list[compare.Result], host: str, run: str) -> None:
    found = _result(wild, host, run)
    assert {row.truth for row in found.rows} == {"ok", "refused", "broken"}
    _assert_floor("wild", found, WILD_FLOOR[(host, run)])


@pytest.mark.slow
def test_wild_family_makes_new_kinds() -> None:
    from differential import wild

    assert len(wild.PLUGGY_KINDS) + len(wild.FACTORY_KINDS) >= 25
    variants = wild.pluggy_variants() + wild.factory_variants()
    assert {v.contract for v in variants} == {"pluggy", "factory"}
    assert len({v.name for v in variants}) == len(variants)


@pytest.mark.harness
@pytest.mark.xdist_group("differential-wild")
@pytest.mark.slow
def test_wild_no_unchecked_plugin_without_finding(wild: list[compare.Result]) -> None:
    assert not [(r.host, r.run) for r in wild if r.all_passed_unchecked]
    assert all(r.metrics()["unchecked_passes"] == 0 for r in wild)


# The outsider-factory family (tests/differential/outsider_factory.py, factory only): corners of
# Python's object model no other family reaches (`__new__` returning another object or nothing,
# `__init__` returning a value, abstract lifecycle methods of an ABC base, the plugin's own
# Protocol instantiated, class decorators dropping the class, classmethod and callable-object
# factories, `__getattr__` members, per-instance members, mixin order). Seed 12 at issue 12's
# sixth stop: static 1.000 / 0.120 before its fixes, 1.000 / 0.521 after; static + dynamic
# 1.000 / 1.000. At factory6's stop (classmethod and callable-object factories, C3 method
# resolution order, object.__new__(Other), per-instance members, a __getattr__ refusing a
# member): static 1.000 / 1.000 (was 1.000 / 0.575 at seed 12), static + dynamic 1.000 / 1.000.
OUTSIDER_FACTORY_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("factory", "static"): {"precision": 1.0, "recall": 0.99},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0},
}


@pytest.fixture(scope="module")
def outsider_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    yield _family(
        tmp_path_factory.mktemp("outsider-factory"),
        "outsider-factory",
        0,
        count=_sampled("outsider-factory"),
    )


@pytest.mark.xdist_group("differential-outsider-factory")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(OUTSIDER_FACTORY_FLOOR))
def test_outsider_factory_no_regression_below_floor(
    outsider_factory: list[compare.Result], host: str, run: str
) -> None:
    found = _result(outsider_factory, host, run)
    assert {row.truth for row in found.rows} == {"ok", "refused", "broken"}
    _assert_floor("outsider-factory", found, OUTSIDER_FACTORY_FLOOR[(host, run)])


# The outsider-pluggy family (tests/differential/outsider_pluggy.py, pluggy only): 48 kinds
# written by an outsider before reading the rules, about half of them healthy plugins that only
# look unusual (stacked and splatted markers, a `_compat` marker module, `sys.modules` replaced
# by an instance, classes and callables named like hooks, `__all__` pluggy ignores, dead debug
# branches, lambdas, hand-set `dh_impl` attributes, optional imports). Seed 12 when written:
# static plain 1.000 / 0.685, pytest-style 1.000 / 0.737; static + dynamic 1.000 / 1.000 and
# every registered-but-broken plugin reported on both. After this stop's fixes (star imports of
# a literal __all__, splatted marker options, sys.modules[__name__] = instance, environment read
# at import): static plain 1.000 / 0.963, pytest-style 1.000 / 1.000, broken 29/49 statically;
# with PC546 (hookimpl always raises) and PC512's reverse (a hookwrapper using the Result as the
# value): broken 42/49 statically on both (the rest depend on the values the host passes);
# with hand-set `dh_impl` attributes read as markers: static plain 1.000 / 1.000.
# acc9 (PC548: `config.greeting` on the dict stand-in): broken 44/49 statically on both hosts.
OUTSIDER_PLUGGY_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 0.99, "recall": 1.0, "broken_recall": 0.89},
    ("pluggy-pytest", "static"): {"precision": 0.99, "recall": 1.0, "broken_recall": 0.89},
    ("pluggy-plain", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 1.0},
}


@pytest.fixture(scope="module")
def outsider_pluggy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    yield _family(
        tmp_path_factory.mktemp("outsider-pluggy"),
        "outsider-pluggy",
        0,
        count=_sampled("outsider-pluggy"),
    )


@pytest.mark.xdist_group("differential-outsider-pluggy")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(OUTSIDER_PLUGGY_FLOOR))
def test_outsider_pluggy_no_regression_below_floor(
    outsider_pluggy: list[compare.Result], host: str, run: str
) -> None:
    found = _result(outsider_pluggy, host, run)
    assert {row.truth for row in found.rows} == {"ok", "refused", "broken"}
    _assert_floor("outsider-pluggy", found, OUTSIDER_PLUGGY_FLOOR[(host, run)])


@pytest.mark.harness
@pytest.mark.xdist_group("differential-outsider-pluggy")
@pytest.mark.slow
def test_outsider_pluggy_family_shape(outsider_pluggy: list[compare.Result]) -> None:
    from differential import outsider_pluggy as family

    assert len(family.PLUGGY_KINDS) >= 40 and family.factory_variants() == []
    assert not [(r.host, r.run) for r in outsider_pluggy if r.all_passed_unchecked]
    (plain,) = [r for r in outsider_pluggy if (r.host, r.run) == ("pluggy-plain", "static")]
    healthy = {row.variant.kind for row in plain.rows} - {
        row.variant.kind for row in plain.rows if row.truth != "ok"
    }
    assert len(healthy) >= 20, sorted(healthy)  # half the kinds: unusual but healthy plugins


# The fresh12 family (tests/differential/fresh12.py, both contracts): written by red12 after
# listing what every other family makes, for what none of them does (partial and staticmethod
# objects, option combinations, raising historic hooks and wrappers, dead-code gates spelled
# other ways, version gates at the target's own version, hooks defined under suppress/try
# import blocks, relative imports, .so files, exec, match on sys.platform, builtins as hooks
# or lifecycle members; dataclass/attrs/NamedTuple products, __slots__ conflicts, metaclass
# __call__, overload factories, PEP 695 on a 3.11 target, __init_subclass__ side effects, lazy
# module __getattr__ factories). Seed 12, before red12's fixes: static precision/recall plain
# 0.656/0.594, pytest-style 0.686/0.655, factory 0.867/0.404; static + dynamic 0.972/1.000,
# 0.973/1.000, 0.942/1.000 (false errors from PC308, PC203, PC204). After them (dead try/with/
# match/gate branches, PC308 fallbacks, PC213 for __init_subclass__, PC204 builtins, PC515
# version asserts and class shapes, PC309 relative imports, factory-made instances): static
# 1.000/0.783 (broken reported 15/25), 1.000/0.836 (11/17), factory 1.000/0.503; static +
# dynamic 1.000/1.000 everywhere, broken 25/25 and 17/17. After acc13's (builtins marked by a
# call, literal exec, unhashable cached methods, metaclass __call__, slotted/frozen attrs and
# dataclasses, NamedTuple fields, lazy __getattr__, __init_subclass__ requirements): static
# 1.000/1.000 (15/25), 1.000/1.000 (11/17), factory 1.000/0.826. After acc14's (lifecycle
# methods absent on the target, cached_property without __dict__): factory static 1.000/0.913
# (seed 13: 0.912), pluggy and static + dynamic unchanged. After acc15's (type()-made classes,
# Impl[int] on a non-generic class): factory static 1.000/0.957; then Impl[str]() in the factory
# and optional imports' None fallbacks read by run(): 1.000/1.000 (seed 13 too, broken 57/57 and
# 56/56). The floors: those, rounded down.
FRESH12_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 0.99, "recall": 0.98, "broken_recall": 0.55},
    ("pluggy-plain", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 0.99, "recall": 0.98, "broken_recall": 0.6},
    ("pluggy-pytest", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 1.0},
    ("factory", "static"): {"precision": 0.99, "recall": 0.99, "broken_recall": 0.98},
    ("factory", "full"): {"precision": 0.99, "recall": 1.0},
}


@pytest.fixture(scope="module")
def fresh12(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    yield _family(tmp_path_factory.mktemp("fresh12"), "fresh12", 0, count=_sampled("fresh12"))


@pytest.mark.xdist_group("differential-fresh12")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH12_FLOOR))
def test_fresh12_no_regression_below_floor(
    fresh12: list[compare.Result], host: str, run: str
) -> None:
    found = _result(fresh12, host, run)
    assert {row.truth for row in found.rows} == {"ok", "refused", "broken"}
    _assert_floor("fresh12", found, FRESH12_FLOOR[(host, run)])
    assert not found.all_passed_unchecked


@pytest.mark.harness
def test_fresh12_sample_has_no_false_error(tmp_path: Path) -> None:
    """One variant of each fresh12 kind, static only, on the plain pluggy and the factory host
    (default suite): no healthy plugin gets an error, no crash, every kind is generated."""
    from differential import fresh12 as family

    kinds = len(family.PLUGGY_KINDS) + len(family.FACTORY_KINDS)
    assert len(family.PLUGGY_KINDS) >= 20 and len(family.FACTORY_KINDS) >= 20
    # The suite's own cache (conftest): the mypy seed other tests warmed up.
    found = compare.differential(
        tmp_path / "hosts",
        count=max(len(family.PLUGGY_KINDS), len(family.FACTORY_KINDS)),
        family="fresh12",
        hosts=("pluggy-plain", "factory"),
        runs=("static",),
    )
    assert sum(len({row.variant.kind for row in r.rows}) for r in found) == kinds
    assert not [r.crashes for r in found if r.crashes]
    false_errors = {
        (r.host, row.variant.name, row.variant.kind)
        for r in found
        for row in r.rows
        if row.truth == "ok" and row.verdict == "error"
    }
    assert not false_errors, compare.details(found)


# The fresh14 family (tests/differential/fresh14.py, both contracts): written by acc14 after
# grepping every other family for its idioms, from those none of them writes (tuple-unpacked and
# annotated hook bindings, hooks imported under another hook's name, markers from
# functools.partial, a dict or a conditional expression, module flags and platform tests as
# gates, globals().pop/del, loop- and update-bound hooks, replacing decorators; type()/new_class
# classes, platform-gated classes and class bodies, Impl[int] factories, cached_property with
# __slots__, new = None fallbacks, partial factories, class-replacing decorators, dataclass
# field() without default, __new__ returning another object, enum members, singledispatchmethod
# members, SimpleNamespace products, MethodType members). Seed 14, 330 variants per contract,
# before acc14's fixes: static precision/recall plain 0.867/0.624, pytest-style 0.895/0.757,
# factory 0.851/0.388 (broken reported 0/36); static + dynamic 1.000/1.000, 1.000/1.000,
# 0.936/1.000. After them: static 1.000/1.000, 1.000/0.970, factory 1.000/0.646 (broken
# reported 13/36); static + dynamic 1.000/1.000 everywhere, broken 12/12, 18/18, 36/36. After
# acc15's (SimpleNamespace and type()/new_class products, MethodType and stored-function members,
# partial factories missing an argument, singledispatchmethod run(), Impl[int] on a non-generic
# class, class decorators returning an instance, @hookimpl over a decorator returning None):
# static 1.000/1.000 on all three hosts, seeds 14 and 15 (broken 12/12, 18/18, 36/36). The test
# judges a sample (FRESH14_COUNT variants per contract, the plain pluggy and the factory host)
# to stay well under a minute; its floors are the sample's numbers, rounded down (seed 14, 60
# per contract: plain 1.000/1.000 both runs, factory 1.000/0.645 static and 1.000/1.000 static
# + dynamic; 10-31 s; after acc15's, factory static 1.000/1.000).
FRESH14_COUNT = 60
FRESH14_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 0.99, "recall": 0.98},
    ("pluggy-plain", "full"): {"precision": 0.99, "recall": 1.0, "broken_recall": 1.0},
    ("factory", "static"): {"precision": 0.99, "recall": 0.98, "broken_recall": 0.98},
    ("factory", "full"): {"precision": 0.99, "recall": 1.0},
}


@pytest.fixture(scope="module")
def fresh14(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    root = tmp_path_factory.mktemp("fresh14")
    yield _family(root, "fresh14", 0, 14, FRESH14_COUNT, ("pluggy-plain", "factory"))


@pytest.mark.xdist_group("differential-fresh14")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH14_FLOOR))
def test_fresh14_no_regression_below_floor(
    fresh14: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh14 as family

    assert len(family.PLUGGY_KINDS) >= 14 and len(family.FACTORY_KINDS) >= 16
    found = _result(fresh14, host, run)
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    _assert_floor("fresh14", found, FRESH14_FLOOR[(host, run)], least=FRESH14_COUNT)
    assert not found.all_passed_unchecked


# The fresh15 family (tests/differential/fresh15.py): the entry-function host (plugin(registry,
# options) returns a class the host checks with issubclass, builds with the options and uses:
# one check(text), iterated) and the subclass host (the module's Plugin must subclass
# shost.Base, is built with the options, one process(items), iterated), both described in
# differential/entry_hosts.py with their contracts as README.md has a user write them. Seed 15,
# 170 variants per host, before fresh15's fixes: entry-function static precision/recall
# 1.000/0.167, static + dynamic 1.000/0.917 (the 7 plugins whose check() fails on use passed:
# the contract could not say the host uses the class); subclass 0.953/0.494 and 0.976/1.000 (a
# class defined twice judged by its discarded first definition). After them
# (setup-function.calls; redefined classes; PC561 for entry functions and lifecycle factories
# whose parameters do not take the host's call; PC562 for entry functions that certainly return
# what the host refuses, a class it cannot build or an abstract one, and methods the host calls
# that certainly return what it refuses): entry-function 1.000/0.726 (broken found statically
# 4/7) and 1.000/1.000, subclass 1.000/0.590 (12/28) and 1.000/1.000; seed 16 the same but
# subclass static 1.000/0.578. Then (acc16: dataclass classes the host cannot build, class
# decorators leaving None or an instance where a subclass host's class, an entry function or a
# method the host calls was, methods the host iterates returning a number or super()'s stub,
# a subscripted non-generic base, a type-only metaclass over an ABC), 330 per host:
# entry-function static 0.708 -> 0.783, subclass 0.594 -> 0.818, precision 1.000. The test
# judges a sample (FRESH15_COUNT per host; 17-36 s). Then (acc17: attributes only the skipped
# host base's __init__ sets, lazy imports, properties and functools caches over unhashable
# stand-ins in the methods the host calls; cached entry functions, Class.method and partial
# entries, returned classes that do not derive from the host's), 330 per host at seeds 15, 16
# and 17 alike: entry-function static 0.783 -> 0.907, subclass 0.812 -> 0.970, precision
# 1.000. Its floors are the sample's numbers at seed 15 (static 1.000/0.941 and 1.000/0.971,
# static + dynamic 1.000/1.000 on both) less one miss of margin. Then (acc25: a dict literal
# looked up with an option's value it lacks, self.options[...] read in check() from the host
# base's dict(options) copy, under complete-stand-ins) entry-function static 0.941 -> 1.000 on
# the sample (34 positives; floor one miss below).
FRESH15_COUNT = 68
FRESH15_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("entry-function", "static"): {"precision": 1.0, "recall": 0.97},
    ("entry-function", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("subclass", "static"): {"precision": 1.0, "recall": 0.94},
    ("subclass", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


@pytest.fixture(scope="module")
def fresh15(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    root = tmp_path_factory.mktemp("fresh15")
    yield _family(root, "fresh15", 0, 15, FRESH15_COUNT, ("entry-function", "subclass"))


@pytest.mark.xdist_group("differential-fresh15")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH15_FLOOR))
def test_fresh15_no_regression_below_floor(
    fresh15: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh15 as family

    assert len(family.ENTRY_KINDS) >= 15 and len(family.SUBCLASS_KINDS) >= 14
    found = _result(fresh15, host, run)
    assert {row.truth for row in found.rows} == {"ok", "refused", "broken"}
    _assert_floor("fresh15", found, FRESH15_FLOOR[(host, run)], least=FRESH15_COUNT)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh17 family (tests/differential/fresh17.py, every host): object-model and import-system
# corners none of the other families writes (__signature__ and a hand-set __wrapped__ on
# hookimpls, NFKC-folded names and homoglyphs, types.FunctionType hookimpls, coroutines a sync
# hookimpl returns, classes marked as hookimpls; instance attributes shadowing lifecycle methods,
# property/lambda/partialmethod/builtin members, singledispatch and iterator-__next__ factories,
# __set_name__ that raises; ABC.register virtual subclasses, exec-defined entries, PEP 562
# exports, super().__init__ with the wrong arguments, staticmethod/lambda methods the host calls,
# __init_subclass__ keywords; large healthy plugins). Seed 17, 120 variants per host, before
# fresh17's fixes: static precision/recall plain and pytest-style 0.750/0.600, factory
# 1.000/0.265, entry-function 0.737/0.259, subclass 0.621/0.353; static + dynamic recall 1.000
# everywhere, precision 0.833 (pluggy: PC523 on a hand-set __wrapped__) and 0.944 (subclass:
# PC204 on staticmethod(list)). After them: precision 1.000 on every host and run; static recall
# plain and pytest-style 0.600 (broken found statically 4/12 -> 9/12), factory 0.429, entry-
# function 0.630, subclass 0.451 (seed 18: 0.569 and 0.491); static + dynamic 1.000/1.000 with
# every broken plugin reported (the static misses left are the harness's: __set_name__ and
# __init_subclass__ that raise on a condition, singledispatch/iterator factories, PEP 562
# exports, types.FunctionType code, a registry's list returned). The test judges a
# sample (FRESH17_COUNT per host; 27 s unloaded); its floors are the sample's numbers at seed 17,
# rounded down (static recall 0.500, 0.500, 0.500, 0.667, 0.444). acc18 (the host's abstract base
# exported, an ABC's virtual subclass without the called method, a property getter reading an
# unset attribute, a lifecycle method rebound to a literal): 120 per host, factory 0.429 -> 0.612,
# entry-function 0.630 -> 0.685, subclass 0.451 -> 0.588, precision 1.000; the sample's floors
# rise to its numbers rounded down (factory 0.611, entry-function 0.722, subclass 0.611).
# acc19 (__set_name__ and __init_subclass__ raising on a name, singledispatch/empty-iterator
# factories, partialmethod over-binding, FunctionType code and functools.wraps on hookimpls,
# PEP 562 exports, a closure-made abstract class): 120 per host, seed 17, static recall pluggy
# 0.600 -> 1.000 (both managers), factory 0.612 -> 1.000, entry-function 0.685 -> 0.778,
# subclass 0.588 -> 0.941, precision 1.000; the sample: pluggy 1.000, factory 1.000,
# entry-function 0.778, subclass 0.944. acc20 (PC563: a wrapper kept as __wrapped__ that cannot
# take what pluggy passes): 100 per host, seed 17, static broken reported 8/10 -> 10/10 on both
# managers; the static pluggy floors gain broken_recall 1.0. acc21 (PC561 for an entry function
# an exec'd literal source defines, PC562 for `return registry.checkers`): 120 per host, seed
# 17, static entry-function recall 0.778 -> 0.907; the sample: 0.889. acc23 (that exec'ing module
# re-exported by a star import): 120 per host, seed 17, entry-function 0.907 -> 0.944; the
# sample: 0.944. acc24 (complete-stand-ins in both contracts, so super().__init__(**options) is
# judged by the options' keys): 120 per host, seed 17, entry-function 0.944 -> 1.000, subclass
# 0.941 -> 1.000; the floors follow.
FRESH17_COUNT = 42
FRESH17_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("factory", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("entry-function", "static"): {"precision": 1.0, "recall": 1.0},
    ("entry-function", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("subclass", "static"): {"precision": 1.0, "recall": 1.0},
    ("subclass", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


@pytest.fixture(scope="module")
def fresh17(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    root = tmp_path_factory.mktemp("fresh17")
    yield _family(root, "fresh17", 0, 17, FRESH17_COUNT)


@pytest.mark.xdist_group("differential-fresh17")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH17_FLOOR))
def test_fresh17_no_regression_below_floor(
    fresh17: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh17 as family

    assert len(family.PLUGGY_KINDS) >= 7 and len(family.FACTORY_KINDS) >= 6
    assert len(family.ENTRY_KINDS) >= 8 and len(family.SUBCLASS_KINDS) >= 8
    found = _result(fresh17, host, run)
    assert {"ok", "refused", "broken"} <= {row.truth for row in found.rows}
    _assert_floor("fresh17", found, FRESH17_FLOOR[(host, run)], least=FRESH17_COUNT)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh19 family (tests/differential/fresh19.py, every host): source files as editors leave
# them (BOM, CRLF, coding cookies the interpreter decodes by, tabs mixed with spaces),
# positional-only hookimpls, PEP 562 __dir__ serving hookimpls, singledispatch hookimpls;
# dataclass(kw_only=True)/InitVar classes, typing.overload stubs over the called members,
# decorator factories applied without parentheses, wrapt-style proxies, __getattribute__
# overrides, a subscripted host base. Seed 19, 100 per host, before fresh19's fixes: static
# precision 1.000 everywhere, recall plain 0.538, pytest-style 0.542, factory 0.512,
# entry-function 0.404, subclass 0.511; static + dynamic 1.000/1.000, every broken plugin
# reported. After them (PC001 coding cookies, PC203/PC562 typing.overload stubs, PC522 lazy
# __getattr__ tables, PC562 bare decorator factories, PC203 recursing attribute hooks), same
# run: plain and pytest-style 1.000, factory 0.805, entry-function 0.787, subclass 0.894,
# precision 1.000, full runs unchanged; seed 20 the same. PC218 through a dataclass's
# generated __init__: subclass 1.000. The sample is kept small (about
# 16 s of CPU over pytest's own start): FRESH19_COUNT per host, no by-path runs; its floors
# are its numbers at seed 19, rounded down. acc20 (PC546 for a singledispatch hookimpl whose
# base raises and takes the stand-in's class): 100 per host, static broken reported 0/5 -> 5/5
# on both managers; the static pluggy floors gain broken_recall 1.0. acc21 (PC562 for a bare
# ContextDecorator and through a host class that sets the name on its own instances only, PC203
# for a private-name __getattribute__ guard and a proxy past a forwarding __setattr__): 100 per
# host, static factory 0.805 -> 1.000, entry-function 0.787 -> 1.000, every broken plugin
# reported; the sample's static floors rise to 1.000 with broken_recall 1.0.
FRESH19_COUNT = 20
FRESH19_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("factory", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("entry-function", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("entry-function", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("subclass", "static"): {"precision": 1.0, "recall": 1.0},
    ("subclass", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


@pytest.fixture(scope="module")
def fresh19(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    root = tmp_path_factory.mktemp("fresh19")
    yield _family(root, "fresh19", 0, 19, FRESH19_COUNT)


@pytest.mark.xdist_group("differential-fresh19")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH19_FLOOR))
def test_fresh19_no_regression_below_floor(
    fresh19: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh19 as family

    assert len(family.PLUGGY_KINDS) >= 5 and len(family.FACTORY_KINDS) >= 6
    assert len(family.HOST_KINDS) >= 5
    found = _result(fresh19, host, run)
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    _assert_floor("fresh19", found, FRESH19_FLOOR[(host, run)], least=FRESH19_COUNT)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh21 family (tests/differential/fresh21.py, every host, the same kinds around each
# host's export): syntax newer than the target behind version gates or in unused submodules,
# process-wide state changed at import and sys.exit in the call, the plugin's own folder on
# sys.path, the module object changed after its body ran (a ModuleType __class__, setattr on
# sys.modules[__name__], a SimpleNamespace in its place), async generators. Seed 21, 100 per
# host, before fresh21's fixes: static precision plain 0.543, pytest-style 0.543, factory 0.533,
# entry-function 0.528, subclass 0.500 (PC001 on gated or unused submodules, PC309 for siblings
# on the plugin's own sys.path entry, PC101 for names bound on the module object); full
# precision 0.487-0.643 (those, PC419 for a raising atexit handler, PC416 for a SimpleNamespace
# module); recall 1.000 and no false pass. After them: static precision 1.000 everywhere. The
# sample is kept small (FRESH21_COUNT per host: the first three sub-variants of each kind, no
# by-path runs, pluggy statically only: about 11 s of CPU); its floors are its numbers at seed
# 21: static recall 0.67-0.75 on the three hosts where every failure counts (the plugin that
# turns warnings into errors at import and warns in the call, reported by the harness).
FRESH21_COUNT = 10
FRESH21_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "static"): {"precision": 1.0, "recall": 0.66},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("entry-function", "static"): {"precision": 1.0, "recall": 0.75},
    ("entry-function", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("subclass", "static"): {"precision": 1.0, "recall": 0.66},
    ("subclass", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


@pytest.fixture(scope="module")
def fresh21(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    root = tmp_path_factory.mktemp("fresh21")
    # pluggy statically (the full pluggy run is the classic test's), the others both ways
    plain = _family(
        root / "pluggy", "fresh21", 0, 21, FRESH21_COUNT, ("pluggy-plain",), ("static",)
    )
    others = ("factory", "entry-function", "subclass")
    yield plain + _family(root / "others", "fresh21", 0, 21, FRESH21_COUNT, others)


@pytest.mark.xdist_group("differential-fresh21")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH21_FLOOR))
def test_fresh21_no_regression_below_floor(
    fresh21: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh21 as family

    assert len(family.KINDS) >= 5
    found = _result(fresh21, host, run)
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    _assert_floor("fresh21", found, FRESH21_FLOOR[(host, run)], least=FRESH21_COUNT)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh23 family (tests/differential/fresh23.py, every host): package data read through
# importlib.resources, pkgutil and __file__, finalizers, threads at import and in the call, the
# plugin patching the host's API, sibling plugins and load order, class graphs around the host's
# base. Seed 23, 100 per host, before fresh23's fixes: static precision 1.000 everywhere, static
# recall plain/pytest-style 0.105, factory 0.051, entry-function 0.095, subclass 0.143; full
# recall factory and subclass 0.974/0.976 (a product whose __del__ calls os._exit: the harness
# never dropped the object, PC421 now). The sample is kept small (FRESH23_COUNT per host: the
# first two sub-variants of each kind; factory and subclass only, no by-path runs: 9.6 s user +
# 1.0 s sys for the whole pytest run, pytest's own start included); its floors are its numbers
# at seed 23: static recall 0.75 (a plugin that adds a member to the host's runtime-checkable
# Protocol, or narrows the host base's __init__, at import: the harness reports both).
FRESH23_COUNT = 12
FRESH23_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("factory", "static"): {"precision": 1.0, "recall": 0.75},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0},
    ("subclass", "static"): {"precision": 1.0, "recall": 0.75},
    ("subclass", "full"): {"precision": 1.0, "recall": 1.0},
}


@pytest.fixture(scope="module")
def fresh23(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    hosts = ("factory", "subclass")
    yield _family(tmp_path_factory.mktemp("fresh23"), "fresh23", 0, 23, FRESH23_COUNT, hosts)


@pytest.mark.xdist_group("differential-fresh23")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH23_FLOOR))
def test_fresh23_no_regression_below_floor(
    fresh23: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh23 as family

    assert len(family.KINDS) >= 6
    found = _result(fresh23, host, run)
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    _assert_floor("fresh23", found, FRESH23_FLOOR[(host, run)], least=FRESH23_COUNT)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh32 family (tests/differential/fresh32.py, gen32's four hosts in entry_hosts.py): setup
# functions judged by what the host accepts back -- setup(app, options) -> None, setup(app) -> a
# dict with required keys (Sphinx's metadata), create(options) -> a Handler instance whose
# handle(text) and close() the host then calls -- and a subclass host whose base takes two
# arguments and whose prepare(), process(items) and close() are called in turn. Kinds: arity,
# returns, host API use, aliases, re-exports, decorators, dead branches, failures on a path the
# host takes or not, imports; __init__, overridden methods (async, generators, properties,
# class attributes bound to functions or builtins), __init_subclass__, metaclasses. Seed 32, 100
# per host, before gen32's fixes: static precision/recall setup-none 0.909/0.682, setup-mapping
# 0.903/0.622, setup-instance 0.897/0.578, stage 0.947/0.679; static + dynamic setup-mapping
# recall 0.978 (an oracle artefact, fixed), setup-instance 0.957/0.978, stage 0.963/0.981 (a
# generator handle()/prepare() the host calls and ignores: its body never runs). After them:
# static precision 1.000 on the setup hosts (PC561 on a def in a dead version branch, PC101 on a
# re-export a module __getattr__ serves), recall 0.773, 0.705, 0.689 (async entry functions,
# a value where None is wanted, a dict without a required key, the class where an instance is
# wanted, the instance's called methods); stage 0.974/0.698 (PC203 where a base's
# __init_subclass__ fills the abstract method); static + dynamic recall 1.000 everywhere,
# precision 1.000 but stage 0.981 (kg066: `Plugin = None` then `Plugin = Upper`, mypy's
# declared type keeps the None). The test judges a stratified sample (FRESH32_PER_KIND of each
# kind's sub-variants), static on all four hosts and static + dynamic on the two whose calls
# the harness makes on the plugin's object; its floors are the sample's numbers at seed 32.
FRESH32_PER_KIND = 2
FRESH32_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("setup-none", "static"): {"precision": 1.0, "recall": 0.66},
    ("setup-mapping", "static"): {"precision": 1.0, "recall": 0.57},
    ("setup-instance", "static"): {"precision": 1.0, "recall": 0.71},
    ("stage", "static"): {"precision": 1.0, "recall": 0.75},
    ("setup-instance", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("stage", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}
FRESH32_HOSTS = ("setup-none", "setup-mapping", "setup-instance", "stage")


def _fresh32_count() -> dict[str, int]:
    contracts = {compare.HOSTS[host][0] for host in FRESH32_HOSTS}
    return compare.first_of_each_kind("fresh32", dict.fromkeys(contracts, FRESH32_PER_KIND))


@pytest.fixture(scope="module")
def fresh32(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    root, count = tmp_path_factory.mktemp("fresh32"), _fresh32_count()
    static = _family(root / "static", "fresh32", 0, 32, count, FRESH32_HOSTS, ("static",))
    called = ("setup-instance", "stage")
    yield static + _family(root / "full", "fresh32", 0, 32, count, called, ("full",))


@pytest.mark.xdist_group("differential-fresh32")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH32_FLOOR))
def test_fresh32_no_regression_below_floor(
    fresh32: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh32 as family

    assert len(family.SETUP_KINDS) >= 9 and len(family.STAGE_KINDS) >= 8
    found = _result(fresh32, host, run)
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = _fresh32_count()[compare.HOSTS[host][0]]
    _assert_floor("fresh32", found, FRESH32_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh45 family (tests/differential/fresh45.py, pluggy and factory hosts): how a name comes
# to be bound -- rebinding (`new = None` above `def new()`, a stub bound last), definitions gated
# by the environment, the platform, the word size or the interpreter, hookimpls reached through
# a class (staticmethod, classmethod, a plain method whose `self` pluggy strips), star chains
# through three modules with __all__, importlib.import_module exports, TYPE_CHECKING names used
# at run time, firstresult and historic hooks with both wrapper styles, class decorators,
# __init_subclass__ and metaclasses, explicit Protocol subclasses, unusual factory objects.
# Seed 45, 96 per contract, on main before gen45's fixes: static precision/recall pluggy-plain
# 0.870/0.690, pytest-style 0.893/0.735, factory 0.838/0.775; static + dynamic 1.000/1.000 on
# pluggy, factory 0.909/1.000 (false errors: PC201 on `new = None` above `def new()`, PC210 on a
# Protocol subclass with its own __init__, PC517/PC203 on the class of a branch the target does
# not take; missed: hookimpls fetched with import_module(".x", __package__).hook, word-size
# gates). The sample below, after them: 7.4 s user + 0.9 s sys (one run at load 20).
# The test judges a stratified sample (FRESH45_PER_KIND of each kind's sub-variants: the kinds
# list the shapes that failed first), pluggy with the plain manager both ways and the
# pytest-style one statically, the factory both ways; its floors are the sample's numbers at
# seed 45.
FRESH45_PER_KIND = 4
FRESH45_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    # 0.84 until gen46 decided environment gates and metaclass __call__ literals (0.947)
    ("factory", "static"): {"precision": 1.0, "recall": 0.94},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


def _fresh45_count() -> dict[str, int]:
    return compare.first_of_each_kind(
        "fresh45", {"pluggy": FRESH45_PER_KIND, "factory": FRESH45_PER_KIND}
    )


@pytest.fixture(scope="module")
def fresh45(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    root, count = tmp_path_factory.mktemp("fresh45"), _fresh45_count()
    both = ("pluggy-plain", "factory")
    found = _family(root / "both", "fresh45", 0, 45, count, both)
    yield found + _family(root / "pytest", "fresh45", 0, 45, count, ("pluggy-pytest",), ("static",))


@pytest.mark.xdist_group("differential-fresh45")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH45_FLOOR))
def test_fresh45_no_regression_below_floor(
    fresh45: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh45 as family

    assert len(family.PLUGGY_KINDS) >= 7 and len(family.FACTORY_KINDS) >= 8
    found = _result(fresh45, host, run)
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = _fresh45_count()[compare.HOSTS[host][0]]
    _assert_floor("fresh45", found, FRESH45_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh46 family (tests/differential/fresh46.py, pluggy and factory hosts): the object model
# around the export -- environment gates read through module constants, `from os import
# environ`, `import os as _os`, `in os.environ` and defaults; ImportError and sys.platform
# fallbacks choosing the module; three-module alias chains, `del` of a name still used and
# shadowing imports; properties, overload stubs, partials and generated code (exec, eval,
# types.FunctionType, type()) carrying the marker or standing for the class; descriptors where
# the host calls a method; NamedTuple, Enum and dataclass plugin classes; __class_getitem__,
# classmethod/staticmethod and singledispatch factories; metaclasses whose __call__ returns no
# instance; class decorators deleting a method the host calls. Seed 46, 96 per contract, on
# main before gen46's fixes: static precision/recall pluggy-plain 0.892/0.750, pytest-style
# 0.867/0.780, factory 0.844/0.587; static + dynamic 1.000/1.000 on all three; after them
# 0.974/0.864, 0.936/0.880, 0.977/0.935 (static + dynamic unchanged). The test judges a
# stratified sample (FRESH46_PER_KIND of each kind's sub-variants: 18 pluggy, 30 factory
# plugins); its floors are the sample's numbers at seed 46 after gen46's fixes. 12.0 s user +
# 2.2 s sys for the five tests with pytest's start, measured once at load 17.
FRESH46_PER_KIND = 3
FRESH46_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    # left: an unmarked property under pytest's prefix read as a function (PC502 'self', a
    # false error). A hookimpl exec'd or eval'd from a string is read since gen53 (recall 1.0)
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 0.9, "recall": 1.0},
    # left: a class made by exec of a string constant
    ("factory", "static"): {"precision": 1.0, "recall": 0.94},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


def _fresh46_count() -> dict[str, int]:
    return compare.first_of_each_kind(
        "fresh46", {"pluggy": FRESH46_PER_KIND, "factory": FRESH46_PER_KIND}
    )


@pytest.fixture(scope="module")
def fresh46(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[compare.Result]]:
    """fresh46's sample, fresh47's, fresh49's, fresh51's, fresh53's, fresh55's, fresh57's and
    fresh59's in the same hosts: one oracle and one plugcheck run per host and mode judge all
    eight (``compare.only`` splits them)."""
    root, count = tmp_path_factory.mktemp("fresh46"), _fresh46_count()
    later = (
        _fresh47_sample(),
        _fresh49_sample(),
        _fresh51_sample(),
        _fresh53_sample(),
        _fresh55_sample(),
        _fresh57_sample(),
        _fresh59_sample(),
    )
    extra = {c: [v for sample in later for v in sample[c]] for c in ("pluggy", "factory")}
    both = ("pluggy-plain", "factory")
    found = _family(root / "both", "fresh46", 0, 46, count, both, extra=extra)
    yield found + _family(
        root / "pytest", "fresh46", 0, 46, count, ("pluggy-pytest",), ("static",), extra=extra
    )


@pytest.mark.xdist_group("differential-fresh46")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH46_FLOOR))
def test_fresh46_no_regression_below_floor(
    fresh46: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh46 as family

    assert len(family.PLUGGY_KINDS) >= 6 and len(family.FACTORY_KINDS) >= 10
    theirs = {
        v.name
        for f in (
            _fresh47_sample,
            _fresh49_sample,
            _fresh51_sample,
            _fresh53_sample,
            _fresh55_sample,
            _fresh57_sample,
            _fresh59_sample,
        )
        for vs in f().values()
        for v in vs
    }
    mine = {row.variant.name for r in fresh46 for row in r.rows} - theirs
    found = _result(compare.only(fresh46, mine), host, run)
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = _fresh46_count()[compare.HOSTS[host][0]]
    _assert_floor("fresh46", found, FRESH46_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh47 family (tests/differential/fresh47.py, pluggy and factory hosts): what happens when
# the host calls -- marker options no marker takes, the hookspec marker on a plugin's function,
# specname wrappers under unprefixed names; wrappers returning before their yield or misusing
# their result; historic and firstresult hooks; PEP 562 __getattr__ packages with and without
# __dir__; typing names newer than the target and typing_extensions; globals a hook body reads;
# __init__/__new__ signatures; instance state only some paths set; config values of the wrong
# type; rewritten __abstractmethods__. Seed 47, 96 per contract, on main before gen47's fixes:
# static precision/recall pluggy-plain 1.000/0.714, pytest-style 1.000/0.500, factory
# 0.816/0.585; static + dynamic 1.000/1.000 on pluggy, factory 0.883/1.000 (7 false PC203 on
# classes whose __abstractmethods__ the plugin clears, which the run did not withdraw). Its
# sample (FRESH47_PER_KIND of each kind's sub-variants: 12 pluggy, 12 factory plugins) runs in
# fresh46's hosts, by fresh46's oracle and plugcheck runs; its floors are the sample's numbers
# at seed 47 after gen47's fixes (static recall: pluggy 1.000 both managers, factory 0.714).
# Cost, paired runs of the fresh46 tests alone and with these (load 12): 8.18 s user + 1.34 s
# sys, then 8.58 s user + 1.78 s sys (+0.8 s CPU).
FRESH47_PER_KIND = 2
FRESH47_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0},
    # left: instance state a key the config lacks guards; config values of the wrong type
    ("factory", "static"): {"precision": 1.0, "recall": 0.7},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


def _fresh47_sample() -> dict[str, list[compare.generate.Variant]]:
    from differential import fresh47

    count = compare.first_of_each_kind(
        "fresh47", {"pluggy": FRESH47_PER_KIND, "factory": FRESH47_PER_KIND}
    )
    return {
        "pluggy": fresh47.pluggy_variants(47, count["pluggy"]),
        "factory": fresh47.factory_variants(47, count["factory"]),
    }


@pytest.mark.xdist_group("differential-fresh46")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH47_FLOOR))
def test_fresh47_no_regression_below_floor(
    fresh46: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh47 as family

    assert len(family.PLUGGY_KINDS) >= 6 and len(family.FACTORY_KINDS) >= 6
    sample = _fresh47_sample()
    found = _result(
        compare.only(fresh46, {v.name for vs in sample.values() for v in vs}), host, run
    )
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = len(sample[compare.HOSTS[host][0]])
    _assert_floor("fresh47", found, FRESH47_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh49 family (tests/differential/fresh49.py, pluggy and factory hosts): how authors build
# the export -- self outside a class, package __init__ side effects and submodules named like the
# export, namespace packages, contextlib-built hooks and methods, hookimpls copied out of a class
# by __init_subclass__/metaclasses/decorators, attribute paths, coroutines of helpers, frozen and
# slotted workers, cached and single-dispatch methods, registries, Protocol members that are
# properties, builtins or served by __getattr__. Seed 49, 96 per contract, on main before gen49's
# fixes: static precision/recall pluggy-plain 0.750/0.500, pytest-style 0.769/0.526, factory
# 1.000/0.522; static + dynamic 0.900/1.000, 0.905/1.000, 1.000/1.000. Its sample
# (FRESH49_PER_KIND of each kind's sub-variants: 12 pluggy, 12 factory plugins) runs in
# fresh46's hosts, by fresh46's oracle and plugcheck runs; its floors are the sample's numbers at
# seed 49 after gen49's fixes: static P/R pluggy 0.800/0.800 under both managers, factory
# 1.000/0.833; static + dynamic pluggy 0.833/1.000, factory 1.000/1.000. Cost: the fresh46 tests'
# run with fresh47's and fresh49's samples took 9.4 s user + 2.0 s sys, against 12.1 + 2.4 and
# 10.6 + 2.0 without fresh49's (load 21): under the noise, well below 1 s.
FRESH49_PER_KIND = 2
FRESH49_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    # the sample's numbers at gen53 (PC566 a warning since host51, the class-copy loop read
    # since gen51)
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0},
    # left: a registry key the factory looks up that __init_subclass__ never stores
    ("factory", "static"): {"precision": 1.0, "recall": 0.83},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


def _fresh49_sample() -> dict[str, list[compare.generate.Variant]]:
    from differential import fresh49

    count = compare.first_of_each_kind(
        "fresh49", {"pluggy": FRESH49_PER_KIND, "factory": FRESH49_PER_KIND}
    )
    return {
        "pluggy": fresh49.pluggy_variants(49, count["pluggy"]),
        "factory": fresh49.factory_variants(49, count["factory"]),
    }


@pytest.mark.xdist_group("differential-fresh46")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH49_FLOOR))
def test_fresh49_no_regression_below_floor(
    fresh46: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh49 as family

    assert len(family.PLUGGY_KINDS) >= 6 and len(family.FACTORY_KINDS) >= 6
    sample = _fresh49_sample()
    found = _result(
        compare.only(fresh46, {v.name for vs in sample.values() for v in vs}), host, run
    )
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = len(sample[compare.HOSTS[host][0]])
    _assert_floor("fresh49", found, FRESH49_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh51 family (tests/differential/fresh51.py, pluggy and factory hosts): idioms of 2026
# plugin authors -- setattr loops and pkgutil copies into the module, objects replacing it in
# sys.modules, annotations evaluated at run time ('X' | None, TypeVar(default=...),
# get_type_hints), optional extras under the wrong except or probed with find_spec, metaclass
# __getattr__, Enum and ABC hooks and workers, relative imports, stdlib-named siblings,
# forgetful decorators, properties without setters, classes built by type() or setattr loops.
# Seed 51, 96 per contract, on main before gen51's fixes: static precision/recall pluggy-plain
# 0.882/0.405, pytest-style 0.895/0.436, factory 0.900/0.391; static + dynamic 1.000/1.000 on
# all three; after gen51's fixes 0.926/0.676, 0.931/0.692, 1.000/0.696 (static + dynamic
# unchanged). Its sample (FRESH51_PER_KIND of each kind's sub-variants: 6 pluggy, 6 factory
# plugins, a third of them refused) runs in fresh46's hosts, by fresh46's oracle and plugcheck
# runs; its floors are the sample's numbers at seed 51 after gen51's fixes (1.000/1.000
# everywhere: PC577, PC216's read-only property and PC203's inert metaclass guard it). Cost, two
# paired single-process runs of the fresh46 tests without and with it (load 16-19, user + sys):
# 8.90 -> 9.14 s and 8.86 -> 10.08 s, about +0.7 s; two sub-variants per kind cost +1.0 and
# +1.2 s, over the budget.
FRESH51_PER_KIND = 1
FRESH51_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


def _fresh51_sample() -> dict[str, list[compare.generate.Variant]]:
    from differential import fresh51

    count = compare.first_of_each_kind(
        "fresh51", {"pluggy": FRESH51_PER_KIND, "factory": FRESH51_PER_KIND}
    )
    return {
        "pluggy": fresh51.pluggy_variants(51, count["pluggy"]),
        "factory": fresh51.factory_variants(51, count["factory"]),
    }


@pytest.mark.xdist_group("differential-fresh46")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH51_FLOOR))
def test_fresh51_no_regression_below_floor(
    fresh46: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh51 as family

    assert len(family.PLUGGY_KINDS) >= 6 and len(family.FACTORY_KINDS) >= 6
    sample = _fresh51_sample()
    found = _result(
        compare.only(fresh46, {v.name for vs in sample.values() for v in vs}), host, run
    )
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = len(sample[compare.HOSTS[host][0]])
    _assert_floor("fresh51", found, FRESH51_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh53 family (tests/differential/fresh53.py, pluggy and factory hosts): the class and
# module machinery -- hookimpls on slotted, dataclass and attrs instances, singledispatchmethod
# hooks with the marker under or over it, wrapper ordering and styles, specname spellings,
# match/type/except*, __main__ blocks, circular imports between submodules, pure fallbacks of
# accelerated imports, __all__ naming nothing, __set_name__/__slots__/__init_subclass__ at class
# creation, dataclass field rules, the plugin's own Protocols, method descriptors, lazy
# submodules read as globals, class decorators returning other objects. Seed 53, 96 per
# contract, on main before gen54's fixes: static precision/recall pluggy-plain 0.886/0.838,
# pytest-style 0.929/0.812, factory 1.000/0.440; static + dynamic 0.949/1.000, 0.941/1.000,
# 1.000/1.000 (PC513 on a class decorator's instance: the only false errors left after the
# real run). Its sample (FRESH53_PER_KIND of each kind's sub-variants: 6 pluggy, 6 factory
# plugins, 1 and 2 of them refused) runs in fresh46's hosts, by fresh46's oracle and plugcheck
# runs; its floors are the sample's numbers at seed 53 after gen54's fixes (the factory's
# refusal by dataclass field order is PC515's since gen54).
FRESH53_PER_KIND = 1
FRESH53_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


def _fresh53_sample() -> dict[str, list[compare.generate.Variant]]:
    from differential import fresh53

    count = compare.first_of_each_kind(
        "fresh53", {"pluggy": FRESH53_PER_KIND, "factory": FRESH53_PER_KIND}
    )
    return {
        "pluggy": fresh53.pluggy_variants(53, count["pluggy"]),
        "factory": fresh53.factory_variants(53, count["factory"]),
    }


@pytest.mark.xdist_group("differential-fresh46")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH53_FLOOR))
def test_fresh53_no_regression_below_floor(
    fresh46: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh53 as family

    assert len(family.PLUGGY_KINDS) >= 6 and len(family.FACTORY_KINDS) >= 6
    sample = _fresh53_sample()
    found = _result(
        compare.only(fresh46, {v.name for vs in sample.values() for v in vs}), host, run
    )
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = len(sample[compare.HOSTS[host][0]])
    _assert_floor("fresh53", found, FRESH53_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh55 family (tests/differential/fresh55.py, pluggy, factory and entry-function hosts):
# run-time machinery -- __all__ arithmetic along star chains, importlib.metadata.version of a
# missing distribution, asyncio.run and AsyncExitStack, fallbacks for a host API that does not
# exist, StrEnum hook names, dataclass default_factory/__post_init__ failures, generic classes
# subscripted, abstract properties, keyword-only parameters the host never passes. Seed 55, 96
# per contract, on main before gen56's fixes: static precision/recall pluggy-plain 0.833/0.227,
# pytest-style 0.833/0.263, factory 1.000/0.481, entry-function 0.833/0.312; static + dynamic
# 1.000/1.000 on every host (no false pass). Its sample (FRESH55_PER_KIND of each kind's
# sub-variants: 6 pluggy, 5 factory plugins, f-asyncio's left out; the entry-function kinds'
# first sub-variants are all healthy, so none is sampled) runs in fresh46's hosts, by
# fresh46's oracle and plugcheck runs; its floors are the sample's numbers at seed 55 after
# gen56's fixes.
FRESH55_PER_KIND = 1
FRESH55_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


def _fresh55_sample() -> dict[str, list[compare.generate.Variant]]:
    from differential import fresh55

    count = compare.first_of_each_kind(
        "fresh55", {"pluggy": FRESH55_PER_KIND, "factory": FRESH55_PER_KIND}
    )
    factory = fresh55.factory_variants(55, count["factory"])
    return {
        "pluggy": fresh55.pluggy_variants(55, count["pluggy"]),
        # not f-asyncio's: its import of asyncio has the mypy pass read asyncio's stubs, about
        # 2 s of CPU in a test that adds ~0.5 s with the other kinds
        "factory": [v for v in factory if v.kind != "f-asyncio"],
    }


@pytest.mark.xdist_group("differential-fresh46")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH55_FLOOR))
def test_fresh55_no_regression_below_floor(
    fresh46: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh55 as family

    assert len(family.PLUGGY_KINDS) >= 6 and len(family.FACTORY_KINDS) >= 6
    assert len(family.ENTRY_KINDS) >= 4
    sample = _fresh55_sample()
    found = _result(
        compare.only(fresh46, {v.name for vs in sample.values() for v in vs}), host, run
    )
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = len(sample[compare.HOSTS[host][0]])
    _assert_floor("fresh55", found, FRESH55_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh57 family (tests/differential/fresh57.py, pluggy, factory and entry-function hosts):
# names and attributes -- private names mangled in class bodies, contextvars, the plugin's own
# Protocols with default bodies, __all__ shapes a star import refuses, hooks mutating their
# arguments, function attributes rewritten after the def (__defaults__, __kwdefaults__),
# __mro_entries__/__prepare__. Seed 57, 96 per contract, on main before gen59's fixes: static
# precision/recall pluggy-plain 0.538/0.250, pytest-style 0.625/0.333, factory 0.769/0.400,
# entry-function 0.600/0.176; static + dynamic recall 1.000 everywhere, precision 0.933 / 0.938
# / 0.962 / 1.000 (false PC507/PC201 over defaults set after the def). Its sample (the
# variants FRESH57_SAMPLE names, each a shape gen59's fixes judge: 4 pluggy, 3 factory plugins,
# 5 of them refused) runs in fresh46's hosts, by fresh46's oracle and plugcheck runs; its floors
# are the sample's numbers at seed 57 after gen59's fixes.
FRESH57_SAMPLE = {
    # defaults set after the def (good), cleared (refused); __all__ a set; a mangled private
    # method with an extra argument
    "pluggy": ("pk003", "pk009", "pk010", "pk012"),
    # init's defaults set after the def (good); __all__ a set; run spelled __run
    "factory": ("fk003", "fk012", "fk034"),
}
FRESH57_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0},
}


def _fresh57_sample() -> dict[str, list[compare.generate.Variant]]:
    from differential import fresh57

    count = 1 + max(int(n[2:]) for names in FRESH57_SAMPLE.values() for n in names)
    made = {
        "pluggy": fresh57.pluggy_variants(57, count),
        "factory": fresh57.factory_variants(57, count),
    }
    return {c: [v for v in vs if v.name in FRESH57_SAMPLE[c]] for c, vs in made.items()}


@pytest.mark.xdist_group("differential-fresh46")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH57_FLOOR))
def test_fresh57_no_regression_below_floor(
    fresh46: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh57 as family

    assert len(family.PLUGGY_KINDS) >= 6 and len(family.FACTORY_KINDS) >= 6
    assert len(family.ENTRY_KINDS) >= 4
    sample = _fresh57_sample()
    assert {c: tuple(v.name for v in vs) for c, vs in sample.items()} == FRESH57_SAMPLE
    found = _result(
        compare.only(fresh46, {v.name for vs in sample.values() for v in vs}), host, run
    )
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = len(sample[compare.HOSTS[host][0]])
    _assert_floor("fresh57", found, FRESH57_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0


# The fresh59 family (tests/differential/fresh59.py, pluggy, factory and entry-function hosts):
# typing-era authoring -- TypedDict results and isinstance, Self and @final, match class
# patterns, enum members and class-level __call__ as plugin objects, importlib.resources reads,
# both wrapper styles on one hook, dataclass(slots=True) workers, callable factories, PEP 695 in
# lazy submodules and stubs, cached_property and slot lay-outs. Seed 59, 96 per contract, on
# main before gen61's fixes: static precision/recall pluggy-plain 0.833/0.500, pytest-style
# 0.833/0.500, factory 0.923/0.500, entry-function 1.000/0.438; static + dynamic recall 1.000
# everywhere, precision 0.909 / 0.909 / 0.960 / 1.000 (PC546 over a failure the plugin's own
# wrapper catches, PC104 over a staticmethod __call__). Its sample (the variants FRESH59_SAMPLE
# names, each a shape gen61's fixes judge: 3 pluggy, 4 factory plugins, 2 of them refused) runs
# in fresh46's hosts, by fresh46's oracle and plugcheck runs; its floors are the sample's
# numbers at seed 59 after gen61's fixes.
FRESH59_SAMPLE = {
    # a wrapper catching what a plain hookimpl raises (good); isinstance against a TypedDict;
    # a wrapper on a historic hook through specname (refused)
    "pluggy": ("pj010", "pj023", "pj035"),
    # zero-argument super() in a slotted dataclass; isinstance against a TypedDict; __call__
    # set on the instance (refused); a staticmethod __call__ (good)
    "factory": ("fj001", "fj005", "fj006", "fj012"),
}
FRESH59_FLOOR: dict[tuple[str, str], dict[str, float]] = {
    ("pluggy-plain", "static"): {"precision": 1.0, "recall": 1.0},
    ("pluggy-plain", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
    ("pluggy-pytest", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "static"): {"precision": 1.0, "recall": 1.0},
    ("factory", "full"): {"precision": 1.0, "recall": 1.0, "broken_recall": 1.0},
}


def _fresh59_sample() -> dict[str, list[compare.generate.Variant]]:
    from differential import fresh59

    count = 1 + max(int(n[2:]) for names in FRESH59_SAMPLE.values() for n in names)
    made = {
        "pluggy": fresh59.pluggy_variants(59, count),
        "factory": fresh59.factory_variants(59, count),
    }
    return {c: [v for v in vs if v.name in FRESH59_SAMPLE[c]] for c, vs in made.items()}


@pytest.mark.xdist_group("differential-fresh46")
@pytest.mark.harness
@pytest.mark.slow
@pytest.mark.parametrize(("host", "run"), sorted(FRESH59_FLOOR))
def test_fresh59_no_regression_below_floor(
    fresh46: list[compare.Result], host: str, run: str
) -> None:
    from differential import fresh59 as family

    assert len(family.PLUGGY_KINDS) >= 6 and len(family.FACTORY_KINDS) >= 6
    assert len(family.ENTRY_KINDS) >= 4
    sample = _fresh59_sample()
    assert {c: tuple(v.name for v in vs) for c, vs in sample.items()} == FRESH59_SAMPLE
    found = _result(
        compare.only(fresh46, {v.name for vs in sample.values() for v in vs}), host, run
    )
    assert {"ok", "refused"} <= {row.truth for row in found.rows}
    least = len(sample[compare.HOSTS[host][0]])
    _assert_floor("fresh59", found, FRESH59_FLOOR[(host, run)], least=least)
    assert not found.all_passed_unchecked
    assert found.metrics()["unchecked_passes"] == 0
