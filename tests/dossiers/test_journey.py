"""A dossier's whole journey through the API: slots, removal and replacement, submission
with its number and acknowledgement, a complement, the agent's decision, the timeline."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

import pdfplumber
from fastapi.testclient import TestClient
from sqlalchemy import select

from paperasse.checks import add_months
from paperasse.context import Context
from paperasse.ingest.worker import work_once
from paperasse.models.tables import Dossier, Receipt
from tests.api.conftest import ClientFactory
from tests.dossiers.conftest import APPLICANT, events, holder, set_document, today
from tests.dossiers.papers import cerfa_inscription, edf_bill, identity_card

BROKEN = b"%PDF-1.7\n" + b"\x00garbage" * 200


def put(client: TestClient, dossier_id: str, data: bytes, name: str, **form: str) -> Any:
    files = {"file": (name, data, "application/pdf")}
    return client.post(f"/api/v1/dossiers/{dossier_id}/documents", files=files, data=form)


def slot(view: dict[str, Any], piece: str) -> dict[str, Any]:
    return next(s for s in view["slots"] if s["piece"] == piece)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join((page.extract_text() or "") for page in pdf.pages).replace("\n", " ")


def _card(citizen: TestClient, ctx: Context, dossier_id: str, **form: str) -> str:
    card = identity_card("DUPONT", "Marie", dt.date(2022, 3, 1), dt.date(2032, 2, 28))
    body = put(citizen, dossier_id, card, "cni.pdf", **form).json()
    set_document(ctx, body["document_id"], doc_type="carte_identite",
                 holder=holder("Marie DUPONT"), issue_date=dt.date(2022, 3, 1),
                 expiry_date=dt.date(2032, 2, 28))  # fmt: skip
    return str(body["document_id"])


def _bill(citizen: TestClient, ctx: Context, dossier_id: str, issued: dt.date, **form: str) -> str:
    body = put(citizen, dossier_id, edf_bill(APPLICANT, issued), "edf.pdf", **form).json()
    set_document(ctx, body["document_id"], doc_type="facture_energie",
                 holder=holder(APPLICANT), issue_date=issued)  # fmt: skip
    return str(body["document_id"])


def test_a_file_goes_into_its_slot_and_an_unreadable_one_never_fills_it(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    card = _card(citizen, ctx, dossier["id"], piece="piece_identite")
    view = citizen.get(f"/api/v1/dossiers/{dossier['id']}").json()
    ident = slot(view, "piece_identite")
    assert ident["state"] == "fournie" and [f["document"] for f in ident["files"]] == [card]
    assert ident["accepted"].startswith("Une carte d'identité ou un passeport valide")
    hosting = slot(view, "attestation_hebergement")
    assert hosting["required"] is False and hosting["state"] == "facultative"
    assert hosting["accepted"].startswith("Une attestation d'hébergement signée")

    broken = put(citizen, dossier["id"], BROKEN, "photo.pdf", piece="justificatif_domicile")
    # a PDF that cannot be opened is refused in the upload's own answer, no job queued
    assert broken.status_code == 201 and broken.json()["status"] == "failed"
    assert not work_once(ctx, "test")
    view = citizen.get(f"/api/v1/dossiers/{dossier['id']}").json()
    home = slot(view, "justificatif_domicile")
    [file] = home["files"]
    assert file["state"] == "a_refaire" and "photo.pdf" in file["reason"]
    assert home["state"] == "a_refaire" and view["complete"] is False

    unknown = put(citizen, dossier["id"], b"%PDF-1.4 x", "x.pdf", piece="timbre")
    assert unknown.status_code == 404 and "ne demande pas la pièce" in unknown.json()["message"]


def test_a_file_put_in_the_wrong_slot_counts_where_it_belongs_and_says_so(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    bill = _bill(citizen, ctx, dossier["id"], today(), piece="piece_identite")
    view = citizen.get(f"/api/v1/dossiers/{dossier['id']}").json()
    [file] = slot(view, "justificatif_domicile")["files"]
    assert file["document"] == bill and file["state"] == "fournie"
    assert file["moved_from"] == "Pièce d'identité valide ou expirée depuis moins de 5 ans"
    assert slot(view, "piece_identite")["state"] == "manquante"


def test_a_file_is_removed_or_replaced_before_submission_and_the_original_kept(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    old = _bill(citizen, ctx, dossier["id"], add_months(today(), -5), piece="justificatif_domicile")
    view = citizen.get(f"/api/v1/dossiers/{dossier['id']}").json()
    assert slot(view, "justificatif_domicile")["files"][0]["state"] == "a_refaire"
    new = edf_bill(APPLICANT, today(), number="10099999999")
    replaced = put(
        citizen, dossier["id"], new, "edf-recente.pdf", piece="justificatif_domicile", replaces=old
    )
    assert replaced.status_code == 201, replaced.text
    set_document(ctx, replaced.json()["document_id"], doc_type="facture_energie",
                 holder=holder(APPLICANT), issue_date=today())  # fmt: skip
    view = citizen.get(f"/api/v1/dossiers/{dossier['id']}").json()
    home = slot(view, "justificatif_domicile")
    assert [f["filename"] for f in home["files"]] == ["edf-recente.pdf"]
    assert home["state"] == "fournie" and old not in [d["id"] for d in view["documents"]]

    extra = put(citizen, dossier["id"], cerfa_inscription(APPLICANT), "cerfa.pdf").json()
    removed = citizen.delete(f"/api/v1/dossiers/{dossier['id']}/documents/{extra['document_id']}")
    assert removed.status_code == 200
    assert extra["document_id"] not in [d["id"] for d in removed.json()["documents"]]
    with ctx.sessions() as session:
        receipts = session.execute(
            select(Receipt).where(Receipt.document_id.in_([old, extra["document_id"]]))
        ).scalars()
        assert all(r.dossier_id is None for r in receipts)
    assert citizen.get(f"/api/v1/documents/{old}/original").status_code == 200
    actions = [e.action for e in events(ctx, f"dossier:{dossier['id']}")]
    assert "dossier.document_replaced" in actions and "dossier.document_removed" in actions
    assert "document.left_dossier" in [e.action for e in events(ctx, f"document:{old}")]
    gone = citizen.delete(f"/api/v1/dossiers/{dossier['id']}/documents/{old}")
    assert gone.status_code == 404


def test_submission_numbers_the_dossier_and_acknowledges_it_as_the_crpa_asks(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    ctx.settings.town.name = "Mairie de Saint-Exemple"
    ctx.settings.town.address = "1 place de la Mairie, 42000 Saint-Exemple"
    ctx.settings.town.phone = "04 77 00 00 00"
    ctx.settings.town.email = "accueil@saint-exemple.fr"
    assert citizen.get(f"/api/v1/dossiers/{dossier['id']}/acknowledgement").status_code == 404
    view = citizen.post(f"/api/v1/dossiers/{dossier['id']}/submit").json()
    assert view["status"] == "depose" and re.fullmatch(r"\d{4}-\d{5}", view["number"])
    assert view["due_on"] == add_months(today(), 2).isoformat()
    response = citizen.get(f"/api/v1/dossiers/{dossier['id']}/acknowledgement")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content)
    day = re.sub(r"^1 ", "1er ", f"{today().day} ")
    assert "ACCUSÉ DE RÉCEPTION" in text and f"Dossier n° {view['number']}" in text
    assert "Date de réception de la demande" in text and day.strip() in text
    assert "Service des élections" in text and "04 77 00 00 00" in text
    assert "accueil@saint-exemple.fr" in text and "1 place de la Mairie" in text
    assert "semble incomplète" in text and "article L114-5" in text
    assert "Pièce d'identité" in text and "commission de contrôle" in text
    assert "Décret n° 2014-1292" in text and APPLICANT in text
    second = citizen.post(f"/api/v1/dossiers/{dossier['id']}/submit")
    assert second.status_code == 409


def test_complement_resubmission_and_decision_make_a_dated_timeline(
    citizen: TestClient, client_as: ClientFactory, ctx: Context, dossier: dict[str, Any]
) -> None:
    dossier_id = dossier["id"]
    _card(citizen, ctx, dossier_id, piece="piece_identite")
    before = _bill(citizen, ctx, dossier_id, today(), piece="justificatif_domicile")
    first = citizen.post(f"/api/v1/dossiers/{dossier_id}/submit").json()
    agent = client_as("agent", services=("elections",))
    own = citizen.post(f"/api/v1/dossiers/{dossier_id}/complement", json={"text": "Pas moi"})
    assert own.status_code == 403
    asked = agent.post(
        f"/api/v1/dossiers/{dossier_id}/complement",
        json={"text": "Ajoutez le formulaire CERFA 12669 signé."},
    )
    assert asked.status_code == 200 and asked.json()["status"] == "a_completer"
    kept = citizen.delete(f"/api/v1/dossiers/{dossier_id}/documents/{before}")
    assert kept.status_code == 409 and "déjà été remis" in kept.json()["message"]
    form = put(citizen, dossier_id, cerfa_inscription(APPLICANT), "cerfa.pdf", piece="formulaire")
    set_document(ctx, form.json()["document_id"], doc_type="formulaire_cerfa")
    with ctx.transaction() as session:  # the first submission was a while ago
        row = session.get(Dossier, dossier_id)
        assert row is not None and row.submitted_at is not None
        row.submitted_at = row.last_submitted_at = row.submitted_at - dt.timedelta(days=20)
    again = citizen.post(f"/api/v1/dossiers/{dossier_id}/submit").json()
    assert again["status"] == "depose" and again["number"] == first["number"]
    assert again["submitted_at"] < again["last_submitted_at"]
    assert again["due_on"] == add_months(today(), 2).isoformat() and again["complete"] is True

    refused = agent.post(f"/api/v1/dossiers/{dossier_id}/decision", json={"decision": "refuse"})
    assert refused.status_code == 400 and "motif" in refused.json()["message"]
    accepted = agent.post(
        f"/api/v1/dossiers/{dossier_id}/decision",
        json={"decision": "accepte", "reason": "Vous êtes inscrite."},
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepte"
    late = agent.post(f"/api/v1/dossiers/{dossier_id}/decision", json={"decision": "refuse",
                      "reason": "trop tard"})  # fmt: skip
    assert late.status_code == 409
    assert (
        citizen.post(
            f"/api/v1/dossiers/{dossier_id}/messages", json={"text": "Merci beaucoup !"}
        ).status_code
        == 204
    )

    steps = citizen.get(f"/api/v1/dossiers/{dossier_id}/timeline").json()
    assert [s["label"] for s in steps] == [
        "Dossier ouvert",
        "Dossier déposé à la mairie",
        "Examen commencé par la mairie",
        "Complément demandé par la mairie",
        "Dossier complété et déposé de nouveau",
        "Examen commencé par la mairie",
        "Demande acceptée",
        "Votre message",
    ]
    assert steps[3]["text"] == "Ajoutez le formulaire CERFA 12669 signé."
    assert all(s["actor"] is None for s in steps)
    assert agent.get(f"/api/v1/dossiers/{dossier_id}/timeline").json()[3]["actor"] == "user:agent1"
    actions = [e.action for e in events(ctx, f"dossier:{dossier_id}")]
    for action in ("dossier.submitted", "dossier.complement_requested", "dossier.resubmitted",
                   "dossier.accepted", "dossier.acknowledged", "dossier.message"):  # fmt: skip
        assert action in actions, action
    [decided] = [e for e in events(ctx, f"dossier:{dossier_id}") if e.action == "dossier.accepted"]
    assert decided.actor == "user:agent1" and json.loads(decided.details)["to"] == "accepte"
    with ctx.sessions() as session:
        row = session.get(Dossier, dossier_id)
        assert row is not None and row.verdict is not None and row.verdict["status"] == "accepte"


def test_ages_count_from_the_first_submission_even_after_a_complement(
    citizen: TestClient, client_as: ClientFactory, ctx: Context, dossier: dict[str, Any]
) -> None:
    dossier_id = dossier["id"]
    citizen.post(f"/api/v1/dossiers/{dossier_id}/submit")
    with ctx.transaction() as session:
        row = session.get(Dossier, dossier_id)
        assert row is not None and row.submitted_at is not None
        row.submitted_at = row.last_submitted_at = row.submitted_at - dt.timedelta(days=60)
    agent = client_as("agent", services=("elections",))
    agent.post(
        f"/api/v1/dossiers/{dossier_id}/complement", json={"text": "Ajoutez un justificatif"}
    )
    # over 3 months old today, but 40 days old on the day the application was first made
    _bill(citizen, ctx, dossier_id, today() - dt.timedelta(days=100))
    view = citizen.post(f"/api/v1/dossiers/{dossier_id}/submit").json()
    codes = {f["code"] for f in view["findings"]}
    assert "document_trop_ancien" not in codes
    assert slot(view, "justificatif_domicile")["state"] == "fournie"
