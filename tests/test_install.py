"""`make install` and `.ci/run`, run against stand-ins for python, pip and apt-get.

The stand-ins print what the real tools print (pip's lines copied from an install on the project's
machine, whose pip configuration names local indexes that do not exist), so the tests take seconds
and need no network.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from .books import REPO

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or not Path("/bin/bash").exists(), reason="needs make and bash"
)

_PIP = r"""#!/bin/bash
# stand-in for `.venv/bin/python -m pip install ...`
echo "$*" >> "$(dirname "$0")/pip-calls"
echo "Looking in indexes: https://pypi.org/simple, file:///nowhere/simple"
echo "Collecting pandas==3.1.1 (from -r requirements.txt (line 8))"
echo "WARNING: Location 'file:///nowhere/simple/pandas/' is ignored: it is neither a file nor a directory." >&2
echo "  Using cached pandas-3.1.1-cp311-cp311-manylinux_2_17_x86_64.whl (12.3 MB)"
echo "Processing /opt/files/numpy-2.4.6-cp311-cp311-manylinux_2_27_x86_64.whl (from -r requirements.txt (line 11))"
echo "Collecting tzdata>=2022.7 (from pandas==3.1.1->-r requirements.txt (line 8))"
echo "  Downloading tzdata-2025.2-py2.py3-none-any.whl (347 kB)"
echo "WARNING: Location 'file:///nowhere/simple/tzdata/' is ignored: it is neither a file nor a directory." >&2
if [ -n "$PIP_FAILS" ]; then
  echo "ERROR: Could not find a version that satisfies the requirement tzdata>=2022.7" >&2
  exit 1
fi
echo "Installing collected packages: tzdata, numpy, pandas"
echo "Successfully installed numpy-2.4.6 pandas-3.1.1 tzdata-2025.2"
"""

_PYTHON = r"""#!/bin/bash
# stand-in for python3.11: `-m venv DIR` makes DIR/bin/python, a stand-in pip
if [ "$1 $2" = "-m venv" ]; then
  mkdir -p "$3/bin"
  cp "$(dirname "$0")/pip" "$3/bin/python"
  exit 0
fi
exit 2
"""


def _script(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.fixture
def project(tmp_path):
    """A copy of the files `make install` reads, and stand-ins for python3.11 and pip."""
    for name in ("Makefile", "requirements.txt", "constraints.txt", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    tools = tmp_path / "tools"
    tools.mkdir()
    _script(tools / "pip", _PIP)
    python = _script(tools / "python3.11", _PYTHON)
    return tmp_path, python


def _make_install(folder: Path, python: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "install", f"PYTHON={python}"],
        cwd=folder,
        env={**{k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_install_says_what_it_installs_without_the_pip_configuration_noise(project):
    folder, python = project
    result = _make_install(folder, python)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout + result.stderr
    lines = out.splitlines()
    assert lines[0] == f"install: creating .venv with {python}"
    for package in ("  pandas==3.1.1", "  numpy==2.4.6", "  tzdata>=2022.7"):
        assert package in lines
    assert "is ignored: it is neither a file nor a directory" not in out
    assert "Using cached" not in out and "Downloading" not in out
    assert lines[-1] == "install: done (.venv is ready)"
    assert (folder / ".venv" / ".installed").exists()
    # the dependencies, then the package itself without its dependencies
    calls = (folder / ".venv" / "bin" / "pip-calls").read_text().splitlines()
    assert "-r requirements.txt -c constraints.txt" in calls[0]
    assert calls[1].endswith("--no-deps -e .")


def test_make_install_fails_when_pip_fails_and_shows_why(project):
    folder, python = project
    result = _make_install(folder, python, PIP_FAILS="1")
    assert result.returncode != 0
    assert "ERROR: Could not find a version that satisfies the requirement tzdata>=2022.7" in result.stdout
    assert not (folder / ".venv" / ".installed").exists()


_APT = r"""#!/bin/bash
# stand-in for apt-get: records the call; `install ... chromium` puts a chromium beside it
echo "apt-get $*" >> "$(dirname "$0")/calls"
case " $* " in
  *" install "*chromium*) printf '#!/bin/bash\necho "Chromium 1.0"\n' > "$(dirname "$0")/chromium"; chmod +x "$(dirname "$0")/chromium";;
esac
"""
_MAKE = """#!/bin/bash
echo "make $*" >> "$(dirname "$0")/calls"
"""


@pytest.fixture
def ci(tmp_path):
    """.ci/run in a copy of the repository layout, with a PATH of stand-ins and the few tools it uses."""
    (tmp_path / "repo" / ".ci").mkdir(parents=True)
    shutil.copy(REPO / ".ci" / "run", tmp_path / "repo" / ".ci" / "run")
    tools = tmp_path / "bin"
    tools.mkdir()
    _script(tools / "apt-get", _APT)
    _script(tools / "make", _MAKE)
    _script(tools / "sudo", '#!/bin/bash\necho "sudo $*" >> "$(dirname "$0")/calls"\nexec "$@"\n')
    for name in ("bash", "dirname", "id", "env", "chmod", "printf"):
        if shutil.which(name):
            os.symlink(shutil.which(name), tools / name)
    return tmp_path / "repo", tools


def _run_ci(repo: Path, tools: Path) -> subprocess.CompletedProcess:
    env = {"PATH": str(tools), "HOME": str(repo)}
    return subprocess.run(
        [str(tools / "bash"), str(repo / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60
    )


def test_ci_installs_chromium_once_when_missing_then_runs_make_test(ci):
    repo, tools = ci
    result = _run_ci(repo, tools)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = [
        c.removeprefix("sudo ")
        for c in (tools / "calls").read_text().splitlines()
        if c.startswith(("apt", "make", "sudo"))
    ]
    calls = [c.replace("env DEBIAN_FRONTEND=noninteractive ", "") for c in calls]
    apt = [c for c in calls if c.startswith("apt-get")]
    assert apt == ["apt-get update -qq", "apt-get install -y -qq chromium"]
    assert calls[-1] == "make test"
    assert result.stdout.splitlines() == ["ci: installing Chromium for the page tests (apt-get)", "ci: Chromium 1.0"]


def test_ci_leaves_an_installed_chromium_alone(ci):
    repo, tools = ci
    _script(tools / "chromium", "#!/bin/bash\n")
    result = _run_ci(repo, tools)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tools / "calls").read_text().splitlines() == ["make test"]
    assert result.stdout == ""
