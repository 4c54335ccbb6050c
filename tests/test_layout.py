"""The shape of the project: stage import direction, documented commands, packaged SQL."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import layout
from trendwatch.cli import commands

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "trendwatch"

# Imports against the stage order (tests/support/layout.py STAGES) that files owned by other work
# still make. Each entry: importing module -> imported module, and what removes it. The lead
# deletes an entry once the fix is merged; the test fails on any violation not listed here.
ALLOWED_UPWARD = {
    # demo/runner.py prints with cli.common.print_table: move print_table below (or into demo).
    ("trendwatch.demo.runner", "trendwatch.cli.common"),
}
# Modules that still import trendwatch's own modules inside functions (the CLI is exempt: its
# commands import lazily so that `trendwatch --help` stays fast). Move the imports to the top of
# the file, then delete the module's entry.
IN_FUNCTION_ALLOWED = {
    "trendwatch.demo.runner",  # print_table comes from the CLI (the one upward import left, above)
    # deliberate: a run with nothing due (the schedule cache) must not load the fetcher or the parsers
    "trendwatch.ingest.plan",
    "trendwatch.ingest.workers",
    "trendwatch.sources.fetch",  # the package's __version__, read when a request is made
}
# Third-party packages only the Prefect shell (flows/) and the entry points may import.
SHELL_ONLY = ("prefect",)
ALLOWED_SHELL_IMPORTS = {
    # publish.py reads the SMTP password from a Prefect Secret block: pass the secret in instead.
    "trendwatch.publish",
}


def _violations(imports: list[layout.Import]) -> list[str]:
    return [
        f"{i.where()} ({layout.stage_of(i.module)}) imports {i.target} ({layout.stage_of(i.target)})"
        + (" through importlib" if i.dynamic else "")
        for i in layout.upward(imports)
        if (i.module, i.target) not in ALLOWED_UPWARD
    ]


def test_every_module_belongs_to_a_stage() -> None:
    for folder in ("trendwatch", "flows"):
        for path in (ROOT / folder).rglob("*.py"):
            module = layout.module_name(path, ROOT)
            assert layout.stage_of(module), f"{path.relative_to(ROOT)}: add its stage to layout.STAGES"


def test_stages_import_one_way() -> None:
    bad = _violations(layout.own_imports(ROOT))
    assert not bad, "imports against the stage order (a stage imports only those below it):\n" + "\n".join(
        bad
    )


def test_the_allow_list_holds_only_live_violations() -> None:
    live = {(i.module, i.target) for i in layout.upward(layout.own_imports(ROOT))}
    assert ALLOWED_UPWARD <= live, f"fixed, remove from ALLOWED_UPWARD: {ALLOWED_UPWARD - live}"


def test_own_imports_sit_at_the_top_of_files() -> None:
    bad = sorted(
        {
            f"{i.where()} imports {i.target} inside a function"
            for i in layout.own_imports(ROOT)
            if i.in_function
            and not i.type_only
            and layout.stage_of(i.module) != "cli"
            and i.module not in IN_FUNCTION_ALLOWED
        }
    )
    assert not bad, "move these imports to the top of the file:\n" + "\n".join(bad)


def test_only_the_shell_imports_prefect() -> None:
    bad = []
    for path in PKG.rglob("*.py"):
        for i in layout.imports_of(path, ROOT):
            stage = layout.stage_of(i.module)
            if (
                i.target.split(".")[0] in SHELL_ONLY
                and stage not in ("flows", "demo", "cli")
                and i.module not in ALLOWED_SHELL_IMPORTS
            ):
                bad.append(f"{i.where()} imports {i.target}")
    assert not bad, "\n".join(bad)


VIOLATIONS = {
    # a source reaching the store at the top of the file
    "sources/top.py": "from trendwatch.store import connect\n",
    # ... inside a function, through importlib: seen all the same
    "sources/hidden.py": (
        "import importlib\n\n\ndef f():\n    return importlib.import_module('trendwatch.digest.build')\n"
    ),
    # a relative import resolved to its stage: analysis -> cm
    "analysis/rel.py": "from ..cm import brand\n",
    # the library reaching the Prefect shell
    "store/flowy.py": "def f():\n    from flows.weekly import weekly_flow\n",
}


@pytest.mark.parametrize("relpath", sorted(VIOLATIONS))
def test_a_planted_violation_is_caught(tmp_path: Path, relpath: str) -> None:
    for pkg in ("trendwatch", f"trendwatch/{relpath.split('/')[0]}"):
        (tmp_path / pkg).mkdir(parents=True, exist_ok=True)
        (tmp_path / pkg / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "trendwatch" / relpath).write_text(VIOLATIONS[relpath], encoding="utf-8")
    (tmp_path / "flows").mkdir()
    found = _violations(layout.own_imports(tmp_path))
    assert len(found) == 1 and found[0].startswith("trendwatch." + relpath[:-3].replace("/", "."))


def test_a_clean_module_passes(tmp_path: Path) -> None:
    (tmp_path / "trendwatch" / "digest").mkdir(parents=True)
    (tmp_path / "flows").mkdir()
    (tmp_path / "trendwatch" / "digest" / "ok.py").write_text(
        "from trendwatch.weeks import parse_week\nfrom trendwatch.store import connect\n"
        "from trendwatch.analysis import model\n",
        encoding="utf-8",
    )
    assert _violations(layout.own_imports(tmp_path)) == []


def test_every_command_has_help_an_example_and_a_readme_line() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, module in commands().items():
        assert module.HELP and module.EXAMPLE.startswith("trendwatch"), name
        assert f"`{name}" in readme, f"README.md does not document the `{name}` command"


def test_wheel_ships_the_sql_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("trendwatch-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for sql in (ROOT / "sql").rglob("*.sql"):
        assert f"trendwatch/_sql/{sql.relative_to(ROOT / 'sql').as_posix()}" in names
    assert "trendwatch/starter.toml" in names and "trendwatch/py.typed" in names


def test_the_cli_reference_is_up_to_date() -> None:
    """docs/cli.md is generated from every command's --help: regenerate it after changing a command."""
    spec = importlib.util.spec_from_file_location(
        "make_cli_reference", ROOT / "docs" / "make_cli_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.render()
    for name in commands():
        assert f"## trendwatch {name}\n" in text, f"{name} is missing from the reference"
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == text, "docs/cli.md is out of date: run `python docs/make_cli_reference.py`"


def test_stop_words_come_from_one_module() -> None:
    """The analysis, the language detector and the config checks read one stop-word source."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in PKG.rglob("*.py")
        if "stopwords" not in path.parts
        and (
            "STOP_WORDS = frozenset(" in (text := path.read_text(encoding="utf-8"))
            or "_STOP_WORDS: dict[str, str] = {" in text
        )
    ]
    assert not offenders, f"stop-word lists outside trendwatch/stopwords: {offenders}"
    assert (PKG / "stopwords" / "fr.txt").exists() and not (PKG / "analysis" / "stopwords").exists()
