"""Dossiers through the HTTP API on a real database: open, upload, check, submit, rights.

These tests set the type, holder and dates on the document row, as the
pipeline stores them, so that they test the dossier rules whatever the
classifier decides; ``test_classified.py`` checks the whole chain.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from fastapi.testclient import TestClient

from paperasse.checks import add_months
from paperasse.context import Context
from tests.api.conftest import ClientFactory
from tests.dossiers.conftest import APPLICANT, events, holder, set_document, today, upload
from tests.dossiers.papers import cerfa_inscription, edf_bill, identity_card


def _codes(view: dict[str, Any], piece: str | None = None) -> list[str]:
    return [f["code"] for f in view["findings"] if piece is None or f["piece"] == piece]


def _bill(client: TestClient, ctx: Context, dossier_id: str, issued: dt.date) -> str:
    body = upload(client, dossier_id, edf_bill(APPLICANT, issued), "facture-edf.pdf").json()
    set_document(
        ctx, body["document_id"], doc_type="facture_energie", doc_type_confidence=0.93,
        holder=holder("Marie DUPONT"), issue_date=issued,
    )  # fmt: skip
    return str(body["document_id"])


def test_procedures_are_public(app_client: TestClient) -> None:
    listing = app_client.get("/api/v1/procedures")
    assert listing.status_code == 200
    by_id = {p["id"]: p for p in listing.json()}
    assert {"pacs", "inscription_scolaire", "logement_social"} <= set(by_id)
    assert by_id["inscription_scolaire"]["service"] == "education"
    pieces = {p["id"] for p in by_id["pacs"]["pieces"]}
    assert "acte_naissance" in pieces
    one = app_client.get("/api/v1/procedures/mariage").json()
    assert one["title"] and one["pieces"][0]["accepted_types"]
    missing = app_client.get("/api/v1/procedures/permis_de_chasse")
    assert missing.status_code == 404 and "n'existe pas" in missing.json()["message"]


def test_anonymous_callers_must_sign_in(app_client: TestClient) -> None:
    for method, path in [
        ("get", "/api/v1/dossiers"),
        ("post", "/api/v1/dossiers"),
        ("get", "/api/v1/dossiers/abc"),
        ("get", "/api/v1/dossiers/abc/checks"),
        ("post", "/api/v1/dossiers/abc/submit"),
    ]:
        response = getattr(app_client, method)(path)
        assert response.status_code == 401, path
        assert response.json()["code"] == "authentication_required"


def test_a_new_dossier_lists_what_to_bring(citizen: TestClient, ctx: Context) -> None:
    response = citizen.post("/api/v1/dossiers", json={"procedure": "inscription_scolaire"})
    assert response.status_code == 201
    view = response.json()
    assert view["status"] == "brouillon" and view["complete"] is False and view["final"] is True
    assert view["persons"]["applicant"]["full_name"] == "citoyen1"  # the account's name
    missing = {f["piece"] for f in view["findings"] if f["code"] == "piece_manquante"}
    assert {"justificatif_domicile", "piece_identite_responsable"} <= missing
    hint = next(f["hint"] for f in view["findings"] if f["piece"] == "justificatif_domicile")
    assert "domicile" in hint.lower() or "facture" in hint.lower()
    actions = [e.action for e in events(ctx, f"dossier:{view['id']}")]
    assert actions == ["dossier.created", "dossier.checked"]


def test_only_citizens_open_dossiers_for_known_procedures(
    citizen: TestClient, client_as: ClientFactory
) -> None:
    agent = client_as("agent", services=("elections",))
    refused = agent.post("/api/v1/dossiers", json={"procedure": "pacs"})
    assert refused.status_code == 403 and "citoyen" in refused.json()["message"]
    unknown = citizen.post("/api/v1/dossiers", json={"procedure": "permis_de_chasse"})
    assert unknown.status_code == 404
    assert "Démarches connues" in unknown.json()["message"]
    persons = {"applicant": "DUPONT Marie", "partners": ["MARTIN Paul"]}
    pacs = citizen.post("/api/v1/dossiers", json={"procedure": "pacs", "persons": persons})
    births = [f for f in pacs.json()["findings"] if f["piece"] == "acte_naissance"]
    assert {f["person"] for f in births} == {"DUPONT Marie", "MARTIN Paul"}


def test_born_digital_upload_is_judged_in_the_same_response(
    citizen: TestClient, dossier: dict[str, Any]
) -> None:
    data = identity_card("DUPONT", "Marie", dt.date(2022, 3, 1), dt.date(2032, 2, 28))
    response = upload(citizen, dossier["id"], data, "cni.pdf")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] in ("processed", "needs_review") and body["created"] is True
    view = body["dossier"]
    assert view["final"] is True and view["pending"] == []
    assert [d["id"] for d in view["documents"]] == [body["document_id"]]
    assert view["documents"][0]["filename"] == "cni.pdf"
    # The holder comes from the card's machine-readable zone, whatever its type.
    assert view["documents"][0]["holder"] == "Marie DUPONT"
    assert "piece_manquante" in _codes(view, "justificatif_domicile")


def test_a_bill_too_old_is_told_and_a_recent_one_satisfies_the_piece(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    old = _bill(citizen, ctx, dossier["id"], add_months(today(), -5))
    view = citizen.get(f"/api/v1/dossiers/{dossier['id']}/checks").json()
    [finding] = [f for f in view["findings"] if f["piece"] == "justificatif_domicile"]
    assert finding["code"] == "document_trop_ancien" and finding["document"] == old
    assert "3 mois" in finding["hint"] and "facture-edf.pdf" in finding["hint"]
    checked = [e for e in events(ctx, f"dossier:{dossier['id']}") if e.action == "dossier.checked"]
    assert "document_trop_ancien" in checked[-1].details

    _bill(citizen, ctx, dossier["id"], today() - dt.timedelta(days=10))
    again = citizen.get(f"/api/v1/dossiers/{dossier['id']}").json()
    assert _codes(again, "justificatif_domicile") == []
    piece = next(p for p in again["pieces"] if p["piece"] == "justificatif_domicile")
    assert piece["satisfied"] is True and piece["extra_documents"] == [old]


def test_polling_unchanged_checks_adds_no_audit_event(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    before = len(events(ctx, f"dossier:{dossier['id']}"))
    for _ in range(3):
        assert citizen.get(f"/api/v1/dossiers/{dossier['id']}/checks").status_code == 200
    added = [e.action for e in events(ctx, f"dossier:{dossier['id']}")[before:]]
    assert added == ["dossier.viewed"], "one trace of the view, no verdict re-audited"


def test_same_file_twice_is_one_document_and_a_duplicate_warning(
    citizen: TestClient, dossier: dict[str, Any]
) -> None:
    data = cerfa_inscription(APPLICANT)
    first = upload(citizen, dossier["id"], data, "cerfa.pdf").json()
    second = upload(citizen, dossier["id"], data, "cerfa-bis.pdf").json()
    assert second["document_id"] == first["document_id"] and second["created"] is False
    assert "doublon" in _codes(second["dossier"])
    assert len(second["dossier"]["documents"]) == 1


def test_a_file_that_cannot_be_read_is_reported(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    broken = b"%PDF-1.7\n" + b"\x00garbage" * 200
    body = upload(citizen, dossier["id"], broken, "scan-abime.pdf").json()
    assert body["status"] == "failed", "refused by its reader in the same request"
    view = citizen.get(f"/api/v1/dossiers/{dossier['id']}/checks").json()
    assert view["final"] is True and view["documents"][0]["status"] == "failed"
    [finding] = [f for f in view["findings"] if f["document"] == body["document_id"]]
    assert finding["code"] == "document_illisible" and "scan-abime.pdf" in finding["hint"]


def test_submitting_an_incomplete_dossier_records_its_findings(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    response = citizen.post(f"/api/v1/dossiers/{dossier['id']}/submit")
    assert response.status_code == 200
    view = response.json()
    assert view["status"] == "depose" and view["submitted_at"] and view["complete"] is False
    assert re.fullmatch(r"\d{4}-\d{5}", view["number"]) and view["due_on"]
    [event] = [
        e for e in events(ctx, f"dossier:{dossier['id']}") if e.action == "dossier.submitted"
    ]
    details = json.loads(event.details)
    assert details["complete"] is False
    assert {"piece_manquante"} == {f["code"] for f in details["findings"]}
    assert {f["piece"] for f in details["findings"]} >= {"piece_identite", "justificatif_domicile"}

    late = upload(citizen, dossier["id"], cerfa_inscription(APPLICANT), "cerfa.pdf")
    assert late.status_code == 409 and "entre les mains de la mairie" in late.json()["message"]
    assert citizen.post(f"/api/v1/dossiers/{dossier['id']}/submit").status_code == 409


def test_others_get_404_on_a_citizens_dossier_and_documents(
    citizen: TestClient, client_as: ClientFactory, dossier: dict[str, Any]
) -> None:
    doc = upload(citizen, dossier["id"], cerfa_inscription(APPLICANT), "cerfa.pdf").json()
    other = client_as("citoyen")
    wrong_service = client_as("agent", services=("urbanisme",))
    mailroom = client_as("courrier")
    for caller in (other, wrong_service, mailroom):
        base = f"/api/v1/dossiers/{dossier['id']}"
        assert caller.get(base).status_code == 404
        assert caller.get(f"{base}/checks").status_code == 404
        assert caller.post(f"{base}/submit").status_code == 404
        assert upload(caller, dossier["id"], b"%PDF-1.4 x", "x.pdf").status_code == 404
        assert caller.get(f"/api/v1/documents/{doc['document_id']}").status_code == 404
        assert dossier["id"] not in [d["id"] for d in caller.get("/api/v1/dossiers").json()]
    unknown = other.get("/api/v1/dossiers/0123456789abcdef0123456789abcdef")
    assert unknown.status_code == 404 and "introuvable" in unknown.json()["message"]
    assert [d["id"] for d in citizen.get("/api/v1/dossiers").json()] == [dossier["id"]]


def test_agent_lists_the_dossier_and_overrides_a_finding(
    citizen: TestClient, client_as: ClientFactory, ctx: Context, dossier: dict[str, Any]
) -> None:
    card = upload(
        citizen, dossier["id"], identity_card("DUPONT", "Marie", today(), today()), "cni.pdf"
    ).json()["document_id"]
    set_document(ctx, card, doc_type="carte_identite", holder=holder("Marie DUPONT"),
                 issue_date=dt.date(2022, 3, 1), expiry_date=dt.date(2032, 2, 28))  # fmt: skip
    form = upload(citizen, dossier["id"], cerfa_inscription(APPLICANT), "cerfa.pdf").json()
    set_document(ctx, form["document_id"], doc_type="formulaire_cerfa")
    old = _bill(citizen, ctx, dossier["id"], add_months(today(), -4))
    citizen.post(f"/api/v1/dossiers/{dossier['id']}/submit")

    agent = client_as("agent", services=("elections",))
    listed = agent.get("/api/v1/dossiers", params={"procedure": "inscription_listes_electorales"})
    [seen] = [d for d in listed.json() if d["id"] == dossier["id"]]
    assert seen["complete"] is False and _codes(seen) == ["document_trop_ancien"]
    assert agent.get("/api/v1/dossiers", params={"status": "brouillon"}).json() == []
    assert agent.get("/api/v1/documents/" + old).status_code == 200  # filed for the service

    body = {"code": "document_trop_ancien", "piece": "justificatif_domicile", "document": old}
    refused = citizen.post(
        f"/api/v1/dossiers/{dossier['id']}/overrides", json={**body, "reason": "c'est bon"}
    )
    assert refused.status_code == 403
    reason = "Facture de régularisation annuelle vue au guichet, adresse confirmée."
    response = agent.post(
        f"/api/v1/dossiers/{dossier['id']}/overrides", json={**body, "reason": reason}
    )
    assert response.status_code == 200, response.text
    view = response.json()
    assert view["complete"] is True
    [finding] = view["findings"]
    assert finding["code"] == "document_trop_ancien"
    assert finding["override"]["reason"] == reason and finding["override"]["by"] == "user:agent1"
    assert citizen.get(f"/api/v1/dossiers/{dossier['id']}").json()["complete"] is True
    [event] = [
        e for e in events(ctx, f"dossier:{dossier['id']}")
        if e.action == "dossier.finding_overridden"
    ]  # fmt: skip
    assert event.actor == "user:agent1" and reason in event.details

    nothing = agent.post(
        f"/api/v1/dossiers/{dossier['id']}/overrides",
        json={"code": "document_expire", "piece": "piece_identite", "reason": "sans objet"},
    )
    assert nothing.status_code == 404 and "Aucun constat" in nothing.json()["message"]
