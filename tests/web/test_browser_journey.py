"""The whole journey of a dossier in Chromium: a citizen on a phone fills its slots,
replaces and removes files, submits, gets the acknowledgement and the e-mails; an agent
asks for a complement, overrules a finding and accepts; both read what happened."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pdfplumber

from tests.dossiers.papers import cerfa_inscription, edf_bill, identity_card
from tests.notify.conftest import Inbox
from tests.samples import make_pdf
from tests.web.browser_setup import (
    BROWSER_TESTS,
    DESKTOP,
    PHONE,
    mails,
)
from tests.web.conftest import PASSWORD
from tests.web.live import LiveServer, sign_in

pytestmark = BROWSER_TESTS
ATTESTATION = (
    "Pierre DUPONT\n12 rue des Lilas\n42000 Saint-Étienne\n\nMonsieur le Maire,\n\n"
    "Je soussigné Pierre DUPONT atteste sur l'honneur héberger à mon domicile, 12 rue des "
    "Lilas, ma fille Jeanne DUPONT depuis le 1er septembre 2025. Je joins à cette attestation "
    "d'hébergement la copie de ma carte d'identité.\n\nJe vous prie d'agréer, Monsieur le "
    "Maire, l'expression de mes salutations distinguées.\n\nPierre DUPONT"
)


def _files(folder: Path) -> dict[str, Path]:
    today = dt.date.today()
    made = {
        "cni-perimee.pdf": identity_card(
            "DUPONT", "Jeanne", dt.date(2001, 5, 2), dt.date(2011, 5, 1)
        ),
        "cni.pdf": identity_card("DUPONT", "Jeanne", dt.date(2022, 3, 1), dt.date(2032, 2, 28)),
        "facture-edf.pdf": edf_bill("Jeanne DUPONT", today - dt.timedelta(days=125)),
        "formulaire-scan.pdf": b"%PDF-1.7\n" + b"\x00illisible" * 300,
        "cerfa.pdf": cerfa_inscription("DUPONT Jeanne"),
        "attestation.pdf": make_pdf(ATTESTATION),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


def _slot(page: Any, piece: str) -> Any:
    return page.locator(f'li.slot[data-piece="{piece}"]')


def _send(page: Any, piece: str, path: Path) -> None:
    slot = _slot(page, piece)
    slot.locator("form.slot-upload input[type=file]").set_input_files(str(path))
    slot.locator("form.slot-upload button[type=submit]").click()


def _read(page: Any, piece: str, name: str, state: str) -> Any:
    """The file once read, in its slot, with the state its badge must show."""
    file = _slot(page, piece).locator(f'li.file[data-state="{state}"]', has_text=name)
    file.wait_for(timeout=60_000)
    return file


def test_the_whole_journey_of_a_dossier_from_slots_to_the_agents_decision(
    server: LiveServer, browser: Any, inbox: tuple[Inbox, int], tmp_path: Path
) -> None:
    box = inbox[0]
    box.messages.clear()
    files = _files(tmp_path)
    citizen = browser.new_page(viewport=PHONE, locale="fr-FR")
    sign_in(citizen, server.url, "jeanne", PASSWORD)
    citizen.goto(f"{server.url}/compte")
    citizen.get_by_label("Adresse électronique").fill("jeanne.dupont@example.org")
    citizen.get_by_label("Je veux recevoir ces courriels").check()
    citizen.get_by_role("button", name="Enregistrer").click()
    assert "Vos préférences sont enregistrées" in citizen.locator("main").inner_text()

    citizen.goto(f"{server.url}/demarches/inscription_listes_electorales")
    citizen.get_by_role("button", name="Ouvrir le dossier").click()
    dossier_url = citizen.url
    # every slot gets a file; the expired card is replaced, a copy sent twice is removed
    _send(citizen, "piece_identite", files["cni-perimee.pdf"])
    expired = _read(citizen, "piece_identite", "cni-perimee.pdf", "a_refaire")
    assert "5 ans" in expired.inner_text()
    row = _slot(citizen, "piece_identite").locator(".uploads li", has_text="cni-perimee.pdf")
    assert "À refaire" in row.inner_text() and row.locator("progress").count() == 0
    expired.locator("form.replace input[type=file]").set_input_files(str(files["cni.pdf"]))
    expired.locator("form.replace button").click()
    _read(citizen, "piece_identite", "cni.pdf", "fournie")
    assert _slot(citizen, "piece_identite").locator("li.file").count() == 1
    _send(citizen, "justificatif_domicile", files["facture-edf.pdf"])
    _read(citizen, "justificatif_domicile", "facture-edf.pdf", "a_refaire")
    _send(citizen, "formulaire", files["formulaire-scan.pdf"])
    _read(citizen, "formulaire", "formulaire-scan.pdf", "a_refaire")
    _send(citizen, "attestation_hebergement", files["attestation.pdf"])
    _read(citizen, "attestation_hebergement", "attestation.pdf", "fournie")
    citizen.set_input_files("#fichier-autre", str(files["attestation.pdf"]))  # a second copy
    citizen.get_by_role("button", name="Envoyer sans choisir de case").click()
    twice = _slot(citizen, "attestation_hebergement").locator("li.file", has_text="identique")
    twice.wait_for(timeout=60_000)
    twice.get_by_role("button", name=re.compile("^Retirer")).click()
    citizen.wait_for_load_state()
    assert "identique" not in _slot(citizen, "attestation_hebergement").inner_text()

    citizen.get_by_role("link", name="Déposer mon dossier").click()
    confirm = citizen.locator("main").inner_text()
    assert "Votre dossier est incomplet" in confirm
    assert "Justificatif de domicile de moins de 3 mois : à refaire" in confirm
    assert "Formulaire CERFA 12669*03 : à refaire" in confirm
    citizen.get_by_role("button", name="Confirmer le dépôt, même incomplet").click()
    notice = citizen.locator(".alert-ok", has_text="a été déposé").inner_text()
    number = re.search(r"n° (\d{4}-\d{5})", notice)
    assert number, notice
    receipt = citizen.request.get(f"{dossier_url}/accuse-reception.pdf")
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(receipt.body())) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "ACCUSÉ DE RÉCEPTION" in text and number.group(1) in text
    assert f"Votre dossier n° {number.group(1)} : dossier reçu" in mails(box, 1)

    agent = browser.new_page(viewport=DESKTOP, locale="fr-FR")
    sign_in(agent, server.url, "elise", PASSWORD)
    agent.goto(f"{server.url}/dossiers")
    agent.get_by_role("link", name=re.compile(f"Dossier n° {number.group(1)}")).click()
    agent.get_by_label(re.compile("^Demander un complément")).fill(
        "Le formulaire CERFA est illisible : envoyez-le de nouveau, rempli et signé."
    )
    agent.get_by_role("button", name="Demander un complément").click()
    assert "Le complément est demandé" in agent.locator("main").inner_text()

    citizen.goto(dossier_url)
    assert "La mairie vous demande de compléter" in citizen.locator("#verdict").inner_text()
    assert "formulaire CERFA est illisible" in citizen.locator("#verdict").inner_text()
    _send(citizen, "formulaire", files["cerfa.pdf"])
    _read(citizen, "formulaire", "cerfa.pdf", "fournie")
    citizen.get_by_role("link", name="Déposer de nouveau mon dossier").click()
    citizen.get_by_role("button", name=re.compile("^Confirmer le dépôt")).click()
    citizen.locator(".alert-ok", has_text="a été déposé").wait_for()

    agent.reload()
    stale = agent.locator("#constats li.card", has_text="facture-edf.pdf")
    stale.get_by_label(re.compile("^Lever cette remarque")).fill(
        "Facture de régularisation annuelle vue au guichet : adresse confirmée."
    )
    stale.get_by_role("button", name="Lever la remarque").click()
    assert "La remarque est levée" in agent.locator("main").inner_text()
    agent.get_by_label(re.compile("^Accepter la demande")).fill(
        "Vous êtes inscrite sur la liste électorale."
    )
    agent.get_by_role("button", name="Accepter la demande").click()
    assert "La demande est acceptée" in agent.locator("main").inner_text()
    history = agent.locator("table", has_text="Quand").last.inner_text()
    decisions = (
        "Dossier déposé",
        "Complément demandé",
        "Dossier complété et déposé de nouveau",
        "Remarque levée",
        "Demande acceptée",
        "Fichier remplacé",
        "Fichier retiré",
    )
    for action in decisions:
        assert action in history, action
    agent.locator("#documents").get_by_role("link", name="facture-edf.pdf").click()
    document_history = agent.locator("table", has_text="Quand").last.inner_text()
    assert "Remarque levée" in document_history and "Demande acceptée" in document_history

    citizen.goto(dossier_url)
    steps = citizen.locator("#suivi ol.timeline > li").all_inner_texts()
    labels = [
        "Dossier ouvert",
        "Dossier déposé à la mairie",
        "Examen commencé par la mairie",
        "Complément demandé par la mairie",
        "Dossier complété et déposé de nouveau",
        "Examen commencé par la mairie",
        "Remarque levée par la mairie",
        "Demande acceptée",
    ]
    assert [next(label for label in labels if label in s) for s in steps] == labels
    assert "envoyez-le de nouveau" in steps[3] and "adresse confirmée" in steps[6]
    assert "Vous êtes inscrite" in steps[7] and re.search(r"\d{1,2}(er)? \w+ \d{4} à", steps[7])
    assert "Votre demande est acceptée" in citizen.locator("#verdict").inner_text()
    subjects = mails(box, 4)
    assert [s.split(" : ")[1] for s in subjects] == [
        "dossier reçu",
        "dossier à compléter",
        "dossier reçu",
        "demande acceptée",
    ]
    citizen.close()
    agent.close()
