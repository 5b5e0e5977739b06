"""Exceptions raised by cobs.

Every problem with a user's document raises a subclass of :class:`CobsError`
whose message names the file and says what is wrong, so that a notebook or the
command line can show one clear line instead of a traceback from a dependency.
"""

from __future__ import annotations

import os

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
]


class CobsError(Exception):
    """Base class of every error cobs raises on purpose."""


class DocumentError(CobsError):
    """A document cannot be read; the message names the file and the reason.

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
    """The document's structure could not be read without losing or inventing text."""


class MultipleDocumentsError(DocumentError):
    """The file holds several documents one after the other (a second one's numbering starts again at 1).

    Attributes
    ----------
    starts : list of (page, line)
        Where each document after the first begins (page for a PDF, line for text).
    """


class FetchError(CobsError):
    """A document could not be downloaded; the message names the symbol, the URL and what to do.

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
    """

    def __init__(self, symbol: str, reason: str, *, url: str | None = None) -> None:
        self.symbol = symbol
        self.reason = reason
        self.url = url
        super().__init__(f"{symbol}: {reason}")


class DocumentNotFoundError(FetchError):
    """No source has the document: HTTP 404 everywhere, or no link for that language and format."""


class VerificationError(FetchError):
    """What a source served is not the document asked for, so it was not kept.

    An HTML page instead of a PDF, a damaged or truncated file, another
    document (its printed symbol differs) or another language version.
    """
