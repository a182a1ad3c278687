"""A generator family for all five differential hosts, written as an outsider (issue 12).

Written by fresh23 after grepping every other family (generate, redteam, unseen, unseen_factory,
wild, outsider_*, fresh12-21) for each idea. Already written somewhere, so left out: metaclass
conflicts with the host base (fresh15, subclass), ``__init_subclass__`` keywords, ``__slots__``
and frozen/slots dataclass products, PEP 562 ``__getattr__`` exports, every pluggy option
(``specname``, ``tryfirst``+``trylast``, ``optionalhook``, historic, ``hookwrapper``,
``firstresult``), extras in entry points, environment variables read at import, members set per
instance, ``cached_property`` and ``singledispatchmethod``, a thread object kept in a product.
Nothing wrote: package data read through ``importlib.resources``/``pkgutil.get_data``/
``__file__`` (present, missing, in a subfolder, ``files()`` of a lone module), ``__del__`` and
``weakref`` finalizers (raising, resurrecting, ending the process), threads, timers and
executors started at import or in the call (raising, left running, a future's result), the
plugin patching the host's API or the standard library (the host base's ``__init__``, the
base itself replaced, its abstract methods cleared, a registry method, the hook marker
wrapped), plugins importing a sibling plugin (present, missing, looked up in ``sys.modules``
before anyone imported it, circular imports early and late), and class graphs around the
host's own base (a mixin with its own metaclass beside an ``abc`` base, inconsistent MROs
through the host base, ``__slots__`` layout conflicts, a class made in the call). About half
of the variants are healthy. The real loader decides every verdict; nothing here records an
expectation. ``@NAME@`` in a kind's text is the variant's module name.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.fresh21 import CALLED, Target, _target
from differential.generate import Draw, Variant, _draws, _structure

Parts = tuple[list[str], str, dict[str, str]]
"""(extra import lines, module body, more files: a relative path inside the package, or
``/name.py`` for a module beside the plugin in the plugins directory)"""
Kind = Callable[[Draw, Target], Parts]
LONE = "@lone@"
"""A key of the files a kind returns: the plugin must be a lone module (``.py``)."""

WORDS = "alpha\nbeta\ngamma\n"


def _called(t: Target) -> str:
    """The name of the function or method the host calls."""
    method, _ = CALLED[t.host]
    return method or t.export


# ---------------------------------------------------------------- package data


def _k_package_data(rng: Draw, t: Target) -> Parts:
    how = rng.sub(
        [
            "files-import",
            "files-import-missing",
            "files-call-missing",
            "files-subfolder",
            "pkgutil-import",
            "pkgutil-call-missing",
            "file-relative",
            "files-lone-module",
            "files-optional",
            "as-file-call",
        ]
    )
    here = "importlib.resources.files(__name__)"
    data = {"words.txt": WORDS}
    imports = ["import importlib.resources"]
    top, call = "", "_ = sorted(_WORDS)"
    if how == "files-import":
        top = f'_WORDS = ({here} / "words.txt").read_text().split()\n'
    elif how == "files-import-missing":
        top = f'_WORDS = ({here} / "words.txt").read_text().split()\n'
        data = {"README.md": "words.txt is made by the build\n"}
    elif how == "files-call-missing":
        call = f'_WORDS = ({here} / "words.txt").read_text().split()'
        data = {"README.md": "words.txt is made by the build\n"}
    elif how == "files-subfolder":
        top = f'_WORDS = {here}.joinpath("data", "words.txt").read_text().split()\n'
        data = {"data/words.txt": WORDS}
    elif how == "pkgutil-import":
        imports = ["import pkgutil"]
        top = '_WORDS = (pkgutil.get_data(__name__, "words.txt") or b"").decode().split()\n'
    elif how == "pkgutil-call-missing":
        imports = ["import pkgutil"]
        call = '_WORDS = pkgutil.get_data(__name__, "stopwords.txt").decode().split()'
    elif how == "file-relative":
        imports = ["import pathlib"]
        top = '_WORDS = pathlib.Path(__file__).with_name("words.txt").read_text().split()\n'
    elif how == "files-lone-module":
        top = f'_WORDS = ({here} / "words.txt").read_text().split()\n'
        data = {LONE: "", "/words.txt": WORDS}
    elif how == "files-optional":
        top = (
            f"try:\n    _WORDS = ({here} / 'words.txt').read_text().split()\n"
            "except (FileNotFoundError, TypeError):\n    _WORDS = ['alpha']\n"
        )
        data = {}
    else:
        call = (
            f'with importlib.resources.as_file({here} / "words.txt") as _path:\n'
            "    _WORDS = _path.read_text().split()"
        )
    return imports, f"{top}\n\n{t.defs(call)}", data


# ---------------------------------------------------------------- finalizers


def _k_finalizer(rng: Draw, t: Target) -> Parts:
    hows = [
        "del-raises",
        "weakref-finalize-raises",
        "weakref-callback-raises",
        "del-exits",
        "module-guard-del",
        "del-resurrects",
        "del-cycle-collected",
    ]
    if t.host != "pluggy":
        hows += ["product-del-raises", "product-del-exits"]
    how = rng.sub(hows)
    imports: list[str] = []
    handle = "class _Handle:\n    def close(self):\n        return None\n"
    call = "_h = _Handle()\n_h.close()\ndel _h"
    top = ""
    if how == "del-raises":
        top = handle + "\n    def __del__(self):\n        raise RuntimeError('handle leaked')\n"
    elif how == "weakref-finalize-raises":
        imports = ["import weakref"]
        top = handle + "\n\ndef _gone():\n    raise RuntimeError('finalized twice')\n"
        call = "_h = _Handle()\nweakref.finalize(_h, _gone)\ndel _h"
    elif how == "weakref-callback-raises":
        imports = ["import weakref"]
        top = handle + "\n\ndef _gone(ref):\n    raise RuntimeError('finalized twice')\n"
        call = "_h = _Handle()\n_r = weakref.ref(_h, _gone)\ndel _h"
    elif how == "del-exits":
        imports = ["import os"]
        top = handle + "\n    def __del__(self):\n        os._exit(0)\n"
    elif how == "module-guard-del":
        top = (
            handle + "\n    def __del__(self):\n        raise RuntimeError('closed at exit')\n\n\n"
            "_GUARD = _Handle()\n"
        )
        call = "_GUARD.close()"
    elif how == "del-resurrects":
        top = "_KEPT = []\n\n\n" + handle + "\n    def __del__(self):\n        _KEPT.append(self)\n"
    elif how == "del-cycle-collected":
        imports = ["import gc"]
        top = handle + "\n    def __del__(self):\n        raise RuntimeError('cycle')\n"
        call = "_h = _Handle()\n_h.me = _h\ndel _h\ngc.collect()"
    else:
        body = "os._exit(0)" if how == "product-del-exits" else "raise RuntimeError('dropped')"
        imports = ["import os"] if how == "product-del-exits" else []
        cls = "Worker" if t.host == "factory" else "Spelling" if t.host == "entry" else t.export
        defs = t.defs()
        marker = f"class {cls}"
        start = defs.index(marker)
        end = defs.index("\n", start)
        head = defs[: end + 1]
        tail = defs[end + 1 :]
        dunder = f"    def __del__(self):\n        {body}\n\n"
        return imports, head + dunder + tail, {}
    return imports, f"{top}\n\n{t.defs(call)}", {}


# ---------------------------------------------------------------- threads


def _k_threads(rng: Draw, t: Target) -> Parts:
    how = rng.sub(
        [
            "thread-raises-joined",
            "thread-raises-unjoined",
            "timer-raises",
            "daemon-loop",
            "thread-fills-table",
            "call-worker-raises",
            "future-raises-import",
            "future-fine-import",
            "future-raises-call",
        ]
    )
    imports = ["import threading"]
    boom = "def _warm():\n    raise RuntimeError('cache server unreachable')\n"
    call = ""
    if how == "thread-raises-joined":
        top = f"{boom}\n\n_t = threading.Thread(target=_warm)\n_t.start()\n_t.join()\n"
    elif how == "thread-raises-unjoined":
        top = f"{boom}\n\nthreading.Thread(target=_warm, daemon=True).start()\n"
    elif how == "timer-raises":
        timer = "_timer = threading.Timer(0.01, _warm)\n_timer.daemon = True\n_timer.start()\n"
        top = f"{boom}\n\n{timer}"
    elif how == "daemon-loop":
        imports.append("import time")
        top = (
            "def _poll():\n    while True:\n        time.sleep(0.05)\n\n\n"
            "threading.Thread(target=_poll, daemon=True, name='poller').start()\n"
        )
    elif how == "thread-fills-table":
        top = (
            "_TABLE = {}\n\n\ndef _fill():\n    _TABLE.update(a=1, b=2)\n\n\n"
            "_t = threading.Thread(target=_fill)\n_t.start()\n_t.join()\n"
        )
        call = "_ = _TABLE['a']"
    elif how == "call-worker-raises":
        top = (
            "_RESULTS = []\n\n\ndef _work():\n    raise RuntimeError('worker failed')\n"
            "    _RESULTS.append(1)\n"
        )
        call = "_t = threading.Thread(target=_work)\n_t.start()\n_t.join()\n_ = _RESULTS[0]"
    else:
        imports = ["import concurrent.futures"]
        pool = "_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=1)\n"
        load = "def _load():\n    raise LookupError('no table')\n"
        if how == "future-fine-import":
            load = "def _load():\n    return {'a': 1}\n"
        if how == "future-raises-call":
            top = f"{pool}\n\n{load}"
            call = "_ = _POOL.submit(_load).result()"
        else:
            top = f"{pool}\n\n{load}\n\n_TABLE = _POOL.submit(_load).result()\n"
    return imports, f"{top}\n\n{t.defs(call)}", {}


# ---------------------------------------------------------------- the plugin patches the host


def _k_host_patch(rng: Draw, t: Target) -> Parts:
    common = ["stdlib-compatible", "stdlib-narrowed"]
    if t.host == "pluggy":
        hows = ["marker-wrapped", "marker-wrapped-forgets", *common, "marker-counted"]
    elif t.host == "factory":
        hows = ["protocol-member-patched", "api-extended", *common, "protocol-member-deleted"]
    else:
        hows = [
            "base-init-wrapped",
            "base-init-narrowed",
            "base-replaced",
            "base-replaced-own",
            "abstract-cleared",
            *common,
        ]
        if t.host == "entry":
            hows += ["registry-method-raises", "registry-method-wrapped"]
    how = rng.sub(hows)
    if how.startswith("stdlib"):
        narrowed = how == "stdlib-narrowed"
        patch = (
            "_dumps = json.dumps\n\n\n"
            + (
                "def _quiet_dumps(obj):\n    return _dumps(obj)\n"
                if narrowed
                else "def _quiet_dumps(obj, **kwargs):\n    return _dumps(obj, **kwargs)\n"
            )
            + "\n\njson.dumps = _quiet_dumps\n"
        )
        call = "_ = json.dumps({'k': 1}, sort_keys=True)"
        return ["import json"], f"{patch}\n\n{t.defs(call)}", {}
    if t.host == "pluggy":
        returned = "" if how == "marker-wrapped-forgets" else "        return function\n"
        counted = how == "marker-counted"
        patch = (
            "_original = dhost.hookimpl\n_COUNT = []\n\n\n"
            "def _logged(function=None, **opts):\n"
            "    def apply(function):\n"
            "        _original(**opts)(function)\n"
            + ("        _COUNT.append(function.__name__)\n" if counted else "")
            + returned
            + "\n    return apply(function) if function is not None else apply\n\n\n"
            "dhost.hookimpl = _logged\n"
        )
        fn = "def dh_render(page, context):\n    return str(page)\n"
        return ["import dhost"], f"{patch}\n\n@dhost.hookimpl\n{fn}", {}
    if t.host == "factory":
        if how == "protocol-member-patched":
            patch = "fhost.Plugin.describe = lambda self: type(self).__name__\n"
        elif how == "api-extended":
            patch = "fhost.PLUGIN_VERSIONS = getattr(fhost, 'PLUGIN_VERSIONS', ()) + ('1',)\n"
        else:
            patch = "del fhost.Plugin.shutdown\n"
        return ["import fhost"], f"{patch}\n\n{t.defs()}", {}
    module, base = ("ehost", "Checker") if t.host == "entry" else ("shost", "Base")
    imports = [f"import {module}"]
    if how == "base-init-wrapped":
        patch = (
            f"_init = {module}.{base}.__init__\n\n\n"
            "def _logged_init(self, options):\n    _init(self, options)\n"
            "    self.logged = True\n\n\n"
            f"{module}.{base}.__init__ = _logged_init\n"
        )
    elif how == "base-init-narrowed":
        patch = f"def _init(self):\n    self.options = {{}}\n\n\n{module}.{base}.__init__ = _init\n"
    elif how == "base-replaced":
        patch = (
            f"class _Audited({module}.{base}):\n    audited = True\n\n\n"
            f"{module}.{base} = _Audited\n"
        )
        return imports, f"{t.defs()}\n\n{patch}", {}
    elif how == "base-replaced-own":
        patch = (
            f"class _Audited({module}.{base}):\n    audited = True\n\n\n"
            f"{module}.{base} = _Audited\n"
        )
        own = Target(t.host, t.imports, t.export, base="_Audited")
        return imports, f"{patch}\n\n{own.defs()}", {}
    elif how == "abstract-cleared":
        method = _called(t)
        patch = f"{module}.{base}.__abstractmethods__ = frozenset()\n"
        own = Target(t.host, t.imports, t.export, base=t.base)
        whole = f"def describe(self):\n    return {method!r}\n"
        return imports, f"{patch}\n\n{own.defs(whole=whole)}", {}
    elif how == "registry-method-raises":
        patch = (
            "def _closed(self, checker):\n    raise RuntimeError('registry is closed')\n\n\n"
            f"{module}.Registry.add_checker = _closed\n"
        )
        body = t.defs().replace(
            "def plugin(registry, options):\n",
            "def plugin(registry, options):\n    registry.add_checker(Spelling)\n",
        )
        return imports, f"{patch}\n\n{body}", {}
    else:  # registry-method-wrapped
        patch = (
            f"_add = {module}.Registry.add_checker\n\n\n"
            "def _add_once(self, checker):\n    if checker not in self.checkers:\n"
            "        _add(self, checker)\n\n\n"
            f"{module}.Registry.add_checker = _add_once\n"
        )
        body = t.defs().replace(
            "def plugin(registry, options):\n",
            "def plugin(registry, options):\n    registry.add_checker(Spelling)\n",
        )
        return imports, f"{patch}\n\n{body}", {}
    return imports, f"{patch}\n\n{t.defs()}", {}


# ---------------------------------------------------------------- sibling plugins


def _sibling(t: Target, extra: str = "") -> str:
    imports = "\n".join(t.imports)
    return f'"""A sibling plugin."""\n\n{imports}\n\n\nVERSION = "1"\n{extra}\n\n{t.defs()}'


def _k_load_order(rng: Draw, t: Target) -> Parts:
    how = rng.sub(
        [
            "sibling-import",
            "sibling-missing",
            "sys-modules-lookup",
            "sys-modules-fallback",
            "circular-late",
            "circular-early",
            "call-import-missing",
            "call-import-sibling",
        ]
    )
    sib = "@NAME@_common"
    shout = "\n\ndef shout(text):\n    return str(text).upper()\n"
    files = {f"/{sib}.py": _sibling(t, shout)}
    call = "_ = _common.shout('x')"
    imports: list[str] = []
    if how == "sibling-import":
        top = f"import {sib} as _common\n"
    elif how == "sibling-missing":
        top = f"import {sib} as _common\n"
        files = {}
    elif how == "sys-modules-lookup":
        imports = ["import sys"]
        top = f'_common = sys.modules["{sib}"]\n'
    elif how == "sys-modules-fallback":
        imports = ["import importlib", "import sys"]
        top = f'_common = sys.modules.get("{sib}") or importlib.import_module("{sib}")\n'
    elif how in ("circular-late", "circular-early"):
        back = f"\nfrom @NAME@ import STAMP  # noqa: E402\n{shout}"
        files = {f"/{sib}.py": _sibling(t, back), LONE: ""}
        if how == "circular-late":
            top = f'import {sib} as _common\n\nSTAMP = "2024"\n'
        else:
            top = f'STAMP = "2024"\n\nimport {sib} as _common  # noqa: E402\n'
    elif how == "call-import-missing":
        imports = ["import importlib"]
        top = ""
        call = f'_common = importlib.import_module("{sib}_extras")\n_ = _common.shout("x")'
    else:
        imports = ["import importlib"]
        top = ""
        call = f'_common = importlib.import_module("{sib}")\n_ = _common.shout("x")'
    return imports, f"{top}\n\n{t.defs(call)}", files


# ---------------------------------------------------------------- class graphs


def _k_class_graph(rng: Draw, t: Target) -> Parts:
    hosted = t.host in ("entry", "subclass")
    hows = ["layout-conflict", "layout-fine", "made-in-call-mro", "made-in-call-fine"]
    if hosted:
        hows += ["own-meta-mixin", "abc-meta-mixin", "mro-through-base", "mixin-after-base"]
    else:
        hows += ["meta-of-meta-conflict", "meta-derived"]
    how = rng.sub(hows)
    imports: list[str] = []
    call = ""
    top = ""
    if how.startswith("layout"):
        second = '("hits",)' if how == "layout-conflict" else "()"
        top = (
            'class _Counted:\n    __slots__ = ("count",)\n\n\n'
            f"class _Timed:\n    __slots__ = {second}\n\n\n"
            "class _Stats(_Counted, _Timed):\n    __slots__ = ()\n"
        )
    elif how.startswith("made-in-call"):
        order = "_Leaf, _Root" if how == "made-in-call-fine" else "_Root, _Leaf"
        top = "class _Root:\n    pass\n\n\nclass _Leaf(_Root):\n    pass\n"
        call = f"_Mixed = type('_Mixed', ({order}), {{}})"
    elif how == "meta-of-meta-conflict":
        top = (
            "class _Meta(type):\n    pass\n\n\nclass _Other(type):\n    pass\n\n\n"
            "class _Tagged(metaclass=_Meta):\n    pass\n\n\n"
            "def _make():\n    return _Other('_Late', (_Tagged,), {})\n\n\n_LATE = _make()\n"
        )
    elif how == "meta-derived":
        top = (
            "class _Meta(type):\n    pass\n\n\nclass _Sub(_Meta):\n    pass\n\n\n"
            "class _Tagged(metaclass=_Meta):\n    pass\n\n\n"
            "def _make():\n    return _Sub('_Late', (_Tagged,), {})\n\n\n_LATE = _make()\n"
        )
    else:
        cls = "Spelling" if t.host == "entry" else t.export
        defs = t.defs()
        if how == "own-meta-mixin":
            top = (
                "class _Meta(type):\n    pass\n\n\nclass _Registered(metaclass=_Meta):\n    pass\n"
            )
            bases = f"_Registered, {t.base}"
        elif how == "abc-meta-mixin":
            imports = ["import abc"]
            top = (
                "class _Meta(abc.ABCMeta):\n    pass\n\n\n"
                "class _Registered(metaclass=_Meta):\n    pass\n"
            )
            bases = f"_Registered, {t.base}"
        elif how == "mro-through-base":
            top = f"class _Mixin({t.base}):\n    pass\n"
            bases = f"{t.base}, _Mixin"
        else:
            top = "class _Mixin:\n    tag = 'x'\n"
            bases = f"{t.base}, _Mixin"
        defs = defs.replace(f"class {cls}({t.base}):", f"class {cls}({bases}):")
        return imports, f"{top}\n\n{defs}", {}
    return imports, f"{top}\n\n{t.defs(call)}", {}


KINDS: dict[str, Kind] = {
    "package-data": _k_package_data,
    "finalizer": _k_finalizer,
    "threads": _k_threads,
    "host-patch": _k_host_patch,
    "load-order": _k_load_order,
    "class-graph": _k_class_graph,
}
PLUGGY_KINDS = FACTORY_KINDS = HOST_KINDS = KINDS


def _made(host: str, prefix: str, seed: int, count: int) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(KINDS, seed, count):
        t, trait = _target(rng, host)
        extra, body, more = KINDS[kind](rng, t)
        name = f"{prefix}{i:03d}"
        header = "\n".join(
            [f'"""Fresh23 {host} plugin: {kind}."""', "", *sorted(set(extra)), *t.imports]
        )
        more = {k.replace("@NAME@", name): v.replace("@NAME@", name) for k, v in more.items()}
        body = body.replace("@NAME@", name)
        outside = {k[1:]: v for k, v in more.items() if k.startswith("/")}
        inside = {k: v for k, v in more.items() if not k.startswith("/") and k != LONE}
        if LONE in more:
            structure, files = "module", {f"{name}.py": f"{header}\n\n\n{body.strip()}\n"}
        elif inside:
            files = {f"{name}/__init__.py": f"{header}\n\n\n{body.strip()}\n"}
            files.update({f"{name}/{rel}": text for rel, text in inside.items()})
            structure = "package"
        else:
            structure, files = _structure(rng, name, header, body)
        files.update(outside)
        variants.append(Variant(name, host, kind, (trait, structure), files))
    return variants


def pluggy_variants(seed: int = 23, count: int = 100) -> list[Variant]:
    return _made("pluggy", "pv", seed + 2321, count)


def factory_variants(seed: int = 23, count: int = 100) -> list[Variant]:
    return _made("factory", "fv", seed + 2322, count)


def entry_variants(seed: int = 23, count: int = 100) -> list[Variant]:
    return _made("entry", "ev", seed + 2323, count)


def subclass_variants(seed: int = 23, count: int = 100) -> list[Variant]:
    return _made("subclass", "sv", seed + 2324, count)
