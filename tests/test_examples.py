"""The shipped example contracts load, and name what their hosts really use."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available

from conftest import ROOT

EXAMPLES = ROOT / "examples" / "contracts"


@pytest.mark.parametrize(
    ("name", "kind", "group"),
    [
        ("pytest.toml", "pluggy", "pytest11"),
        ("mkdocs.toml", "subclass", "mkdocs.plugins"),
        ("sphinx.toml", "factory", None),
        ("tox.toml", "pluggy", "tox"),
        ("datasette.toml", "pluggy", "datasette"),
        ("keyring.toml", "factory", "keyring.backends"),
        ("flake8.toml", "factory", "flake8.extension"),
        ("pygments.toml", "subclass", "pygments.lexers"),
        ("markdown_modules.toml", "factory", None),
        ("pylint.toml", "factory", None),
        ("mypy.toml", "factory", None),
        ("beets.toml", "factory", None),
        ("babel.toml", "factory", "babel.extractors"),
        ("markdown.toml", "factory", "markdown.extensions"),
        ("coverage.toml", "factory", None),
        ("mkdocstrings.toml", "factory", None),
        ("ipython.toml", "factory", None),
        ("virtualenv.toml", "factory", "virtualenv.discovery"),
        ("kedro.toml", "pluggy", "kedro.hooks"),
        ("pybtex.toml", "factory", "pybtex.style.formatting"),
        ("pyscaffold.toml", "factory", "pyscaffold.cli"),
        ("bandit.toml", "factory", "bandit.plugins"),
        ("fsspec.toml", "factory", "fsspec.specs"),
        ("mopidy.toml", "factory", "mopidy.ext"),
        ("pyramid.toml", "factory", None),
        ("rasterio.toml", "factory", "rasterio.rio_plugins"),
        ("openstackclient.toml", "factory", "openstack.cli.extension"),
        ("pytask.toml", "pluggy", "pytask"),
        ("pyfilesystem.toml", "factory", "fs.opener"),
        ("papermill.toml", "factory", "papermill.engine"),
        ("ytdlp.toml", "factory", None),
        ("jupyter_server.toml", "factory", None),
        ("tutor.toml", "factory", "tutor.plugin.v1"),
        ("pyexcel.toml", "factory", None),
        ("mdformat.toml", "factory", "mdformat.parser_extension"),
        ("sceptre.toml", "subclass", "sceptre.resolvers"),
        ("sqlite_utils.toml", "pluggy", "sqlite_utils"),
        ("intake.toml", "factory", "intake.drivers"),
        ("octoprint.toml", "factory", "octoprint.plugin"),
        ("isort.toml", "factory", "isort.sort_function"),
        ("hypothesis.toml", "factory", "hypothesis"),
        ("faker.toml", "factory", None),
        ("pydantic.toml", "factory", "pydantic"),
        ("celery.toml", "factory", "celery.commands"),
        ("twisted.toml", "factory", None),
        ("errbot.toml", "factory", None),
    ],
)
def test_example_contract_loads(name: str, kind: str, group: str | None) -> None:
    contract, *_ = load_config(EXAMPLES / name, available()).contracts
    assert contract.kind == kind
    assert contract.entry_point_group == group


def test_sphinx_contract_calls_setup_only_through_its_stand_in() -> None:
    (contract,) = load_config(EXAMPLES / "sphinx.toml", available()).contracts
    setup = contract.options["setup-function"]
    module, _, function = setup["stand-in"].partition(":")
    assert any((path / f"{module}.py").is_file() for path in contract.search_path)
    assert function == "app"
    assert [e.name for e in contract.exports] == ["setup"]


def test_mypy_contract_calls_plugin_then_instantiates_the_class() -> None:
    (contract,) = load_config(EXAMPLES / "mypy.toml", available()).contracts
    setup = contract.options["setup-function"]
    for ref in [*setup["stand-ins"], *setup["instantiate-with"]]:
        module, _, function = ref.partition(":")
        assert any((path / f"{module}.py").is_file() for path in contract.search_path)
        assert function in {"version", "options"}
    assert (setup["returns"], setup["return-type"]) == ("subclass", "mypy.plugin:Plugin")


def test_every_example_is_tested() -> None:
    tested = {"pytest.toml", "mkdocs.toml", "sphinx.toml", "tox.toml", "datasette.toml"}
    tested |= {"keyring.toml", "flake8.toml", "pygments.toml", "markdown_modules.toml"}
    tested |= {"pylint.toml"}
    tested |= {"mypy.toml", "beets.toml"}
    tested |= {"babel.toml", "markdown.toml", "coverage.toml"}
    tested |= {"pelican.toml", "llm.toml"}
    tested |= {"sqlfluff.toml", "httpie.toml", "hatch.toml", "nbconvert.toml"}
    tested |= {"virtualenv.toml", "kedro.toml"}
    tested |= {"mkdocstrings.toml", "ipython.toml", "pybtex.toml", "pdm.toml"}
    tested |= {"pyscaffold.toml", "bandit.toml", "fsspec.toml", "flask.toml", "poetry.toml"}
    tested |= {"certbot.toml", "opentelemetry.toml", "sqlalchemy.toml", "lektor.toml"}
    tested |= {"xonsh.toml", "pyinstaller.toml", "asdf.toml", "xarray.toml"}
    tested |= {"setuptools.toml", "sopel.toml", "devpi.toml", "commitizen.toml", "pylsp.toml"}
    tested |= {"jinja2.toml"}
    tested |= {"mopidy.toml"}  # loads (above); its real host needs Debian's gi: no slow test
    tested |= {
        "pyramid.toml",
        "rasterio.toml",
        "openstackclient.toml",
        "pytask.toml",
        "pyfilesystem.toml",
        "papermill.toml",
        "ytdlp.toml",
        "jupyter_server.toml",
        "tutor.toml",
        "pyexcel.toml",
        "mdformat.toml",
        "sceptre.toml",
        "sqlite_utils.toml",
        "intake.toml",
        "octoprint.toml",
        "isort.toml",
        "hypothesis.toml",
        "faker.toml",
        "pydantic.toml",
        "celery.toml",
        "twisted.toml",
        "errbot.toml",
    }  # load (above); real hosts tried by hand only
    assert {p.name for p in Path(EXAMPLES).glob("*.toml")} == tested


def test_mkdocstrings_contract_calls_get_handler_with_six_keywords() -> None:
    (contract,) = load_config(EXAMPLES / "mkdocstrings.toml", available()).contracts
    assert contract.options["namespace"] == "mkdocstrings_handlers"
    setup = contract.options["setup-function"]
    assert setup["stand-ins"] == []
    keywords = setup["keyword-stand-ins"]
    assert set(keywords) == {
        "theme",
        "custom_templates",
        "mdx",
        "mdx_config",
        "handler_config",
        "tool_config",
    }
    for ref in keywords.values():
        module, _, function = ref.partition(":")
        assert any((path / f"{module}.py").is_file() for path in contract.search_path)
        assert function in keywords
    assert (setup["returns"], setup["return-type"]) == ("instance", "mkdocstrings:BaseHandler")


def test_markdown_contract_makes_only_the_hosts_call() -> None:
    (contract,) = load_config(EXAMPLES / "markdown.toml", available()).contracts
    assert contract.lifecycle is not None and contract.lifecycle.calls is not None
    (call,) = contract.lifecycle.calls
    assert call.method == "extendMarkdown"
    (stand_in,) = call.stand_ins
    assert any((path / f"{stand_in.module}.py").is_file() for path in contract.search_path)


def test_babel_contract_types_the_entry_point_object() -> None:
    (contract,) = load_config(EXAMPLES / "babel.toml", available()).contracts
    typed = contract.entry_point_object
    assert typed is not None and typed.type is not None
    assert any((path / f"{typed.type.module}.py").is_file() for path in contract.search_path)
