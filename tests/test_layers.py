"""The package's layout holds: layers import downwards only, measures never draw, chapters only call.

The import rules are import-linter contracts in ``pyproject.toml``; these tests run them, and show that
they do catch a violation.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
MAX_MODULE_LINES = 600


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    env = {"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(cwd)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True)


def test_import_contracts_hold():
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, line, contract",
    [
        ("actors/counts.py", "import matplotlib.pyplot\n", "Only figures and the book draw"),
        ("figures/actors.py", "from analysis.actors import find_mentions\n", "Figures draw what they are given"),
        ("corpus.py", "from analysis.findings import describe_first\n", "Layers"),
    ],
)
def test_import_contracts_catch_a_violation(tmp_path, module, line, contract):
    shutil.copytree(REPO / "analysis", tmp_path / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "analysis" / module
    text = target.read_text(encoding="utf-8")
    head, sep, rest = text.partition("from __future__ import annotations\n")
    target.write_text(head + sep + line + rest, encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert re.search(re.escape(contract) + r".*BROKEN", result.stdout.replace("\n", " "))


def test_importing_the_measures_loads_no_plotting_library():
    code = (
        "import sys, analysis.actors, analysis.framing, analysis.sentiment, analysis.pipeline, analysis.compare, "
        "analysis.evidence, analysis.findings; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'seaborn', 'IPython', 'networkx'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _code_cells(markdown: str) -> list[str]:
    return re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", markdown, re.S | re.M)


@pytest.mark.parametrize("chapter", sorted(p.name for p in (REPO / "chapters").glob("*.md")))
def test_chapters_define_no_function_or_class(chapter):
    """Chapters call, glue and narrate; logic lives in analysis/ (the reuse chapter shows calls too)."""
    for cell in _code_cells((REPO / "chapters" / chapter).read_text(encoding="utf-8")):
        cell = "\n".join(line for line in cell.splitlines() if not line.startswith((":", "%")))
        for node in ast.walk(ast.parse(cell)):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Lambda)), (
                f"{chapter}: {ast.dump(node)[:80]}"
            )


def test_code_cells_are_found():
    """The chapter check above reads code cells; make sure it sees them (it would pass vacuously otherwise)."""
    assert len(_code_cells((REPO / "chapters" / "corpus.md").read_text(encoding="utf-8"))) >= 3


@pytest.mark.parametrize("module", sorted(str(p.relative_to(REPO)) for p in (REPO / "analysis").rglob("*.py")))
def test_no_module_holds_two_things(module):
    lines = len((REPO / module).read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{module}: {lines} lines; split it by concern"


def test_nothing_in_the_package_refers_to_chapters_or_tests():
    for path in (REPO / "analysis").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("chapters", "tests")), path
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert '"tests"' not in repr(node.value) and not node.value.startswith("tests/"), path


def test_ruff_lint_and_format_pass():
    ruff = Path(sys.executable).parent / "ruff"
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([str(ruff), *args], cwd=REPO, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-3000:]
