"""The people a dossier is about, from what the citizen typed."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from paperasse.auth import Identity
from paperasse.checks import Persons
from paperasse.errors import InputError

_PERSON_GROUPS = ("partners", "household_adults", "children")


def persons_from(identity: Identity, given: Mapping[str, object]) -> Persons:
    """The dossier's people; the applicant defaults to the citizen's own name.

    Names may be given as plain strings or as ``{"full_name", "born_abroad"}``.
    """
    data: dict[str, object] = {k: v for k, v in given.items() if v is not None}
    unknown = sorted(set(data) - {"applicant", *_PERSON_GROUPS})
    if unknown:
        raise InputError(
            f"Personnes : champ inconnu {', '.join(unknown)}. Champs possibles : "
            "applicant, partners, household_adults, children."
        )
    data.setdefault("applicant", identity.display_name or identity.username)
    data["applicant"] = _person(data["applicant"])
    for group in _PERSON_GROUPS:
        names = data.get(group, [])
        data[group] = [_person(n) for n in names] if isinstance(names, list) else names
    try:
        persons = Persons.model_validate(data)
    except ValidationError as e:
        raise InputError(
            "Personnes du dossier invalides : donnez des noms complets (« NOM Prénom »).",
            details={"errors": [str(err["loc"]) + " " + err["msg"] for err in e.errors()]},
        ) from e
    everyone = [persons.applicant, *persons.partners, *persons.household_adults, *persons.children]
    if any(not p.full_name.strip() for p in everyone):
        raise InputError("Chaque personne du dossier doit avoir un nom complet (« NOM Prénom »).")
    return persons


def _person(value: object) -> object:
    return {"full_name": value.strip()} if isinstance(value, str) else value
