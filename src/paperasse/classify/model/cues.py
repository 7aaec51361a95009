"""Layout cues: what a page shows beside its words, as tokens the type model weighs.

Words alone mislead on identity documents: a card on a security background reads as
a few labels among gibberish, and a passport page as a handful of bilingual labels.
What the other reading stages found says more, so ``classify_text`` takes it as a
list of cue tokens, each one binary feature column next to the TF-IDF columns:

==================  ==============================================================
token               meaning (who feeds it)
==================  ==============================================================
``mrz``             a machine-readable zone whose check digits hold (MRZ reader)
``mrz:<format>``    its format: ``td1`` (ID-1 card: CNI since 2021, residence
                    permit), ``td2``, ``td3`` (passport, visa), ``cni_1988``
``mrz:<code>``      its document code without fillers: ``ID``, ``IR``, ``P``,
                    ``V``... (``mrz_cues``)
``2ddoc``           a 2D-Doc whose header parses, whatever its signature status: a
                    specimen bill is still a bill (2D-Doc reader)
``2ddoc:<type>``    its ANTS document type, e.g. ``01`` (invoice used as proof of
                    address), ``04`` (income-tax notice) (``twoddoc_cues``)
``format:id1``      the document found in the image has a bank card's proportions
                    (85.6 x 54 mm), as ID cards, residence permits, driving
                    licences and cartes Vitale do (``format_cues``, from the crop
                    of the document, not from the whole photo)
``text:mrz``        a line of the text looks like an MRZ (fillers ``<``), check
                    digits or not: the model finds it itself (``text_cues``)
``text:mrz:<code>`` that line's document code, when it is one of ``MRZ_CODES``
==================  ==============================================================

The model learns which tokens matter from the generated corpus, where the generator
knows what it drew; a token it never saw in training is ignored. Cues add evidence,
they do not decide: the text still weighs, and a model trained without cues gets
none (the header lists the tokens the model knows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

CUE_WEIGHT = 1.0
"""Value of a present cue's column: TF-IDF blocks are L2-normalised to 1 each."""

ID1_RATIO = (1.53, 1.65)
"""Long side over short side of an ID-1 card (85.6 / 53.98 = 1.586), with margin.

A4 (1.414), passport pages (ID-3, 1.42) and 4:3 photos (1.33) fall outside; a 3:2
photo (1.5) too, which is why the cue is for a found document, not a whole image."""

MIN_FILLERS = 4
"""``<`` a line needs to look like an MRZ: OCR reads many of them as K, C or «."""
MIN_LENGTH = 28
"""Or, with fewer ``<``, the length of a line that starts like one (``P<UTO...``)."""
MRZ_CODES = frozenset({"ID", "IR", "I<", "A<", "C<", "P<", "V<", "VC", "VD"})
"""Document codes that open an MRZ's first line; a holder's name line (``PETIT<<...``)
must not read as one."""
_MRZ_HEAD = re.compile(r"^[^A-Z0-9<]*([ACIPV][A-Z0-9<])[A-Z<]{3}")

_LABELS = {
    "text:mrz": "ligne de type MRZ dans le texte",
    "mrz": "zone de lecture automatique (MRZ) lue",
    "2ddoc": "code 2D-Doc lu",
    "format:id1": "format carte bancaire (carte d'identité, titre de séjour, permis...)",
}


def mrz_cues(mrz_format: str, document_code: str) -> list[str]:
    """Cue tokens of a machine-readable zone whose check digits hold.

    ``mrz_format`` as the MRZ reader names it (``td1``, ``td3``, ``cni_1988``...),
    ``document_code`` its first two characters (``ID``, ``P<``, ``IR``...).
    """
    code = document_code.replace("<", "").strip().upper()
    return ["mrz", f"mrz:{mrz_format.lower()}"] + ([f"mrz:{code}"] if code else [])


def twoddoc_cues(document_type: str) -> list[str]:
    """Cue tokens of a 2D-Doc whose header parses; ``document_type`` as in its header."""
    return ["2ddoc", f"2ddoc:{document_type.strip().upper()}"]


def format_cues(width: float, height: float) -> list[str]:
    """``format:id1`` when a found document has a bank card's proportions, else nothing."""
    if width <= 0 or height <= 0:
        return []
    ratio = max(width, height) / min(width, height)
    return ["format:id1"] if ID1_RATIO[0] <= ratio <= ID1_RATIO[1] else []


def text_cues(text: str) -> list[str]:
    """Cues the text shows by itself: lines that look like an MRZ, and their document code.

    An MRZ misread by the OCR fails its check digits, so the MRZ reader rightly
    reports nothing, yet its shape still says "identity document": the model weighs
    it as a weaker cue of its own.
    """
    found: set[str] = set()
    for line in text.splitlines():
        compact = "".join(line.split()).upper()
        head = _MRZ_HEAD.match(compact)
        code = head.group(1) if head and head.group(1) in MRZ_CODES else ""
        fillers = compact.count("<")
        if fillers >= MIN_FILLERS or (code and fillers and len(compact) >= MIN_LENGTH):
            found.add("text:mrz")
            if code:
                found.add("text:mrz:" + code.replace("<", ""))
    return sorted(found)


def cue_matrix(cues: Sequence[Sequence[str]], vocabulary: Sequence[str]) -> sparse.csr_matrix:
    """One row per text, one column per known cue, ``CUE_WEIGHT`` where present."""
    index = {cue: column for column, cue in enumerate(vocabulary)}
    rows, columns = [], []
    for row, tokens in enumerate(cues):
        for column in sorted({index[t] for t in tokens if t in index}):
            rows.append(row)
            columns.append(column)
    data = np.full(len(rows), CUE_WEIGHT, dtype=np.float32)
    return sparse.csr_matrix((data, (rows, columns)), shape=(len(cues), len(vocabulary)))


def describe_cue(cue: str) -> str:
    """The cue in French, for the explanation of a decision."""
    if cue in _LABELS:
        return _LABELS[cue]
    family, _, value = cue.partition(":")
    if family == "text":
        return f"ligne de type MRZ {value.partition(':')[2]} dans le texte"
    if family == "mrz":
        return f"MRZ de type {value}"
    if family == "2ddoc":
        return f"2D-Doc de type ANTS {value}"
    return cue
