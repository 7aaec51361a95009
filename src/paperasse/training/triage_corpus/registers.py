"""How a letter body is dressed: formal letter, email, web form, company or agency
letterhead; plus OCR-like noise, since most mail reaches us scanned."""

from __future__ import annotations

import random

CITIZEN_WRAPPERS: tuple[str, ...] = (
    "{nom}\n{adresse}\n{cp} {ville}\n\n{ville}, le {date_passee}\n\n[Monsieur le Maire,|"
    "Madame la Maire,|Madame, Monsieur,]\n\n{body}\n\n[Je vous prie d'agréer, Monsieur le "
    "Maire, l'expression de mes salutations distinguées.|Dans l'attente de votre réponse, "
    "veuillez agréer, Madame la Maire, mes respectueuses salutations.|Je vous remercie par "
    "avance et vous prie de croire en mes sentiments les meilleurs.]\n\n{nom}",
    "De : {email}\nÀ : [contact|accueil|secretariat]@mairie-{cp}.fr\nObjet : [Demande|"
    "Question|Renseignement|Signalement|Réclamation|Ma demande]\n\n[Bonjour,|Bonjour "
    "Madame, Monsieur,|Bonsoir,|Madame, Monsieur,]\n{body}\n[Cordialement,|Bien à vous,|"
    "Merci d'avance,|Bonne journée,]\n{prenom}",
    "Formulaire de contact - site internet de la commune\nNom : {nom}\nCourriel : "
    "{email}\nTéléphone : {tel}\nMessage : {body}",
    "[Mr le maire,|M. le Maire|Bonjour monsieur le maire] {body} [merci|Merci beaucoup|"
    "Salutations] {nom} {tel}",
    "Objet : [ma demande|courrier|requête]\n\n[Monsieur le Maire,|Madame la Maire,]\n\n"
    "{body}\n[Vous pouvez me joindre au {tel}.|]\n\n[Respectueusement,|Avec mes "
    "remerciements,]\n{nom}, {adresse}, {cp} {ville}",
)

PRO_WRAPPERS: tuple[str, ...] = (
    "{body}\n\n{entreprise}\n{adresse}\n{cp} {ville}\nSIRET {siret}\n[Service client|"
    "Comptabilité|Direction] : {tel}",
    "Mairie de {ville}\nÀ l'attention de [Monsieur le Maire|Madame la Maire|du service "
    "concerné]\n\n{body}\n\n[Nous restons à votre disposition pour tout renseignement.|"
    "Veuillez agréer, Monsieur le Maire, nos salutations distinguées.]\n{nom}, [gérant|"
    "responsable|directeur|chargé d'affaires]",
    "De : {email}\nObjet : [Votre dossier|Dossier {reference}|Information]\n\n[Bonjour,|"
    "Madame, Monsieur,]\n{body}\n[Cordialement|Bien cordialement]\n{nom}\n{tel}",
)

AGENCY_WRAPPERS: tuple[str, ...] = (
    "RÉPUBLIQUE FRANÇAISE\n{body}\n\n[Affaire suivie par|Contact :] {nom}\n{tel}",
    "{body}\n\nPour [le préfet|le directeur|la directrice] et par délégation,\n{nom}",
    "[Référence|N/Réf.] : {reference}\n{body}\n[Copie : sous-préfecture|]\n{nom}",
)

FILLER_SENTENCES: tuple[str, ...] = (
    "Je reste à votre disposition pour tout complément d'information.",
    "Vous pouvez me joindre au {tel}.",
    "Je vous remercie par avance de l'attention portée à ma demande.",
    "PJ : copie de ma pièce d'identité.",
    "Pièces jointes : justificatif de domicile.",
    "Merci de me répondre par courriel à {email}.",
    "[Je précise que|Pour information,] j'habite la commune depuis [dix|vingt|trois] ans.",
)

_OCR_SWAPS: dict[str, tuple[str, ...]] = {
    "e": ("c", "é", "o"),
    "é": ("e", "6", "ë"),
    "è": ("e",),
    "à": ("a",),
    "l": ("1", "I", "i"),
    "i": ("l", "1", "!"),
    "o": ("0", "c"),
    "m": ("rn", "nn"),
    "n": ("u", "ri"),
    "s": ("5",),
    "a": ("o", "à"),
    "t": ("f", "l"),
    "u": ("v", "n"),
    "c": ("e", "("),
    "d": ("cl",),
    "h": ("b",),
}


def ocr_noise(text: str, rng: random.Random, rate: float) -> str:
    """Corrupt characters the way a poor scan does: swaps, drops, split or glued words."""
    out: list[str] = []
    for ch in text:
        roll = rng.random()
        if roll >= rate:
            out.append(ch)
        elif ch == " ":
            out.append("" if roll < rate / 2 else "  ")
        elif ch.lower() in _OCR_SWAPS and roll < rate * 0.75:
            out.append(rng.choice(_OCR_SWAPS[ch.lower()]))
        elif roll < rate * 0.9:
            continue
        else:
            out.append(ch + rng.choice(" .,'"))
    return "".join(out)
