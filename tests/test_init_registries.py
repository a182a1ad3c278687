"""`plugcheck init` on a host that fills a registry with its entry points' objects at import
and builds the one its configuration names elsewhere (commitizen 4's shape, issue 14.4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available
from plugcheck.model import ExportKind

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

# commitizen 4.19: cz/__init__.py binds `registry: dict[str, type[BaseCommitizen]] =
# discover_plugins()`, a dict comprehension over the group; factory.py imports it and does
# `registry[name](config)`.
REGISTRY_HOST = {
    "pyproject.toml": '[project]\nname = "quire"\nversion = "1.0"\n',
    "quire/__init__.py": "",
    "quire/config.py": """\
        class Config:
            def __init__(self):
                self.settings = {"name": "plain"}
        """,
    "quire/base.py": """\
        from quire.config import Config


        class Committer:
            def __init__(self, config: Config):
                self.config = config

            def questions(self):
                raise NotImplementedError
        """,
    "quire/cz/__init__.py": """\
        from __future__ import annotations

        from importlib import metadata
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from quire.base import Committer


        def discover_plugins() -> dict[str, type[Committer]]:
            return {ep.name: ep.load() for ep in metadata.entry_points(group="quire.plugin")}


        registry: dict[str, type[Committer]] = discover_plugins()
        """,
    "quire/factory.py": """\
        from quire.base import Committer
        from quire.config import Config
        from quire.cz import registry


        def committer_factory(config: Config) -> Committer:
            name = config.settings["name"]
            return registry[name](config)
        """,
    "plugins/good/pyproject.toml": '[project]\nname = "quire-good"\nversion = "1.0"\n'
    '[project.entry-points."quire.plugin"]\ngood = "quire_good:Good"\n',
    "plugins/good/src/quire_good/__init__.py": """\
        from quire.base import Committer


        class Good(Committer):
            def questions(self):
                return []
        """,
    "plugins/fn/pyproject.toml": '[project]\nname = "quire-fn"\nversion = "1.0"\n'
    '[project.entry-points."quire.plugin"]\nfn = "quire_fn:make"\n',
    "plugins/fn/src/quire_fn/__init__.py": """\
        def make(config):
            return config
        """,
}


def test_a_registry_filled_at_import_is_the_groups_loader(tmp_path: Path) -> None:
    """The registry's annotation names the class each entry point is (kind class, so a function
    there is PC104), its `ep.name` keys make the group keyed by name, and the call elsewhere,
    `registry[name](config)`, is the entry point's object called with the host's Config."""
    host = write_host(tmp_path, files=REGISTRY_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    assert "keyed-by-name = true  # the host keeps one object per entry-point name: " in proc.stdout
    assert 'argument = "quire.config:Config"' in proc.stdout
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.entry_point_group == "quire.plugin"
    ep_object = contract.entry_point_object
    assert ep_object is not None and ep_object.kind is ExportKind.CLASS
    assert str(ep_object.type) == "quire.base:Committer"
    data = cli_json("check", "--no-dynamic", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    assert not data["errors"], data["errors"]
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[union-attr]
    assert found == {("fn", "PC104")}


def test_a_registry_filled_by_a_loop_and_taken_with_get(tmp_path: Path) -> None:
    """`REGISTRY[ep.name] = ep.load()` in a top-level loop, and `cls = REGISTRY.get(name)` then
    `cls(config)` in another module under an alias: the same group, called with Config."""
    files = dict(REGISTRY_HOST)
    files["quire/cz/__init__.py"] = """\
        from importlib import metadata

        REGISTRY = {}
        for ep in metadata.entry_points(group="quire.plugin"):
            REGISTRY[ep.name] = ep.load()
        """
    files["quire/factory.py"] = """\
        from quire import cz
        from quire.config import Config


        def committer_factory(config: Config):
            cls = cz.REGISTRY.get(config.settings["name"])
            return cls(config)
        """
    host = write_host(tmp_path, files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert "keyed-by-name = true" in proc.stdout
    assert 'export = "entry-point"  # host: quire/factory.py:7' in proc.stdout
    assert 'argument = "quire.config:Config"' in proc.stdout
    assert "entry-point-object" not in proc.stdout  # no annotation, no check: any callable


# Jinja2 3.1's shape: load_extensions() imports each configured dotted path with the host's own
# import_string() helper, casts it to a type of its Extension base and builds it with the
# environment.
DOTTED_PATH_HOST = {
    "pyproject.toml": '[project]\nname = "tmpl"\nversion = "1.0"\n',
    "tmpl/__init__.py": "",
    "tmpl/utils.py": """\
        def import_string(import_name, silent=False):
            try:
                if ":" in import_name:
                    module, obj = import_name.split(":", 1)
                else:
                    module, _, obj = import_name.rpartition(".")
                return getattr(__import__(module, None, None, [obj]), obj)
            except (ImportError, AttributeError):
                if not silent:
                    raise
        """,
    "tmpl/ext.py": """\
        class Extension:
            def __init__(self, environment):
                self.environment = environment
        """,
    "tmpl/environment.py": """\
        import typing as t

        from tmpl.utils import import_string

        if t.TYPE_CHECKING:
            from tmpl.ext import Extension


        def load_extensions(environment: "Environment", extensions):
            result = {}
            for extension in extensions:
                if isinstance(extension, str):
                    extension = t.cast(t.Type["Extension"], import_string(extension))
                result[extension.__name__] = extension(environment)
            return result


        class Environment:
            def __init__(self, extensions=()):
                self.filters = {}
                self.extensions = load_extensions(self, extensions)
        """,
    "plugins/good.py": """\
        from tmpl.ext import Extension


        class Upper(Extension):
            def __init__(self, environment):
                super().__init__(environment)
                environment.filters["upper"] = str.upper
        """,
    "plugins/broken.py": """\
        from tmpl.ext import Extension


        class Broken(Extension):
            def __init__(self, environment):
                super().__init__(environment)
                environment.globals["now"] = None  # Environment has no globals
        """,
}


def test_classes_imported_by_a_dotted_path_helper_are_built_as_the_host_does(
    tmp_path: Path,
) -> None:
    """A helper returning getattr(__import__(module), name) imports what the configuration
    names; the class it gives, cast to type[Extension], is built with the environment: a
    plugin-classes table with a fresh Environment (it builds with no arguments) standing in."""
    host = write_host(tmp_path, files=DOTTED_PATH_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert 'base = "tmpl.ext:Extension"  # host: tmpl/environment.py:13' in proc.stdout
    assert 'stand-ins = ["tmpl.environment:Environment"]' in proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    assert not data["errors"], data["errors"]
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[union-attr]
    assert found == {("broken", "PC537")}


def test_an_alias_taking_any_arguments_fits_by_its_result_only(tmp_path: Path) -> None:
    """Scrapy 2.13: `obj = entry_point.load()`, `cmds[name] = obj()`; its console module's
    `EmbedFuncT = Callable[..., None]` fit that call by arity alone and became the
    entry-point-object, so every healthy command class got PC201 ("returns Hello, the host
    expects None"). An alias taking `...` fits only where the host drops a None result or checks
    the result against what it returns."""
    files = {
        "pyproject.toml": '[project]\nname = "crawly"\nversion = "1.0"\n',
        "crawly/__init__.py": "",
        "crawly/console.py": """\
            from typing import Callable

            EmbedFuncT = Callable[..., None]
            """,
        "crawly/cmdline.py": """\
            from importlib.metadata import entry_points


            def commands():
                cmds = {}
                for ep in entry_points(group="crawly.commands"):
                    obj = ep.load()
                    cmds[ep.name] = obj()
                return cmds


            def hooks():
                for ep in entry_points(group="crawly.hooks"):
                    ep.load()()
            """,
    }
    host = write_host(tmp_path, files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    commands, _, hooks = proc.stdout.partition("[tool.plugcheck.contracts.crawly-hooks]")
    assert "entry-point-object" not in commands
    assert "stand-ins = []  # the host calls the entry point's object with no arguments" in commands
    assert 'returns = "any"  # the host drops what it returns' in hooks


def test_entry_points_handed_to_a_helper_that_keys_them_by_name(tmp_path: Path) -> None:
    """mdformat 0.7's shape: `_load_entrypoints(entry_points(group=G))` for each of two groups,
    a helper whose loop keeps `loaded[ep.name] = ep.load()`: both groups are keyed by name (two
    installed `python` code formatters shadow each other: PC003)."""
    files = {
        "pyproject.toml": '[project]\nname = "mdfmt"\nversion = "1.0"\n',
        "mdfmt/__init__.py": "",
        "mdfmt/plugins.py": """\
            from importlib import metadata


            def _load_entrypoints(eps):
                loaded = {}
                for ep in eps:
                    loaded[ep.name] = ep.load()
                return loaded


            def formatters():
                return _load_entrypoints(metadata.entry_points(group="mdfmt.codeformatter"))


            def extensions():
                return _load_entrypoints(metadata.entry_points(group="mdfmt.parser_extension"))
            """,
    }
    host = write_host(tmp_path, files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    contracts = load_config(host / "pyproject.toml", available()).contracts
    assert {c.entry_point_group: c.options.get("keyed-by-name") for c in contracts} == {
        "mdfmt.codeformatter": True,
        "mdfmt.parser_extension": True,
    }
    assert proc.stdout.count("per entry-point name: mdfmt/plugins.py:6") == 2


def test_a_group_whose_entry_point_is_picked_by_its_name(tmp_path: Path) -> None:
    """isort 9's shapes, in loops inside methods: `profiles.setdefault(ep.name, ep.load())` (the
    first of a name wins) and `if ep.name == self.sort_order: ... = ep.load(); break` (the one
    the configuration names): both groups are keyed by name."""
    files = {
        "pyproject.toml": '[project]\nname = "srt"\nversion = "1.0"\n',
        "srt/__init__.py": "",
        "srt/settings.py": """\
            from importlib.metadata import entry_points

            PROFILES = {"plain": {"line_length": 79}}


            class Config:
                def __init__(self, profile="", sort_order="natural"):
                    profiles = dict(PROFILES)
                    if profile not in profiles:
                        for plugin in entry_points(group="srt.profiles"):
                            profiles.setdefault(plugin.name, plugin.load())
                    self.profile = profiles.get(profile, {}).copy()
                    self.sort_order = sort_order
                    self._sorting_function = None

                @property
                def sorting_function(self):
                    if self._sorting_function is None:
                        for sort_plugin in entry_points(group="srt.sort_function"):
                            if sort_plugin.name == self.sort_order:
                                self._sorting_function = sort_plugin.load()
                                break
                        else:
                            self._sorting_function = sorted
                    return self._sorting_function
            """,
    }
    host = write_host(tmp_path, files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    contracts = load_config(host / "pyproject.toml", available()).contracts
    assert {c.entry_point_group: c.options.get("keyed-by-name") for c in contracts} == {
        "srt.profiles": True,
        "srt.sort_function": True,
    }


# Faker 40's shape: `Generator.add_provider(cls_or_instance)` builds a class it is handed and
# keeps it; `Faker(includes=["module"])` reads `module.Provider` and hands it to the same method.
REGISTRATION_HOST = {
    "mockdata/__init__.py": "",
    "mockdata/providers.py": """\
        class BaseProvider:
            def __init__(self, generator):
                self.generator = generator
        """,
    "mockdata/generator.py": """\
        from typing import TYPE_CHECKING, Type, Union

        if TYPE_CHECKING:
            from .providers import BaseProvider


        class Generator:
            def __init__(self, **config):
                self.providers = []
                self._formatters = {}

            def add_provider(self, provider: Union["BaseProvider", Type["BaseProvider"]]) -> None:
                if isinstance(provider, type):
                    provider = provider(self)
                self.providers.insert(0, provider)
                for name in dir(provider):
                    if not name.startswith("_") and callable(getattr(provider, name)):
                        self._formatters[name] = getattr(provider, name)

            def format_as(self, kind):  # converts to the class it is handed: no registration
                if isinstance(kind, type):
                    self.check_kind(kind)
                    return kind(self)
                return kind

            def check_kind(self, kind):
                return kind
        """,
    "mockdata/factory.py": """\
        from importlib import import_module

        from .generator import Generator


        def _find_provider_class(path):
            provider_module = import_module(path)
            return getattr(provider_module, "Provider")


        def create(includes):
            generator = Generator()
            for path in includes:
                generator.add_provider(_find_provider_class(path))
            return generator
        """,
    "plugins/vehicle.py": """\
        from mockdata.providers import BaseProvider


        class VehicleProvider(BaseProvider):
            def vehicle(self):
                return "car"
        """,
    "plugins/broken.py": """\
        from mockdata.providers import BaseProvider


        class BrokenProvider(BaseProvider):
            def __init__(self, generator):
                super().__init__(generator)
                generator.formatters["x"] = self.x  # a Generator has no formatters
        """,
    "plugins/tagged.py": """\
        from mockdata.providers import BaseProvider


        class TagProvider(BaseProvider):
            @property
            def tag(self):  # read by add_provider's getattr: a Generator has no locale
                return self.generator.locale
        """,
    # Packages named by path whose classes live only in their modules, where users import them.
    "plugins/kit/__init__.py": '__version__ = "1.0"\n',
    "plugins/kit/providers.py": """\
        from mockdata.providers import BaseProvider


        class KitProvider(BaseProvider):
            def kit(self):
                return "kit"
        """,
    "plugins/kit/_regenerate.py": "open('data.md').read()  # a script run by hand\n",
    "plugins/kit/__main__.py": "raise SystemExit('a program, never imported')\n",
    "plugins/kitbroken/__init__.py": "",
    "plugins/kitbroken/models.py": """\
        from mockdata.providers import BaseProvider


        class ModelProvider(BaseProvider):
            def __init__(self, generator):
                super().__init__(generator)
                generator.formatters["m"] = self.m  # a Generator has no formatters
        """,
    "plugins/kitbroken/extra.py": "from mockdata.providers import NoSuchProvider\n",
    "plugins/bare/__init__.py": "",
    "plugins/bare/helpers.py": "def helper():\n    return 1\n",
}


def test_a_public_method_that_builds_the_class_it_is_handed_is_the_plugins_route(
    tmp_path: Path,
) -> None:
    """Faker's unedited proposal required `Provider` (read only by the `includes` route) and
    failed 21 of 27 healthy provider packages, which users hand to `add_provider`. With such a
    method, names read on modules imported by name are a TODO, and the classes the method builds
    are the plugins, each handed to the method on a fresh instance of its class: the healthy
    provider passes, the one that fails when built and the one the method refuses are found.
    A package named by path is looked into as users import from it: faker-e164's classes live
    only in its modules, and the package alone defines none (a false PC538 before)."""
    host = write_host(tmp_path, files=REGISTRATION_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    route = "handed to mockdata.generator:Generator.add_provider (mockdata/generator.py:12), which"
    assert route in proc.stdout
    assert '\n# Provider = { kind = "callable" }  # host: mockdata/factory.py:8' in proc.stdout
    assert (
        'base = "mockdata.providers:BaseProvider"  # host: mockdata/generator.py:12' in proc.stdout
    )
    assert 'stand-ins = ["mockdata.generator:Generator"]' in proc.stdout
    # The method itself judges each class, on a fresh Generator() (it builds with no arguments).
    assert 'accepted-by = "mockdata.generator:Generator().add_provider"' in proc.stdout
    assert "\nsubmodules = true  # users hand the host the classes" in proc.stdout
    # Its loop over dir(provider) makes each public method the host's: run only by users.
    assert "# TODO: the host makes each public member of what it built callable through it" in (
        proc.stdout
    )
    assert "(mockdata/generator.py:16); those run only when a user calls them" in proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    assert not data["errors"], data["errors"]
    found = {
        (f["plugin"], f["code"], f["severity"], f["path"].rpartition("/")[2])
        for f in data["findings"]  # type: ignore[union-attr]
    }
    # A package's classes are found in its public modules and built; a module that fails to
    # import is said (its classes unchecked); a package none of whose modules has one is PC538.
    assert found == {
        ("broken", "PC537", "error", "broken.py"),
        ("tagged", "PC537", "error", "tagged.py"),
        ("kitbroken", "PC537", "error", "models.py"),
        ("kitbroken", "PC537", "warning", "extra.py"),
        ("bare", "PC538", "error", "__init__.py"),
    }
    [tagged] = [f["message"] for f in data["findings"] if f["plugin"] == "tagged"]
    assert (
        "TagProvider handed to the host's mockdata.generator.Generator().add_provider(), which "
        "refused it: AttributeError" in tagged
    ), tagged
