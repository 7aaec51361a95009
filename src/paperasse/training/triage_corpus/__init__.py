"""Generated French letters to the mayor, labelled with the service that must answer.

Used to train and evaluate the service model; needs Faker (the ``corpus`` extra), so
import it only when training. Held-out evaluation uses body templates the training
split never sees (every fourth body template and every fourth service-specific
sentence of each service) and another seed, so the
figures measure generalisation to new phrasings rather than memorised templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeVar

from paperasse.training.triage_corpus.registers import (
    AGENCY_WRAPPERS,
    CITIZEN_WRAPPERS,
    FILLER_SENTENCES,
    PRO_WRAPPERS,
    ocr_noise,
)
from paperasse.training.triage_corpus.sentences import EXTRA_SENTENCES
from paperasse.training.triage_corpus.slots import SlotContext, fill
from paperasse.training.triage_corpus.templates_a import (
    EDUCATION,
    ETAT_CIVIL,
    SOCIAL,
    URBANISME,
    Body,
)
from paperasse.training.triage_corpus.templates_b import CABINET, ELECTIONS, FINANCES, TECHNIQUE
from paperasse.training.triage_corpus.templates_c import MORE_BODIES

Split = Literal["train", "test", "all"]
T = TypeVar("T")

_BASE: dict[str, list[Body]] = {
    "etat_civil": ETAT_CIVIL,
    "urbanisme": URBANISME,
    "education": EDUCATION,
    "social": SOCIAL,
    "elections": ELECTIONS,
    "finances": FINANCES,
    "technique": TECHNIQUE,
    "cabinet": CABINET,
}
TEMPLATES: dict[str, list[Body]] = {s: bodies + MORE_BODIES[s] for s, bodies in _BASE.items()}
WRAPPERS: dict[str, tuple[str, ...]] = {
    "citoyen": CITIZEN_WRAPPERS,
    "pro": PRO_WRAPPERS,
    "brut": AGENCY_WRAPPERS,
}
HELD_OUT_EVERY = 4
NOISY_SHARE = 0.35
_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class GeneratedLetter:
    """One synthetic letter and the service it belongs to."""

    text: str
    service: str
    template: str


def expand(template: str, ctx: SlotContext) -> str:
    """Resolve ``[a|b]`` choices (innermost first) then fill ``{slot}`` placeholders."""
    while (match := _CHOICE.search(template)) is not None:
        option = ctx.rng.choice(match.group(1).split("|"))
        template = template[: match.start()] + option + template[match.end() :]
    return _SLOT.sub(lambda m: fill(m.group(1), ctx), template)


def _in_split(items: list[T], split: Split) -> list[tuple[int, T]]:
    indexed = list(enumerate(items))
    if split == "all":
        return indexed
    held_out = split == "test"
    return [(i, x) for i, x in indexed if (i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1) == held_out]


def templates_for(service: str, split: Split) -> list[tuple[int, Body]]:
    """The (index, body) pairs of a service that belong to a split."""
    return _in_split(TEMPLATES[service], split)


def _letter(
    service: str, index: int, body: Body, extras: list[str], ctx: SlotContext
) -> GeneratedLetter:
    kind, template = body
    text = expand(template, ctx)
    for _ in range(ctx.rng.choice((0, 0, 1, 2))):
        text += " " + expand(ctx.rng.choice(extras), ctx)
    if ctx.rng.random() < 0.4:
        text += " " + expand(ctx.rng.choice(FILLER_SENTENCES), ctx)
    wrapper = ctx.rng.choice(WRAPPERS[kind])
    text = expand(wrapper.replace("{body}", "\x00"), ctx).replace("\x00", text)
    if ctx.rng.random() < NOISY_SHARE:
        text = ocr_noise(text, ctx.rng, rate=ctx.rng.uniform(0.01, 0.06))
    return GeneratedLetter(text=text, service=service, template=f"{service}/{index}")


def generate_letters(
    seed: int, n_per_service: int, *, split: Split = "train"
) -> list[GeneratedLetter]:
    """``n_per_service`` letters for each service, deterministic for a given seed."""
    ctx = SlotContext(seed)
    letters: list[GeneratedLetter] = []
    for service in TEMPLATES:
        pool = templates_for(service, split)
        extras = [x for _, x in _in_split(EXTRA_SENTENCES[service], split)]
        for _ in range(n_per_service):
            index, body = ctx.rng.choice(pool)
            letters.append(_letter(service, index, body, extras, ctx))
    return letters
