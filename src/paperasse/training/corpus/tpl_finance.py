"""Income and bank documents: tax notice, payslip, bank statement, RIB, CAF certificate."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from paperasse.models.domain import FRENCH_MONTHS as MONTHS
from paperasse.training.corpus.blocks import (
    address_lines,
    gap,
    heading,
    kv,
    line,
    para,
    row,
    small,
    title,
)
from paperasse.training.corpus.fakes import (
    any_date,
    bic,
    digits,
    fmt_money,
    fr_date,
    grouped,
    iban,
    maybe,
    person,
    pick,
    recent,
    siret,
)
from paperasse.training.corpus.types import Doc


def avis_imposition(fake: Any, rng: random.Random) -> Doc:
    """Income-tax notice, or a property-tax notice, from the DGFiP."""
    who = person(fake, rng)
    year = rng.choice((2022, 2023, 2024, 2025))
    income = rng.randint(9000, 95000)
    parts = pick(rng, ("1", "1,5", "2", "2,5", "3"))
    blocks = [
        line("RÉPUBLIQUE FRANÇAISE"),
        title("DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES"),
        small(f"Centre des Finances publiques de {fake.city()}"),
        *address_lines(who.formal, who.street, who.postcode, who.city),
    ]
    kind = pick(rng, ("ir", "ir", "ir", "foncier"))
    refs = [
        heading("Vos références"),
        kv("Numéro fiscal", digits(rng, 13)),
        kv("Référence de l'avis", digits(rng, 2) + " " + digits(rng, 2) + " " + digits(rng, 9)),
    ]
    if kind == "foncier":
        blocks += [
            heading(f"AVIS D'IMPÔT {year}"),
            heading("TAXES FONCIÈRES"),
            *refs,
            kv("Propriétés bâties - Commune", fake.city()),
            row("Taux", "Commune 41,2 %", "Intercommunalité 2,1 %"),
            row("Base d'imposition", fmt_money(rng.uniform(900, 4000))),
            row("Taxe d'enlèvement des ordures ménagères", fmt_money(rng.uniform(80, 300))),
            row("Montant de votre impôt", fmt_money(rng.uniform(300, 3000))),
            kv("Date limite de paiement", f"15/10/{year}"),
        ]
        return Doc("avis_imposition", "taxe_fonciere", blocks=blocks)
    blocks += [
        heading(f"AVIS D'IMPÔT {year} SUR LES REVENUS DE L'ANNÉE {year - 1}"),
        small("Impôt sur le revenu et prélèvements sociaux"),
        *refs,
        kv(
            "Situation de famille", pick(rng, ("Célibataire", "Marié(e)", "Pacsé(e)", "Divorcé(e)"))
        ),
        kv("Nombre de parts", parts),
        kv("Revenu fiscal de référence", fmt_money(income * 0.9, euro=False)),
        heading("Détail des revenus"),
        row("Traitements, salaires", fmt_money(income, euro=False)),
        row("Déduction 10 % ou frais réels", fmt_money(income * 0.1, euro=False)),
        row("Revenu brut global", fmt_money(income * 0.9, euro=False)),
        heading("Calcul de l'impôt"),
        row("Impôt sur le revenu net", fmt_money(income * 0.06)),
        row("Prélèvement à la source déjà versé", fmt_money(income * 0.055)),
        row(
            pick(rng, ("Reste à payer", "Montant de votre restitution", "Solde")),
            fmt_money(rng.uniform(0, 900)),
        ),
    ]
    if maybe(rng, 0.5):
        blocks.append(line(f"Taux de prélèvement à la source : {rng.uniform(0, 14):.1f} %"))
    blocks.append(
        small(
            "Pour toute question : impots.gouv.fr - Messagerie sécurisée de votre "
            "espace particulier"
        )
    )
    return Doc("avis_imposition", "impot_revenu", blocks=blocks)


EMPLOYERS = ("SAS", "SARL", "SA", "Association", "EURL")
CONVENTIONS = (
    "Convention collective nationale Syntec (IDCC 1486)",
    "Convention collective du commerce de détail et de gros à prédominance alimentaire",
    "Convention collective des hôtels, cafés, restaurants (HCR)",
    "Convention collective de la métallurgie",
    "Convention collective des entreprises de propreté",
    "Convention collective de l'aide à domicile (BAD)",
)


def bulletin_salaire(fake: Any, rng: random.Random) -> Doc:
    """Payslip in the clarified format."""
    who = person(fake, rng)
    month = recent(rng).replace(day=1)
    gross = rng.uniform(1750, 5200)
    employer = f"{fake.company()} {pick(rng, EMPLOYERS)}"
    blocks = [
        title(pick(rng, ("BULLETIN DE PAIE", "Bulletin de salaire", "BULLETIN DE SALAIRE"))),
        kv("Période du", f"{fr_date(month)} au {fr_date(month.replace(day=28))}"),
        heading(employer),
        line(fake.street_address() + " " + fake.postcode() + " " + fake.city()),
        kv("SIRET", siret(rng)),
        kv("Code NAF", f"{digits(rng, 4)}{pick(rng, ('Z', 'A', 'B'))}"),
        kv("URSSAF de", fake.region()),
        small(pick(rng, CONVENTIONS)),
        *address_lines(who.formal, who.street, who.postcode, who.city),
        kv(
            "Emploi",
            pick(rng, ("Employé administratif", "Technicien", "Cadre", "Serveur", "Aide-soignant")),
        ),
        kv("Date d'entrée", fr_date(month - dt.timedelta(days=rng.randint(60, 6000)))),
        kv("N° de sécurité sociale", digits(rng, 13)),
        row("Salaire de base", "151,67 h", fmt_money(gross)),
        row("Heures supplémentaires", f"{rng.randint(0, 12)} h", fmt_money(rng.uniform(0, 200))),
        row("SALAIRE BRUT", "", fmt_money(gross)),
        heading("Cotisations et contributions sociales"),
        row("Santé - Sécurité sociale maladie maternité invalidité décès", fmt_money(gross * 0.07)),
        row("Complémentaire santé", fmt_money(rng.uniform(20, 60))),
        row("Retraite - Sécurité sociale plafonnée", fmt_money(gross * 0.069)),
        row("Retraite complémentaire AGIRC-ARRCO Tranche 1", fmt_money(gross * 0.0401)),
        row("Famille", fmt_money(gross * 0.0345)),
        row("Assurance chômage", fmt_money(gross * 0.0405)),
        row("CSG déductible de l'impôt sur le revenu", fmt_money(gross * 0.068)),
        row("CSG/CRDS non déductible de l'impôt sur le revenu", fmt_money(gross * 0.029)),
        row("Total des cotisations et contributions", fmt_money(gross * 0.22)),
        row("Net social", fmt_money(gross * 0.78)),
        row("Net à payer avant impôt sur le revenu", fmt_money(gross * 0.78)),
        row(
            "Impôt sur le revenu prélevé à la source",
            f"Taux {rng.uniform(0, 12):.1f} %",
            fmt_money(gross * 0.04),
        ),
        row("Net payé", fmt_money(gross * 0.74)),
        kv("Payé le", fr_date(month.replace(day=28)) + " par virement"),
        row("Congés payés", f"Acquis N-1 {rng.randint(0, 25)}", f"Pris {rng.randint(0, 10)}"),
        small(
            "Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce "
            "bulletin de paie sans limitation de durée."
        ),
    ]
    return Doc("bulletin_salaire", "clarifie", blocks=blocks)


BANKS = (
    ("Crédit Agricole", "AGRIFRPP"),
    ("BNP Paribas", "BNPAFRPP"),
    ("Société Générale", "SOGEFRPP"),
    ("La Banque Postale", "PSSTFRPP"),
    ("Caisse d'Épargne", "CEPAFRPP"),
    ("LCL - Le Crédit Lyonnais", "CRLYFRPP"),
    ("Crédit Mutuel", "CMCIFRPP"),
    ("Banque Populaire", "CCBPFRPP"),
    ("Boursorama Banque", "BOUSFRPP"),
)
OPERATIONS = (
    "PRLV SEPA EDF",
    "PRLV SEPA ORANGE",
    "PRLV SEPA VEOLIA EAU",
    "CB CARREFOUR MARKET",
    "CB LECLERC",
    "CB SNCF INTERNET",
    "CB PHARMACIE DU CENTRE",
    "RETRAIT DAB",
    "VIR SEPA RECU SALAIRE",
    "VIR CAF",
    "CHEQUE N° 1234",
    "PRLV SEPA LOYER",
    "FRAIS DE TENUE DE COMPTE",
    "VIR INST REMBOURSEMENT",
)


def releve_bancaire(fake: Any, rng: random.Random) -> Doc:
    """Monthly bank statement."""
    who = person(fake, rng)
    bank, code = pick(rng, BANKS)
    start = recent(rng).replace(day=1)
    end = start.replace(day=28)
    balance = rng.uniform(-300, 6000)
    blocks = [
        title(bank),
        *address_lines(who.formal, who.street, who.postcode, who.city),
        heading(pick(rng, ("RELEVÉ DE COMPTE", "Relevé de vos comptes", "EXTRAIT DE COMPTE"))),
        kv("Compte chèques n°", digits(rng, 11)),
        kv("Période du", f"{fr_date(start)} au {fr_date(end)}"),
        kv("IBAN", grouped(iban(rng)[0])),
        kv("BIC", code),
        row("Date", "Libellé", "Débit", "Crédit"),
        row(
            fr_date(start),
            f"Solde {'créditeur' if balance > 0 else 'débiteur'} au {fr_date(start)}",
            "",
            fmt_money(abs(balance), euro=False),
        ),
    ]
    for _ in range(rng.randint(4, 14)):
        day = start + dt.timedelta(days=rng.randint(0, 27))
        op = pick(rng, OPERATIONS)
        amount = fmt_money(rng.uniform(3, 900), euro=False)
        credit = op.startswith("VIR")
        blocks.append(row(f"{day:%d/%m}", op, "" if credit else amount, amount if credit else ""))
    blocks += [
        row(
            "",
            "Total des opérations",
            fmt_money(rng.uniform(500, 3000), euro=False),
            fmt_money(rng.uniform(500, 3000), euro=False),
        ),
        row("", f"Nouveau solde au {fr_date(end)}", "", fmt_money(abs(balance), euro=False)),
        small(f"Votre conseiller : {fake.name()} - Agence {fake.city()}"),
        small("Garantie des dépôts : Fonds de Garantie des Dépôts et de Résolution (FGDR)"),
    ]
    return Doc("releve_bancaire", bank.split()[0].lower(), blocks=blocks)


def rib(fake: Any, rng: random.Random) -> Doc:
    """Bank details slip (relevé d'identité bancaire): short by nature."""
    who = person(fake, rng)
    bank, code = pick(rng, BANKS)
    number, bank_code, branch, account, key = iban(rng)
    blocks = [
        title(pick(rng, ("RELEVÉ D'IDENTITÉ BANCAIRE", "Relevé d'Identité Bancaire (RIB)", "RIB"))),
        line(bank),
        kv("Titulaire du compte", who.formal),
        line(f"{who.street} {who.postcode} {who.city}"),
        kv("Domiciliation", f"{bank} {fake.city().upper()}"),
        row("Code banque", "Code guichet", "N° de compte", "Clé RIB"),
        row(bank_code, branch, account, key),
        kv("IBAN (International Bank Account Number)", grouped(number)),
        kv("BIC (Bank Identifier Code)", code if maybe(rng, 0.7) else bic(rng)),
    ]
    if maybe(rng, 0.4):
        blocks.append(
            small(
                "Ce relevé est destiné à être remis, sur leur demande, à vos créanciers "
                "ou débiteurs."
            )
        )
    return Doc("rib", bank.split()[0].lower(), page=pick(rng, ("a4", "slip")), blocks=blocks)


CAF_BENEFITS = (
    "Allocations familiales",
    "Aide personnalisée au logement (APL)",
    "Allocation de logement sociale (ALS)",
    "Prime d'activité",
    "Revenu de solidarité active (RSA)",
    "Allocation de rentrée scolaire",
    "Prestation d'accueil du jeune enfant (Paje)",
    "Complément familial",
    "Allocation aux adultes handicapés (AAH)",
)


def attestation_caf(fake: Any, rng: random.Random) -> Doc:
    """CAF certificate: payments, family quotient or rights."""
    who = person(fake, rng)
    kind = pick(rng, ("paiement", "quotient", "droits"))
    day = recent(rng)
    blocks = [
        title(
            pick(
                rng, ("Caisse d'Allocations Familiales", "caf", "Caf de " + fake.department_name())
            )
        ),
        small("Mon Compte sur caf.fr"),
        *address_lines(who.formal, who.street, who.postcode, who.city),
        kv("Numéro allocataire", digits(rng, 7)),
        kv("Date", any_date(rng, day)),
    ]
    if kind == "quotient":
        blocks += [
            heading("ATTESTATION DE QUOTIENT FAMILIAL"),
            para(
                f"Nous certifions que le quotient familial de {who.formal} est de "
                f"{rng.randint(200, 1800)} € pour le mois de {MONTHS[day.month - 1]} {day.year}."
            ),
            kv("Nombre d'enfants à charge", str(rng.randint(0, 4))),
        ]
    else:
        name = "ATTESTATION DE PAIEMENT" if kind == "paiement" else "ATTESTATION DE DROITS"
        blocks += [
            heading(name),
            para(f"La Caf certifie que {who.formal} perçoit les prestations suivantes :"),
            row("Prestation", "Période", "Montant"),
        ]
        for benefit in rng.sample(CAF_BENEFITS, rng.randint(1, 4)):
            blocks.append(
                row(
                    benefit,
                    f"{MONTHS[day.month - 1]} {day.year}",
                    fmt_money(rng.uniform(20, 900)),
                )
            )
    blocks += [
        gap(),
        line(f"Fait à {fake.city()}, le {fr_date(day)}"),
        line("Le Directeur de la Caf"),
        small("Cette attestation est délivrée pour servir et valoir ce que de droit."),
    ]
    return Doc("attestation_caf", kind, blocks=blocks)
