"""A small archive of town-hall documents that the contract tests search."""

from __future__ import annotations

from datetime import UTC, date, datetime

from paperasse.search import IndexedDocument

IBAN = "FR76 3000 6000 0112 3456 7890 189"
URBANISME = "service:urbanisme"
FINANCES = "service:finances"
ETAT_CIVIL = "service:etat_civil"


def when(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def archive() -> list[IndexedDocument]:
    """Six documents of three services, two citizens, several pages each."""
    return [
        IndexedDocument(
            id="permis-lefevre",
            title="Demande de permis de construire",
            filename="permis_lefevre.pdf",
            doc_type="courrier",
            service="urbanisme",
            status="a_traiter",
            source="guichet",
            received_at=when(2025, 4, 10),
            issue_date=date(2025, 4, 2),
            holder="Mme Lefèvre",
            dossier_id="PC-2025-017",
            procedure="permis_construire",
            pages=[
                "Mairie de Villeneuve. Service de l'urbanisme.",
                "Objet : demande de permis de construire. Madame Lefèvre sollicite "
                "l'autorisation d'agrandir sa maison au 12 rue des Lilas.",
            ],
            principals=[URBANISME, "citizen:42"],
        ),
        IndexedDocument(
            id="facture-edf",
            title="Facture d'électricité",
            doc_type="facture",
            service="finances",
            status="classe",
            source="courrier",
            received_at=when(2024, 11, 2),
            issue_date=date(2024, 10, 28),
            pages=[
                "Facture d'électricité n° 2024-118 pour l'école Jules Ferry.",
                f"Montant : 1 250,00 EUR. Règlement par virement sur l'IBAN {IBAN}.",
            ],
            entity_values=[IBAN],
            principals=[FINANCES],
        ),
        IndexedDocument(
            id="factures-electriciens",
            title="Relevé",
            doc_type="facture",
            service="finances",
            status="a_traiter",
            source="email",
            received_at=when(2025, 1, 15),
            pages=["Les factures des electriciens municipaux pour janvier."],
            principals=[FINANCES, "citizen:7"],
        ),
        IndexedDocument(
            id="acte-martin",
            title="Demande d'acte de naissance",
            doc_type="courrier",
            service="etat_civil",
            status="classe",
            source="guichet",
            received_at=when(2023, 6, 1),
            holder="M. Martin",
            pages=["Demande d'acte de naissance", "Le demandeur, M. Martin, réside à Villeneuve."],
            entity_values=["Martin"],
            principals=[ETAT_CIVIL, "citizen:42"],
        ),
        IndexedDocument(
            id="arrete-garage",
            title="Arrêté municipal",
            doc_type="arrete",
            service="urbanisme",
            status="classe",
            source="interne",
            received_at=when(2024, 5, 20),
            pages=[
                "Arrêté municipal n° 45.",
                "Le permis est accordé sous réserve.",
                "Construire un garage de 20 m² est autorisé.",
            ],
            principals=[URBANISME],
        ),
        IndexedDocument(
            id="courriel-piege",
            title="Signalement",
            doc_type="courrier",
            service="urbanisme",
            status="a_traiter",
            source="email",
            received_at=when(2025, 2, 3),
            pages=['Texte collé : <script>alert("x")</script> & panne d\'électricité rue Haute.'],
            principals=[URBANISME],
        ),
    ]


ALL_SERVICES = [URBANISME, FINANCES, ETAT_CIVIL]
