"""From a document's lines to its tables: paragraphs, headings and their kinds.

The public API is :data:`__all__`. ``ADDRESSEE``, ``STATE_PARTY``,
``operative_verb`` and ``sentences`` are cobs's own internal API for the measures
(the Committee's operative verb and the sentences of a paragraph, read as the kinds
read them): importable from here, never from the private modules behind it.
"""

from cobs.structure._kind import (
    ADDRESSEE,
    KINDS,
    STATE_PARTY,
    kind_from_wording,
    operative_verb,
    paragraph_kinds,
    section_kind,
    sentences,
)
from cobs.structure._paragraphs import Structure, read_structure

__all__ = ["KINDS", "Structure", "kind_from_wording", "paragraph_kinds", "read_structure", "section_kind"]
