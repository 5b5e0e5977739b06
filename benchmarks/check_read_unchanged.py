"""Check that reading documents gives the same tables as another revision of cobs: byte for byte.

Usage: python benchmarks/check_read_unchanged.py [--base REV] [FOLDER]

For speed work on the readers (issue 20): reads every PDF of FOLDER (the 130 CRPD PDFs
of ../shared by default) with this checkout's cobs and with REV's (default: main),
exported with ``git archive`` into a temporary folder and run in a process of its own,
and compares, document by document: the paragraphs, footnotes and set-aside tables
(``DataFrame.equals``, the dtypes, the CSV text and the pickled bytes), the metadata,
the error of a refused document (class and message), and what the format reader and
identify_raw give (body lines, set-aside lines, footnotes, the Identity). Prints the
differences and their count; exits with status 1 if there are any.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/data/crpd-dashboard-pdfs/concluding_observations"
TABLES = ("paragraphs", "footnotes", "set_aside")


def snapshot(folder: Path, out: Path, source: Path) -> None:
    """Pickle what the cobs of ``source`` reads from each PDF of ``folder`` into ``out``."""
    import cobs

    if not Path(cobs.__file__).resolve().is_relative_to(source.resolve()):
        sys.exit(f"check_read_unchanged: cobs was imported from {cobs.__file__}, not from {source}")
    from cobs.errors import CobsError
    from cobs.read import identify_raw, read_raw

    found = {}
    for path in sorted(folder.glob("*.pdf")):
        raw = read_raw(path, path.read_bytes())
        entry = {"raw": repr((raw.body, raw.aside, raw.footnotes, raw.n_pages, raw.typography, identify_raw(raw)))}
        try:
            doc = cobs.read_document(path)
        except CobsError as exc:
            entry["error"] = (type(exc).__name__, str(exc))
        else:
            entry["meta"] = repr(doc.meta)
            entry.update({name: getattr(doc, name) for name in TABLES})
        found[path.name] = entry
    out.write_bytes(pickle.dumps(found))


def differences(base: dict, head: dict) -> list[str]:
    out = [f"{name}: only in {which}" for which, a, b in (("base", base, head), ("this checkout", head, base))
           for name in a if name not in b]
    for name in sorted(set(base) & set(head)):
        x, y = base[name], head[name]
        for key in sorted(set(x) | set(y)):
            if key not in x or key not in y:
                out.append(f"{name}: {key} only in {'base' if key in x else 'this checkout'}")
            elif key in TABLES:
                a, b = x[key], y[key]
                if not (a.equals(b) and list(a.dtypes) == list(b.dtypes) and a.to_csv() == b.to_csv()
                        and pickle.dumps(a) == pickle.dumps(b)):
                    out.append(f"{name}: {key} differs")
            elif x[key] != y[key]:
                out.append(f"{name}: {key} differs")
    return out


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--snapshot"]:  # the child process: snapshot with the cobs on its path
        snapshot(Path(args[1]), Path(args[2]), Path(args[3]))
        return
    base = "main"
    if args[:1] == ["--base"]:
        base, args = args[1], args[2:]
    folder = Path(args[0]) if args else DEFAULT
    if not folder.is_dir():
        sys.exit(f"check_read_unchanged: {folder} is absent; give a folder of CO PDFs")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", base, "cobs"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive.stdout, check=True)
        for source, out in ((tmp, tmp / "base.pkl"), (ROOT, tmp / "head.pkl")):
            env = {**os.environ, "PYTHONPATH": str(source)}
            subprocess.run([sys.executable, __file__, "--snapshot", str(folder), str(out), str(source)], check=True,
                           env=env, cwd=tmp)
        found = differences(pickle.loads((tmp / "base.pkl").read_bytes()),
                            pickle.loads((tmp / "head.pkl").read_bytes()))
    n = len(list(folder.glob("*.pdf")))
    print("\n".join(found))
    print(f"{n} PDFs read by {base} and by this checkout: {len(found)} differences")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
