"""Fields read from the layout of a page: a label and its value, found by their boxes.

``read_fields(doc_type, pages)`` is the entry point; the labels of each document type
are data (``specs/<doc_type>.yaml``, loaded by ``load_specs``). See ``read`` for how a
field earns its confidence and why the weak ones are left out.
"""

from __future__ import annotations

from paperasse.reading.layout.read import THRESHOLD, read_fields
from paperasse.reading.layout.specs import DocSpec, FieldSpec, load_specs, load_vocabulary

__all__ = ["THRESHOLD", "DocSpec", "FieldSpec", "load_specs", "load_vocabulary", "read_fields"]
