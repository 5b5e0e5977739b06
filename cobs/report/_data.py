"""What a report is made of: the corpus read once, and the tables every section draws on."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from concurrent.futures import Executor
from pathlib import Path

import pandas as pd

__all__ = ["ReportData", "bundled_corpus", "load"]

_MANIFEST = "manifest.csv"


def bundled_corpus() -> Path:
    """The bundled corpus: ``corpus/`` of the working folder or of the source tree cobs runs from.

    A cobs installed from a wheel has no corpus (its documents are not package
    data); then the error says what to give instead.

    Raises
    ------
    FileNotFoundError
        If neither folder holds a corpus (a ``corpus/manifest.csv``).
    """
    here = Path.cwd() / "corpus"
    source_tree = Path(__file__).resolve().parents[2] / "corpus"
    for folder in (here, source_tree):
        if (folder / _MANIFEST).is_file():
            return folder
    raise FileNotFoundError(
        f"no PATH given and no bundled corpus found (looked for {here / _MANIFEST} and {source_tree / _MANIFEST}): "
        "the bundled corpus comes with the cobs repository, not with an installed package. Give files or folders "
        "of COs (cobs report path/to/COs/), run cobs report from a checkout of the repository, or download COs "
        "first (cobs fetch --state KAZ --committee CRC) and report on the folder it prints"
    )


@dataclasses.dataclass(frozen=True)
class ReportData:
    """The tables a report is built from, read and measured once.

    Attributes
    ----------
    sources : list of str
        What was read, as given (folders and files).
    paragraphs : pandas.DataFrame
        The paragraph table of every document read (:func:`cobs.read_corpus`).
    actions : pandas.DataFrame
        The measured actions (:func:`cobs.measure`).
    citations : pandas.DataFrame
        Every citation of the paragraph table (:func:`cobs.citations`).
    documents : pandas.DataFrame
        One row per document (:func:`cobs.corpus_summary`) with its ``file``, the
        State's name (``state_name``) and its number of ``actions``.
    errors : pandas.DataFrame
        The files left out, with the reason (``file``, ``error``, ``reason``).
    upr : pandas.DataFrame
        The UPR recommendations the States of the corpus received, as an action table
        (``cobs.compare.upr_recommendations``): read from the UPR Info exports
        (``*.csv``) in an ``upr/`` folder of each folder read; empty if there is none.
    """

    sources: list[str]
    paragraphs: pd.DataFrame
    actions: pd.DataFrame
    citations: pd.DataFrame
    documents: pd.DataFrame
    errors: pd.DataFrame
    upr: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)


def check_sources(sources: Sequence[str | os.PathLike[str]]) -> None:
    """A FileNotFoundError naming the first of ``sources`` that does not exist (before anything is read or started)."""
    for source in sources:
        if not Path(source).exists():
            raise FileNotFoundError(f"{Path(source)}: no such file or folder")


def load(sources: Sequence[str | os.PathLike[str]], *, n_jobs: int | None = None, cache: bool = True,
         pool: Executor | None = None) -> ReportData:
    """Read and measure the documents of ``sources`` (files and folders, each folder one level deep); ``pool``: an
    executor that finds the citations while this process measures (the same table: :func:`cobs.citations`)."""
    import cobs
    from cobs.corpus import documents_in

    check_sources(sources)
    paths: list[Path] = []
    upr_files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            upr_files.extend(sorted((path / "upr").glob("*.csv")))
            found = documents_in(path)
            if not found:
                raise FileNotFoundError(f"{path}: no .txt, .pdf, .docx or .html file in this folder")
            paths.extend(found)
        else:
            paths.append(path)
    paragraphs, read = cobs.read_corpus(paths, n_jobs=n_jobs, cache=cache, report=True)
    if paragraphs.empty:
        reasons = "; ".join(f"{Path(e.file).name}: {e.reason}" for e in read.errors.itertuples())
        raise ValueError(f"no document could be read ({reasons or 'no file'})")
    order = list(dict.fromkeys(sorted(paragraphs["symbol"].unique())))
    paragraphs = paragraphs.assign(_o=paragraphs["symbol"].map({s: i for i, s in enumerate(order)})).sort_values(
        ["_o"], kind="stable").drop(columns="_o").reset_index(drop=True)
    cited = pool.submit(cobs.citations, paragraphs) if pool is not None else None
    actions = cobs.measure(paragraphs)
    citations = cited.result() if cited is not None else cobs.citations(paragraphs)
    documents = cobs.corpus_summary(paragraphs)
    documents.insert(documents.columns.get_loc("state") + 1, "state_name",
                     [_state_name(s) for s in documents["state"]])
    documents["actions"] = documents["symbol"].map(actions.groupby("symbol").size()).fillna(0).astype("int64")
    files = dict(zip(read.files["symbol"], read.files["file"], strict=True))
    documents["file"] = documents["symbol"].map(lambda s: Path(files[s]).name if s in files else pd.NA)
    upr, upr_errors = _upr(upr_files, sorted(documents["state"].dropna().unique()))
    errors = pd.concat([read.errors, upr_errors], ignore_index=True) if len(upr_errors) else read.errors
    return ReportData([os.fspath(s) for s in sources], paragraphs, actions, citations, documents, errors, upr)


def _upr(files: Sequence[Path], states: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The UPR recommendations to the corpus's States in UPR Info exports, and the files that could not be read."""
    if not files:
        return pd.DataFrame(), pd.DataFrame()
    import cobs
    import cobs.compare

    tables, errors = [], []
    for path in files:
        try:
            export = cobs.read_upr_info(path)
        except (ValueError, KeyError, OSError) as exc:
            errors.append({"file": os.fspath(path), "error": type(exc).__name__,
                           "reason": f"not a UPR Info export: {exc}"})
            continue
        codes = {_code(name) for name in export["state_under_review"].dropna().unique()}
        for state in states:
            if state in codes:
                tables.append(cobs.compare.upr_recommendations(export, state=state))
    if not tables:
        return pd.DataFrame(), pd.DataFrame(errors)
    upr = pd.concat(tables, ignore_index=True).drop_duplicates(["state", "session", "text", "source"])
    return upr.reset_index(drop=True), pd.DataFrame(errors)


def _code(name: str) -> str | None:
    import cobs

    try:
        return cobs.state_code(name)
    except (KeyError, ValueError):
        return None


def _state_name(code: object) -> str:
    import cobs

    try:
        return cobs.state_name(str(code))
    except (KeyError, ValueError):
        return str(code)
