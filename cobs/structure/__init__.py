"""From a document's lines to its tables: paragraphs, headings and their kinds."""

from cobs.structure.kind import KINDS, kind_from_wording, paragraph_kinds, section_kind
from cobs.structure.paragraphs import Structure, read_structure

__all__ = ["KINDS", "Structure", "kind_from_wording", "paragraph_kinds", "read_structure", "section_kind"]
