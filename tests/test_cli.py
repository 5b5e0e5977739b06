"""The cobs command line."""

import argparse
import json
import os

import pandas as pd
import pytest
from conftest import ROOT, SEED, pdf_pages

from cobs.cli import _in_cli_terms, build_parser, main
from cobs.corpus import read_corpus


def test_parse_writes_csv_to_stdout(capsys):
    assert main(["parse", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("symbol,committee,state,cycle,cycle_first,cycle_last,year,language,para,sub,")
    assert out.count("CRC/C/KAZ/CO/4") == 121


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_parse_formats_round_trip(tmp_path, fmt):
    out = tmp_path / f"table.{fmt}"
    assert main(["parse", str(SEED), "--format", fmt, "-o", str(out)]) == 0
    if fmt == "csv":
        table = pd.read_csv(out, keep_default_na=False)
    elif fmt == "json":
        table = pd.DataFrame(json.loads(out.read_text(encoding="utf-8")))
    else:
        table = pd.read_parquet(out)
    assert len(table) == 121
    assert table["para"].astype(int).max() == 69


def test_parse_several_files_makes_one_table(tmp_path, capsys):
    other = tmp_path / "other.txt"  # the same text, for another State: another document
    other.write_text(SEED.read_text(encoding="utf-8").replace("Kazakhstan*", "Georgia*", 1), encoding="utf-8")
    out = tmp_path / "two.csv"
    assert main(["parse", str(SEED), str(other), "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert len(table) == 242 and set(table["symbol"]) == {"CRC/C/KAZ/CO/4", "CRC/C/GEO/CO/4"}
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    assert main(["parse", str(SEED), str(copy), "-o", str(out)]) == 0  # a second copy would double every row:
    assert "same content as" in capsys.readouterr().err  # left out, and said
    assert len(pd.read_csv(out)) == 121


def test_output_format_follows_the_file_name_and_errors_are_one_line(tmp_path, capsys):
    out = tmp_path / "t.parquet"
    assert main(["parse", str(SEED), "-o", str(out)]) == 0
    assert len(pd.read_parquet(out)) == 121
    assert main(["parse", str(SEED), "-o", str(tmp_path / "missing" / "t.csv")]) == 2
    assert capsys.readouterr().err.startswith(f"cobs: {tmp_path / 'missing' / 't.csv'}: cannot write")
    xlsx = tmp_path / "t.xlsx"  # an ending cobs cannot write is refused before reading, not written as CSV
    assert main(["parse", str(SEED), "-o", str(xlsx)]) == 2
    assert "cannot tell the format from the ending '.xlsx'" in capsys.readouterr().err
    assert not xlsx.exists()
    assert main(["parse", str(SEED), "-o", str(xlsx), "--format", "csv"]) == 0
    assert len(pd.read_csv(xlsx)) == 121
    with pytest.raises(SystemExit):  # one line and status 2 (every argument error: see below)
        main(["corpus", str(tmp_path), "-j", "0"])
    assert "--jobs: the number of jobs must be a positive int or -1 (every core), got '0'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["corpus", str(tmp_path), "-j", "many"])
    assert "--jobs: the number of jobs must be a positive int or -1 (every core), got 'many'" in capsys.readouterr().err
    empty = tmp_path / "empty_folder"
    empty.mkdir()
    assert main(["corpus", str(empty)]) == 2
    assert "no .txt, .pdf, .docx or .html file in this folder" in capsys.readouterr().err


@pytest.fixture(scope="module")
def with_an_empty_file(tmp_path_factory):
    """Three CRPD COs and an empty file."""
    folder = tmp_path_factory.mktemp("cos")
    for name in ("CRPD_C_AZE_CO_1.pdf", "CRPD_C_NZL_CO_1.pdf", "CRPD_C_ARM_CO_1.pdf"):
        (folder / name).write_bytes((ROOT / "corpus" / name).read_bytes())
    (folder / "empty.txt").write_text("")
    return folder


LEFT_OUT = "the others read (--strict: write nothing then, and exit 2)"
COMMANDS_THAT_READ = {  # the command's arguments and its output: a file written or standard output
    "parse": (["-o", "{out}.csv"], "{out}.csv"),
    "measure": (["-o", "{out}.parquet"], "{out}.parquet"),
    "topics": (["--k", "3", "-o", "{out}.csv", "--shares", "{out}-shares.csv"], "{out}.csv"),
    "corpus": ([], None),
}


@pytest.mark.parametrize("command", COMMANDS_THAT_READ)
def test_a_file_left_out_is_said_and_the_others_written_unless_strict(command, with_an_empty_file, tmp_path, capsys):
    """One rule for every command that reads COs (report's test is in test_report.py): exit 0 with each file left out
    named and counted on standard error, or with --strict nothing written and exit 2 (parse, measure, topics and
    report disagreed: nothing written and 2, or the rest written and 2)."""
    options, output = COMMANDS_THAT_READ[command]
    out = str(tmp_path / "out")
    options = [option.format(out=out) for option in options]
    source = [str(with_an_empty_file)]
    assert main([command, *source, *options]) == 0
    stdout, err = capsys.readouterr()
    assert err.splitlines() == [f"cobs: {with_an_empty_file / 'empty.txt'}: the file is empty",
                                f"cobs: 1 of 4 files left out, {LEFT_OUT}"]
    if output is None:
        assert len(stdout.splitlines()) == 1 + 3  # the summary: a header and the three COs
    else:
        written = output.format(out=out)
        table = pd.read_parquet(written) if written.endswith(".parquet") else pd.read_csv(written)
        assert len(table) == 3 if command == "topics" else set(table["symbol"]) == {
            "CRPD/C/AZE/CO/1", "CRPD/C/NZL/CO/1", "CRPD/C/ARM/CO/1"}
    assert main([command, *source, *options, "--keep-going"]) == 0  # cobs 0.1's flag for it, still accepted
    capsys.readouterr()
    if output is not None:
        os.remove(output.format(out=out))
    assert main([command, *source, *options, "--strict"]) == 2
    stdout, err = capsys.readouterr()
    assert err.splitlines() == [f"cobs: {with_an_empty_file / 'empty.txt'}: the file is empty",
                                "cobs: nothing written: 1 of 4 files left out (--strict)"]
    assert stdout == "" and (output is None or not os.path.exists(output.format(out=out)))


@pytest.mark.parametrize("command", [*COMMANDS_THAT_READ, "report"])
def test_help_says_the_rule_for_files_left_out(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--strict a file that cannot be read is an error: write nothing, exit 2" in text
    assert ("are left out, each named on standard error, and the others are read: exit status 0. With --strict, a "
            "file left out writes nothing: exit status 2.") in text
    assert "--keep-going" not in text


def test_nothing_readable_is_bad_input(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "t.csv"
    assert main(["parse", str(empty), "-o", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"cobs: {empty}: the file is empty",
                                                    "cobs: nothing written: none of the 1 file(s) could be read"]
    assert not out.exists()


def test_version(capsys):
    import cobs

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0 and capsys.readouterr().out.strip() == f"cobs {cobs.__version__}"


def test_corpus_summary(capsys, tmp_path):
    (tmp_path / "co.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "notes.txt").write_text("")
    assert main(["corpus", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    header, row = out.splitlines()
    assert header.split() == ["symbol", "committee", "state", "cycle", "year", "paragraphs", "recommendations", "rows",
                              "file"]
    assert row.split() == ["CRC/C/KAZ/CO/4", "CRC", "KAZ", "4", "2015", "69", "34", "121", "co.txt"]
    assert err.splitlines() == [f"cobs: {tmp_path / 'notes.txt'}: the file is empty",
                                f"cobs: 1 of 2 files left out, {LEFT_OUT}"]


def test_missing_folder(capsys, tmp_path):
    assert main(["corpus", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_measure_writes_the_action_table(tmp_path):
    out = tmp_path / "actions.csv"
    assert main(["measure", str(SEED), "-o", str(out)]) == 0
    table = pd.read_csv(out, keep_default_na=False)
    assert len(table) == 79 and table["ref"].iloc[0] == "CRC/C/KAZ/CO/4, para. 7"
    row = table[(table["para"] == 7)].iloc[0]
    assert row["previous"] == "CRC/C/KAZ/CO/3, paras. 15, 17, 21, 23, 29, 31, 42, 48"
    parquet = tmp_path / "actions.parquet"
    assert main(["measure", str(SEED), "--format", "parquet", "-o", str(parquet)]) == 0
    assert list(pd.read_parquet(parquet).loc[0, "intensifiers"]) == ["all measures necessary"]


def test_an_output_that_is_an_input_is_refused(tmp_path, capsys):
    document = tmp_path / "co.txt"
    document.write_bytes(SEED.read_bytes())
    for output in (document, tmp_path / "." / "co.txt"):  # was overwritten with the table, exit 0
        assert main(["parse", str(document), "--format", "csv", "-o", str(output)]) == 2
        assert capsys.readouterr().err == (f"cobs: parse: -o {output}: is one of the files to read; give another "
                                           "output file\n")
        assert document.read_bytes() == SEED.read_bytes()
    assert main(["measure", str(tmp_path), "--format", "json", "-o", str(document)]) == 2  # a file of a folder read
    assert document.read_bytes() == SEED.read_bytes()
    for option in ("-o", "--shares"):  # cobs topics writes two tables: neither may be an input
        assert main(["topics", str(document), "--k", "3", option, str(document)]) == 2
        assert "is one of the files to read" in capsys.readouterr().err
        assert document.read_bytes() == SEED.read_bytes()


AZE_1 = ROOT / "corpus" / "CRPD_C_AZE_CO_1.pdf"
AZE_23 = ROOT / "corpus" / "CRPD_C_AZE_CO_2-3.pdf"
# Every option of every command that names a file or folder to write, each onto a file the command reads or onto
# another output of the command: {a} and {b} are copies of two COs, {folder} a folder holding them, {out} a new path.
CLOBBERING = [
    ("parse", ["{a}", "-o", "{a}", "--format", "csv"], "-o {a}: is one of the files to read"),
    ("parse", ["{folder}", "-o", "{b}", "--format", "json"], "-o {b}: is one of the files to read"),
    ("measure", ["{a}", "{b}", "-o", "{b}", "--format", "parquet"], "-o {b}: is one of the files to read"),
    ("compare", ["{a}", "{b}", "-o", "{a}", "--format", "json"], "-o {a}: is one of the files to read"),  # was exit 0
    ("compare", ["{a}", "{b}", "-o", "{b}", "--format", "csv"], "-o {b}: is one of the files to read"),
    ("change", ["{folder}", "--state", "AZE", "-o", "{a}", "--format", "csv"], "-o {a}: is one of the files to read"),
    ("topics", ["{a}", "{b}", "-o", "{b}"], "-o {b}: is one of the files to read"),
    ("topics", ["{a}", "{b}", "--shares", "{a}"], "--shares {a}: is one of the files to read"),
    ("topics", ["{a}", "{b}", "-o", "{out}.csv", "--shares", "{out}.csv"],  # one table over the other, exit 0
     "--shares {out}.csv: -o writes there too; give each output a file of its own"),
    ("topics", ["{a}", "{b}", "-o", "{out}.csv", "--shares", "{out}.csv.json"],  # the provenance of -o's table
     "--shares {out}.csv.json: -o writes the provenance of {out}.csv there"),
    ("topics", ["{a}", "{b}", "-o", "{out}.csv.json", "--shares", "{out}.csv"],
     "--shares {out}.csv: its provenance would go to {out}.csv.json, the file of -o"),
    ("report", ["{folder}", "-o", "{folder}"], "-o {folder}: holds {folder}/CRPD_C_AZE_CO_1.pdf, a file to read"),
    ("report", ["{a}", "-o", "{a}"], "-o {a}: holds {a}, a file to read; give another folder"),
    ("report", ["{folder}/CRPD_C_AZE_CO_1.pdf", "-o", "{tmp}"], "-o {tmp}: holds {folder}/CRPD_C_AZE_CO_1.pdf"),
]
WRITES_NO_FILE_NAMED = {"corpus", "fetch"}  # corpus prints; fetch downloads into its cache folder, reading nothing


def _subcommands():
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return commands.choices


def test_every_command_that_writes_files_is_guarded():
    assert {command for command, _, _ in CLOBBERING} | WRITES_NO_FILE_NAMED == set(_subcommands())
    for name, command in _subcommands().items():  # and every option of theirs that names an output
        outputs = {option for action in command._actions for option in action.option_strings
                   if action.dest in ("output", "shares", "data_home")}
        guarded = {word for c, argv, _ in CLOBBERING if c == name for word in argv if word.startswith("-")}
        assert outputs - {"--output", "--data-home"} <= guarded, name


@pytest.mark.parametrize(("command", "argv", "said"), CLOBBERING,
                         ids=[f"{c}-{'-'.join(w for w in a if w.startswith('-'))}" for c, a, _ in CLOBBERING])
def test_no_output_overwrites_an_input_or_another_output(command, argv, said, tmp_path, capsys):
    """One guard for every output of every command: one line, status 2, nothing written, the inputs untouched."""
    folder = tmp_path / "cos"
    folder.mkdir()
    a, b = folder / AZE_1.name, folder / AZE_23.name
    a.write_bytes(AZE_1.read_bytes())
    b.write_bytes(AZE_23.read_bytes())
    names = {"a": a, "b": b, "folder": folder, "out": tmp_path / "out", "tmp": tmp_path}
    before = sorted(tmp_path.rglob("*"))
    assert main([command, *(word.format(**names) for word in argv)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cobs: {command}: {said.format(**names)}") and len(err.splitlines()) == 1, err
    assert sorted(tmp_path.rglob("*")) == before, "a file was written"
    assert a.read_bytes() == AZE_1.read_bytes() and b.read_bytes() == AZE_23.read_bytes()


# Bad arguments of every command: (command, arguments, the option the one line must name).
BAD_ARGUMENTS = [
    ("parse", ["{seed}", "-j", "0"], "-j/--jobs"),
    ("parse", ["{seed}", "-j", "many"], "-j/--jobs"),
    ("parse", ["{seed}", "--format", "xlsx"], "--format"),
    ("parse", [], "paths"),
    ("measure", ["{seed}", "-j", "-2"], "-j/--jobs"),
    ("measure", ["{seed}", "--format", "xml"], "--format"),
    ("corpus", ["{tmp}", "-j", "0"], "-j/--jobs"),
    ("corpus", [], "folder"),
    ("fetch", ["CRC/C/KAZ/CO/4", "--timeout", "inf"], "--timeout"),
    ("fetch", ["CRC/C/KAZ/CO/4", "--timeout", "0"], "--timeout"),
    ("fetch", ["CRC/C/KAZ/CO/4", "--timeout", "nan"], "--timeout"),
    ("fetch", ["CRC/C/KAZ/CO/4", "--max-time", "-1"], "--max-time"),
    ("fetch", ["CRC/C/KAZ/CO/4", "--n-retries", "-1"], "--n-retries"),
    ("fetch", ["CRC/C/KAZ/CO/4", "--n-retries", "two"], "--n-retries"),
    ("fetch", ["CRC/C/KAZ/CO/4", "--lang", "de"], "--lang"),
    ("fetch", ["--state", "KAZ", "--committee", "CRC", "--protocol", "OP"], "--protocol"),
    ("compare", ["{seed}"], "later"),
    ("compare", ["{seed}", "{seed}", "--unit", "page"], "--unit"),
    ("change", ["{seed}"], "--state"),
    ("change", ["{seed}", "--state", "KAZ", "--window", "-1"], "--window"),
    ("change", ["{seed}", "--state", "KAZ", "--random-state", "-1"], "--random-state"),
    ("change", ["{seed}", "--state", "KAZ", "--random-state", "99999999999999"], "--random-state"),
    ("change", ["{seed}", "--state", "KAZ", "--measures", "length"], "--measures"),
    ("report", ["{seed}", "-j", "0"], "-j/--jobs"),
    ("topics", ["{seed}", "--k", "0"], "--k"),  # the four were tracebacks, exit 1
    ("topics", ["{seed}", "--k", "-3"], "--k"),
    ("topics", ["{seed}", "--k", "3.5"], "--k"),
    ("topics", ["{seed}", "--random-state", "-1"], "--random-state"),
    ("topics", ["{seed}", "--random-state", "99999999999999"], "--random-state"),
    ("topics", ["{seed}", "--no-such-option"], "--no-such-option"),
    ("topics", ["{seed}", "--refit"], "--refit"),  # intervals are --prevalence's: without it, nothing to refit
    ("topics", ["{seed}", "--by", "state"], "--by"),
    ("topics", ["{seed}", "--prevalence", "{tmp}/p.csv", "--by", "para"], "--by"),
    ("topics", ["{seed}", "--prevalence", "{tmp}/p.csv", "--refit", "--n-boot", "5"], "--n-boot"),
    ("topics", ["{seed}", "--prevalence", "{tmp}/p.csv", "--n-boot", "50"], "--n-boot"),  # 100 without refits
    ("topics", ["{seed}", "--prevalence", "{tmp}/p.csv", "--n-boot", "0"], "--n-boot"),
]


def test_every_command_has_its_argument_errors_tested():
    assert {command for command, _, _ in BAD_ARGUMENTS} == set(_subcommands())


@pytest.mark.parametrize(("command", "argv", "option"), BAD_ARGUMENTS,
                         ids=[f"{c}-{'-'.join(a[1:]) or 'none'}" for c, a, _ in BAD_ARGUMENTS])
def test_argument_errors_are_one_line_and_status_2(command, argv, option, tmp_path, capsys):
    """One error contract for the whole command line: one line naming the option and the value, status 2."""
    argv = [word.format(seed=SEED, tmp=tmp_path) for word in argv]
    with pytest.raises(SystemExit) as stopped:  # before any file is read: argparse's, with cobs's line
        main([command, *argv])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith(f"cobs: {command}: ") and option in err and err.endswith(f"(see cobs {command} --help)\n")
    if len(argv) >= 2 and argv[-2] in option:  # the value given
        assert repr(argv[-1]) in err


def test_the_option_errors_of_the_issue_are_one_line_in_a_shell():
    expected = {"--k": "the number of topics must be a positive int",
                "--random-state": "the seed must be an int from 0 to 4294967295 (2**32 - 1)"}
    for option, value in (("--k", "0"), ("--k", "-3"), ("--random-state", "-1"), ("--random-state", "99999999999999")):
        result = _run("topics", str(SEED), option, value)
        assert result.returncode == 2 and b"Traceback" not in result.stderr  # was exit 1, a full traceback
        assert result.stderr.decode().splitlines() == [
            f"cobs: topics: argument {option}: {expected[option]}, got {value!r} (see cobs topics --help)"]


def test_topics_prevalence_gives_the_intervals_of_the_library_with_refits_or_without(tmp_path, capsys):
    """Issue 20: the command line had no way to ask for topic intervals, with refits (cobs.topics.prevalence(...,
    refit=True), issue 17) or without: --prevalence FILE, --by, --refit, --n-boot."""
    from cobs.measures import measure
    from cobs.topics import TopicModel, prevalence

    paths = [str(AZE_1), str(AZE_23)]
    refitted, plain = tmp_path / "refitted.csv", tmp_path / "plain.csv"
    assert main(["topics", *paths, "--k", "3", "--random-state", "1", "--prevalence", str(refitted), "--refit",
                 "--n-boot", "20"]) == 0
    assert main(["topics", *paths, "--k", "3", "--random-state", "1", "--prevalence", str(plain), "--by", "state"]) == 0
    capsys.readouterr()
    actions = measure(read_corpus(paths))
    model = TopicModel(n_topics=3, random_state=1).fit(actions)
    expected = prevalence(model, actions, by="symbol", refit=True, n_boot=20, random_state=1)
    table = pd.read_csv(refitted)
    assert table["symbol"].tolist() == expected["symbol"].tolist() == [s for s in sorted(set(actions["symbol"]))
                                                                      for _ in range(3)]
    assert {"reappeared", "cosine", "refits", "standard_error"} <= set(table.columns)
    pd.testing.assert_frame_equal(table, expected, check_dtype=False, rtol=1e-12)
    expected = prevalence(model, actions, by="state", random_state=1)  # 1000 resamples under the fitted model
    table = pd.read_csv(plain)
    assert "refits" not in table.columns and table["state"].tolist() == ["AZE"] * 3
    pd.testing.assert_frame_equal(table, expected, check_dtype=False, rtol=1e-12)
    record = json.loads((tmp_path / "refitted.csv.json").read_text(encoding="utf-8"))["parameters"]
    assert (record["table"], record["refit"], record["n_boot"], record["by"]) == ("prevalence", True, 20, "symbol")
    assert main(["topics", *paths, "--k", "3", "--prevalence", paths[0]]) == 2  # the output guard covers it
    assert "--prevalence" in capsys.readouterr().err


def test_a_warning_is_one_line_too(capsys):
    assert main(["topics", str(SEED), "--k", "12"]) == 0  # 31 texts: fewer topics, said in a SmallCorpusWarning
    err = capsys.readouterr().err.splitlines()  # was Python's two lines: "cli.py:373: SmallCorpusWarning: ...", code
    assert len(err) == 1 and err[0].startswith("cobs: topics: warning: --k 12 is too many for "), err
    assert "; pass --k <= " in err[0] and "n_topics" not in err[0]  # the option of the command line, not Python's


def test_a_library_message_reaching_the_command_line_names_its_option_not_the_parameter(tmp_path, capsys):
    """Issue 20: the library's messages said data_home=, n_topics, state, committee where the command line's options
    are --data-home, --k, --state, --committee: each mapped name, as a library error or warning says it
    (n_topics: test_a_warning_is_one_line_too)."""
    from cobs.cli import _OPTIONS

    options = {o for command in _subcommands().values() for a in command._actions for o in a.option_strings}
    assert set(_OPTIONS.values()) <= options  # each name maps to an option of the command line
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder", encoding="utf-8")
    assert main(["fetch", "CRC/C/KAZ/CO/4", "--data-home", str(in_the_way)]) == 2  # before any download
    err = capsys.readouterr().err
    assert err.startswith("cobs: fetch: cannot keep downloads in ") and err.endswith(
        ": give --data-home or set COBS_DATA to a folder you can write to\n"), err  # was "give data_home= or"
    assert main(["change", str(AZE_1), str(AZE_23), "--state", "XYZ"]) == 2
    assert capsys.readouterr().err == ("cobs: change: --state must be a State of the table, got 'XYZ'; it has "
                                       "['AZE']\n")  # was "state must be"
    assert main(["change", str(AZE_1), str(AZE_23), "--state", "AZE", "--committee", "CRC"]) == 2
    assert capsys.readouterr().err == ("cobs: change: --committee must be a committee with COs to AZE in the table, "
                                       "got 'CRC'; AZE has COs from ['CRPD']\n")
    for plain in ("the State party", "a committee's COs", "the state of the table", "data_home"):
        assert _in_cli_terms(plain) == plain  # the words themselves, in prose, stay as they are


def test_library_parameters_become_options_only_where_named_as_parameters():
    assert _in_cli_terms("n_topics=12 is too many; pass n_topics <= 6, or n_topics=5") == \
        "--k 12 is too many; pass --k <= 6, or --k 5"
    assert _in_cli_terms("give committee= one of them") == "give --committee one of them"
    assert _in_cli_terms("give data_home=") == "give --data-home"



def test_a_merged_pdf_is_refused_at_the_page_where_the_second_document_starts(merged, tmp_path, capsys):
    """The exception says the page; the command line's line said "a second document starts here" without it."""
    page = len(pdf_pages(AZE_1)) + 1
    assert main(["parse", str(merged), "-o", str(tmp_path / "t.csv")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"cobs: {merged}, page {page}: a second document starts here"), err
    assert main(["parse", str(merged), str(SEED), "-o", str(tmp_path / "t.csv")]) == 0  # left out, the other read
    assert capsys.readouterr().err.splitlines()[0].startswith(f"cobs: {merged}, page {page}: a second document")
    _, report = read_corpus([merged, SEED], report=True)
    assert report.errors[["page", "line"]].values.tolist() == [[page, pd.NA]]


def _run(*args, **kwargs):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "cobs", *args], capture_output=True, timeout=120, **kwargs)


def test_a_reader_that_stops_early_ends_the_command_quietly():
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-m", "cobs", "parse", str(SEED)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    first = child.stdout.readline()  # as `| head -1` does, then goes away
    child.stdout.close()
    err = child.stderr.read()
    assert child.wait(timeout=120) == 141  # 128 + SIGPIPE, as for cat; was "cobs: None: cannot write (Broken pipe)"
    assert first.startswith(b"symbol,committee") and err == b""


def test_fetch_options_are_checked_once_before_any_request(tmp_path):
    result = _run("fetch", "CRC/C/KAZ/CO/4", "CRC/C/KAZ/CO/3", "--timeout", "inf", "--data-home", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [  # was an OverflowError traceback
        "cobs: fetch: argument --timeout: the timeout must be a number of seconds > 0 and at most 86400, got 'inf'; "
        "a download is always bounded in time: give a number of seconds, such as 600 for a slow line (see cobs fetch "
        "--help)"]


def test_main_leaves_the_callers_environment_as_it_was(monkeypatch, capsys):
    """The warning filter that quiets the worker processes' resource tracker is for the run only."""
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    assert main(["parse", str(SEED), "--format", "json"]) == 0
    assert "PYTHONWARNINGS" not in os.environ
    monkeypatch.setenv("PYTHONWARNINGS", "default")
    assert main(["parse", str(SEED), "--format", "json"]) == 0
    assert os.environ["PYTHONWARNINGS"] == "default"
