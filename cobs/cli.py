"""The ``cobs`` command line.

``cobs parse PATH... [--format csv|json|parquet] [-o OUT]``
    Read concluding observations into one paragraph table.
``cobs measure PATH... [--format csv|json|parquet] [-o OUT]``
    Read COs and write the measured table of requested actions (``cobs.measure``).
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
_READABLE = {".txt", ".pdf", ".docx", ".html", ".htm"}


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


def _paragraph_table(args: argparse.Namespace) -> pd.DataFrame | None:
    """The paragraph table of the files asked for; None (after reporting) when some cannot be read."""
    documents, errors = _read_all(_files(args.paths))
    for message in errors:
        print(f"cobs: {message}", file=sys.stderr)
    if errors and not args.keep_going:
        print(f"cobs: nothing written: {len(errors)} file(s) could not be read (--keep-going writes the rest)",
              file=sys.stderr)
        return None
    args.failed = bool(errors)
    if not documents:
        return None
    return pd.concat([d.paragraphs for d in documents], ignore_index=True)


def _parse(args: argparse.Namespace) -> int:
    table = _paragraph_table(args)
    if table is not None:
        _write(table, args.format, args.output)
    return EXIT_BAD_INPUT if table is None or args.failed else 0


def _measure(args: argparse.Namespace) -> int:
    from cobs.measure import measure

    table = _paragraph_table(args)
    if table is None:
        return EXIT_BAD_INPUT
    measured = measure(table)
    if args.format == "csv":  # lists of citations and phrases as "a; b" in a flat file
        lists = [c for c in measured.columns if measured[c].map(lambda v: isinstance(v, list)).any()]
        measured = measured.assign(**{c: measured[c].map("; ".join) for c in lists})
    _write(measured, args.format, args.output)
    return EXIT_BAD_INPUT if args.failed else 0


def _corpus(args: argparse.Namespace) -> int:
    import warnings

    from cobs.corpus import CorpusWarning, corpus_summary, read_corpus

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"cobs: {folder}: not a folder", file=sys.stderr)
        return EXIT_BAD_INPUT
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # reported below, one line per file
        table = read_corpus(folder, n_jobs=args.jobs, cache=not args.no_cache)
    if len(table):
        summary = corpus_summary(table)
        files = table.attrs["files"].drop_duplicates("symbol").set_index("symbol")["file"]
        summary["file"] = summary["symbol"].map(lambda s: Path(files[s]).name)
        print(summary.to_string(index=False))
    for error in table.attrs["errors"].itertuples():
        print(f"cobs: {error.file}: {error.reason}", file=sys.stderr)
    return EXIT_BAD_INPUT if len(table.attrs["errors"]) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cobs", description="Read and analyse UN treaty-body concluding observations.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, run, what in (("parse", _parse, "read COs into one paragraph table"),
                            ("measure", _measure, "read COs and write the measured table of requested actions")):
        command = commands.add_parser(name, help=what)
        command.add_argument("paths", nargs="+", help="files (.txt, .pdf, .docx, .html) or folders")
        command.add_argument("--format", choices=["csv", "json", "parquet"], default="csv")
        command.add_argument("-o", "--output", help="output file (default: standard output)")
        command.add_argument("--keep-going", action="store_true", help="write the readable files' rows even if some fail")
        command.set_defaults(run=run)
    corpus = commands.add_parser("corpus", help="summarise every CO of a folder")
    corpus.add_argument("folder")
    corpus.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (-1: every core)")
    corpus.add_argument("--no-cache", action="store_true", help="parse every file again")
    corpus.set_defaults(run=_corpus)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
