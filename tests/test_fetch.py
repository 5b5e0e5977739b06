"""cobs.fetch against a local server imitating the UN document system and the OHCHR database.

Every failure is followed by a look at the cache: it must hold no partial or
wrong file (nor a temporary one). Synthetic documents cover the logic without
../shared; the real CRPD PDFs are served when ../shared is present.
"""

import hashlib
import json
import pickle
import time
from pathlib import Path

import pytest
from conftest import shared_path
from fake_un import FakeUN, free_port, make_co_docx, make_co_pdf

import cobs
from cobs import cli
from cobs.errors import CobsError, DocumentNotFoundError, FetchError, VerificationError

FAST = {"timeout": 2.0, "n_retries": 2, "delay": 0.01}
ESP = "CRPD/C/ESP/CO/1"


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """Synthetic documents: bytes by name."""
    folder = tmp_path_factory.mktemp("docs")
    return {
        "esp_en": make_co_pdf(folder / "esp_en.pdf").read_bytes(),
        "esp_fr": make_co_pdf(folder / "esp_fr.pdf", lang="fr").read_bytes(),
        "dza_en": make_co_pdf(folder / "dza_en.pdf", symbol="CRPD/C/DZA/CO/1").read_bytes(),
        "esp_docx": make_co_docx(folder / "esp.docx").read_bytes(),
    }


@pytest.fixture
def server(monkeypatch, docs):
    un = FakeUN()
    un.add(ESP, docs["esp_en"])
    monkeypatch.setenv("COBS_ODS_URL", un.ods_url)
    monkeypatch.setenv("COBS_OHCHR_URL", un.ohchr_url)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    yield un
    un.close()


@pytest.fixture
def home(tmp_path):
    return tmp_path / "cobs_data"


def cache(home: Path) -> list[str]:
    """Every file of the cache, hidden ones included, relative to it."""
    return sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()) if home.exists() else []


def assert_clean(home: Path) -> None:
    assert cache(home) == [], "the cache holds a partial or wrong file"


def ods_requests(un: FakeUN) -> list[str]:
    return [r for r in un.requests if r.startswith("/api/")]


# --- the cache and its folder -----------------------------------------------------------------


def test_data_home_argument_then_environment_then_home(monkeypatch, tmp_path):
    monkeypatch.delenv("COBS_DATA", raising=False)
    assert cobs.data_home() == Path.home() / "cobs_data"
    monkeypatch.setenv("COBS_DATA", str(tmp_path / "env"))
    assert cobs.data_home() == tmp_path / "env"
    assert cobs.data_home(tmp_path / "arg") == tmp_path / "arg"
    assert cobs.data_home("~/x") == Path.home() / "x"


def test_fetch_from_the_document_system_follows_its_redirect(server, home, docs):
    path = cobs.fetch(ESP, data_home=home, **FAST)
    assert path == home / "documents" / "en" / "CRPD_C_ESP_CO_1.pdf"
    assert path.read_bytes() == docs["esp_en"]
    assert cache(home) == ["documents/en/CRPD_C_ESP_CO_1.pdf", "documents/en/CRPD_C_ESP_CO_1.pdf.json"]
    record = json.loads(path.with_name(path.name + ".json").read_text())
    assert record["sha256"] == hashlib.sha256(docs["esp_en"]).hexdigest()
    assert (record["symbol"], record["language"], record["format"], record["bytes"]) == (
        ESP, "en", "pdf", len(docs["esp_en"]))
    assert record["source"] == "the UN Official Document System" and "/ods/files/" in record["url"]
    assert server.requests[0].startswith("/api/symbol/access?s=CRPD%2FC%2FESP%2FCO%2F1&l=en&t=pdf")
    assert server.requests[1].startswith("/ods/files/")  # the redirect was followed
    assert len(server.requests) == 2


def test_data_home_from_the_environment(server, home, monkeypatch):
    monkeypatch.setenv("COBS_DATA", str(home))
    assert cobs.fetch(ESP, **FAST).parent == home / "documents" / "en"


def test_no_request_at_all_when_cached(server, home, monkeypatch):
    first = cobs.fetch(ESP, data_home=home, **FAST)
    server.requests.clear()
    assert cobs.fetch(ESP, data_home=home, **FAST) == first
    assert server.requests == []
    # and with no network at all
    monkeypatch.setenv("COBS_ODS_URL", f"http://127.0.0.1:{free_port()}/api")
    monkeypatch.setenv("COBS_OHCHR_URL", f"http://127.0.0.1:{free_port()}/tb")
    assert cobs.fetch(ESP, data_home=home, **FAST) == first
    assert cobs.fetch(ESP, data_home=home, download_if_missing=False) == first


def test_a_cached_file_that_changed_is_downloaded_again(server, home, docs):
    path = cobs.fetch(ESP, data_home=home, **FAST)
    path.write_bytes(docs["esp_en"][:-10] + b"0123456789")  # same size, other bytes
    server.requests.clear()
    assert cobs.fetch(ESP, data_home=home, **FAST).read_bytes() == docs["esp_en"]
    assert len(server.requests) == 2


def test_download_if_missing_false(server, home):
    with pytest.raises(FileNotFoundError, match=r"CRPD/C/ESP/CO/1 \(English, PDF\) is not in the cache.*cobs fetch"):
        cobs.fetch(ESP, data_home=home, download_if_missing=False)
    assert server.requests == []


@pytest.mark.parametrize(
    "symbol, name",
    [("E/C.12/KAZ/CO/2", "E_C.12_KAZ_CO_2.pdf"), ("CRC/C/15/Add.213", "CRC_C_15_Add.213.pdf"),
     (" crc/c/opac/kaz/co/1 ", "CRC_C_OPAC_KAZ_CO_1.pdf"), ("CRPD/C/AZE/CO/2-3", "CRPD_C_AZE_CO_2-3.pdf")],
)
def test_a_symbol_makes_a_safe_file_name(server, home, symbol, name):
    with pytest.raises(DocumentNotFoundError):
        cobs.fetch(symbol, data_home=home, **FAST)  # not on the server: only the name is looked at
    with pytest.raises(FileNotFoundError) as info:
        cobs.fetch(symbol, data_home=home, download_if_missing=False)
    assert str(home / "documents" / "en") in str(info.value)
    from cobs.sources._fetch import _filename

    assert _filename(cobs.parse_symbol(symbol).symbol, "pdf") == name
    assert "/" not in name and not name.startswith(".")


# --- sources ------------------------------------------------------------------------------------


def test_falls_back_to_the_ohchr_landing_page(server, home, docs):
    server.ods = "missing"
    path = cobs.fetch(ESP, data_home=home, **FAST)
    assert path.read_bytes() == docs["esp_en"]
    landing = [r for r in server.requests if r.startswith("/_layouts/15/treatybodyexternal/Download.aspx")]
    assert landing == ["/_layouts/15/treatybodyexternal/Download.aspx?symbolno=CRPD%2FC%2FESP%2FCO%2F1&Lang=en"]
    assert server.requests[-1].startswith("/SelfServices/FilesHandler.ashx?enc=")
    record = json.loads(path.with_name(path.name + ".json").read_text())
    assert record["source"] == "the OHCHR treaty-body database"


def test_the_landing_page_link_for_the_language_and_format_asked(server, home, docs):
    server.ods = "missing"
    server.add(ESP, docs["esp_fr"], lang="fr")
    server.add(ESP, docs["esp_docx"], lang="en", format="docx")
    french = cobs.fetch(ESP, lang="fr", data_home=home, **FAST)
    word = cobs.fetch(ESP, format="docx", data_home=home, **FAST)
    assert french == home / "documents" / "fr" / "CRPD_C_ESP_CO_1.pdf" and french.read_bytes() == docs["esp_fr"]
    assert word == home / "documents" / "en" / "CRPD_C_ESP_CO_1.docx" and word.read_bytes() == docs["esp_docx"]
    with pytest.raises(DocumentNotFoundError, match="lists no Russian PDF version"):
        cobs.fetch(ESP, lang="ru", data_home=home, **FAST)


def test_word_files_from_the_document_system(server, home, docs):
    server.add(ESP, docs["esp_docx"], format="docx")
    assert cobs.fetch(ESP, format="docx", data_home=home, **FAST).read_bytes() == docs["esp_docx"]


def test_retries_a_server_that_fails_twice(server, home, docs):
    server.ods, server.ohchr = "flaky", "missing"
    started = time.perf_counter()
    path = cobs.fetch(ESP, data_home=home, timeout=2.0, n_retries=2, delay=0.05)
    assert path.read_bytes() == docs["esp_en"]
    assert len(ods_requests(server)) == 3
    assert time.perf_counter() - started >= 0.05 + 0.1  # back-off: 0.05 s, then 0.1 s


def test_too_few_retries_then_the_next_source(server, home, docs):
    server.ods = "flaky"
    path = cobs.fetch(ESP, data_home=home, timeout=2.0, n_retries=1, delay=0.01)
    assert len(ods_requests(server)) == 2
    assert json.loads(path.with_name(path.name + ".json").read_text())["source"] == "the OHCHR treaty-body database"


def test_a_server_error_everywhere(server, home):
    server.ods = server.ohchr = "error"
    with pytest.raises(FetchError, match="HTTP 500.*3 attempts.*HTTP 500.*3 attempts.*try again later") as info:
        cobs.fetch(ESP, data_home=home, **FAST)
    assert not isinstance(info.value, (DocumentNotFoundError, VerificationError))
    assert len(ods_requests(server)) == 3
    assert_clean(home)


# --- what must never reach the cache -------------------------------------------------------------


def test_an_html_error_page_served_with_status_200(server, home):
    server.ods = server.ohchr = "html"
    with pytest.raises(VerificationError, match="nothing was kept.*HTML page.*HTML page") as info:
        cobs.fetch(ESP, data_home=home, **FAST)
    assert info.value.symbol == ESP and "FilesHandler.ashx" in info.value.url
    assert_clean(home)


def test_an_html_page_at_one_source_only(server, home, docs):
    server.ods = "html"
    assert cobs.fetch(ESP, data_home=home, **FAST).read_bytes() == docs["esp_en"]
    assert cache(home) == ["documents/en/CRPD_C_ESP_CO_1.pdf", "documents/en/CRPD_C_ESP_CO_1.pdf.json"]


def test_a_stalling_server_times_out(server, home):
    server.ods = server.ohchr = "stall"
    started = time.perf_counter()
    with pytest.raises(FetchError, match="no answer within the time-out") as info:
        cobs.fetch(ESP, data_home=home, timeout=0.2, n_retries=1, delay=0.01)
    elapsed = time.perf_counter() - started
    assert 0.8 <= elapsed < 8, elapsed  # 2 sources x 2 attempts x 0.2 s, far from the 30 s default
    assert "127.0.0.1" in str(info.value)
    assert_clean(home)


def test_a_cut_transfer_is_detected(server, home):
    server.ods = server.ohchr = "cut"
    with pytest.raises(FetchError, match=r"cut after \d+ of \d+ bytes"):
        cobs.fetch(ESP, data_home=home, **FAST)
    assert len([r for r in server.requests if r.startswith("/ods/files/")]) == 3  # retried
    assert_clean(home)


def test_a_cut_transfer_then_the_next_source(server, home, docs):
    server.ods = "cut"
    assert cobs.fetch(ESP, data_home=home, **FAST).read_bytes() == docs["esp_en"]


@pytest.mark.parametrize(
    ("served", "message"),
    [
        ("dza_en", "served CRPD/C/DZA/CO/1, another document than CRPD/C/ESP/CO/1"),
        ("esp_fr", "served the French version, not the English one"),
        ("esp_docx", r"served a Word \(.docx\) file, not PDF"),
    ],
    ids=["another-document", "another-language", "a-word-file-for-a-pdf"],
)
def test_the_wrong_file_is_not_kept(server, home, docs, served, message):
    server.ods = server.ohchr = "swap"
    server.swap_with = docs[served]
    with pytest.raises(VerificationError, match=message):
        cobs.fetch(ESP, data_home=home, **FAST)
    assert_clean(home)


def test_404_everywhere(server, home):
    server.ods = server.ohchr = "missing"
    with pytest.raises(DocumentNotFoundError,
                       match="CRPD/C/ESP/CO/1: no English PDF found.*HTTP 404.*HTTP 404.*check the"):
        cobs.fetch(ESP, data_home=home, **FAST)
    assert len(server.requests) == 2  # a 404 is not retried
    assert_clean(home)


def test_an_unknown_symbol(server, home):
    # the document system answers 404, the OHCHR database a page without links
    with pytest.raises(DocumentNotFoundError, match="CRPD/C/XXX/CO/1: no English PDF found.*404.*lists no English PDF"):
        cobs.fetch("CRPD/C/XXX/CO/1", data_home=home, **FAST)
    assert_clean(home)


def test_offline(monkeypatch, home):
    monkeypatch.setenv("COBS_ODS_URL", f"http://127.0.0.1:{free_port()}/api/symbol/access")
    monkeypatch.setenv("COBS_OHCHR_URL", f"http://127.0.0.1:{free_port()}/Download.aspx")
    with pytest.raises(FetchError, match="connection refused.*connection refused.*check the network connection"):
        cobs.fetch(ESP, data_home=home, **FAST)
    assert_clean(home)


def test_a_failure_keeps_what_was_cached(server, home, docs):
    path = cobs.fetch(ESP, data_home=home, **FAST)
    with pytest.raises(DocumentNotFoundError):
        cobs.fetch(ESP, lang="fr", data_home=home, **FAST)
    assert path.read_bytes() == docs["esp_en"]
    assert cache(home) == ["documents/en/CRPD_C_ESP_CO_1.pdf", "documents/en/CRPD_C_ESP_CO_1.pdf.json"]


# --- answers cobs does not follow, and answers without end (issue 11) ---------------------------


def test_a_landing_page_link_to_a_local_file_is_not_followed(server, home, docs, tmp_path):
    local = tmp_path / "local.pdf"
    local.write_bytes(docs["esp_en"])  # a valid PDF of the very document: was installed as the download
    server.ods, server.link = "missing", local.as_uri()
    with pytest.raises(FetchError, match=r"the page links its English PDF version to 'file:///.*local\.pdf', which "
                       r"cobs does not follow: it follows http and https links only; nothing was kept") as info:
        cobs.fetch(ESP, data_home=home, **FAST)
    assert "check the network" not in str(info.value)
    assert_clean(home)
    server.link = "file:///dev/zero"  # wrote 409 MB in 3 s
    with pytest.raises(FetchError, match="'file:///dev/zero', which cobs does not follow"):
        cobs.fetch(ESP, data_home=home, **FAST)
    assert_clean(home)


def test_a_redirect_to_a_local_file_is_not_followed(server, home):
    server.ohchr, server.location = "missing", "file:///etc/passwd"
    with pytest.raises(FetchError, match=r"redirected to 'file:///etc/passwd', which cobs does not follow") as info:
        cobs.fetch(ESP, data_home=home, **FAST)
    assert "check the network" not in str(info.value)
    assert len(ods_requests(server)) == 1  # not retried
    assert_clean(home)


def test_a_redirect_loop_is_said_to_be_one(server, home):
    server.ods, server.ohchr = "loop", "missing"
    with pytest.raises(FetchError, match=r"the server redirects in a loop: http://.*/api/symbol/access\?.* -> "
                       r"http://.*/loop/a -> http://.*/loop/b -> http://.*/loop/a") as info:
        cobs.fetch(ESP, data_home=home, **FAST)
    assert "check the network" not in str(info.value)
    assert [r for r in server.requests if r.startswith("/loop/")] == ["/loop/a", "/loop/b"]


def test_an_endless_answer_is_cut_at_the_size_bound(server, home):
    server.ods = server.ohchr = "endless"
    started = time.perf_counter()
    with pytest.raises(FetchError, match=r"the answer goes on past 50 MB, more than cobs accepts here"):
        cobs.fetch(ESP, data_home=home, **FAST)
    assert time.perf_counter() - started < 60
    assert len([r for r in server.requests if r.startswith("/ods/files/")]) == 1  # not retried
    assert_clean(home)


def test_an_answer_announcing_more_than_a_co_is_not_read(server, home):
    server.ods = server.ohchr = "huge"
    with pytest.raises(FetchError, match=r"announces 10240 MB, more than the 50 MB that cobs accepts"):
        cobs.fetch(ESP, data_home=home, **FAST)
    assert_clean(home)


def test_a_drip_is_a_stalled_transfer(server, home):
    """A byte every 0.05 s, each well within the time-out: a stall after `timeout` seconds all the same."""
    server.ods = server.ohchr = "drip"
    started = time.perf_counter()
    with pytest.raises(FetchError, match=r"the transfer stalled \(\d+ bytes in 0\.\d s, less than 1 kB/s\) "
                       r"\(2 attempts\).*try again later"):
        cobs.fetch(ESP, data_home=home, timeout=0.5, n_retries=1, delay=0.01)
    elapsed = time.perf_counter() - started
    assert 2.0 <= elapsed < 10, elapsed  # 2 sources x 2 attempts x 0.5 s (the PDF alone would take 100 s)
    assert_clean(home)


def test_max_time_bounds_a_download_whatever_the_server_does(server, home):
    """Headers dripped a byte at a time: no read waits `timeout`, no body to measure; max_time ends it."""
    server.ods = server.ohchr = "slowhead"
    started = time.perf_counter()
    with pytest.raises(FetchError, match=r"did not finish within max_time=0\.6 s.*did not finish within max_time"):
        cobs.fetch(ESP, data_home=home, timeout=2.0, n_retries=2, delay=0.01, max_time=0.6)
    elapsed = time.perf_counter() - started
    assert 1.2 <= elapsed < 6, elapsed  # 2 sources x 0.6 s, not retried
    assert_clean(home)


def test_a_host_lookup_that_hangs_is_bounded_by_max_time_and_the_timeout(server, home, docs, monkeypatch):
    """A resolver that does not answer (no socket yet for max_time to shut): the lookup is waited for no longer."""
    import socket
    import threading

    real = socket.getaddrinfo
    answer = threading.Event()
    hanging = []  # the lookups still waiting for their answer

    def resolver(host, *args, **kwargs):
        if host.endswith(".hangs.test"):
            hanging.append(host)
            answer.wait(15)  # as a dead resolver: the call returns after a long while, if ever
            hanging.remove(host)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real("127.0.0.1" if host == "un.test" else host, *args, **kwargs)

    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    monkeypatch.setenv("COBS_ODS_URL", server.ods_url.replace("127.0.0.1", "ods.hangs.test"))
    monkeypatch.setenv("COBS_OHCHR_URL", server.ohchr_url.replace("127.0.0.1", "ohchr.hangs.test"))
    try:
        with pytest.raises(FetchError, match=r"did not finish within max_time=0\.5 s.*did not finish within max_time"):
            cobs.fetch(ESP, data_home=home, timeout=5.0, n_retries=2, delay=0.01, max_time=0.5)
        assert sorted(hanging) == ["ods.hangs.test", "ohchr.hangs.test"]  # fetch did not wait for them
        with pytest.raises(FetchError, match=r"ods\.hangs\.test.*: host name lookup without an answer \(offline\?\)"):
            cobs.fetch(ESP, data_home=home, timeout=0.5, n_retries=2, delay=0.01, max_time=60.0)
        assert len(hanging) == 4  # each host asked once: not retried
    finally:
        answer.set()
    assert_clean(home)
    monkeypatch.setenv("COBS_ODS_URL", server.ods_url.replace("127.0.0.1", "un.test"))  # a lookup that answers
    assert cobs.fetch(ESP, data_home=home, **FAST).read_bytes() == docs["esp_en"]
    assert [r for r in server.requests if r.startswith("/api/")]


def test_interrupted_downloads_leave_no_part_file_and_old_ones_are_removed(server, home, docs):
    import fcntl
    import os

    folder = home / "documents" / "en"
    folder.mkdir(parents=True)
    stale = folder / ".CRPD_C_ESP_CO_1.pdf.x1y2.part"  # from a run killed with kill -9
    stale.write_bytes(b"%PDF-" + b"\0" * 1000)
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    live = folder / ".CRPD_C_DZA_CO_1.pdf.a1b2.part"  # another run's download, in progress
    live.write_bytes(b"%PDF-")
    os.utime(live, (time.time() - 3600, time.time() - 3600))
    with open(live, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        path = cobs.fetch(ESP, data_home=home, **FAST)
        assert path.read_bytes() == docs["esp_en"]
        assert not stale.exists() and live.exists()


def test_an_interrupt_leaves_nothing_behind(server, home):
    import signal
    import threading

    server.ods = "drip"
    threading.Timer(0.5, signal.raise_signal, args=(signal.SIGINT,)).start()
    with pytest.raises(KeyboardInterrupt):
        cobs.fetch(ESP, data_home=home, timeout=5.0, n_retries=0)
    assert cache(home) == []


def test_cli_interrupted_exits_130_with_one_line(server, home, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    server.ods = "drip"
    env = {**os.environ, "COBS_ODS_URL": server.ods_url, "COBS_OHCHR_URL": server.ohchr_url,
           "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    child = subprocess.Popen([sys.executable, "-m", "cobs", "fetch", ESP, "--data-home", str(home)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not any(r.startswith("/ods/files/") for r in server.requests) and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 130, err
    assert err.splitlines() == ["cobs: interrupted"] and out == ""
    assert cache(home) == []


def test_offline_fails_fast(monkeypatch, home):
    """Host not found: no retry, and not asked again in the same call (was 4 attempts per source and symbol)."""
    import socket

    asked = []

    def offline(host, *args, **kwargs):
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COBS_ODS_URL", "https://documents.example.org/api/symbol/access")
    monkeypatch.setenv("COBS_OHCHR_URL", "https://tbinternet.example.org/Download.aspx")
    monkeypatch.setattr(socket, "getaddrinfo", offline)
    with pytest.raises(FetchError, match=r"host not found \(offline\?\).*host not found \(offline\?\); check the "
                       "network connection"):
        cobs.fetch(ESP, data_home=home)  # default retries and back-off: 7 s of back-off per source before
    assert asked == ["documents.example.org", "tbinternet.example.org"]
    asked.clear()
    with pytest.raises(FetchError, match=r"2 of 3 COs not fetched: CRC/C/15/Add.213: .*host not found.*"
                       r"CRC/C/KAZ/CO/3: .*not asked again"):
        cobs.fetch_chain("KAZ", "CRC", data_home=home)  # CO/4 is at hand: the bundled corpus/ holds it
    assert asked == ["documents.example.org", "tbinternet.example.org"]


def test_fetch_chain_uses_the_documents_at_hand(kaz_server, home):
    seed = Path(__file__).resolve().parents[1] / "corpus" / "CRC_C_KAZ_CO_4.txt"
    paths = cobs.fetch_chain("KAZ", "CRC", data_home=home, **FAST)
    assert paths[-1] == seed  # the bundled plain text, checked against corpus/manifest.csv
    assert [p.name for p in paths[:2]] == ["CRC_C_15_Add.213.docx", "CRC_C_KAZ_CO_3.docx"]  # no PDF: the Word file
    kaz_server.requests.clear()
    assert cobs.fetch_chain("KAZ", "CRC", data_home=home, **FAST) == paths
    assert kaz_server.requests == []  # all at hand now
    docx = cobs.fetch_chain("KAZ", "CRC", format="docx", data_home=home, **FAST)  # the text is not a Word file
    assert docx[:2] == paths[:2] and docx[2].name == "CRC_C_KAZ_CO_4.docx"
    assert [r for r in kaz_server.requests if r.startswith("/api/")] == [
        "/api/symbol/access?s=CRC%2FC%2FKAZ%2FCO%2F4&l=en&t=docx"]


def test_an_unusable_cache_folder_is_said_before_any_download(server, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    with pytest.raises(NotADirectoryError, match=r"cannot keep downloads in .*file/documents/en .*give data_home= or "
                       "set COBS_DATA"):
        cobs.fetch(ESP, data_home=not_a_folder, **FAST)
    assert server.requests == []


def test_an_unusable_cache_folder_is_one_line_on_the_command_line(server, tmp_path, capsys):
    from cobs.cli import main

    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    assert main(["fetch", ESP, "CRC/C/KAZ/CO/4", "--data-home", str(not_a_folder)]) == 2
    err = capsys.readouterr().err.splitlines()  # was "cobs: [Errno 20] cannot keep ...", once per symbol
    assert len(err) == 1 and err[0].startswith(f"cobs: fetch: cannot keep downloads in {not_a_folder}"), err
    assert server.requests == []


def test_a_source_url_must_be_http(server, home, monkeypatch):
    monkeypatch.setenv("COBS_ODS_URL", "file:///srv/mirror")
    with pytest.raises(ValueError, match="COBS_ODS_URL must be an http:// or https:// URL, got 'file:///srv/mirror'"):
        cobs.fetch(ESP, data_home=home)
    assert server.requests == []


# --- arguments ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "symbol, message",
    [
        ("CRC/C/KAZ/Q/5-6", r"'CRC/C/KAZ/Q/5-6' is the symbol of a list of issues, not of concluding observations "
                            r"\(such as 'CRC/C/KAZ/CO/5-6'\): cobs fetches COs only"),
        ("CRPD/C/KAZ/1", r"is the symbol of a State party report, not of concluding observations"),
        ("CRPD/C/AZE/FCO/2-3",
         r"is the symbol of a follow-up to concluding observations, not of concluding observations"),
        ("CRPD/C/CZE/CO/1/Add.1",
         r"is the symbol of an addendum 1 to the concluding observations, .* \(such as 'CRPD/C/CZE/CO/1'\)"),
        ("A/HRC/28/10", r"not a treaty-body document symbol"),
        ("", r"not a treaty-body document symbol"),
    ],
)
def test_what_is_not_a_co_is_refused_before_any_request(server, home, symbol, message):
    with pytest.raises(ValueError, match=message):
        cobs.fetch(symbol, data_home=home)
    assert server.requests == []


@pytest.mark.parametrize(
    "options, message",
    [
        ({"lang": "de"}, "lang must be 'ar', 'zh', 'en', 'fr', 'ru' or 'es', got 'de'"),
        ({"format": "html"}, "format must be 'pdf' or 'docx', got 'html'"),
        ({"timeout": 0}, "timeout must be a number of seconds > 0"),
        ({"n_retries": -1}, "n_retries must be an int >= 0"),
        ({"n_retries": 1.5}, "n_retries must be an int"),
        ({"delay": "1"}, "delay must be a number"),
        ({"timeout": float("inf")}, r"timeout must be a number of seconds > 0 and at most 86400, got inf; a download "
                                    r"is always bounded in time"),  # was OverflowError from the socket
        ({"timeout": float("nan")}, "timeout must be a number of seconds > 0"),
        ({"timeout": 1e10}, "timeout must be a number of seconds > 0 and at most 86400, got 10000000000.0"),
        ({"max_time": 0}, "max_time must be a number of seconds > 0"),
    ],
)
def test_invalid_options(server, home, options, message):
    with pytest.raises(ValueError, match=message):
        cobs.fetch(ESP, data_home=home, **options)
    assert server.requests == []


def test_a_symbol_must_be_a_string(home):
    with pytest.raises(TypeError, match="symbol must be a str"):
        cobs.fetch(["CRC/C/KAZ/CO/4"], data_home=home)


# --- chains ------------------------------------------------------------------------------------

KAZ_CRC = ["CRC/C/15/Add.213", "CRC/C/KAZ/CO/3", "CRC/C/KAZ/CO/4"]


@pytest.fixture
def kaz_server(server, tmp_path):
    for symbol in [*KAZ_CRC, "CRC/C/OPAC/KAZ/CO/1"]:
        server.add(symbol, make_co_docx(tmp_path / "x.docx", symbol=symbol).read_bytes(), format="docx")
    return server


def test_fetch_chain_oldest_first(kaz_server, home):
    paths = cobs.fetch_chain("Kazakhstan", "CRC", format="docx", data_home=home, **FAST)
    assert [p.name for p in paths] == ["CRC_C_15_Add.213.docx", "CRC_C_KAZ_CO_3.docx", "CRC_C_KAZ_CO_4.docx"]
    opac = cobs.fetch_chain("KAZ", "Committee on the Rights of the Child", protocol="OPAC", format="docx",
                            data_home=home)
    assert [p.name for p in opac] == ["CRC_C_OPAC_KAZ_CO_1.docx"]
    assert cobs.fetch_chain("KAZ", "CAT", data_home=home) == []


def test_fetch_chain_reports_what_it_could_not_fetch(kaz_server, home):
    with pytest.raises(FetchError, match=r"KAZ/CRC: 3 of 3 COs not fetched: CRC/C/15/Add.213: no English PDF found"
                       r".*; none is at hand$") as raised:
        cobs.fetch_chain("KAZ", "CRC", format="pdf", data_home=home, **FAST)
    assert raised.value.paths == [] and list(raised.value.missing) == KAZ_CRC
    kaz_server.documents.pop(("CRC/C/KAZ/CO/3", "en", "docx"))
    with pytest.raises(FetchError, match=r"1 of 3 COs not fetched: CRC/C/KAZ/CO/3: no English Word.*; the 2 at hand "
                       r"\(CRC/C/15/Add.213, CRC/C/KAZ/CO/4\) are the error's paths$") as raised:
        cobs.fetch_chain("KAZ", "CRC", format="docx", data_home=home, **FAST)
    assert len(cache(home)) == 4  # the two others, with their records
    # what was fetched is handed back with the error, oldest first, with each symbol missing and its error
    folder = home / "documents" / "en"
    assert raised.value.paths == [folder / "CRC_C_15_Add.213.docx", folder / "CRC_C_KAZ_CO_4.docx"]
    assert list(raised.value.missing) == ["CRC/C/KAZ/CO/3"]
    assert isinstance(raised.value.missing["CRC/C/KAZ/CO/3"], DocumentNotFoundError)
    assert "no English Word" in str(raised.value.missing["CRC/C/KAZ/CO/3"])


def test_fetch_chain_offline_hands_back_the_bundled_co_with_the_error(monkeypatch, home):
    # offline (nothing listens where the sources are): the bundled CRC/C/KAZ/CO/4 was lost with the error
    monkeypatch.setenv("COBS_ODS_URL", f"http://127.0.0.1:{free_port()}/api/symbol/access")
    monkeypatch.setenv("COBS_OHCHR_URL", f"http://127.0.0.1:{free_port()}/Download.aspx")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with pytest.raises(FetchError, match=r"2 of 3 COs not fetched: .*; the 1 at hand \(CRC/C/KAZ/CO/4\) are the "
                       r"error's paths$") as raised:
        cobs.fetch_chain("KAZ", "CRC", data_home=home, **FAST)
    assert raised.value.paths == [Path(__file__).resolve().parents[1] / "corpus" / "CRC_C_KAZ_CO_4.txt"]
    assert list(raised.value.missing) == KAZ_CRC[:2]
    assert all(isinstance(error, FetchError) and "refused" in str(error) for error in raised.value.missing.values())
    again = pickle.loads(pickle.dumps(raised.value))  # as it comes back from a worker process
    assert (again.paths, list(again.missing), str(again)) == (raised.value.paths, KAZ_CRC[:2], str(raised.value))


def test_fetch_chain_validates(home):
    with pytest.raises(ValueError, match="state must be a UN name or an ISO 3166 alpha-3 code .*, got 'Narnia'"):
        cobs.fetch_chain("Narnia", "CRC", data_home=home)
    with pytest.raises(ValueError, match="protocol must be"):
        cobs.fetch_chain("KAZ", "CRC", protocol="OPIC", data_home=home)


# --- command line ------------------------------------------------------------------------------


def test_cli_fetch_prints_the_paths(server, home, capsys):
    assert cli.main(["fetch", ESP, "--data-home", str(home), "--n-retries", "0"]) == 0
    out = capsys.readouterr()
    assert out.out == f"{home / 'documents' / 'en' / 'CRPD_C_ESP_CO_1.pdf'}\n" and out.err == ""


def test_cli_fetch_one_line_per_failure_and_status_2(server, home, capsys):
    status = cli.main(["fetch", "CRPD/C/XXX/CO/1", ESP, "CRC/C/KAZ/Q/5-6", "--data-home", str(home),
                       "--n-retries", "0"])
    out = capsys.readouterr()
    assert status == 2
    assert out.out.splitlines() == [str(home / "documents" / "en" / "CRPD_C_ESP_CO_1.pdf")]
    errors = out.err.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith("cobs: CRPD/C/XXX/CO/1: no English PDF found")
    assert errors[1].startswith("cobs: 'CRC/C/KAZ/Q/5-6' is the symbol of a list of issues")


def test_cli_fetch_a_chain(kaz_server, home, capsys):
    assert cli.main(["fetch", "--state", "KAZ", "--committee", "CRC", "--format", "docx",
                     "--data-home", str(home)]) == 0
    assert [Path(line).name for line in capsys.readouterr().out.splitlines()] == [
        "CRC_C_15_Add.213.docx", "CRC_C_KAZ_CO_3.docx", "CRC_C_KAZ_CO_4.docx"]
    assert cli.main(["fetch", "--state", "KAZ"]) == 2
    assert "go together" in capsys.readouterr().err
    assert cli.main(["fetch", "--state", "KAZ", "--committee", "CED"]) == 2
    assert "knows no CO of CED on KAZ" in capsys.readouterr().err
    assert cli.main(["fetch", "--state", "Narnia", "--committee", "CRC"]) == 2
    assert "got 'Narnia'" in capsys.readouterr().err
    assert cli.main(["fetch"]) == 2


def test_cli_fetch_a_chain_uses_the_documents_at_hand(kaz_server, home, capsys):
    """As fetch_chain: the bundled corpus/ and the cache first, only the missing COs downloaded."""
    assert cli.main(["fetch", "--state", "KAZ", "--committee", "CRC", "--data-home", str(home)]) == 0
    paths = [Path(line) for line in capsys.readouterr().out.splitlines()]
    assert paths[-1] == Path(__file__).resolve().parents[1] / "corpus" / "CRC_C_KAZ_CO_4.txt"  # the bundled text
    assert [p.name for p in paths[:2]] == ["CRC_C_15_Add.213.docx", "CRC_C_KAZ_CO_3.docx"]  # no PDF served: Word
    assert not any("KAZ%2FCO%2F4" in r for r in kaz_server.requests)
    kaz_server.requests.clear()
    assert cli.main(["fetch", "--state", "KAZ", "--committee", "CRC", "--data-home", str(home)]) == 0
    assert [Path(line) for line in capsys.readouterr().out.splitlines()] == paths
    assert kaz_server.requests == []  # all at hand now
    assert cli.main(["fetch", "CRC/C/KAZ/CO/4", "--data-home", str(home)]) == 2  # a symbol: its PDF, into the cache
    assert "no English PDF found" in capsys.readouterr().err


# --- real documents ----------------------------------------------------------------------------


def _real(name: str) -> bytes:
    return shared_path("crpd-dashboard-pdfs", "concluding_observations", name).read_bytes()


@pytest.mark.real_data
def test_real_pdf_from_the_document_system_then_read(server, home):
    data = _real("Spain_UnknownYear_CRPD_C_ESP_CO_1.pdf")
    server.add(ESP, data)
    path = cobs.fetch(ESP, data_home=home, **FAST)
    assert path.read_bytes() == data
    assert cobs.read_document(path).meta.symbol == ESP


@pytest.mark.real_data
def test_real_arabic_version_from_the_ohchr_page(server, home):
    data = _real("Kazakhstan_2024_CRPD_C_KAZ_CO_1.pdf")
    server.ods = "missing"
    server.add("CRPD/C/KAZ/CO/1", data, lang="ar")
    path = cobs.fetch("CRPD/C/KAZ/CO/1", lang="ar", data_home=home, **FAST)
    assert path == home / "documents" / "ar" / "CRPD_C_KAZ_CO_1.pdf" and path.read_bytes() == data


@pytest.mark.real_data
def test_real_arabic_version_served_for_english_is_not_kept(server, home):
    server.add("CRPD/C/KAZ/CO/1", b"unused")
    server.ods = server.ohchr = "swap"
    server.swap_with = _real("Kazakhstan_2024_CRPD_C_KAZ_CO_1.pdf")
    with pytest.raises(VerificationError, match="served the Arabic version, not the English one"):
        cobs.fetch("CRPD/C/KAZ/CO/1", data_home=home, **FAST)
    assert_clean(home)


@pytest.mark.real_data
def test_real_other_document_and_cut_transfer(server, home):
    data = _real("Spain_UnknownYear_CRPD_C_ESP_CO_1.pdf")
    server.add(ESP, data)
    server.ods = server.ohchr = "swap"
    server.swap_with = _real("Algeria_2018_CRPD_C_DZA_CO_1.pdf")
    with pytest.raises(VerificationError, match="served CRPD/C/DZA/CO/1"):
        cobs.fetch(ESP, data_home=home, **FAST)
    assert_clean(home)
    server.ods = server.ohchr = "cut"
    with pytest.raises(FetchError, match="cut after"):
        cobs.fetch(ESP, data_home=home, **FAST)
    assert_clean(home)
    server.ods = server.ohchr = "ok"
    assert cobs.fetch(ESP, data_home=home, **FAST).read_bytes() == data


def test_errors_are_cobs_errors():
    assert issubclass(DocumentNotFoundError, FetchError) and issubclass(VerificationError, FetchError)
    assert issubclass(FetchError, CobsError)


def test_fetch_chain_uses_the_sample_an_installed_cobs_ships(kaz_server, home, monkeypatch):
    import cobs.sources._fetch as fetching

    monkeypatch.setattr(fetching, "__file__", str(home / "site-packages" / "cobs" / "sources" / "_fetch.py"))
    paths = cobs.fetch_chain("KAZ", "CRC", data_home=home, **FAST)  # no corpus/ beside an installed package
    assert paths[-1] == cobs.datasets.sample_path()
    assert not any("KAZ%2FCO%2F4" in r for r in kaz_server.requests)


def test_https_with_a_certificate_that_cannot_be_verified_then_trusted(server, home, tmp_path, monkeypatch, docs):
    """The https path (sockets watched from before TLS): an untrusted certificate is refused at once, not retried."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("the openssl command makes the test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    monkeypatch.setenv("COBS_ODS_URL", server.ods_url.replace("http://", "https://"))
    monkeypatch.setenv("COBS_OHCHR_URL", server.ohchr_url.replace("http://", "https://"))
    started = time.perf_counter()
    with pytest.raises(FetchError, match=r"https://127\.0\.0\.1:\d+/api/symbol/access\?.*: the server's certificate "
                       r"cannot be verified \(self.signed certificate\).*certificate cannot be verified"):
        cobs.fetch(ESP, data_home=home, timeout=5.0, n_retries=3, delay=1.0)
    assert time.perf_counter() - started < 5  # no back-off: 1 + 2 + 4 s per source before
    assert_clean(home)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # now trusted: the document comes over https
    assert cobs.fetch(ESP, data_home=home, **FAST).read_bytes() == docs["esp_en"]
