"""Exceptions raised by cobs.

Every problem with a user's document raises a subclass of :class:`CobsError`
whose message names the file and says what is wrong, so that a notebook or the
command line can show one clear line instead of a traceback from a dependency.

The exceptions also derive from the built-in one that says what kind of problem
it is, as pandas' and scikit-learn's do: a :class:`DocumentError` is a
``ValueError`` (the file's content is not what was expected) and a
:class:`FetchError` is an ``OSError`` (a download failed), so that code written
for ``except ValueError`` or ``except OSError`` catches them.

:func:`invalid_value` builds the message of every "invalid argument" error, so
that they all read alike: the name, what it must be, the value given, the fix.
"""

from __future__ import annotations

import os
import reprlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from cobs import _shadowed  # noqa: F401  (a folder named cobs taken for the package: ImportError saying so)

__all__ = [
    "CobsError",
    "DocumentError",
    "EmptyDocumentError",
    "UnsupportedFormatError",
    "NotAPDFError",
    "DamagedPDFError",
    "DamagedDocumentError",
    "TruncatedDocumentError",
    "EncryptedPDFError",
    "NotACOError",
    "LanguageError",
    "UnknownCommitteeError",
    "ParseError",
    "MultipleDocumentsError",
    "FetchError",
    "DocumentNotFoundError",
    "VerificationError",
    "invalid_value",
]

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 80
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 6
_PLAIN = (str, int, float, bool, type(None))


def invalid_value(name: str, value: object, expected: object, fix: str | None = None, *, got: str | None = None) -> str:
    """The message of an error about an invalid argument, in the form all of cobs uses.

    ``"<name> must be <expected>, got <value!r>[; <fix>]"``, with the value's type
    named when its repr does not show it, and long values shortened.

    Parameters
    ----------
    name : str
        The argument, as the caller wrote it ("n_jobs", "timeout", "y[3]").
    value : object
        The value given.
    expected : str or collection of allowed values
        What the value must be, as a phrase ("a positive number of seconds"), or
        the allowed values (a tuple, list or set), listed with their repr.
    fix : str, optional
        What to do instead, appended after a semicolon.
    got : str, optional
        What the value is, said in words, where that tells more than its repr ("a
        sparse matrix", "an array of shape (3, 2)").

    Returns
    -------
    str
        The message; raise it with the exception that fits (``ValueError`` for a
        wrong value, ``TypeError`` for a wrong type).

    Examples
    --------
    >>> invalid_value("errors", "ignore", ("warn", "raise"))
    "errors must be 'warn' or 'raise', got 'ignore'"
    >>> invalid_value("n_jobs", 0, "None, -1 or a positive int", "-1 uses every core")
    'n_jobs must be None, -1 or a positive int, got 0; -1 uses every core'
    >>> invalid_value("symbol", ["CRC/C/KAZ/CO/4"], "a str such as 'CRC/C/KAZ/CO/4'")
    "symbol must be a str such as 'CRC/C/KAZ/CO/4', got list: ['CRC/C/KAZ/CO/4']"
    >>> invalid_value("X", None, "a sequence of texts", "wrap it in a list", got="a sparse matrix")
    'X must be a sequence of texts, got a sparse matrix; wrap it in a list'
    """
    if isinstance(expected, (tuple, list, set, frozenset)):
        options = [repr(option) for option in expected] if not isinstance(expected, (set, frozenset)) else sorted(
            repr(option) for option in expected)
        expected = options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]
    if got is not None:
        shown = got
    else:
        shown = _REPR.repr(value)
        if not isinstance(value, _PLAIN):
            shown = f"{type(value).__name__}: {shown}"
    return f"{name} must be {expected}, got {shown}" + (f"; {fix}" if fix else "")


class CobsError(Exception):
    """Base class of every error cobs raises on purpose."""


class DocumentError(CobsError, ValueError):
    """A document cannot be read; the message names the file and the reason.

    A ``ValueError``: ``except ValueError`` catches it, as it catches pandas'
    parser errors.

    Attributes
    ----------
    path : str
        The file that could not be read.
    reason : str
        What is wrong with it, in one sentence.
    page : int or None
        1-based page where the problem was found, when known.
    line : int or None
        1-based line (plain text) where the problem was found, when known.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        reason: str,
        *,
        page: int | None = None,
        line: int | None = None,
        **details: object,
    ) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        self.page = page
        self.line = line
        self._details = details
        for name, value in details.items():
            setattr(self, name, value)
        where = ""
        if page is not None:
            where += f", page {page}"
        if line is not None:
            where += f", line {line}"
        super().__init__(f"{self.path}{where}: {reason}")

    def __reduce__(self):
        # rebuilt with its attributes, so errors survive worker processes and the parse cache
        return (_rebuild, (type(self), self.path, self.reason, self.page, self.line, self._details))

    def at(self, path: str | os.PathLike[str]) -> DocumentError:
        """The same error, for a file at another path (same content, e.g. from the cache)."""
        return _rebuild(type(self), path, self.reason, self.page, self.line, self._details)


def _rebuild(cls, path, reason, page, line, details):
    error = cls.__new__(cls)
    DocumentError.__init__(error, path, reason, page=page, line=line, **details)
    return error


class EmptyDocumentError(DocumentError):
    """The file is empty or holds no text."""


class UnsupportedFormatError(DocumentError):
    """The file is not in a format cobs reads (plain text, PDF, Word, HTML)."""


class NotAPDFError(UnsupportedFormatError):
    """The file is named or announced as a PDF but is not one."""


class DamagedPDFError(DocumentError):
    """The file starts like a PDF but PDFium cannot open it."""


class DamagedDocumentError(DocumentError):
    """The file is in a known format (Word, HTML) but cannot be parsed."""


class TruncatedDocumentError(DocumentError):
    """The file stops before the document ends (e.g. an interrupted download)."""


class EncryptedPDFError(DocumentError):
    """The PDF is protected by a password."""


class NotACOError(DocumentError):
    """The document is not a set of concluding observations.

    Attributes
    ----------
    doc_type : str
        What the document appears to be instead ("State party report", ...).
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, *, doc_type: str = "") -> None:
        super().__init__(path, reason, doc_type=doc_type)


class LanguageError(DocumentError):
    """The document is not in English.

    Attributes
    ----------
    language : str
        ISO 639-1 code of the language detected ("fr", "es", "ar", "zh", "ru", ...).
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, *, language: str) -> None:
        super().__init__(path, reason, language=language)


class UnknownCommitteeError(DocumentError):
    """The document names a committee that cobs does not know."""


class ParseError(DocumentError):
    """The document's structure could not be read without losing or inventing text.

    Attributes
    ----------
    path, reason : str
        The file and what is wrong with it.
    page : int or None
        1-based page where the problem was found (PDF), when known.
    line : int or None
        1-based line where the problem was found (plain text), when known.
    """

    def __init__(
        self, path: str | os.PathLike[str], reason: str, *, page: int | None = None, line: int | None = None
    ) -> None:
        super().__init__(path, reason, page=page, line=line)


class MultipleDocumentsError(DocumentError):
    """The file holds several documents one after the other (a second one's numbering starts again at 1).

    Attributes
    ----------
    starts : list of (page, line)
        Where each document after the first begins (page for a PDF, line for text).
    """


class FetchError(CobsError, OSError):
    """A document could not be downloaded; the message names the symbol, the URL and what to do.

    An ``OSError``, as the standard library's network errors are: ``except
    OSError`` catches it.

    Raised when every source failed for a reason other than the two below:
    the network is down or a server keeps failing (after the retries), a
    server stalls past the time-out, or a transfer is cut.

    Attributes
    ----------
    symbol : str
        The symbol asked for.
    reason : str
        What went wrong, source by source.
    url : str or None
        The last URL tried, when there is one.
    paths : list of pathlib.Path
        Where several documents were asked for at once (:func:`cobs.fetch_chain`): the files of those at hand or
        fetched, in the order asked (oldest first), so that what could be had is not lost with the error; empty
        otherwise.
    missing : dict of str to Exception
        Where several documents were asked for: each symbol not fetched, with its error; empty otherwise.
    """

    def __init__(self, symbol: str, reason: str, *, url: str | None = None, paths: Sequence[Path] = (),
                 missing: Mapping[str, Exception] | None = None) -> None:
        self.symbol = symbol
        self.reason = reason
        self.url = url
        self.paths = list(paths)
        self.missing = dict(missing or {})
        super().__init__(f"{symbol}: {reason}")

    def __str__(self) -> str:
        return f"{self.symbol}: {self.reason}"

    def __reduce__(self):
        # rebuilt from its fields (OSError's own pickling would call __init__ with the message alone)
        return (_rebuild_fetch, (type(self), self.symbol, self.reason, self.url, self.paths, self.missing))


def _rebuild_fetch(cls, symbol, reason, url, paths=(), missing=None):
    error = cls.__new__(cls)
    FetchError.__init__(error, symbol, reason, url=url, paths=paths, missing=missing)
    return error


class DocumentNotFoundError(FetchError):
    """No source has the document: HTTP 404 everywhere, or no link for that language and format."""


class VerificationError(FetchError):
    """What a source served is not the document asked for, so it was not kept.

    An HTML page instead of a PDF, a damaged or truncated file, another
    document (its printed symbol differs) or another language version.
    """
