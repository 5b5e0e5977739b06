"""The ``cobs`` command line.

``cobs parse PATH... [--format csv|json|parquet] [-o OUT]``
    Read concluding observations into one paragraph table.
``cobs measure PATH... [--format csv|json|parquet] [-o OUT]``
    Read COs and write the measured table of requested actions (``cobs.measure``).
``cobs corpus FOLDER``
    Read every document of a folder and print a summary per document.
``cobs fetch SYMBOL... | --state STATE --committee COMMITTEE [--lang en] [--format pdf|docx]``
    Download COs into the cache (unless cached) and print their paths.
``cobs compare EARLIER LATER [--format csv|json|parquet] [-o OUT]``
    Align the recommendations of two COs and write the link table (``cobs.compare.align``).
``cobs change PATH... --state STATE [--committee C] [--window 1] [--format csv|json|parquet] [-o OUT]``
    A State's change between its cycles net of the committee's drift (``cobs.compare.change``).
``cobs report [PATH...] [-o report/]``
    Read and compare COs (the bundled corpus by default): one HTML page, its figures and tables.
``cobs topics PATH... [--k 12] [--random-state 0] [-o topics.csv] [--shares shares.csv] [--prevalence FILE [--by
symbol] [--refit] [--n-boot N]]``
    Fit a topic model (``cobs.topics.TopicModel``) to the COs' actions, print the topics, write the tables: with
    ``--prevalence``, the shares with bootstrap intervals (``cobs.topics.prevalence``, refitting the model on each
    sample with ``--refit``).

The commands that read COs (``parse``, ``measure``, ``corpus``, ``topics``,
``report``) share one rule for files they cannot read (not a CO, not in English,
a second copy, damaged), as :func:`cobs.read_corpus` does: each is left out and
named on one line of standard error ("cobs: path: reason"), one more line counts
them, the others are read and written (``report`` lists them on its page too),
and the command exits with status 0. With ``--strict`` a file left out is an
error, as with ``read_corpus(errors="raise")``: nothing is written and the
command exits with status 2. Status 2 otherwise means bad input: no file could
be read, an option or output that cannot be used (one line saying so, nothing
written). An interrupt (Ctrl-C) prints one line and exits with status 130; a
reader that stops early (``cobs parse X | head``) ends the command quietly, with
the status of a process stopped by SIGPIPE (141). A file left out is named with
the page or line of the problem where the reader knows it ("cobs: aze.pdf, page
21: a second document starts here ...").

One error contract for every command: an argument that cannot be used (a value out
of range, a choice not offered, a missing or unknown argument) is said on one line,
"cobs: COMMAND: argument OPTION: what it must be, got VALUE (see cobs COMMAND
--help)", before anything is read, with status 2 (``_Parser``, the type functions
made by ``_checked``); a warning is one line too ("cobs: COMMAND: warning: ...").
One guard for every file written (``_refuses_outputs``): no output may be a file
the command reads, nor another output of the command or its provenance sidecar,
and ``report``'s folder may not hold a file it reads.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn

import pandas as pd

from cobs.corpus import _where, documents_in
from cobs.errors import CobsError, invalid_value

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE
_FORMATS = {".csv": "csv", ".json": "json", ".parquet": "parquet", ".pq": "parquet"}
LEFT_OUT_RULE = (
    "Files that cannot be read (not a CO, not in English, a second copy, damaged) are left out, each named on "
    "standard error, and the others are read: exit status 0. With --strict, a file left out writes nothing: exit "
    "status 2. Status 2 also for bad input (no file readable, an output that cannot be written), 130 on Ctrl-C."
)


class _Parser(argparse.ArgumentParser):
    """argparse's parser with the CLI's one error contract: one line on standard error, status 2.

    "cobs: topics: argument --k: the number of topics must be a positive int, got '0' (see cobs topics --help)":
    the command, the option, what it must be, the value given; argparse's own errors (a choice, a missing
    argument) take the same form. Subcommands' parsers are of this class too (add_subparsers makes them so).
    """

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("cobs").strip()
        self.exit(EXIT_BAD_INPUT, f"cobs: {command + ': ' if command else ''}{_in_cli_terms(message)} "
                  f"(see {self.prog} --help)\n")


_OPTIONS = {
    "n_topics": "--k",
    "data_home": "--data-home",
    "state": "--state",
    "committee": "--committee",
}
"""The library's parameter -> the command line's option, where a library message that reaches the command line's
user names the parameter ("pass n_topics <= 6", "give data_home= ..."): :func:`_in_cli_terms` says the option."""

_NAMED = re.compile(r"\b(" + "|".join(map(re.escape, _OPTIONS)) + r")(=|(?= (?:must|<=|>=|<|>) ))")


def _in_cli_terms(message: object) -> str:
    """A library message in the command line's words: a parameter named as in Python ("n_topics=12",
    "data_home=", "state must be ...", "n_topics <= 6") named by its option ("--k 12", "--data-home", "--state
    must be ...", "--k <= 6"); the rest as it is. The one place that maps them, for every line of the error
    contract: argument errors (:class:`_Parser`, :func:`_checked`), the library's errors and its warnings."""
    def option(found: re.Match[str]) -> str:  # "n_topics=12" -> "--k 12", "data_home= or" -> "--data-home or"
        valued = found[2] == "=" and found.end() < len(found.string) and not found.string[found.end()].isspace()
        return _OPTIONS[found[1]] + " " * valued

    return _NAMED.sub(option, str(message))


def _say(command: str, message: object) -> None:
    """One line of standard error about a library error: "cobs: COMMAND: message", in the command line's words."""
    print(f"cobs: {command}: {_in_cli_terms(message)}", file=sys.stderr)


def _checked(what: str, convert: Callable[[str], float], expected: str, within: Callable[[float], bool],
             fix: Callable[[float], str | None] = lambda value: None) -> Callable[[str], float]:
    """An argparse type: ``convert`` the text, and check that ``within`` holds, else the one-line error.

    ``what`` names the value ("the number of topics"), ``expected`` says what it must be; the message is
    :func:`cobs.errors.invalid_value`'s, after argparse's "argument --k: ". The commands' arguments are all
    checked here, before any file is read, rather than by the library after minutes of reading.
    """

    def parse(text: str) -> float:
        try:
            value = convert(text)
        except (ValueError, OverflowError):
            raise argparse.ArgumentTypeError(invalid_value(what, text, expected)) from None
        if not within(value):
            raise argparse.ArgumentTypeError(invalid_value(what, text, expected, fix(value)))
        return value

    parse.__name__ = what  # argparse's repr of the type
    return parse


_SEED_MAX = 2**32 - 1  # numpy's RandomState (scikit-learn's random_state) takes seeds 0 to 2**32 - 1
_jobs = _checked("the number of jobs", int, "a positive int or -1 (every core)", lambda n: n > 0 or n == -1)
_n_topics = _checked("the number of topics", int, "a positive int", lambda n: n > 0)
_seed = _checked("the seed", int, f"an int from 0 to {_SEED_MAX} (2**32 - 1)", lambda n: 0 <= n <= _SEED_MAX)
_years = _checked("the number of years", int, "an int >= 0", lambda n: n >= 0)
_retries = _checked("the number of retries", int, "an int >= 0", lambda n: n >= 0)
_PREVALENCE_BY = ("symbol", "state", "committee", "year", "cycle", "theme")


def _positive(what: str) -> Callable[[str], float]:
    return _checked(what, int, "a positive int", lambda n: n > 0)


def _seconds(what: str) -> Callable[[str], float]:
    from cobs.sources._http import _LONGEST_WAIT  # the bound the library checks fetch's times against

    return _checked(what, float, f"a number of seconds > 0 and at most {_LONGEST_WAIT:g}",
                    lambda v: 0 < v <= _LONGEST_WAIT,  # not NaN
                    lambda v: "a download is always bounded in time: give a number of seconds, such as 600 for a "
                    "slow line" if v == math.inf else None)


def _read(args: argparse.Namespace, sources: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame, int] | None:
    """The paragraph table of files and folders, the files read, and how many were left out.

    Each file left out is reported on one line of standard error, and their count on one more; None (after a line
    saying so) when the command is to stop: a folder without documents, or a file left out under --strict.
    """
    from cobs.corpus import read_corpus

    paths: list[Path] = []
    for name in sources:
        path = Path(name)
        if path.is_dir():
            found = documents_in(path)
            if not found:
                print(f"cobs: {path}: no .txt, .pdf, .docx or .html file in this folder", file=sys.stderr)
                return None
            paths.extend(found)
        else:
            paths.append(path)
    table, report = read_corpus(paths, n_jobs=args.jobs, cache=not args.no_cache, report=True)
    for error in report.errors.itertuples():  # with the page or line, as the exception says it
        print(f"cobs: {error.file}{_where(error.page, error.line)}: {error.reason}", file=sys.stderr)
    if table.empty:
        print(f"cobs: nothing written: none of the {len(paths)} file(s) could be read", file=sys.stderr)
        return None
    if _stops_for_left_out(args, len(report.errors), len(paths)):
        return None
    return table, report.files, len(report.errors)


def _output_format(fmt: str | None, output: str | None) -> str | None:
    """The format to write: --format, else the -o file's ending, else csv; None if unknown."""
    if fmt or not output:
        return fmt or "csv"
    suffix = Path(output).suffix.lower()
    if suffix not in _FORMATS:
        print(f"cobs: {output}: cannot tell the format from the ending {suffix or '(none)'!r}; "
              f"name the file .csv, .json or .parquet, or give --format", file=sys.stderr)
        return None
    return _FORMATS[suffix]


def _record(args: argparse.Namespace, **parameters: object) -> dict[str, object]:
    """What made a file the command writes (cobs.provenance): the command and the options that decide its content."""
    from cobs.provenance import provenance

    return provenance(f"cobs {args.command}", parameters)


def _write(table: pd.DataFrame, fmt: str, output: str | None, record: dict[str, object] | None = None) -> bool:
    """Write ``table``; a file (not standard output) carries ``record``: in its metadata (Parquet) or in a sidecar
    ``<file>.json`` (CSV, JSON)."""
    from cobs.provenance import write_parquet, write_sidecar

    try:
        if fmt == "parquet":
            if output is None:
                print("cobs: --format parquet needs -o FILE (parquet is binary)", file=sys.stderr)
                return False
            if record is None:
                table.to_parquet(output, index=False)
            else:
                write_parquet(table, output, record)
        elif fmt == "json":
            text = table.to_json(orient="records", force_ascii=False, indent=1, date_format="iso")
            if output:
                Path(output).write_text(text + "\n", encoding="utf-8")
            else:
                sys.stdout.write(text + "\n")
        else:
            if fmt == "csv":  # lists (citations, phrases) as "a; b" in a flat file
                lists = [c for c in table.columns if table[c].map(lambda v: isinstance(v, list)).any()]
                table = table.assign(**{c: table[c].map(lambda v: "; ".join(map(str, v))) for c in lists})  # goals: int
            table.to_csv(output if output else sys.stdout, index=False)
        if output and record is not None and fmt != "parquet":
            write_sidecar(output, record)
    except BrokenPipeError:
        raise  # the reader has gone (| head): main() ends quietly
    except OSError as exc:
        print(f"cobs: {output or 'standard output'}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return False
    return True


def _files_read(sources: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The files a command reads: those given, and the documents of the folders given."""
    files: list[Path] = []
    for name in sources:
        path = Path(name)
        try:
            files.extend(documents_in(path) if path.is_dir() else [path])
        except OSError:  # a folder that cannot be listed: reading it says so
            continue
    return files


def _same_file(a: Path, b: Path) -> bool:
    """One file under two names (a path with '.' or '..', a symbolic or hard link), or one path twice."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def _refuses_outputs(args: argparse.Namespace, outputs: Mapping[str, str | None],
                     sources: Sequence[str | os.PathLike[str]], *, fmt: str = "csv", folder: bool = False) -> bool:
    """The one guard of every file the command line writes: True, after one line saying why, when an output would
    overwrite a file to read or another output of the same command (the command then writes nothing: status 2).

    ``outputs`` maps each output option ("-o", "--shares") to the path given (None: not given); a CSV or JSON
    file (``fmt``) brings its provenance sidecar ``<file>.json`` (:func:`cobs.provenance.write_sidecar`). A
    ``folder`` output (``cobs report -o``) may be neither a file to read nor a folder holding one.
    """
    from cobs.provenance import sidecar_path

    read = [(f, f.resolve()) for f in _files_read(sources)]
    written: dict[str, list[Path]] = {}
    for option, name in outputs.items():
        if not name:
            continue
        path = Path(name)
        if folder:
            held = [f for f, full in read if full == path.resolve() or path.resolve() in full.parents]
            if held:
                return _refuse(args, option, name, f"holds {held[0]}, a file to read; give another folder")
            continue
        if any(_same_file(path, f) for f, _ in read):
            return _refuse(args, option, name, "is one of the files to read; give another output file")
        written[option] = [path, *([sidecar_path(path)] if fmt in ("csv", "json") else [])]
    options = list(written)
    for i, first in enumerate(options):
        for second in options[i + 1:]:
            for mine in written[second]:
                for other in written[first]:
                    if not _same_file(mine, other):
                        continue
                    if mine != written[second][0]:
                        why = f"its provenance would go to {mine}, the file of {first}"
                    elif other != written[first][0]:
                        why = f"{first} writes the provenance of {outputs[first]} there"
                    else:
                        why = f"{first} writes there too"
                    return _refuse(args, second, str(outputs[second]), why + "; give each output a file of its own")
    return False


def _refuse(args: argparse.Namespace, option: str, path: str, why: str) -> bool:
    print(f"cobs: {args.command}: {option} {path}: {why}", file=sys.stderr)
    return True


def _stops_for_left_out(args: argparse.Namespace, errors: int, total: int) -> bool:
    """Count the files left out on standard error; True (the command writes nothing and exits 2) under --strict."""
    if not errors:
        return False
    files = f"{errors} of {total} file{'s' * (total != 1)}"
    if args.strict:
        print(f"cobs: nothing written: {files} left out (--strict)", file=sys.stderr)
        return True
    print(f"cobs: {files} left out, the others read (--strict: write nothing then, and exit 2)", file=sys.stderr)
    return False


def _table_command(args: argparse.Namespace, make, **parameters: object) -> int:
    fmt = _output_format(args.format, args.output)
    if fmt is None:
        return EXIT_BAD_INPUT
    if _refuses_outputs(args, {"-o": args.output}, args.paths, fmt=fmt):
        return EXIT_BAD_INPUT
    read = _read(args, args.paths)
    if read is None:
        return EXIT_BAD_INPUT
    record = _record(args, paths=args.paths, format=fmt, **parameters)
    return 0 if _write(make(read[0]), fmt, args.output, record) else EXIT_BAD_INPUT


def _parse(args: argparse.Namespace) -> int:
    return _table_command(args, lambda table: table)


def _measure(args: argparse.Namespace) -> int:
    from cobs.measures import measure

    return _table_command(args, lambda table: measure(table, theme_model="auto" if args.predict_themes else None),
                          predict_themes=args.predict_themes)


def _corpus(args: argparse.Namespace) -> int:
    from cobs.corpus import corpus_summary

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"cobs: {folder}: not a folder", file=sys.stderr)
        return EXIT_BAD_INPUT
    read = _read(args, [args.folder])
    if read is None:
        return EXIT_BAD_INPUT
    table, files, _ = read
    summary = corpus_summary(table)
    names = dict(zip(files["symbol"], files["file"], strict=True))
    summary["file"] = summary["symbol"].map(names).map(lambda f: Path(f).name)
    print(summary.to_string(index=False))
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from cobs.sources import chain_symbols, fetch_each, registry

    symbols = list(args.symbols)
    if (args.state is None) != (args.committee is None):
        print("cobs: fetch: --state and --committee go together", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.state is not None:
        try:
            chain = chain_symbols(registry(state=args.state, committee=args.committee), protocol=args.protocol)
        except (ValueError, OSError) as exc:
            _say("fetch", exc)
            return EXIT_BAD_INPUT
        if not chain:
            print(f"cobs: fetch: the registry knows no CO of {args.committee} on {args.state}"
                  f"{' under ' + args.protocol if args.protocol else ''}", file=sys.stderr)
            return EXIT_BAD_INPUT
        symbols.extend(chain)
    if not symbols:
        print("cobs: fetch: give symbols, or --state and --committee", file=sys.stderr)
        return EXIT_BAD_INPUT
    chain = args.state is not None  # as fetch_chain: the documents at hand (cache, corpus/), any format by default
    try:  # one session: a host found unreachable is not asked again for the next symbols
        results = fetch_each(symbols, lang=args.lang, format=args.format if chain else args.format or "pdf",
                              data_home=args.data_home, timeout=args.timeout, n_retries=args.n_retries, delay=1.0,
                              max_time=args.max_time, at_hand=chain)
        failures = 0
        for _, result in results:
            if isinstance(result, OSError) and result.errno is not None and not isinstance(result, CobsError):
                # the cache folder cannot be written (--data-home a file, read-only): said once, not per symbol
                _say("fetch", result.strerror or result)
                return EXIT_BAD_INPUT
            if isinstance(result, Exception):
                print(f"cobs: {_in_cli_terms(result)}", file=sys.stderr)
                failures += 1
            else:
                print(result, flush=True)
    except ValueError as exc:  # an option (--timeout inf): said once, before any request
        _say("fetch", exc)
        return EXIT_BAD_INPUT
    return EXIT_BAD_INPUT if failures else 0


def _compare(args: argparse.Namespace) -> int:
    from cobs.compare import AlignWarning, align

    fmt = _output_format(args.format, args.output)
    if fmt is None or _refuses_outputs(args, {"-o": args.output}, [args.earlier, args.later], fmt=fmt):
        return EXIT_BAD_INPUT  # -o EARLIER overwrote the CO compared, exit 0
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", AlignWarning)
            links = align(args.earlier, args.later, unit=args.unit)
    except (OSError, ValueError) as exc:  # a file missing or unreadable (cobs's DocumentError is a ValueError)
        _say("compare", exc)
        return EXIT_BAD_INPUT
    for warning in caught:  # the later CO adopted first, two States: said in one line each, the table still written
        _say("compare", f"warning: {warning.message}")
    record = _record(args, earlier=args.earlier, later=args.later, unit=args.unit, format=fmt)
    return 0 if _write(links, fmt, args.output, record) else EXIT_BAD_INPUT


def _change(args: argparse.Namespace) -> int:
    from cobs.compare import MEASURES, change

    fmt = _output_format(args.format, args.output)
    if fmt is None or _refuses_outputs(args, {"-o": args.output}, args.paths, fmt=fmt):
        return EXIT_BAD_INPUT
    read = _read(args, args.paths)
    if read is None or not len(read[0]):  # nothing read, or a file left out under --strict (said by _read)
        return EXIT_BAD_INPUT
    try:
        result = change(read[0], args.state, committee=args.committee, window=args.window,
                        measures=args.measures or MEASURES, random_state=args.random_state)
    except (TypeError, ValueError) as exc:  # a State or committee not in the corpus, one CO only, a bad option
        _say("change", exc)
        return EXIT_BAD_INPUT
    for step, docs in result.documents.groupby("step", sort=True):  # the COs compared, on standard error
        own = docs[docs["role"] == "state"]
        sides = [", ".join(docs.loc[(docs["role"] == "committee") & (docs["window"] == w), "symbol"]) or "none"
                 for w in ("earlier", "later")]
        print(f"cobs: change: step {step}: {' -> '.join(own['symbol'])}; the committee's other COs: "
              f"{sides[0]} | {sides[1]}", file=sys.stderr)
    record = _record(args, paths=args.paths, state=args.state, committee=args.committee, window=args.window,
                     measures=args.measures or list(MEASURES), random_state=args.random_state, format=fmt)
    if not _write(result.to_frame(), fmt, args.output, record):
        return EXIT_BAD_INPUT
    return 0


def _add_change(commands: argparse._SubParsersAction, reading_options) -> None:
    from cobs.compare import MEASURES

    command = commands.add_parser(
        "change", help="a State's change between its cycles, net of the committee's drift",
        description="For each measure (operative verbs, specificity, deadlines, themes, repetition), a State's "
        "change from one CO to the next, the committee's change over the same years (its COs to other States "
        "adopted within --window years), and the difference with a confidence interval (cobs.compare.change). "
        "Give the State's COs and the committee's other COs: files or folders.")
    command.add_argument("paths", nargs="+", help="files (.txt, .pdf, .docx, .html) or folders")
    command.add_argument("--state", required=True, help="the State's code (AZE)")
    command.add_argument("--committee", help="the committee, where the corpus holds the State's COs from several")
    command.add_argument("--window", type=_years, default=1,
                         help="years either side of each CO for the committee's other COs (default: 1)")
    command.add_argument("--measures", nargs="+", choices=list(MEASURES), help="the measures (default: all)")
    command.add_argument("--random-state", type=_seed, default=0, help="seed of the pairs aligned for repetition")
    command.add_argument("--format", choices=["csv", "json", "parquet"], default=None,
                         help="output format (default: from the -o file name's ending, else csv)")
    command.add_argument("-o", "--output", help="output file (default: standard output)")
    reading_options(command)
    command.set_defaults(run=_change)


def _report(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")  # figures are written to files, never shown
    from cobs.report import write_report
    from cobs.report._data import bundled_corpus

    try:
        sources = args.paths or [bundled_corpus()]
    except FileNotFoundError:  # an installed cobs: write_report says what to give
        sources = []
    if _refuses_outputs(args, {"-o": args.output}, sources, folder=True):
        return EXIT_BAD_INPUT
    try:
        written = write_report(args.paths or None, args.output, n_jobs=args.jobs, cache=not args.no_cache,
                               strict=args.strict, verbose=args.verbose)
    except (OSError, ValueError) as exc:  # no corpus, a folder of other files, nothing readable, a full disk,
        _say("report", exc)  # a file left out under --strict
        return EXIT_BAD_INPUT
    for error in written.data.errors.itertuples():
        print(f"cobs: {error.file}: {error.reason} (left out of the report)", file=sys.stderr)
    documents, figures = len(written.data.documents), len([p for p in written.figures if p.suffix == ".pdf"])
    _stops_for_left_out(args, len(written.data.errors), documents + len(written.data.errors))
    print(f"wrote {written.page} ({documents} document{'s' * (documents != 1)}, "
          f"{figures} figure{'s' * (figures != 1)}): open it in a browser\n"
          f"  figures: {written.folder / 'figures'}/ (PDF, SVG, PNG, and the table behind each)\n"
          f"  tables:  {written.folder / 'tables'}/ (CSV and Parquet)")
    return 0


def _topics(args: argparse.Namespace) -> int:
    from cobs.measures import measure
    from cobs.topics import MIN_BOOT, MIN_REFITS, TopicModel, prevalence

    if not args.prevalence:  # before anything is read: options that only say how to compute --prevalence
        for option, value in (("--refit", None if not args.refit else True), ("--n-boot", args.n_boot),
                              ("--by", args.by)):
            if value is not None:
                args.parser.error(f"argument {option}: only with --prevalence FILE (the topic shares with their "
                                  "intervals)" + ("" if value is True else f", got {str(value)!r} without it"))
    # cobs.topics' own minimums, checked here before anything is read and fitted
    least, what, expected = ((MIN_REFITS, "the number of refits", f"an int >= {MIN_REFITS}") if args.refit else
                             (MIN_BOOT, "the number of resamples",
                              f"an int >= {MIN_BOOT} ({MIN_REFITS} refits with --refit)"))
    if args.n_boot is not None and args.n_boot < least:
        args.parser.error(f"argument --n-boot: {invalid_value(what, str(args.n_boot), expected)}")
    outputs = {"-o": args.output, "--shares": args.shares, "--prevalence": args.prevalence}
    if _refuses_outputs(args, outputs, args.paths):
        return EXIT_BAD_INPUT  # --shares onto -o wrote one table over the other, exit 0
    read = _read(args, args.paths)
    if read is None:
        return EXIT_BAD_INPUT
    actions = measure(read[0])
    try:
        model = TopicModel(n_topics=args.k, random_state=args.random_state).fit(actions)
    except ValueError as exc:  # no words left to model (a corpus of templates only): one line, as for the options
        _say("topics", exc)
        return EXIT_BAD_INPUT
    for row in model.topics_.itertuples():
        print(f"{row.topic:>3} {row.size:6.1%}  {', '.join(row.terms)}")
    shares = pd.concat([actions[["ref"]].reset_index(drop=True),
                        pd.DataFrame(model.transform(actions), columns=model.get_feature_names_out())], axis=1)
    table = model.topics_.assign(weight=model.topics_["weight"].map(lambda ws: [f"{w:.5f}" for w in ws]))
    tables = [(table, args.output, "topics", {}), (shares, args.shares, "shares", {})]
    if args.prevalence:
        by = args.by or "symbol"
        try:
            intervals = prevalence(model, actions, by=by, n_boot=args.n_boot, refit=args.refit,
                                   random_state=args.random_state)
        except ValueError as exc:
            _say("topics", exc)
            return EXIT_BAD_INPUT
        tables.append((intervals, args.prevalence, "prevalence", {"by": by, "refit": args.refit,
                                                                  "n_boot": args.n_boot}))
    written = all(_write(t, "csv", path, _record(args, paths=args.paths, k=args.k, random_state=args.random_state,
                                                 table=name, **more))
                  for t, path, name, more in tables if path)
    return 0 if written else EXIT_BAD_INPUT


def _version() -> str:
    from cobs import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cobs",
                                     description="Read and analyse UN treaty-body concluding observations.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    def reading_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("-j", "--jobs", type=_jobs, default=None, help="worker processes (-1: every core)")
        command.add_argument("--no-cache", action="store_true", help="parse every file again (default: reuse parses)")
        command.add_argument("--strict", action="store_true",
                             help="a file that cannot be read is an error: write nothing, exit 2 (default: leave it "
                             "out, say so on standard error, write the others, exit 0)")
        command.add_argument("--keep-going", action="store_true", help=argparse.SUPPRESS)  # cobs 0.1's flag for
        # what is now the default; accepted so that scripts written for it still run
        command.epilog = LEFT_OUT_RULE

    for name, run, what in (("parse", _parse, "read COs into one paragraph table"),
                            ("measure", _measure, "read COs and write the measured table of requested actions")):
        command = commands.add_parser(name, help=what, description=what[0].upper() + what[1:] + ".")
        command.add_argument("paths", nargs="+", help="files (.txt, .pdf, .docx, .html) or folders")
        command.add_argument("--format", choices=["csv", "json", "parquet"], default=None,
                             help="output format (default: from the -o file name's ending, else csv)")
        command.add_argument("-o", "--output", help="output file (default: standard output)")
        reading_options(command)
        if name == "measure":
            command.add_argument("--predict-themes", action="store_true",
                                 help="predict the theme of actions without a subheading (a ThemeClassifier "
                                 "trained on the actions that have one)")
        command.set_defaults(run=run)
    corpus = commands.add_parser("corpus", help="summarise every CO of a folder")
    corpus.add_argument("folder")
    reading_options(corpus)
    corpus.set_defaults(run=_corpus)
    fetch = commands.add_parser(
        "fetch", help="download COs by symbol, or a State's chain from one committee, and print their paths",
        description="Download COs into the cache (COBS_DATA, else ~/cobs_data) unless they are there, and print "
        "their paths. Sources: COBS_ODS_URL, COBS_OHCHR_URL.",
    )
    fetch.add_argument("symbols", nargs="*", metavar="SYMBOL", help="CO symbols, such as CRC/C/KAZ/CO/4")
    fetch.add_argument("--state", help="with --committee: the State's COs known to the registry, oldest first; "
                       "those at hand are not downloaded")
    fetch.add_argument("--committee", help="committee code or name (CRC, CRPD, ...)")
    fetch.add_argument("--protocol", choices=["OPSC", "OPAC"], help="the CRC's COs under an optional protocol")
    fetch.add_argument("--lang", choices=["en", "fr", "es", "ar", "zh", "ru"], default="en")
    fetch.add_argument("--format", choices=["pdf", "docx"],
                       help="pdf (the default for SYMBOLs) or docx; a chain (--state) takes by default the version "
                       "at hand (cache, the bundled corpus/), else the PDF, else the Word file")
    fetch.add_argument("--data-home", help="cache folder (default: COBS_DATA, else ~/cobs_data)")
    fetch.add_argument("--timeout", type=_seconds("the timeout"), default=30.0,
                       help="seconds to wait for a server to answer or send more (default: 30)")
    fetch.add_argument("--max-time", type=_seconds("the time of one download"), default=600.0,
                       help="seconds one download may take in all (default: 600)")
    fetch.add_argument("--n-retries", type=_retries, default=3,
                       help="retries on server and network errors (default: 3)")
    fetch.set_defaults(run=_fetch)
    compare = commands.add_parser("compare", help="align the recommendations of two COs (earlier, later)",
                                  description="Write one row per link between the recommendations of two COs, and per "
                                  "new or dropped recommendation (cobs.compare.align).")
    compare.add_argument("earlier", help="the earlier CO (.txt, .pdf, .docx, .html)")
    compare.add_argument("later", help="the later CO")
    compare.add_argument("--unit", choices=["paragraph", "item"], default=None,
                         help="compare paragraphs (default) or lettered items")
    compare.add_argument("--format", choices=["csv", "json", "parquet"], default=None,
                         help="output format (default: from the -o file name's ending, else csv)")
    compare.add_argument("-o", "--output", help="output file (default: standard output)")
    compare.set_defaults(run=_compare)
    _add_change(commands, reading_options)
    report = commands.add_parser(
        "report", help="compare COs in one HTML page with its figures and tables (default: the bundled corpus)",
        description="Read and measure COs, and write a folder: index.html (one page, figures embedded, readable "
        "offline), figures/ (PDF, SVG, PNG and the table behind each) and tables/ (CSV, Parquet).",
    )
    report.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders of COs (default: the bundled corpus/ of the cobs repository)")
    report.add_argument("-o", "--output", default="report", help="folder to write (default: report/); an earlier "
                        "report there is replaced once the new one is complete, keeping files it did not write")
    report.add_argument("-v", "--verbose", action="store_true",
                        help="also say how long each step took (reading, each section, the figures, the page)")
    reading_options(report)
    report.set_defaults(run=_report, jobs=-1)
    topics = commands.add_parser("topics", help="fit a topic model to the COs' actions and print its topics",
                                 description="Fit cobs.topics.TopicModel to the requested actions of COs (templates "
                                 "left out), print one line per topic (number, share, terms), write the tables.")
    topics.add_argument("paths", nargs="+", help="files (.txt, .pdf, .docx, .html) or folders")
    topics.add_argument("--k", type=_n_topics, default=12,
                        help="number of topics (default: 12; fewer on a small corpus)")
    topics.add_argument("--random-state", type=_seed, default=0, help="seed (default: 0)")
    topics.add_argument("-o", "--output", help="CSV file for the topics table (topic, label, terms, weight, size, "
                        "examples)")
    topics.add_argument("--shares", help="CSV file for each action's topic shares (ref, one column per topic)")
    topics.add_argument("--prevalence", metavar="FILE",
                        help="CSV file for each document's mean topic shares with 95%% bootstrap intervals, "
                        "resampling whole COs (cobs.topics.prevalence)")
    topics.add_argument("--by", choices=_PREVALENCE_BY,
                        help="with --prevalence: the groups of the shares (default: symbol, each document)")
    topics.add_argument("--refit", action="store_true",
                        help="with --prevalence: intervals that hold the model's own uncertainty too: the model is "
                        "fitted anew on each bootstrap sample of COs and its topics matched to these (adds "
                        "reappeared, cosine, refits, standard_error; each refit costs about one fit)")
    topics.add_argument("--n-boot", type=_positive("the number of resamples"), default=None, metavar="N",
                        help="with --prevalence: bootstrap resamples (default: 1000, at least 100), or refits with "
                        "--refit (default: 50, at least 20)")
    reading_options(topics)
    topics.set_defaults(run=_topics, parser=topics)
    return parser


# After a Ctrl-C, the resource tracker of joblib's worker processes (a process of its own, started with this
# environment) lists on stderr the semaphores it then cleans up: 4 lines after "cobs: interrupted", now and then.
_QUIET_TRACKER = "ignore:resource_tracker:UserWarning"


def _one_line_warning(command: str) -> Callable[..., None]:
    """warnings.showwarning for a run: the message on one line of standard error, without Python's source line."""

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        text = " ".join(str(message).split())
        print(f"cobs: {command}: warning: {_in_cli_terms(text)}", file=sys.stderr if file is None else file)

    return show


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # said by the command's parser, so that the line names the command as the others do
        (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        commands.choices[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    before = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = ",".join(filter(None, [before, _QUIET_TRACKER]))  # for the run's processes only
    try:
        with warnings.catch_warnings():  # a warning in one line too, as an error: "cobs: topics: warning: ..."
            warnings.showwarning = _one_line_warning(args.command)
            return args.run(args)
    except KeyboardInterrupt:
        print("cobs: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader stopped (cobs parse X | head -1): nothing to say to it. Standard output
        # goes to /dev/null so that Python's final flush does not fail again.
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    finally:  # a caller of main() from Python keeps its environment
        if before is None:
            os.environ.pop("PYTHONWARNINGS", None)
        else:
            os.environ["PYTHONWARNINGS"] = before


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
