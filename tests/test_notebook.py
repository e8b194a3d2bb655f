"""Executes the example notebook with a real Jupyter kernel (nbclient); any error fails."""

from __future__ import annotations

import os

import nbformat
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "notebooks" / "kupang_dinas_kesehatan.ipynb"


def test_notebook_runs(tmp_path) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    env_backend = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"
    try:
        client = NotebookClient(
            nb,
            timeout=240,
            kernel_name="python3",
            resources={"metadata": {"path": str(tmp_path)}},
        )
        client.execute()
    finally:
        if env_backend is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_backend
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("kinerja-evaluation" in h for h in html), "the Evaluation is displayed as HTML"
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2, "the charts are shown inline (no Agg backend in the notebook)"
    texts = "".join(o.get("text", "") for o in outputs)
    assert "Source" in texts, "the English explanation is printed"


def test_committed_notebook_shows_its_outputs() -> None:
    """The notebook is committed executed, so a GitHub/GitLab preview shows the charts and tables."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), "every code cell is executed"
    outputs = [o for c in code for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2
    assert any("text/html" in o.get("data", {}) for o in outputs)
