"""Time the native kinds: c-shared (static, and with the isolated ctypes load) and go-so.

python bench/bench_native.py          # N = 10 and 100 libraries / plugins
python bench/bench_native.py 10 200

c-shared uses the prebuilt libraries under testdata/rules/PC70x; go-so uses the synthetic files
of scripts/build_go_testdata.py, and real Go builds (host 3.5 MB, plugin 1.4 MB) when `go` is
on PATH.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from plugcheck import Options, check

ROOT = Path(__file__).resolve().parents[1]
HEADER = ROOT / "testdata" / "native" / "c-shared" / "include" / "plugin.h"


def _script(name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _time(root: Path, dynamic: bool) -> tuple[float, int]:
    start = time.perf_counter()
    report = check(Options(paths=(root,), dynamic=dynamic))
    return time.perf_counter() - start, len(report.findings)


def c_shared(n: int, work: Path) -> Path:
    root = work / f"c{n}"
    libs = [
        ROOT / "testdata/rules/PC701/good/lib/libgood.so",
        ROOT / "testdata/rules/PC701/bad/lib/libmissing.so",
    ]
    (root / "lib").mkdir(parents=True)
    for i in range(n):
        shutil.copy(libs[i % 2], root / "lib" / f"lib{i:04}.so")
    (root / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.c]\nkind = "c-shared"\npaths = ["lib/*.so"]\n'
        f'header = "{HEADER}"\nsmoke-function = "plugin_shutdown"\n'
    )
    return root


def go_synthetic(n: int, work: Path) -> Path:
    synth = _script("build_go_testdata")
    root = work / f"go{n}"
    synth.write(root / "host" / "app", synth.host())  # type: ignore[attr-defined]
    edited = {**synth.plugin().hashes, synth.API: b"edited!!"}  # type: ignore[attr-defined]
    for i in range(n):
        spec = synth.plugin(hashes=edited) if i % 2 else synth.plugin()  # type: ignore[attr-defined]
        synth.write(root / "plugins" / f"p{i:04}.so", spec)  # type: ignore[attr-defined]
    (root / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.g]\nkind = "go-so"\npaths = ["plugins/*.so"]\n'
        'host-binary = "host/app"\nlookup-symbols = ["New"]\n'
    )
    return root


def go_real(n: int, work: Path) -> Path | None:
    if shutil.which("go") is None:
        return None
    src = work / "gosrc"
    for rel, text in {
        "go.mod": "module example.com/app\n\ngo 1.19\n",
        "api/api.go": "package api\n\ntype G interface{ Greet() string }\n",
        "host/main.go": 'package main\n\nimport (\n\t"os"\n\t"plugin"\n\n'
        '\t_ "example.com/app/api"\n)\n\n'
        "func main() { _, err := plugin.Open(os.Args[1]); if err != nil { panic(err) } }\n",
        "p/main.go": 'package main\n\nimport "example.com/app/api"\n\ntype g struct{}\n\n'
        'func (g) Greet() string { return "hi" }\n\nfunc New() api.G { return g{} }\n',
    }.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    root = work / f"goreal{n}"
    (root / "plugins").mkdir(parents=True)
    for args in (
        ["-o", str(root / "host" / "app"), "./host"],
        ["-buildmode=plugin", "-o", str(root / "plugins" / "p.so"), "./p"],
    ):
        subprocess.run(["go", "build", *args], cwd=src, check=True, capture_output=True)
    for i in range(1, n):
        shutil.copy(root / "plugins" / "p.so", root / "plugins" / f"p{i:04}.so")
    (root / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.g]\nkind = "go-so"\npaths = ["plugins/*.so"]\n'
        'host-binary = "host/app"\nlookup-symbols = ["New"]\n'
    )
    return root


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [10, 100]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in sizes:
            c = c_shared(n, work)
            for dynamic in (False, True):
                seconds, found = _time(c, dynamic)
                rows.append(("c-shared", "static+load" if dynamic else "static", n, seconds, found))
            seconds, found = _time(go_synthetic(n, work), False)
            rows.append(("go-so synthetic", "static", n, seconds, found))
            real = go_real(n, work)
            if real is not None:
                seconds, found = _time(real, False)
                rows.append(("go-so real (1.4 MB)", "static", n, seconds, found))
    print("| kind | phase | N | seconds | per file (ms) | findings |")
    print("|---|---|---|---|---|---|")
    for kind, phase, n, seconds, found in rows:
        print(f"| {kind} | {phase} | {n} | {seconds:.2f} | {1000 * seconds / n:.1f} | {found} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
