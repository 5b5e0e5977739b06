"""The paper style (:func:`style`) and reproducible figure files (:func:`savefig`)."""

from __future__ import annotations

import contextlib
import functools
import io
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal

import matplotlib as mpl
import matplotlib.style
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from cobs.errors import invalid_value

__all__ = ["FIGURE_WIDTHS", "FORMATS", "STYLE_FILES", "savefig", "style"]

STYLE_FILES: dict[str, Path] = {"paper": Path(__file__).with_name("paper.mplstyle")}
"""The styles shipped with cobs, by name (matplotlib ``.mplstyle`` files in the package)."""

FIGURE_WIDTHS: dict[int, float] = {1: 3.5, 2: 7.2}
"""Figure width in inches for a one-column (89 mm) and a two-column (183 mm) figure, the widths most
journals ask for (Nature, Elsevier, Springer: 85-90 and 170-183 mm)."""

_HEIGHTS = {1: 2.4, 2: 3.2}

FORMATS = ("pdf", "svg", "png")
"""What :func:`savefig` writes by default."""

# Metadata that does not change from run to run: no dates; cobs's version and what drew the figure (the record of
# cobs.provenance) go into the creator and the description of each format.
_METADATA = {
    "pdf": {"Producer": "matplotlib", "CreationDate": None},
    "svg": {"Date": None},
    "png": {},
}
_OPTIONS: dict[str, dict[str, object]] = {"pdf": {}, "svg": {}, "png": {"pil_kwargs": {"compress_level": 3}}}
"""Options of each format's writer: zlib level 3 for the PNG, a third faster than its default (6) and no larger
for figures (flat colours, text)."""
_CREATOR = {"pdf": "Creator", "svg": "Creator", "png": "Software"}
_DESCRIPTION = {"pdf": "Subject", "svg": "Description", "png": "Description"}


_SESSION = ("interactive", "backend_fallback", "toolbar", "timezone", "tk.window_focus", "figure.max_open_warning",
            "figure.raise_window", "savefig.directory", "webagg.port", "webagg.address", "webagg.port_retries",
            "webagg.open_in_browser", "date.epoch")
"""Settings of the session, not of a figure's look, that :func:`style` leaves as the block leaves them: matplotlib's
own list of settings a style may not set (``matplotlib.style.use`` ignores them), less ``backend``, which
``matplotlib.rc_context`` never restores. Above all ``interactive``: in Jupyter the inline backend switches it on
when the first figure is drawn; put back to False at the end of the block, no later figure showed."""


@contextlib.contextmanager
def style(name: Literal["paper"] = "paper", *, columns: Literal[1, 2] = 1) -> Iterator[None]:
    """Draw figures in a style shipped with cobs, inside a ``with`` block.

    The paper style sets serif text (STIX, shipped with matplotlib, so the same on
    every machine) at 7-8 pt, Okabe and Ito's colour-blind-safe palette, no top or
    right spines, no legend frame, no grid, TrueType fonts in PDFs, and a figure
    size for one or two journal columns. Matplotlib's settings are restored when the
    block ends, but for those of the session rather than of a figure's look, which
    a style never sets (the backend, interactive mode, ...): in Jupyter the inline
    backend turns interactive mode on when the first figure is drawn, and every
    later figure shows, in the block or after it. The file is
    ``cobs/plot/paper.mplstyle``; matplotlib also finds it as
    ``plt.style.use("cobs.plot.paper")``.

    Parameters
    ----------
    name : {"paper"}
        The style.
    columns : {1, 2}, default=1
        Default figure width: one journal column (3.5 in) or two (7.2 in). The cobs
        figure functions keep this width and choose the height from what they draw.

    Raises
    ------
    ValueError
        If the style or the number of columns is unknown.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> import cobs.plot
    >>> with cobs.plot.style("paper", columns=2):
    ...     mpl.rcParams["font.family"], mpl.rcParams["figure.figsize"]
    (['serif'], [7.2, 3.2])
    >>> mpl.rcParams["font.family"] == ["serif"]  # restored after the block
    False
    """
    if name not in STYLE_FILES:
        raise ValueError(f"style: unknown style {name!r}; the styles shipped with cobs are {sorted(STYLE_FILES)}")
    if columns not in FIGURE_WIDTHS:
        raise ValueError(f"style: {invalid_value('columns', columns, '1 or 2 (journal columns)')}")
    session: dict[str, object] = {}
    try:
        with mpl.style.context(STYLE_FILES[name]), mpl.rc_context(
            {"figure.figsize": (FIGURE_WIDTHS[columns], _HEIGHTS[columns])}
        ):
            try:
                yield
            finally:  # the session's settings as the block leaves them ("backend" is never restored)
                session = {key: mpl.rcParams[key] for key in _SESSION if key in mpl.rcParams}
    finally:
        mpl.rcParams.update(session)


_PRINTABLE = "".join(map(chr, range(0x20, 0x7F)))
"""The characters whose glyphs every embedded font keeps (printable ASCII), used or not: see :func:`_font_subsets`."""


@functools.lru_cache(maxsize=8)
def _printable_glyphs(fontfile: str) -> frozenset[int]:
    """The glyph indices of :data:`_PRINTABLE` in a font file (a matplotlib ``FontPath``)."""
    from matplotlib.font_manager import get_font

    font = get_font(fontfile)
    return frozenset(int(font.get_char_index(ord(c))) for c in _PRINTABLE) - {0}


@functools.lru_cache(maxsize=32)
def _subset(subset: object, fontfile: str, glyphs: frozenset[int]) -> tuple[bytes, tuple[tuple[int, int], ...]]:
    """The font file cut down to ``glyphs`` by matplotlib's ``subset`` (fontTools), as bytes, and where each glyph
    went."""
    from matplotlib.backends import _backend_pdf_ps

    with subset(fontfile, glyphs) as cut:  # type: ignore[operator]
        return (_backend_pdf_ps.font_as_file(cut.font).getvalue(),
                tuple(sorted((int(k), int(v)) for k, v in cut.glyph_index_map.items())))


@contextlib.contextmanager
def _font_subsets() -> Iterator[None]:
    """While a PDF is written: each TrueType font cut down once per process rather than once per file.

    Matplotlib embeds in each PDF the glyphs of each font the figure's text uses, cut out of the font file by
    fontTools: about 50 ms a font, two fonts (regular and bold) a figure, for every figure. Here every cut also keeps
    the printable ASCII characters' glyphs, so that the figures of a report, whose text is mostly ASCII, ask for the
    same few cuts; each is made once and kept (the files are the same whichever figure asked first: a cut depends on
    the font and the glyphs only). The fonts stay TrueType (Type 42) and the text's characters are as before; the
    font program in the file holds a few dozen more glyphs (about 10 kB a font). Matplotlib's own way (a cut per
    file) where its PDF backend is not the one this was written for (matplotlib 3.11's ``get_glyphs_subset``)."""
    from matplotlib.backends import _backend_pdf_ps

    original = getattr(_backend_pdf_ps, "get_glyphs_subset", None)
    if original is None or not hasattr(_backend_pdf_ps, "SubsetResults") or getattr(original, "_cobs", False):
        yield
        return

    def cached(fontfile: str, glyphs: object) -> contextlib.AbstractContextManager[object]:
        from fontTools.ttLib import TTFont

        wanted = frozenset(map(int, glyphs)) | _printable_glyphs(fontfile)  # type: ignore[call-overload]
        data, where = _subset(original, fontfile, wanted)
        # as fontTools's subsetter opens fonts: no new timestamp or bounds when matplotlib writes it into the file
        font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
        return _backend_pdf_ps.SubsetResults(font, dict(where))._as_cm()

    cached._cobs = True  # type: ignore[attr-defined]
    _backend_pdf_ps.get_glyphs_subset = cached
    try:
        yield
    finally:
        _backend_pdf_ps.get_glyphs_subset = original


_OTHER_FORMATS = frozenset({"eps", "ps", "jpg", "jpeg", "tif", "tiff", "gif", "bmp", "webp", "pgf", "raw", "rgba",
                            "svgz", "emf", "wmf", "heic", "avif", "gz"})
"""Endings of image and document formats cobs does not write: an error, rather than a name with .pdf appended."""


def savefig(
    fig: Figure | Axes,
    path: str | os.PathLike[str],
    *,
    formats: Sequence[str] | None = None,
    dpi: float = 300,
    parameters: Mapping[str, object] | None = None,
) -> list[Path]:
    """Write a figure as PDF, SVG and PNG files that are the same, byte for byte, run after run.

    Matplotlib stamps files with the date and its version; cobs writes no date, a
    fixed seed for the SVG's element ids, and what made the figure: the creator
    "cobs VERSION", and in the PDF's Subject, the SVG's description and the PNG's
    Description a record (:func:`cobs.provenance.provenance`) of the cobs version, the
    cobs.plot calls that drew the figure with their options, and ``parameters``
    (:func:`cobs.provenance.read_provenance` reads it back). Figures kept under
    version control change only when their data, options or cobs's version do. A
    figure with a layout engine (the cobs figure functions make constrained-layout
    figures) is laid out once for all its files and cropped as ``savefig.bbox``
    says: in the paper style, to what it draws and ``savefig.pad_inches`` around it;
    any other figure is cropped to what it draws. The files of a figure are cropped
    to one box, measured at the PNG's resolution: they have one size.

    Parameters
    ----------
    fig : matplotlib Figure or Axes
        The figure (an Axes stands for its figure, as returned by the cobs figure
        functions).
    path : str or path-like
        Where to write. The ending decides the files: ``figures/themes.pdf`` (or
        ``.svg``, ``.png``) writes that one file; ``figures/themes``, without an
        ending, writes ``themes.pdf``, ``themes.svg`` and ``themes.png`` (or the
        ``formats`` asked for). The ending of another image format (``.jpg``,
        ``.eps``) is an error rather than a file of another format under that
        name; any other dot belongs to the name (``profile-E_C.12_KAZ_CO_2`` writes
        ``profile-E_C.12_KAZ_CO_2.pdf``, ...). Missing folders are created.
    formats : sequence of {"pdf", "svg", "png"}, optional
        The files to write, one per format, for a ``path`` without an ending; by
        default all three. With an ending, ``formats`` may only repeat it.
    dpi : float, default=300
        Resolution of the PNG (PDF and SVG are vector files).
    parameters : mapping, optional
        What else made the figure, recorded in its metadata (the data's source, a
        model's settings): names and values, as JSON holds them.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Raises
    ------
    TypeError
        If ``fig`` is neither a Figure nor an Axes.
    ValueError
        If a format, or the ending of ``path``, is not one of pdf, svg, png, or
        ``formats`` asks for other files than the ending of ``path``.

    Examples
    --------
    >>> import tempfile
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.subplots().plot([1, 2, 3])
    >>> folder = tempfile.mkdtemp()
    >>> [p.name for p in savefig(fig, f"{folder}/line")]
    ['line.pdf', 'line.svg', 'line.png']
    >>> [p.name for p in savefig(fig, f"{folder}/line.svg")]
    ['line.svg']
    """
    if isinstance(fig, Axes):
        fig = fig.figure
    if not isinstance(fig, Figure):
        raise TypeError(f"savefig: {invalid_value('fig', fig, 'a matplotlib Figure or Axes')}")
    if formats is not None:
        formats = [formats] if isinstance(formats, str) else list(formats)
        unknown = [f for f in formats if f not in _METADATA]
        if unknown or not formats:
            raise ValueError(f"savefig: {invalid_value('formats', formats, f'one or more of {list(_METADATA)}')}")
    base = Path(path)
    ending = base.suffix.lstrip(".").lower()
    if ending not in _METADATA and ending not in _OTHER_FORMATS:
        ending = ""  # a dot of the name ("profile-E_C.12_KAZ_CO_2", "figure2.1"), not a file format
    if ending:
        if ending not in _METADATA:
            expected = "a file name ending in .pdf, .svg or .png, or one without an ending (for all three)"
            raise ValueError(f"savefig: {invalid_value('path', str(path), expected)}")
        if formats is not None and formats != [ending]:
            raise ValueError(f"savefig: path {str(base)!r} ends in {base.suffix} but formats asks for {formats}; "
                             "give a path without an ending to write several formats")
        formats, base = [ending], base.with_suffix("")
    elif formats is None:
        formats = list(FORMATS)
    from cobs.plot._base import drawn_on
    from cobs.provenance import as_text, provenance

    calls = drawn_on(fig)
    record = provenance("; ".join(calls) if calls else "a matplotlib figure (not drawn by cobs.plot)", parameters)
    creator, description = f"cobs {record['cobs_version']}", as_text(record)
    base.parent.mkdir(parents=True, exist_ok=True)
    engine = fig.get_layout_engine()
    fitted = engine is not None and not isinstance(engine, PlaceHolderLayoutEngine)
    # A figure laid out by its engine is cropped as the style's savefig.bbox says ("tight" in the paper style, by
    # savefig.pad_inches), any other figure to what it draws (by 0.02 in)
    tight = not fitted or mpl.rcParams["savefig.bbox"] == "tight"
    pad = mpl.rcParams["savefig.pad_inches"] if fitted else 0.02
    written = []
    shown_dpi = fig.dpi
    # No engine while the files are written: matplotlib draws a figure with one (even a placeholder) once more
    # before every file, to lay it out and measure it; the settings that make a figure's engine keep it None.
    with mpl.rc_context({"svg.hashsalt": "cobs", "pdf.compression": 6, "figure.autolayout": False,
                         "figure.constrained_layout.use": False, "savefig.bbox": "standard"}):
        try:
            # laid out and measured once for every format, at the PNG's resolution (the one format whose text
            # is hinted to its pixels): the box holds what every format draws
            fig.dpi = dpi
            if fitted:  # the layout alone: measuring the box places the ticks, titles and legends as a draw would
                engine.execute(fig)
            else:
                fig.draw_without_rendering()
            box = fig.get_tightbbox().padded(pad) if tight else None
            fig.set_layout_engine(None)
            for fmt in formats:
                target = base.with_name(f"{base.name}.{fmt}")
                metadata = {**_METADATA[fmt], _CREATOR[fmt]: creator, _DESCRIPTION[fmt]: description}
                with _font_subsets() if fmt == "pdf" else contextlib.nullcontext():
                    fig.savefig(target, format=fmt, dpi=dpi, metadata=metadata, bbox_inches=box, **_OPTIONS[fmt])
                written.append(target)
        finally:
            fig.dpi = shown_dpi
            fig.set_layout_engine(engine)
    return written
