"""The cobs command line."""

import json
import os

import pandas as pd
import pytest
from conftest import ROOT, SEED

from cobs.cli import main


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
    with pytest.raises(SystemExit):
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
        assert capsys.readouterr().err == f"cobs: {output}: is one of the files to read; give another output file\n"
        assert document.read_bytes() == SEED.read_bytes()
    assert main(["measure", str(tmp_path), "--format", "json", "-o", str(document)]) == 2  # a file of a folder read
    assert document.read_bytes() == SEED.read_bytes()
    for option in ("-o", "--shares"):  # cobs topics writes two tables: neither may be an input
        assert main(["topics", str(document), "--k", "3", option, str(document)]) == 2
        assert "is one of the files to read" in capsys.readouterr().err
        assert document.read_bytes() == SEED.read_bytes()


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
        "cobs: fetch: timeout must be a number of seconds > 0 and at most 86400, got inf; a download is always "
        "bounded in time: give a number of seconds, such as 600 for a slow line"]


def test_main_leaves_the_callers_environment_as_it_was(monkeypatch, capsys):
    """The warning filter that quiets the worker processes' resource tracker is for the run only."""
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    assert main(["parse", str(SEED), "--format", "json"]) == 0
    assert "PYTHONWARNINGS" not in os.environ
    monkeypatch.setenv("PYTHONWARNINGS", "default")
    assert main(["parse", str(SEED), "--format", "json"]) == 0
    assert os.environ["PYTHONWARNINGS"] == "default"
