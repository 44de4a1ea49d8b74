"""The core and the storage layer stay free of Textual; only the repository speaks TinyDB.

The first check imports the modules in a fresh interpreter and reads ``sys.modules`` (what is
really loaded, including through third-party packages); the others read the sources with
``ast`` (what is written, including imports under ``TYPE_CHECKING`` or inside functions).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "workbench"

PURE_PACKAGES = ("workbench.core", "workbench.storage", "workbench.exchange")
PURE_MODULES = ("workbench.cli.checker", "workbench.settings")
TINYDB_ALLOWED = {"workbench/storage/repository.py"}

IMPORT_ALL = """
import importlib, json, pkgutil, sys
names = list({modules!r})
for package in {packages!r}:
    module = importlib.import_module(package)
    names.append(package)
    names += [info.name for info in pkgutil.walk_packages(module.__path__, package + ".")]
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({{"imported": names, "textual": loaded}}))
"""


def import_in_fresh_interpreter(packages: tuple[str, ...], modules: tuple[str, ...]) -> dict:
    script = IMPORT_ALL.format(packages=packages, modules=modules)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict = json.loads(done.stdout)
    return result


def imported_modules(source: Path) -> set[str]:
    """Every absolute module named by an import statement of ``source``."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def imports_package(source: Path, package: str) -> bool:
    return any(
        name == package or name.startswith(package + ".") for name in imported_modules(source)
    )


def sources(folder: Path) -> list[Path]:
    found = sorted(folder.rglob("*.py"))
    assert found, f"no Python file under {folder}"
    return found


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_core_storage_checker_and_settings_load_no_textual() -> None:
    result = import_in_fresh_interpreter(PURE_PACKAGES, PURE_MODULES)
    assert "workbench.core.scoring" in result["imported"]  # the walk found the modules
    assert "workbench.storage.repository" in result["imported"]
    assert result["textual"] == [], (
        "importing the core, the storage layer, the checker and the settings loaded "
        f"{result['textual'][:5]}"
    )


def test_the_cli_module_loads_no_textual_until_the_app_starts() -> None:
    """``workbench --version`` and ``workbench check`` should not pay for Textual."""
    result = import_in_fresh_interpreter((), ("workbench.cli",))
    assert result["textual"] == []


def run_on_a_new_file(script: str, tmp_path: Path) -> object:
    """What ``script`` prints last (JSON), run on a data file and settings under ``tmp_path``."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "wb.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "WORKBENCH_CONFIG": str(tmp_path / "settings.json")},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


CHECK = """
import json, sys
from pathlib import Path
from workbench.cli import main, open_repository
open_repository(Path(sys.argv[1]), empty=False)
code = main(["--lang", "en", "--db", sys.argv[1], "check"])
print(json.dumps([code, sorted(m for m in sys.modules if m.split(".")[0] == "textual")]))
"""


def test_workbench_check_loads_no_textual_without_a_keymap(tmp_path: Path) -> None:
    """Only a keymap in the settings needs the screens' bindings (and Textual) to check."""
    assert run_on_a_new_file(CHECK, tmp_path) == [0, []]


def test_the_web_server_loads_no_textual() -> None:
    """``workbench serve`` runs each workbench in its own process: the server needs no Textual."""
    result = import_in_fresh_interpreter(("workbench.web",), ())
    assert "workbench.web.server" in result["imported"]
    assert result["textual"] == []


def test_only_the_repository_imports_tinydb() -> None:
    importers = {relative(p) for p in sources(PACKAGE) if imports_package(p, "tinydb")}
    assert importers == TINYDB_ALLOWED


@pytest.mark.parametrize("folder", ["core", "storage"])
def test_core_and_storage_sources_import_no_textual(folder: str) -> None:
    offenders = [relative(p) for p in sources(PACKAGE / folder) if imports_package(p, "textual")]
    assert offenders == []


def test_the_ast_scan_sees_imports_in_every_form(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "import os, tinydb.table as t\n"
        "from . import sibling\n"
        "if TYPE_CHECKING:\n"
        "    from textual.app import App\n"
        "def later():\n"
        "    import textual\n",
        encoding="utf-8",
    )
    assert imported_modules(sample) == {"typing", "os", "tinydb.table", "textual.app", "textual"}
    assert imports_package(sample, "tinydb")
    assert imports_package(sample, "textual")
    assert not imports_package(sample, "text")


START_APP = """
import asyncio, json, sys
from pathlib import Path
from workbench.cli import open_repository
from workbench.ui.app import WorkbenchApp

async def main():
    repository = open_repository(Path(sys.argv[1]), empty=False)
    app = WorkbenchApp(repository)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
asyncio.run(main())
import workbench.cli.portfolio, workbench.core.portfolio, workbench.ui.compare.pane
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {"highspy", "numpy"})))
"""


def test_starting_the_app_does_not_import_the_solver(tmp_path: Path) -> None:
    """HiGHS (and numpy) load when a portfolio is first solved, never at start-up."""
    assert run_on_a_new_file(START_APP, tmp_path) == []
