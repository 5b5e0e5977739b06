"""The ``cobs`` command line.

``cobs parse PATH... [--format csv|json|parquet] [-o OUT]``
    Read concluding observations into one paragraph table.
``cobs corpus FOLDER``
    Read every document of a folder and print a summary per document.

Every file that cannot be read is reported on one line ("path: reason") and
the command exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from cobs.document import Document, read_document
from cobs.errors import CobsError

EXIT_BAD_INPUT = 2
_READABLE = {".txt", ".pdf"}


def _read_all(paths: Sequence[Path]) -> tuple[list[Document], list[str]]:
    documents, errors = [], []
    for path in paths:
        try:
            documents.append(read_document(path))
        except (CobsError, OSError) as exc:
            errors.append(str(exc))
    return documents, errors


def _files(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in _READABLE and p.is_file()))
        else:
            out.append(path)
    return out


def _write(table: pd.DataFrame, fmt: str, output: str | None) -> None:
    if fmt == "parquet":
        if output is None:
            raise SystemExit("cobs: --format parquet needs -o FILE (parquet is binary)")
        table.to_parquet(output, index=False)
    elif fmt == "json":
        text = table.to_json(orient="records", force_ascii=False, indent=1)
        Path(output).write_text(text + "\n", encoding="utf-8") if output else sys.stdout.write(text + "\n")
    else:
        if output:
            table.to_csv(output, index=False)
        else:
            table.to_csv(sys.stdout, index=False)


def _parse(args: argparse.Namespace) -> int:
    documents, errors = _read_all(_files(args.paths))
    for message in errors:
        print(f"cobs: {message}", file=sys.stderr)
    if errors and not args.keep_going:
        print(f"cobs: nothing written: {len(errors)} file(s) could not be read (--keep-going writes the rest)",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if documents:
        table = pd.concat([d.paragraphs for d in documents], ignore_index=True)
        _write(table, args.format, args.output)
    return EXIT_BAD_INPUT if errors else 0


def summary(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per document: symbol, committee, State, year, paragraphs, recommendations, file."""
    rows = []
    for doc in documents:
        table = doc.paragraphs
        own = table[table["sub"] == ""]
        rows.append(
            {
                "symbol": doc.meta.symbol,
                "committee": doc.meta.committee,
                "state": doc.meta.state,
                "year": doc.meta.year,
                "paragraphs": len(own),
                "recommendations": int((own["kind"] == "recommendation").sum()),
                "rows": len(table),
                "file": Path(doc.meta.path).name,
            }
        )
    return pd.DataFrame(rows, columns=["symbol", "committee", "state", "year", "paragraphs", "recommendations", "rows", "file"])


def _corpus(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"cobs: {folder}: not a folder", file=sys.stderr)
        return EXIT_BAD_INPUT
    documents, errors = _read_all(_files([args.folder]))
    if documents:
        print(summary(documents).to_string(index=False))
    for message in errors:
        print(f"cobs: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT if errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cobs", description="Read and analyse UN treaty-body concluding observations.")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="read COs into one paragraph table")
    parse.add_argument("paths", nargs="+", help="files (.txt, .pdf) or folders")
    parse.add_argument("--format", choices=["csv", "json", "parquet"], default="csv")
    parse.add_argument("-o", "--output", help="output file (default: standard output)")
    parse.add_argument("--keep-going", action="store_true", help="write the readable files' rows even if some fail")
    parse.set_defaults(run=_parse)
    corpus = commands.add_parser("corpus", help="summarise every CO of a folder")
    corpus.add_argument("folder")
    corpus.set_defaults(run=_corpus)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
