"""Rebuild cobs/data/registry.csv from the documents (../shared/data and corpus/).

    python scripts/build_registry.py           # rewrite cobs/data/registry.csv
    python scripts/build_registry.py --check   # exit 1 if it differs from a rebuild

Every CO among the CRPD PDFs of ../shared/data is read (cobs.read_document for
the English versions; the masthead of the others, cobs.read.identify),
the bundled seed is read, and the facts of corpus/registry_citations.csv (COs
known from other documents) are checked against the documents they quote before
they are used. Follow-up documents (.../FCO/..., .../CO/1/Add.1) are not COs and
are left out. The columns are described in cobs/sources/_registry.py. About 20 s.

The package reads the CSV (cobs.registry()); this script, which needs the source
tree and ../shared, is not part of it.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from cobs.errors import CobsError, LanguageError
from cobs.reference import parse_symbol
from cobs.sources._registry import REGISTRY_COLUMNS, REGISTRY_PATH

ROOT = Path(__file__).resolve().parents[1]
CITATIONS_PATH = ROOT / "corpus" / "registry_citations.csv"
SHARED = ROOT.parent / "shared"
CRPD_FOLDER = Path("data") / "crpd-dashboard-pdfs" / "concluding_observations"
SEED = Path("corpus") / "CRC_C_KAZ_CO_4.txt"


def _sort_key(symbol: str) -> tuple[object, ...]:
    parsed = parse_symbol(symbol)
    return (parsed.state or "", parsed.committee, parsed.protocol or "", parsed.cycles or (0,), symbol)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _document_text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        try:
            return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        finally:
            pdf.close()
    return path.read_text(encoding="utf-8")


def _resolve(name: str, root: Path, shared: Path) -> Path:
    """A path as written in the registry (from the project root) -> the file."""
    if name.startswith("../shared/"):
        return shared / name[len("../shared/"):]
    return root / name


def _display(path: Path, root: Path, shared: Path) -> str:
    """A file as named in ``source``: from the project root, ../shared for the shared data."""
    path = path.resolve()
    for base, prefix in ((shared.resolve(), "../shared/"), (root.resolve(), "")):
        if path.is_relative_to(base):
            return prefix + path.relative_to(base).as_posix()
    return path.as_posix()


class _Row:
    """The facts gathered for one symbol, and where each comes from."""

    def __init__(self, symbol: str) -> None:
        self.symbol = symbol
        self.date: datetime.date | None = None
        self.year: int | None = None
        self.languages: set[str] = set()
        self.sources: list[str] = []

    def set_date(self, date: datetime.date, where: str) -> None:
        if self.date is not None and self.date != date:
            raise ValueError(f"{self.symbol}: adopted on {self.date} or on {date} ({where})? sources disagree")
        self.date = date
        self.set_year(date.year, where)

    def set_year(self, year: int, where: str) -> None:
        if self.year is not None and self.year != year:
            raise ValueError(f"{self.symbol}: adopted in {self.year} or in {year} ({where})? sources disagree")
        self.year = year

    def record(self) -> dict[str, str]:
        parsed = parse_symbol(self.symbol)
        return {
            "symbol": self.symbol,
            "committee": parsed.committee,
            "state": parsed.state or "",
            "cycle": parsed.cycle or "",
            "date_adopted": self.date.isoformat() if self.date else "",
            "year": str(self.year) if self.year else "",
            "languages": "|".join(sorted(self.languages)),
            "source": "; ".join(self.sources),
        }


def _read_pdf(path: Path, shown: str, rows: dict[str, _Row], skipped: list[str]) -> None:
    """One CRPD PDF: read it as a CO, or note why it is left out."""
    from cobs.document import read_document
    from cobs.read import LANGUAGE_NAMES, identify

    who = identify(path)
    if who.symbol is None:
        skipped.append(f"{shown}: no symbol printed in the masthead or running headers")
        return
    parsed = parse_symbol(who.symbol)
    if not parsed.is_co:
        what = f"addendum {parsed.addendum} to the COs (follow-up)" if parsed.doc_type == "CO" else parsed.description
        skipped.append(f"{shown}: {parsed.symbol} is {what}, not a CO")
        return
    how = []
    try:
        doc = read_document(path)
    except LanguageError as exc:
        name = LANGUAGE_NAMES.get(exc.language, exc.language)
        how.append(f"{name} version (read_document: LanguageError {exc.language!r}); symbol from the masthead")
    except CobsError as exc:
        skipped.append(f"{shown}: {exc}")
        return
    else:
        meta = doc.meta
        if (meta.symbol, meta.state, meta.cycle) != (parsed.symbol, parsed.state, parsed.cycle):
            raise ValueError(f"{shown}: read_document reads {meta.symbol}, the masthead prints {parsed.symbol}")
        how.append("read_document")
    row = rows.setdefault(parsed.symbol, _Row(parsed.symbol))
    row.languages.update(who.languages)
    adopted, session = who.adopted, who.session
    contradicted = adopted is not None and session is not None and not session[0] <= adopted <= session[1]
    if contradicted:
        how.append(
            f"paragraph 1 says adopted on {adopted.isoformat()}, outside the session its note names "  # type: ignore[union-attr]
            f"({session[0].isoformat()} to {session[1].isoformat()}): date left empty"  # type: ignore[index]
        )
        adopted = None
    if adopted is not None:
        how.append("date from paragraph 1")
        row.set_date(adopted, shown)
    elif session is not None and session[0].year == session[1].year:
        how.append("year from the session note" if contradicted
                   else "no adoption date printed; year from the session note")
        row.set_year(session[1].year, shown)
    else:
        legible = "" if who.language == "en" else " (not exactly legible in the PDF text)"
        how.append("adoption date not read" + legible)
    row.sources.append(f"{shown} ({'; '.join(how)})")


def _read_seed(root: Path, shared: Path, rows: dict[str, _Row]) -> None:
    from cobs.document import read_document
    from cobs.read import adoption_date

    path = root / SEED
    doc = read_document(path)
    row = rows.setdefault(doc.meta.symbol, _Row(doc.meta.symbol))
    row.languages.add(doc.meta.language)
    date = adoption_date(path.read_text(encoding="utf-8"), doc.meta.language)
    if date is None or date != doc.meta.date:
        raise ValueError(f"{path}: read_document says adopted on {doc.meta.date}, paragraph 1 says {date}")
    row.set_date(date, str(path))
    row.sources.append(
        f"{_display(path, root, shared)} (read_document, symbol inferred from the title; date from paragraph 1)")


def _citations(root: Path, shared: Path) -> list[dict[str, str]]:
    """The rows of registry_citations.csv, each checked: its document says the quoted words."""
    texts: dict[Path, str] = {}
    records = []
    with open(root / CITATIONS_PATH.relative_to(ROOT), encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            symbol = parse_symbol(record["symbol"]).symbol
            path = _resolve(record["cited_in"], root, shared)
            if path not in texts:
                texts[path] = _flat(_document_text(path))
            quote = _flat(record["quote"])
            if quote not in texts[path] or symbol not in quote:
                raise ValueError(
                    f"registry_citations.csv: {record['cited_in']} does not say {quote!r}, or the quote does not "
                    f"name {symbol}"
                )
            records.append({**record, "symbol": symbol, "quote": quote})
    return records


def _apply_citations(records: list[dict[str, str]], rows: dict[str, _Row]) -> None:
    for record in records:
        row = rows.setdefault(record["symbol"], _Row(record["symbol"]))
        if record["date_adopted"]:
            row.set_date(datetime.date.fromisoformat(record["date_adopted"]), record["cited_in"])
        if record["year"]:
            row.set_year(int(record["year"]), record["cited_in"])
        row.sources.append(f"{record['cited_in']}: “{record['quote']}”")


def build_registry(*, shared: str | Path = SHARED, root: str | Path = ROOT) -> pd.DataFrame:
    """Rebuild the registry from the documents (see the module documentation).

    Parameters
    ----------
    shared : path, optional
        The shared data folder (default: ``../shared`` beside the project).
    root : path, optional
        The project's root (default: the source tree holding this module).

    Returns
    -------
    pandas.DataFrame
        The registry as written to the CSV (all columns strings); the files left
        out, with the reason, in ``table.attrs["skipped"]``.

    Raises
    ------
    FileNotFoundError
        If the shared folder or one of the documents is absent.
    ValueError
        If two sources disagree on a fact, or a citation is not found in its document.
    """
    shared, root = Path(shared), Path(root)
    folder = shared / CRPD_FOLDER
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: the CRPD PDFs are not there; the registry is built from ../shared/data")
    citations = _citations(root, shared)  # first: a quote that is not found fails fast
    rows: dict[str, _Row] = {}
    skipped: list[str] = []
    for path in sorted(folder.glob("*.pdf")):
        _read_pdf(path, _display(path, root, shared), rows, skipped)
    _read_seed(root, shared, rows)
    _apply_citations(citations, rows)
    records = [rows[symbol].record() for symbol in sorted(rows, key=_sort_key)]
    table = pd.DataFrame(records, columns=list(REGISTRY_COLUMNS))
    table.attrs["skipped"] = skipped
    return table


def write_registry(table: pd.DataFrame, path: str | Path = REGISTRY_PATH) -> Path:
    """Write a table from :func:`build_registry` as the registry CSV (UTF-8, ``\\n`` line ends)."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    path = Path(path)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """``python scripts/build_registry.py [--check] [--shared DIR]``: rebuild (or check) the registry CSV."""
    parser = argparse.ArgumentParser(prog="build_registry.py",
                                     description="Rebuild cobs/data/registry.csv from the documents.")
    parser.add_argument("--check", action="store_true",
                        help="only tell whether the committed CSV is what a rebuild gives")
    parser.add_argument("--shared", default=str(SHARED), help="the shared data folder (default: ../shared)")
    args = parser.parse_args(argv)
    try:
        table = build_registry(shared=args.shared)
    except (OSError, ValueError, CobsError) as exc:
        print(f"build_registry.py: {exc}", file=sys.stderr)
        return 2
    for line in table.attrs["skipped"]:
        print(f"left out: {line}", file=sys.stderr)
    if args.check:
        current = REGISTRY_PATH.read_text(encoding="utf-8") if REGISTRY_PATH.exists() else ""
        same = current == table.to_csv(index=False, lineterminator="\n")
        print(f"{REGISTRY_PATH}: {'up to date' if same else 'differs from a rebuild'}", file=sys.stderr)
        return 0 if same else 1
    path = write_registry(table)
    print(f"wrote {len(table)} COs to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
