"""What made a file that cobs wrote: the cobs version and the parameters, kept with the file.

Every table and figure written by ``cobs report``, :func:`cobs.plot.savefig` and the command line carries a
record of what made it, so that a figure in a paper can be traced to the cobs version and the options that drew it:

- a figure (PDF, SVG, PNG): in the file's own metadata: the PDF's ``Subject``, the SVG's ``dc:description``, the
  PNG's ``Description`` text chunk (and the creator as "cobs VERSION");
- a Parquet file: in its key-value metadata, under the key ``cobs`` (beside pandas' own);
- a CSV or JSON file: in a sidecar ``<file>.json`` beside it (``actions.csv.json``), which also holds the file's
  sha256. A comment line in the CSV itself would break readers that do not expect one (pandas without
  ``comment=``, R's ``read.csv``, spreadsheets); a sidecar breaks none.

The record is JSON: ``cobs_version``, ``made_by`` (the command, or the cobs.plot calls that drew a figure) and
``parameters``. It holds no date and no absolute path of cobs's own, so that the same inputs and options give the
same bytes run after run. :func:`read_provenance` reads it back from any of these files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from cobs import _shadowed  # noqa: F401  (a folder named cobs taken for the package: ImportError saying so)

__all__ = ["PARQUET_KEY", "provenance", "read_provenance", "sidecar_path"]

PARQUET_KEY = b"cobs"
"""The key of the record in a Parquet file's key-value metadata."""


def _version() -> str:
    import cobs

    return cobs.__version__


def _plain(value: object) -> object:
    """``value`` as JSON can hold it, the same run after run (paths as text, tuples as lists, others by repr)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return repr(value)


def provenance(made_by: str, parameters: Mapping[str, object] | None = None) -> dict[str, object]:
    """The record of what made a file: the cobs version, what made it, and its parameters.

    Parameters
    ----------
    made_by : str
        The command or call that made the file ("cobs parse", "cobs report",
        "cobs.plot.mix(<table of 79 rows>, by='symbol')").
    parameters : mapping, optional
        The options that decided the content (not the output path).

    Returns
    -------
    dict
        ``cobs_version``, ``made_by``, ``parameters``.

    Examples
    --------
    >>> record = provenance("cobs parse", {"paths": ["corpus/CRC_C_KAZ_CO_4.txt"]})
    >>> sorted(record), record["parameters"]
    (['cobs_version', 'made_by', 'parameters'], {'paths': ['corpus/CRC_C_KAZ_CO_4.txt']})
    """
    return {"cobs_version": _version(), "made_by": made_by, "parameters": _plain(dict(parameters or {}))}


def as_text(record: Mapping[str, object]) -> str:
    """The record as one line of ASCII JSON, keys sorted (for a figure's metadata)."""
    return json.dumps(record, sort_keys=True, ensure_ascii=True)


def sidecar_path(path: str | os.PathLike[str]) -> Path:
    """The sidecar of a CSV or JSON file: ``<file>.json`` beside it (``actions.csv`` -> ``actions.csv.json``)."""
    path = Path(path)
    return path.with_name(f"{path.name}.json")


def write_sidecar(path: str | os.PathLike[str], record: Mapping[str, object]) -> Path:
    """Write ``record`` beside ``path`` with the file's name and sha256; returns the sidecar's path."""
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    sidecar = sidecar_path(path)
    content = {**record, "file": path.name, "sha256": digest}
    sidecar.write_text(json.dumps(content, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return sidecar


def write_parquet(table: pd.DataFrame, path: str | os.PathLike[str], record: Mapping[str, object]) -> None:
    """Write ``table`` to Parquet (as ``DataFrame.to_parquet(index=False)``) with ``record`` in its metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pa.Table.from_pandas(table, preserve_index=False)
    metadata = {**(arrow.schema.metadata or {}), PARQUET_KEY: as_text(record).encode("ascii")}
    pq.write_table(arrow.replace_schema_metadata(metadata), path)


_PDF_SUBJECT = re.compile(rb"/Subject \(((?:[^\\)]|\\.)*)\)")
_SVG_DESCRIPTION = re.compile(r"<dc:description>(.*?)</dc:description>", re.DOTALL)


def read_provenance(path: str | os.PathLike[str]) -> dict[str, object] | None:
    """The record of what made a file cobs wrote, or None if it has none.

    Reads a CSV or JSON file's sidecar, a Parquet file's key-value metadata, or a
    figure's own metadata (PDF, SVG, PNG as :func:`cobs.plot.savefig` writes them).

    Parameters
    ----------
    path : str or path-like
        The file (not its sidecar).

    Returns
    -------
    dict or None
        ``cobs_version``, ``made_by``, ``parameters`` (and, from a sidecar, the
        ``file`` and its ``sha256`` when it was written).

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        metadata = pq.read_schema(path).metadata or {}
        return json.loads(metadata[PARQUET_KEY]) if PARQUET_KEY in metadata else None
    if suffix == ".png":
        from PIL import Image

        with Image.open(path) as image:
            text = image.text.get("Description")  # type: ignore[attr-defined]
        return json.loads(text) if text else None
    if suffix == ".svg":
        import html

        found = _SVG_DESCRIPTION.search(path.read_text(encoding="utf-8"))
        return json.loads(html.unescape(found.group(1))) if found else None
    if suffix == ".pdf":
        found = _PDF_SUBJECT.search(path.read_bytes())
        return json.loads(re.sub(rb"\\(.)", rb"\1", found.group(1)).decode("ascii")) if found else None
    sidecar = sidecar_path(path)
    return json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else None
