"""Writing a report folder: the page, the figure files and the tables behind them."""

from __future__ import annotations

import contextlib
import dataclasses
import html
import io
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

import pandas as pd

from cobs._checks import check_flag
from cobs._workers import end_with_parent
from cobs.provenance import provenance, write_parquet, write_sidecar
from cobs.report._data import ReportData, bundled_corpus, check_sources, load
from cobs.report._folder import MARK, check_output, replace, staging
from cobs.report._html import DrawnFigure, page
from cobs.report._parts import Figure, Section, Table, taking_figures
from cobs.report._progress import Progress
from cobs.report._sections import (
    DRAWN_FIRST,
    KEYNESS_TOP,
    SECTIONS,
    STYLE_WINDOW,
    TOPICS,
    TOPICS_RANDOM_STATE,
)

__all__ = ["ReportFiles", "write_report"]

PartT = TypeVar("PartT", Figure, Table)

FIGURE_FORMATS = ("pdf", "svg", "png")
_PNG_DPI = 200
_SHOWN_DPI = 130  # two one-column figures side by side on the page; the PNG file beside it has more pixels


@dataclasses.dataclass(frozen=True)
class ReportFiles:
    """What :func:`write_report` wrote.

    Attributes
    ----------
    folder : pathlib.Path
        The report folder.
    page : pathlib.Path
        The HTML page (``index.html``), readable offline.
    figures : list of pathlib.Path
        The figure files (PDF, SVG, PNG of each figure) and the table behind each
        (``.csv``, ``.parquet``, and the CSV's ``.csv.json`` sidecar: what made it,
        :mod:`cobs.provenance`).
    tables : list of pathlib.Path
        The tables of the corpus (``tables/*.csv``, ``*.parquet``, ``*.csv.json``).
    data : ReportData
        The tables the report was built from.
    """

    folder: Path
    page: Path
    figures: list[Path]
    tables: list[Path]
    data: ReportData


def _flat(table: pd.DataFrame) -> pd.DataFrame:
    """The table for a CSV file: lists as "a; b", pandas NA as empty."""
    # only a column of Python objects (or Arrow's) holds lists: the others are not read value by value
    lists = [c for c in table.columns if (table[c].dtype == object or isinstance(table[c].dtype, pd.ArrowDtype))
             and table[c].map(lambda v: isinstance(v, (list, tuple))).any()]
    return table.assign(**{c: table[c].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
                           for c in lists})


def _write_table(table: pd.DataFrame, stem: Path, record: Mapping[str, object] | None = None) -> list[Path]:
    """Write ``table`` as ``<stem>.csv`` and ``<stem>.parquet``, with ``record`` (cobs.provenance) in the Parquet
    file's metadata and in the CSV's sidecar ``<stem>.csv.json``; returns the files (CSV, Parquet, sidecar)."""
    csv, parquet = stem.with_name(f"{stem.name}.csv"), stem.with_name(f"{stem.name}.parquet")  # a dot of a symbol
    # ("E_C.12_KAZ_CO_2") is part of the name, not an ending to replace
    _flat(table).to_csv(csv, index=False, lineterminator="\n")
    frame = table.copy()
    for column in frame.columns:  # parquet stores one type per column: objects of mixed types become strings
        if frame[column].dtype == object and not frame[column].map(lambda v: isinstance(v, list) or v is None
                                                                     or v is pd.NA).all():
            values = frame[column]
            if values.map(lambda v: isinstance(v, list)).any():
                continue
            frame[column] = values.map(lambda v: None if v is None or v is pd.NA else str(v)).astype("string")
    if record is None:
        frame.to_parquet(parquet, index=False)
        return [csv, parquet]
    write_parquet(frame, parquet, record)
    return [csv, parquet, write_sidecar(csv, record)]


def _parts(sections: Sequence[Section], kind: type[PartT]) -> list[PartT]:
    """The parts of one kind (Figure, Table) of the sections and their subsections, in page order."""
    found: list[PartT] = []
    for section in sections:
        found.extend(p for p in section.parts if isinstance(p, kind))
        found.extend(_parts(section.subsections, kind))
    return found


def write_report(
    sources: Sequence[str | os.PathLike[str]] | None = None,
    output: str | os.PathLike[str] = "report",
    *,
    n_jobs: int | None = None,
    cache: bool = True,
    progress: bool | None = True,
    strict: bool = False,
    verbose: bool = False,
) -> ReportFiles:
    """Read COs, measure them, and write the report folder: one HTML page, its figures and tables.

    Parameters
    ----------
    sources : sequence of paths, optional
        Files and folders of COs (each folder one level deep). None: the bundled
        corpus (``corpus/`` of the working folder or of cobs's source tree).
    output : path, default="report"
        The folder to write: created if missing. An earlier report there is replaced
        once the new one is complete (it is written beside it, then renamed): after an
        error or Ctrl-C the earlier report is as it was. Only the files the earlier
        report wrote (listed in its ``cobs-report-files.txt``) are replaced; any other
        file in the folder is kept, at its place in the new report. A folder holding
        files but no report is refused.
    n_jobs : int, optional
        Worker processes for reading the files not in the cache (as for
        :func:`cobs.read_corpus`) and for drawing the figures: None or 1 works in this
        process, -1 uses every core. The files are the same either way.
    cache : bool, default=True
        Reuse parses of files already read (:func:`cobs.read_corpus`).
    progress : bool, default True
        Say on standard error what is being done: a line as each step begins (reading,
        each section, the figures, the page); a bar over the figures on a terminal,
        elsewhere (a log, CI, ``nohup``) a line every 10 seconds while a step lasts.
        None is True. False: nothing.
    strict : bool, default=False
        Write nothing when a file is left out (cannot be read, not in English, a
        second copy): a ``ValueError`` naming each. By default such files are left
        out, listed on the page and in ``data.errors``, and the others reported on.
    verbose : bool, default=False
        With ``progress``, also say how long each step took (reading, each section,
        the tables, the figures, the page), as it ends: where the time goes.

    Returns
    -------
    ReportFiles

    Raises
    ------
    FileNotFoundError
        If a source does not exist, or no source is given and there is no bundled corpus.
    FileExistsError
        If ``output`` holds files that are not a cobs report, or a report without its
        list of files, or a file of the reader's with the name of one the report writes.
    ValueError
        If no document could be read, or (``strict``) if some file was left out.
    """
    strict = check_flag(strict, "strict")
    progress = True if progress is None else check_flag(progress, "progress")
    verbose = check_flag(verbose, "verbose")
    folder = Path(output)
    check_output(folder)  # refuse early, before reading anything
    bundled = bundled_corpus() if sources is None else None
    with Progress(enabled=progress, timings=verbose) as said, contextlib.ExitStack() as stack:
        # the workers start now: they import what drawing needs while the documents are read, and take a part of
        # the reading (the citations); a run killed outright (kill -9) leaves none behind (cobs._workers)
        check_sources(sources or ())  # a missing source refused before any worker starts
        pool = _pool(n_jobs, stack)
        said.step("reading and measuring the documents")
        data = load([bundled] if bundled is not None else list(sources), n_jobs=n_jobs, cache=cache, pool=pool)
        if strict and len(data.errors):
            total = len(data.documents) + len(data.errors)
            reasons = "; ".join(f"{e.file}: {e.reason}" for e in data.errors.itertuples())
            raise ValueError(f"nothing written: {len(data.errors)} of {total} files left out (strict): {reasons}")
        # the earlier report stays as it is until this one is complete; on an error or Ctrl-C the workers stop
        # first (the figures not begun are cancelled: the stack ends them before it removes the new folder)
        temp = stack.enter_context(staging(folder))
        if pool is not None:  # again, to run before the staging folder is removed (shutdown twice is harmless)
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)
        (temp / "figures").mkdir()
        (temp / "tables").mkdir()
        drawing = _Drawing(temp, _parameters(data, bundled), pool)
        built: dict[int, Section] = {}
        with taking_figures(drawing.add):  # a section may hand its figures over before it is complete
            for number, k in enumerate(_build_order(SECTIONS), start=1):
                build = SECTIONS[k]
                said.step(f"section {number} of {len(SECTIONS)}: {build.__name__.removesuffix('_section')}")
                section = build(data)
                if section is not None:
                    built[k] = section
                    drawing.add(_parts([section], Figure))  # drawn by the workers while the next sections build
        sections = [built[k] for k in sorted(built)]  # in page order
        written = _write(temp, data, sections, bundled, drawing, said)
        replace(temp, folder, [written.page, *written.figures, *written.tables])
    return dataclasses.replace(
        written, folder=folder, page=folder / written.page.relative_to(temp),
        figures=[folder / p.relative_to(temp) for p in written.figures],
        tables=[folder / p.relative_to(temp) for p in written.tables])


def _build_order(sections: Sequence[Callable[[ReportData], Section | None]]) -> list[int]:
    """The positions of ``sections`` in the order they are built: those of :data:`DRAWN_FIRST` first (their figures
    take the workers longest and they build in a second: the workers draw them while the others are built), then the
    others in page order."""
    first = [k for k, build in enumerate(sections) if build in DRAWN_FIRST]
    return first + [k for k in range(len(sections)) if k not in first]


def _pool(n_jobs: int | None, stack: contextlib.ExitStack) -> ProcessPoolExecutor | None:
    """The report's worker processes (``n_jobs``; None or 1: none), started at once, each importing what drawing
    needs while this process reads; ended with ``stack``."""
    workers = 1 if n_jobs is None else (os.cpu_count() or 1) if n_jobs == -1 else max(1, n_jobs)
    if workers < 2:
        return None
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=end_with_parent, initargs=(os.getpid(),))
    stack.callback(pool.shutdown, wait=True, cancel_futures=True)
    # the workers start with Ctrl-C ignored (as they run: cobs._workers), so that one pressed while they import
    # prints no traceback of theirs: this process handles it and ends them
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: no signal to hold
        previous = None
    try:
        for _ in range(workers):  # a process a task: each worker starts now
            pool.submit(_ready)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return pool


def _ready() -> None:
    """A worker's first task: import what drawing a figure needs."""
    import matplotlib

    matplotlib.use("Agg")
    import cobs.plot  # noqa: F401


class _Drawing:
    """The figures of the report, drawn as the sections give them: by the worker processes of ``pool`` while the
    next sections are built, else (no pool) in this process when :meth:`results` asks for them."""

    def __init__(self, folder: Path, parameters: Mapping[str, object], pool: ProcessPoolExecutor | None) -> None:
        self.folder, self.parameters, self.pool = folder, parameters, pool
        self.figures: list[Figure] = []
        self.futures: list[Future] = []

    def add(self, figures: Sequence[Figure]) -> None:
        """Draw ``figures`` (those given already, handed over early by their section, are drawn once)."""
        given = {id(f) for f in self.figures}
        figures = [f for f in figures if id(f) not in given]
        names = {f.name for f in self.figures}
        for figure in figures:
            if figure.name in names:
                raise RuntimeError(f"two figures of the report share a name: {figure.name}")
            names.add(figure.name)
        self.figures.extend(figures)
        if self.pool is not None:
            self.futures.extend(self.pool.submit(_draw, f, self.folder, self.parameters) for f in figures)

    def results(self, page: Sequence[Figure]) -> Iterator[tuple[Figure, tuple[list[Path], list[Path], pd.DataFrame,
                                                                           bytes, int]]]:
        """Each figure of ``page`` (the sections' figures, in page order, whenever each was handed over) with its
        drawing."""
        if sorted(map(id, page)) != sorted(map(id, self.figures)):
            raise RuntimeError("the figures drawn are not those of the page's sections")
        drawn = dict(zip((id(f) for f in self.figures), self.futures, strict=False))
        for figure in page:
            future = drawn.get(id(figure))
            yield figure, future.result() if future is not None else _draw(figure, self.folder, self.parameters)


def _parameters(data: ReportData, bundled: Path | None) -> dict[str, object]:
    """What decides a report's content, for the record of every file it writes (no date, no absolute path of cobs's:
    the bundled corpus by name)."""
    return {"sources": ["corpus/ (the bundled corpus)"] if bundled is not None else list(data.sources),
            "topics": TOPICS, "topics_random_state": TOPICS_RANDOM_STATE, "style_window": STYLE_WINDOW,
            "keyness_top": KEYNESS_TOP}


def _write(folder: Path, data: ReportData, sections: list[Section], bundled: Path | None, drawing: _Drawing,
           said: Progress) -> ReportFiles:
    """Write the tables, the figures and the page of a report into the prepared ``folder``."""
    from tqdm.auto import tqdm

    import cobs

    parameters = drawing.parameters
    said.step("writing the tables")

    table_files: list[Path] = []
    for name, table in (("paragraphs", data.paragraphs), ("actions", data.actions), ("citations", data.citations)):
        table_files.extend(_write_table(table, folder / "tables" / name,
                                        provenance("cobs report", {**parameters, "table": name})))
    shown: dict[str, str] = {}
    for table in _parts(sections, Table):
        paths = _write_table(table.frame, folder / "tables" / table.name,
                             provenance("cobs report", {**parameters, "table": table.name}))
        table_files.extend(paths)
        shown[table.name] = paths[0].relative_to(folder).as_posix()

    figures = _parts(sections, Figure)
    said.step("drawing the figures", total=len(figures), bar_on_a_terminal=True)
    bar = tqdm(total=len(figures), desc="cobs report: figures", unit="figure",
               disable=not (said.enabled and said.terminal), file=said.stream)
    figure_files: list[Path] = []
    drawn: list[DrawnFigure] = []
    for number, (figure, (paths, data_paths, plotted, image, width)) in enumerate(drawing.results(figures),
                                                                                  start=1):
        drawn.append(DrawnFigure(
            figure=figure, number=number, png=image, width_px=width,
            files=[p.relative_to(folder).as_posix() for p in paths],
            data=plotted, data_file=data_paths[0].relative_to(folder).as_posix(),
        ))
        figure_files.extend(paths + data_paths)
        bar.update()
        said.advance()
    bar.close()
    said.step("writing the page")

    # the sources as given (the bundled corpus by name): the page does not depend on where the folder lies
    sources_text = "the bundled corpus (<code>corpus/</code>)" if bundled is not None else ", ".join(
        f"<code>{html.escape(s)}</code>" for s in data.sources)
    meta = (f"{len(data.documents)} documents read from {sources_text} by cobs {html.escape(cobs.__version__)}. "
            "Figures: PDF, SVG and PNG files in <code>figures/</code>, each with the table behind it; the corpus "
            "tables in <code>tables/</code> (CSV and Parquet).")
    note = ("Written by <code>cobs report</code>. The same documents give the same page, figures and tables, "
            "byte for byte.")
    index = folder / "index.html"
    text = page("cobs report: concluding observations compared", meta, sections, drawn, shown, note)
    index.write_text(text.replace("<!DOCTYPE html>\n", f"<!DOCTYPE html>\n{MARK}\n", 1), encoding="utf-8")
    return ReportFiles(folder=folder, page=index, figures=figure_files, tables=table_files, data=data)


def _draw(figure: Figure, folder: Path, parameters: Mapping[str, object]) -> tuple[list[Path], list[Path],
                                                                                    pd.DataFrame, bytes, int]:
    """Draw one figure and write its files: (figure files, data files, the table behind it, the image for the page
    and its width in pixels)."""
    import matplotlib

    matplotlib.use("Agg")  # a worker process, or the command line: never a window
    import matplotlib.pyplot as plt

    import cobs.plot

    with cobs.plot.style("paper", columns=figure.columns):
        ax, data = figure.draw()
        stem = folder / "figures" / figure.name
        figure_parameters = {**parameters, "figure": figure.name}
        paths = cobs.plot.savefig(ax, stem, formats=FIGURE_FORMATS, dpi=_PNG_DPI, parameters=figure_parameters)
    plt.close(ax.figure)
    record = provenance("cobs report", {**figure_parameters, "plot": f"cobs.plot.{figure.plot}",
                                        "options": figure.options})
    shown, width = _screen_png(paths[FIGURE_FORMATS.index("png")])
    return paths, _write_table(data, stem.with_name(f"{figure.name}-data"), record), data, shown, width


def _screen_png(path: Path) -> tuple[bytes, int]:
    """The image the page embeds: the PNG file at screen resolution (:data:`_SHOWN_DPI`), in 256 colours, and its
    width in pixels. A fifth of the bytes of the file beside it (which keeps every pixel), so that a page of a
    hundred COs' figures stays a few megabytes; the same file gives the same bytes."""
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):  # opaque: nothing to blend
            flat = image.convert("RGB")
        else:
            white = Image.new("RGBA", image.size, "white")
            flat = Image.alpha_composite(white, image.convert("RGBA")).convert("RGB")
    size = (max(1, round(flat.width * _SHOWN_DPI / _PNG_DPI)), max(1, round(flat.height * _SHOWN_DPI / _PNG_DPI)))
    small = flat.resize(size, Image.Resampling.LANCZOS).quantize(256, method=Image.Quantize.FASTOCTREE,
                                                                 dither=Image.Dither.NONE)
    palette = small.getpalette() or []
    for i in range(0, len(palette), 3):  # the quantiser's near-white (254, 254, 254) is a grey box on a white page
        if min(palette[i:i + 3]) >= 250:
            palette[i:i + 3] = [255, 255, 255]
    small.putpalette(palette)
    out = io.BytesIO()
    small.save(out, format="PNG")
    return out.getvalue(), size[0]
