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
    parse = commands.add_parser("parse", help="read COs into one paragraph table")
    parse.add_argument("paths", nargs="+", help="files (.txt, .pdf) or folders")
    parse.add_argument("--format", choices=["csv", "json", "parquet"], default="csv")
    parse.add_argument("-o", "--output", help="output file (default: standard output)")
    parse.add_argument("--keep-going", action="store_true", help="write the readable files' rows even if some fail")
    parse.set_defaults(run=_parse)
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
