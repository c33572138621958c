"""Executes a notebook headless with nbclient and fails on the first error cell.

    .venv/bin/python examples/notebooks/run_notebook.py examples/notebooks/jobs.ipynb [executed.ipynb]

The notebook runs in its own directory with this interpreter's kernel (so the virtual
environment's packages); the gateway comes from $JOBGRAPH_URL. The executed copy, with outputs,
is written to the second argument when given.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(notebook: str, executed: str | None = None) -> int:
    path = Path(notebook).resolve()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        if executed:
            Path(executed).parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, executed)
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    errors = [o for cell in code_cells for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        print(f"{len(errors)} error outputs", file=sys.stderr)
        return 1
    print(f"{path.name}: {len(code_cells)} code cells ran without error")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
