"""What a build of the book states, in a form two builds can be compared by.

A snapshot holds, per chapter, every glued value and every table or text the
chapter's cells print (figures are left out: their bytes depend on the
renderer), and the SHA-256 of every CSV download. It is a regression record,
not a test of correctness: the refactoring into layers (issue #11) had to leave
it unchanged, and a change in what the book says shows up as a diff of it.

Record one from a build with::

    python -m tests.snapshot _build tests/snapshots/seed-book.json
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

_KINDS = ("text/plain", "text/html", "text/markdown")


def _outputs(notebook: dict) -> list[dict]:
    shown = []
    for cell in notebook.get("cells", []):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "scrapbook" in out.get("metadata", {}):
                continue  # glued values are recorded by name
            kept = {k: "".join(data[k]) if isinstance(data[k], list) else data[k] for k in _KINDS if k in data}
            if out.get("output_type") == "stream":
                kept = {"stream": "".join(out.get("text", ""))}
            if kept:
                shown.append(kept)
    return shown


#: What depends on the machine rather than on the corpus and the code: the Python version
#: and the table of installed package versions on the methods page.
_ENVIRONMENT_GLUE = {"meth-python"}
_ENVIRONMENT_OUTPUT = "Direct dependencies: version pinned"


def book_snapshot(build_dir: Path) -> dict:
    """Glued values and cell outputs of every executed chapter, and CSV checksums.

    ``build_dir`` is the ``_build`` folder of a build; the CSV files are the
    copies the build published under ``html/_downloads/``.
    """
    executed = Path(build_dir) / "jupyter_execute" / "chapters"
    if not any(executed.glob("*.ipynb")):
        raise FileNotFoundError(f"{executed}: no executed chapter here; is {build_dir} the _build folder of a build?")
    snap: dict = {"glue": {}, "outputs": {}, "downloads": {}}
    for glue in sorted(executed.glob("*.glue.json")):
        page = glue.name.removesuffix(".glue.json")
        values = json.loads(glue.read_text(encoding="utf-8"))
        snap["glue"][page] = {
            key: {k: v["data"][k] for k in _KINDS if k in v.get("data", {})}
            for key, v in sorted(values.items())
            if key not in _ENVIRONMENT_GLUE
        }
    for nb in sorted(executed.glob("*.ipynb")):
        shown = _outputs(json.loads(nb.read_text(encoding="utf-8")))
        snap["outputs"][nb.stem] = [o for o in shown if _ENVIRONMENT_OUTPUT not in o.get("text/html", "")]
    for csv in sorted((Path(build_dir) / "html" / "_downloads").rglob("*.csv"), key=lambda p: p.name):
        snap["downloads"][csv.name] = hashlib.sha256(csv.read_bytes()).hexdigest()
    return snap


if __name__ == "__main__":
    build, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.write_text(
        json.dumps(book_snapshot(build), indent=1, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
