"""Holds on a search result and on a dossier; a citizen's draft dossier is erasable."""

from __future__ import annotations

from paperasse.archive.indexer import drain_all
from paperasse.auth import add_user, get_user, identity_of
from paperasse.context import Context
from paperasse.dossiers import create_dossier
from paperasse.errors import PermissionDeniedError
from paperasse.models.tables import Dossier
from paperasse.records import disposal, rgpd
from paperasse.records.holds import hold_search, lift_hold, place_hold
from paperasse.records.retention import close_dossier, due
from paperasse.search.types import SearchQuery

from .conftest import ADMIN, ARCHIVIST, add_document, document_ids, years_ago


def test_holding_a_search_result_holds_each_document_found(rctx: Context) -> None:
    lilas = add_document(
        rctx, "Réclamation éclairage rue des Lilas", doc_type="courrier", received=years_ago(6)
    )
    add_document(
        rctx, "Réclamation voirie rue des Roses", doc_type="courrier", received=years_ago(6)
    )
    drain_all(rctx, rctx.search)
    holds = hold_search(rctx, ARCHIVIST, SearchQuery(text="Lilas", principals=[]), "Recours")
    assert len(holds) == 1
    with rctx.sessions() as session:
        assert {s.document_id for s in due(session)} == document_ids(rctx) - {lilas}
    lift_hold(rctx, ADMIN, holds[0], "Recours rejeté, décision définitive")
    with rctx.sessions() as session:
        assert {s.document_id for s in due(session)} == document_ids(rctx)
    agent = ARCHIVIST.__class__(user_id="a", username="agent", role="agent")
    try:
        place_hold(rctx, agent, f"document:{lilas}", "pas mon rôle")
        raise AssertionError("an agent placed a hold")
    except PermissionDeniedError:
        pass


def test_a_dossier_hold_covers_its_pieces_and_closure_starts_the_dua(ctx: Context) -> None:
    add_user(
        ctx,
        "jeanne",
        "mot-de-passe-solide-42",
        "citoyen",
        display_name="DUPONT Jeanne",
        actor="test",
    )
    with ctx.sessions() as session:
        citizen = identity_of(get_user(session, "jeanne"))
    view = create_dossier(ctx, citizen, "copie_acte_etat_civil", {})
    with ctx.sessions() as session:
        dossier = session.get(Dossier, view.id)
    assert dossier is not None
    piece = add_document(
        ctx,
        "Carte nationale d'identité",
        doc_type="carte_identite",
        dossier=dossier,
        citizen=citizen,
        received=years_ago(3),
    )
    with ctx.sessions() as session:
        assert due(session) == []  # the dossier is not closed: its DUA has not started
    # A draft the citizen never submitted is not a public record yet: erasable.
    found = rgpd.find(ctx, "DUPONT Jeanne", account="jeanne")
    assert piece in found.documents and view.id in found.dossiers

    close_dossier(ctx, "user:archiviste", view.id, on=years_ago(2))
    hold = place_hold(ctx, ARCHIVIST, f"dossier:{view.id}", "Demande du procureur")
    with ctx.sessions() as session:
        assert due(session) == []
    lift_hold(ctx, ARCHIVIST, hold, "Affaire classée")
    disposal_id = disposal.propose(ctx, "user:archiviste")
    assert disposal_id is not None
    disposal.approve(ctx, "user:archiviste", disposal_id, visa="AD 2026-9")
    assert piece not in document_ids(ctx)
    with ctx.sessions() as session:
        assert session.get(Dossier, view.id) is None  # its last piece gone, the dossier goes


def test_a_draft_dossier_is_erased_on_request(ctx: Context) -> None:
    add_user(
        ctx, "paul", "mot-de-passe-solide-42", "citoyen", display_name="MARTIN Paul", actor="test"
    )
    with ctx.sessions() as session:
        citizen = identity_of(get_user(session, "paul"))
    view = create_dossier(ctx, citizen, "inscription_scolaire", {})
    with ctx.sessions() as session:
        dossier = session.get(Dossier, view.id)
    piece = add_document(
        ctx, "Facture EDF", doc_type="facture_energie", dossier=dossier, citizen=citizen
    )
    result = rgpd.erase(ctx, "user:admin", rgpd.find(ctx, account="paul"), account=True)
    assert f"document:{piece}" in result.erased and f"dossier:{view.id}" in result.erased
    assert result.refused == {}
    with ctx.sessions() as session:
        assert session.get(Dossier, view.id) is None
        assert get_user(session, "efface-" + citizen.user_id[:12]).disabled
