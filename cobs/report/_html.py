"""The report as one self-contained HTML page: figures embedded, no script, readable offline."""

from __future__ import annotations

import base64
import dataclasses
import html
import numbers
import re
from collections.abc import Sequence

import pandas as pd

from cobs.report._parts import Figure, Section, Table, Text

__all__ = ["DrawnFigure", "page"]


@dataclasses.dataclass(frozen=True)
class DrawnFigure:
    """A figure once drawn: its number, its image for the page, its files and the table behind it."""

    figure: Figure
    number: int
    png: bytes  # at screen resolution; the files beside the page keep every pixel
    width_px: int
    files: list[str]
    data: pd.DataFrame
    data_file: str


_CSS = """
body { font-family: "STIX Two Text", "STIXGeneral", "Times New Roman", Georgia, serif; color: #1a1a1a;
       max-width: 62rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; line-height: 1.45; background: #fff; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.35rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin-top: 2rem; }
nav ol { columns: 2; font-size: 0.95rem; }
p.meta { color: #555; margin-top: 0; }
figure { margin: 1.2rem 0 1.8rem; }
div.row { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
div.row figure { flex: 0 1 auto; max-width: 100%; }
figure img { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.92rem; color: #333; margin-top: 0.4rem; max-width: 34rem; }
figcaption .files, td.refs, .files { font-size: 0.85rem; color: #555; }
table { border-collapse: collapse; font-size: 0.88rem; margin: 0.6rem 0 1.2rem; }
th, td { padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; border-bottom: 1px solid #e4e4e4; }
th { border-bottom: 1px solid #999; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table caption { caption-side: top; text-align: left; font-size: 0.92rem; color: #333; padding-bottom: 0.3rem; }
details { margin: 0.5rem 0 1rem; }
summary { cursor: pointer; }
details.part > summary > h3, details.part > summary > h4 { display: inline; }
details.more, details.more summary { display: inline; margin: 0; }
details.more summary { color: #555; }
td.refs { max-width: 36rem; }
td.ref { white-space: nowrap; }
code { font-size: 0.9em; }
"""

_SHARES = ("share", "size", "template_share")
_NUMERIC = ("count", "n", "share", "paragraphs", "recommendations", "actions", "year", "rows", "value", "row_share",
            "earlier_para", "later_para", "similarity", "score")


def _e(text: object) -> str:
    return html.escape("" if text is None or text is pd.NA else str(text))


FOLDED_OVER = 12
"""A section of more subsections (one per document, or per pair of cycles) shows each under its title, folded
(``<details>``): the page of a hundred COs opens on its table of contents and first sections, not on 800 figures."""

REFS_SHOWN = 3
"""References shown in a table cell; the others are folded under "and N more" (every one is in the CSV beside)."""


REFS_IN_PAGE = 50
"""References of one cell the page holds (the first :data:`REFS_SHOWN` shown, the others folded); a longer list (the
committee's other COs' actions behind a comparison bar: thousands) ends with a link to the file that has them all. A
hundred COs' page carried 5 MB of such lists."""


def _list_cell(values: list | tuple, file: str | None = None) -> str:
    """A cell of references: the first :data:`REFS_SHOWN`, then the rest folded (no script: a ``<details>``), at most
    :data:`REFS_IN_PAGE` of them where ``file`` (the CSV beside the page) holds every one."""
    items = [str(v) for v in values]
    shown = _e("; ".join(items[:REFS_SHOWN]))
    if len(items) <= REFS_SHOWN:
        return f'<td class="refs">{shown}</td>'
    cut = file is not None and len(items) > REFS_IN_PAGE
    rest = _e("; ".join(items[REFS_SHOWN:REFS_IN_PAGE if cut else None]))
    if cut:
        rest += f'; … the other {len(items) - REFS_IN_PAGE} in <a href="{_e(file)}">{_e(file)}</a>'
    return (f'<td class="refs">{shown}; <details class="more"><summary>and {len(items) - REFS_SHOWN} more'
            f"</summary>{rest}</details></td>")


def _cell(column: str, value: object, file: str | None = None) -> str:
    if isinstance(value, (list, tuple)):
        return _list_cell(value, file)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "<td></td>" if column not in _NUMERIC else '<td class="num"></td>'
    if column in _SHARES and isinstance(value, float):
        return f'<td class="num">{value:.1%}</td>'
    if isinstance(value, float):  # three significant figures, without an exponent from 1,000 up (G2 1234.5: 1,234)
        return f'<td class="num">{value:,.0f}</td>' if abs(value) >= 1000 else f'<td class="num">{value:.3g}</td>'
    number = isinstance(value, numbers.Number) and not isinstance(value, bool)
    if column in _NUMERIC or number:
        return f'<td class="num">{_e(value)}</td>'
    return f'<td class="ref">{_e(value)}</td>' if column.endswith("ref") else f"<td>{_e(value)}</td>"


def table_html(frame: pd.DataFrame, caption: str = "", *, table_id: str | None = None, file: str | None = None) -> str:
    """``frame`` as an HTML table; ``file``: the CSV beside the page holding it whole (long lists of references are
    cut in the page and point to it)."""
    head = "".join(f"<th>{_e(c)}</th>" for c in frame.columns)
    rows = "\n".join("<tr>" + "".join(_cell(c, v, file) for c, v in zip(frame.columns, row, strict=True)) + "</tr>"
                     for row in frame.itertuples(index=False, name=None))
    ident = f' id="{_e(table_id)}"' if table_id else ""
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f"<table{ident}>{cap}<thead><tr>{head}</tr></thead><tbody>\n{rows}\n</tbody></table>"


def _figure_html(drawn: DrawnFigure, lazy: bool = False) -> str:
    source = "data:image/png;base64," + base64.b64encode(drawn.png).decode("ascii")
    files = " · ".join(f'<a href="{_e(f)}">{_e(f.rsplit(".", 1)[-1].upper())}</a>' for f in drawn.files)
    loading = ' loading="lazy"' if lazy else ""  # in a folded part: decoded when opened
    return (
        f'<figure id="fig-{_e(drawn.figure.name)}">'
        f'<img src="{source}" width="{drawn.width_px}"{loading} '
        f'alt="Figure {drawn.number}. {_e(drawn.figure.caption)}">'
        f"<figcaption><b>Figure {drawn.number}.</b> {_e(drawn.figure.caption)} "
        f'<span class="files"><a href="#refs-{_e(drawn.figure.name)}">References</a> · {files} · '
        f'<a href="{_e(drawn.data_file)}">data</a></span></figcaption></figure>'
    )


def _section_html(section: Section, drawn: dict[str, DrawnFigure], level: int, tables: dict[str, str],
                  lazy: bool = False) -> str:
    """A section and its subsections; ``lazy``: its images are decoded when shown (it is folded)."""
    out = [f'<section id="{_e(section.id)}"><h{level}>{_e(section.title)}</h{level}>']
    row: list[str] = []  # one-column figures side by side, as far as the page is wide
    for part in section.parts:
        if isinstance(part, Figure) and part.columns == 1:
            row.append(_figure_html(drawn[part.name], lazy))
            continue
        if row:
            out.append('<div class="row">' + "".join(row) + "</div>")
            row = []
        if isinstance(part, Text):
            out.append(part.html)
        elif isinstance(part, Figure):
            out.append(_figure_html(drawn[part.name], lazy))
        elif isinstance(part, Table) and part.shown:
            link = ""
            if part.name in tables:
                link = f' <span class="files"><a href="{_e(tables[part.name])}">CSV</a></span>'
            if part.folded:
                out.append(f'<details id="table-{_e(part.name)}"><summary>{_e(part.caption)}{link}</summary>'
                           f"{table_html(part.frame, file=tables.get(part.name))}</details>")
            else:
                out.append(table_html(part.frame, _e(part.caption) + link, table_id=f"table-{part.name}",
                                      file=tables.get(part.name)))
    if row:
        out.append('<div class="row">' + "".join(row) + "</div>")
    folded = len(section.subsections) > FOLDED_OVER
    for sub in section.subsections:
        inner = _section_html(sub, drawn, level + 1, tables, lazy or folded)
        if folded:  # the heading becomes the summary line: <section id=..><details><summary><hN>..</hN></summary>
            head = f'<section id="{_e(sub.id)}"><h{level + 1}>{_e(sub.title)}</h{level + 1}>'
            inner = (f'<section id="{_e(sub.id)}"><details class="part"><summary><h{level + 1}>{_e(sub.title)}'
                     f"</h{level + 1}></summary>" + inner.removeprefix(head).removesuffix("</section>")
                     + "</details></section>")
        out.append(inner)
    out.append("</section>")
    return "\n".join(out)


def _references_html(drawn: Sequence[DrawnFigure]) -> str:
    out = ['<section id="references"><h2>References behind the figures</h2>',
           "<p>For each figure, one row per number drawn, with the requested actions (or citing paragraphs) it "
           "counts, cited as “symbol, para. N (letter)”. The same tables are in the data files beside each "
           "figure.</p>"]
    for item in drawn:
        data = item.data.drop(columns=[c for c in ("dimension",) if c in item.data.columns])
        if "count" in data.columns:
            data = data[data["count"] > 0]
        out.append(
            f'<details id="refs-{_e(item.figure.name)}"><summary>Figure {item.number}. {_e(item.figure.caption)} '
            f"({len(data)} rows)</summary>{table_html(data, file=item.data_file)}</details>")
    out.append("</section>")
    return "\n".join(out)


def page(title: str, meta: str, sections: Sequence[Section], drawn: Sequence[DrawnFigure],
         tables: dict[str, str], files_note: str) -> str:
    """The HTML page: a title, a table of contents, the sections, and the references behind every figure."""
    by_name = {d.figure.name: d for d in drawn}
    figure_numbers = {f"\x00{_e(d.figure.name)}\x00": str(d.number) for d in drawn}
    toc = "".join(f'<li><a href="#{_e(s.id)}">{_e(s.title)}</a></li>' for s in sections)
    toc += '<li><a href="#references">References behind the figures</a></li>'
    body = "\n".join(_section_html(s, by_name, 2, tables) for s in sections)
    if "\x00" in body:  # the links to figures by name (_parts.figure_link), now that the figures have numbers
        body = re.sub("\x00[^\x00]*\x00", lambda m: figure_numbers[m.group(0)], body)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>\n<body>\n"
        f"<header><h1>{_e(title)}</h1><p class=\"meta\">{meta}</p></header>\n"
        f"<nav><ol>{toc}</ol></nav>\n{body}\n{_references_html(drawn)}\n"
        f'<footer><p class="files">{files_note}</p></footer>\n</body></html>\n'
    )
