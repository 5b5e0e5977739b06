"""The ``cobs`` command line.

``cobs parse PATH... [--format csv|json|parquet] [-o OUT]``
    Read concluding observations into one paragraph table.
``cobs measure PATH... [--format csv|json|parquet] [-o OUT]``
    Read COs and write the measured table of requested actions (``cobs.measure``).
``cobs corpus FOLDER``
    Read every document of a folder and print a summary per document.
``cobs fetch SYMBOL... | --state STATE --committee COMMITTEE [--lang en] [--format pdf]``
    Download COs into the cache (unless cached) and print their paths.

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


def _fetch(args: argparse.Namespace) -> int:
    from cobs.sources.fetch import chain_symbols, fetch
    from cobs.sources.registry import registry

    symbols = list(args.symbols)
    if (args.state is None) != (args.committee is None):
        print("cobs: fetch: --state and --committee go together", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.state is not None:
        try:
            chain = chain_symbols(registry(state=args.state, committee=args.committee), protocol=args.protocol)
        except (ValueError, OSError) as exc:
            print(f"cobs: fetch: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        if not chain:
            print(f"cobs: fetch: the registry knows no CO of {args.committee} on {args.state}"
                  f"{' under ' + args.protocol if args.protocol else ''}", file=sys.stderr)
            return EXIT_BAD_INPUT
        symbols.extend(chain)
    if not symbols:
        print("cobs: fetch: give symbols, or --state and --committee", file=sys.stderr)
        return EXIT_BAD_INPUT
    failures = 0
    for symbol in symbols:
        try:
            path = fetch(symbol, lang=args.lang, format=args.format, data_home=args.data_home,
                         timeout=args.timeout, retries=args.retries)
        except (CobsError, ValueError, OSError) as exc:
            print(f"cobs: {exc}", file=sys.stderr)
            failures += 1
        else:
            print(path, flush=True)
    return EXIT_BAD_INPUT if failures else 0


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
    fetch = commands.add_parser(
        "fetch", help="download COs by symbol, or a State's chain from one committee, and print their paths",
        description="Download COs into the cache (COBS_DATA, else ~/cobs_data) unless they are there, and print "
        "their paths. Sources: COBS_ODS_URL, COBS_OHCHR_URL.",
    )
    fetch.add_argument("symbols", nargs="*", metavar="SYMBOL", help="CO symbols, such as CRC/C/KAZ/CO/4")
    fetch.add_argument("--state", help="with --committee: the State's COs known to the registry, oldest first")
    fetch.add_argument("--committee", help="committee code or name (CRC, CRPD, ...)")
    fetch.add_argument("--protocol", choices=["OPSC", "OPAC"], help="the CRC's COs under an optional protocol")
    fetch.add_argument("--lang", choices=["en", "fr", "es", "ar", "zh", "ru"], default="en")
    fetch.add_argument("--format", choices=["pdf", "docx"], default="pdf")
    fetch.add_argument("--data-home", help="cache folder (default: COBS_DATA, else ~/cobs_data)")
    fetch.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a server (default: 30)")
    fetch.add_argument("--retries", type=int, default=3, help="retries on server and network errors (default: 3)")
    fetch.set_defaults(run=_fetch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
