"""More letter bodies per service (syntax: templates_a)."""

from __future__ import annotations

from paperasse.training.triage_corpus.templates_a import Body

MORE_BODIES: dict[str, list[Body]] = {
    "etat_civil": [
        (
            "citoyen",
            "[Pour mon dossier de retraite|Pour la caisse de retraite], on me "
            "réclame [un acte de naissance de moins de trois mois|une copie de mon acte de "
            "mariage]. [Je suis né[|e] ici en {date_passee}.|Merci de me l'envoyer par "
            "courrier à l'adresse ci-dessus.]",
        ),
        (
            "citoyen",
            "[Notre fils|Notre fille] {enfant} est [né[|e]|arrivé[|e]] le "
            "{date_passee} à la maternité. [Le père n'a pas pu faire la déclaration de "
            "naissance dans les délais.|Nous souhaitons ajouter un second prénom.] [Que "
            "devons-nous faire ?|Merci de nous conseiller.]",
        ),
        (
            "citoyen",
            "[Nous souhaitons dissoudre notre PACS|Nous nous séparons et voulons "
            "rompre notre pacte civil de solidarité] [enregistré en mairie le {date_passee}|]. "
            "[Quelle est la procédure ?|Le formulaire de dissolution est joint.]",
        ),
        (
            "brut",
            "Consulat général de France\nService de l'état civil\n[Nous vous "
            "adressons|Veuillez trouver] [l'avis de mariage|la mention de divorce] de {nom} "
            "[pour mise à jour de l'acte de naissance détenu par votre commune|aux fins "
            "d'apposition en marge de l'acte].",
        ),
        (
            "citoyen",
            "[Généalogiste amateur|Je fais des recherches généalogiques] : "
            "[pourriez-vous|je souhaite] [consulter|recevoir une copie de] [l'acte de "
            "naissance de mon arrière-grand-père|les registres de mariages de 1910]. [Il "
            "s'appelait {nom}.|]",
        ),
        (
            "citoyen",
            "[La date de notre mariage|La cérémonie] [est fixée au|approche :] "
            "{date_future}. [Nous voudrions changer l'heure de la célébration|Un témoin ne "
            "pourra pas venir, pouvons-nous le remplacer ?|Pouvons-nous réserver la salle des "
            "mariages pour 15h ?]",
        ),
    ],
    "urbanisme": [
        (
            "citoyen",
            "[Nous avons acheté|Je viens d'acquérir] [une grange|un terrain en "
            "zone agricole|une vieille maison] [et souhaitons la transformer en habitation|"
            "et voudrions construire]. [Est-ce compatible avec le règlement d'urbanisme ?|"
            "Pouvez-vous nous recevoir pour étudier le projet avant le dépôt du permis ?]",
        ),
        (
            "citoyen",
            "[Je souhaite poser|Nous voulons installer] [une véranda|une pergola|"
            "un carport|des fenêtres de toit] [de {surface} m²|]. [Faut-il déposer une "
            "autorisation ?|Quel formulaire cerfa utiliser ?]",
        ),
        (
            "brut",
            "{organisme}\nContrôle de légalité des actes d'urbanisme\n[J'ai "
            "l'honneur de vous faire connaître|Je vous informe] que [l'arrêté accordant le "
            "permis de construire n° {reference}|la décision de non-opposition à déclaration "
            "préalable] [me paraît entaché d'illégalité|méconnaît le règlement du PLU]. [Je "
            "vous demande de le retirer.|Merci de me faire part de vos observations.]",
        ),
        (
            "citoyen",
            "[Mon voisin a construit|Une construction a été édifiée] [en limite de "
            "propriété|à moins de trois mètres de ma maison] [sans respecter le permis|alors "
            "que son permis avait été refusé]. [Je demande un procès-verbal d'infraction.|"
            "Merci de faire constater l'infraction au code de l'urbanisme.]",
        ),
        (
            "pro",
            "{entreprise}, [cabinet d'architecture|bureau d'études]\n[Pour le compte "
            "de notre client|Pour notre maître d'ouvrage], nous déposons [une demande de "
            "permis de construire modificatif|les pièces complémentaires demandées] [pour le "
            "dossier {reference}|]. [La surface de plancher passe à {surface} m².|]",
        ),
        (
            "citoyen",
            "[Le terrain voisin|La parcelle d'à côté] va être [vendue|lotie] : "
            "[combien de maisons peuvent y être construites ?|est-ce une zone constructible "
            "au PLU ?|les règles d'emprise au sol ont-elles changé ?]",
        ),
    ],
    "education": [
        (
            "citoyen",
            "[Mon fils|Ma fille] {enfant} [se fait harceler|a été bousculé[|e]] "
            "[dans la cour de récréation|pendant la pause méridienne] [à {ecole}|]. [Les "
            "animateurs du temps périscolaire n'ont rien fait.|Je demande une rencontre avec "
            "le responsable de la cantine.]",
        ),
        (
            "citoyen",
            "[Les menus de la cantine|Les repas servis aux enfants] [manquent de "
            "produits bio|sont trop souvent les mêmes]. [Les parents d'élèves demandent|Nous "
            "souhaitons] [une commission des menus|plus de produits locaux].",
        ),
        (
            "citoyen",
            "[Nous souhaitons|Je voudrais] [annuler|modifier] les réservations de "
            "[cantine|garderie] de {enfant} [pour la semaine prochaine|pour le mois de mai] "
            "[car il sera en classe de neige|pour raisons médicales].",
        ),
        (
            "brut",
            "Inspection de l'éducation nationale\nCirconscription de {ville}\n[Je vous "
            "informe|Nous vous informons] [de l'organisation des évaluations nationales|du "
            "calendrier scolaire {annee}|de la mise en place du plan mercredi] [dans les "
            "écoles de la commune|]. [Merci d'en informer les directeurs d'école.|]",
        ),
        (
            "citoyen",
            "[{enfant}|Mon enfant] [est en situation de handicap|a des troubles "
            "de l'apprentissage] et [bénéficie d'une AESH en classe|a besoin d'un "
            "accompagnement]. [Peut-il être accueilli à la cantine et à la garderie ?|Comment "
            "organiser son accueil périscolaire ?]",
        ),
        (
            "citoyen",
            "[Je souhaite|Nous aimerions] [connaître les dates des vacances|le "
            "programme des activités] [de l'accueil de loisirs|du centre aéré] [cet été|pour "
            "les vacances de printemps] [pour nos enfants de 6 et 9 ans|].",
        ),
    ],
    "social": [
        (
            "citoyen",
            "[Ma facture de gaz|Mes factures d'énergie] [ont doublé|sont "
            "impayées] et [je ne peux plus chauffer mon logement|le fournisseur menace de "
            "couper]. [Un secours du CCAS est-il possible ?|Pouvez-vous m'aider ?]",
        ),
        (
            "citoyen",
            "[Je suis une femme victime de violences|Je dois quitter le domicile "
            "conjugal] [avec mes enfants|]. [Existe-t-il un hébergement d'urgence ?|J'ai "
            "besoin d'un logement rapidement et d'un accompagnement social.]",
        ),
        (
            "citoyen",
            "[Mon père|Ma mère] [devient dépendant[|e]|perd son autonomie] et "
            "[nous cherchons une place en résidence autonomie|nous voulons constituer un "
            "dossier d'aide sociale à l'hébergement]. [Quelles aides existent ?|]",
        ),
        (
            "brut",
            "{entreprise}\nBailleur social\n[Nous vous informons|Pour information,] "
            "[de la procédure d'impayés engagée contre|du signalement concernant] {nom}, "
            "locataire {adresse}. [Une commission de prévention des expulsions se tiendra.|"
            "Merci d'informer le travailleur social du CCAS.]",
        ),
        (
            "citoyen",
            "[Pour financer|Afin de payer] [les lunettes de mon fils|des soins "
            "dentaires|le permis de conduire pour trouver un emploi], [je sollicite|je "
            "demande] [une aide exceptionnelle|un secours financier] [au CCAS|à la "
            "commission d'aide sociale].",
        ),
        (
            "citoyen",
            "[Je suis bénéficiaire de l'AAH|Je touche le RSA] et [je voudrais "
            "savoir si j'ai droit à|je demande] [la carte de transport solidaire|le tarif "
            "social de la cantine|l'aide aux vacances] [pour ma famille|].",
        ),
    ],
    "elections": [
        (
            "citoyen",
            "[Je viens d'emménager dans la commune|J'ai déménagé dans votre ville] "
            "[et je voudrais pouvoir voter|] [aux prochaines élections|au scrutin du "
            "{date_future}]. [Comment faire ma demande d'inscription ?|Le formulaire cerfa "
            "12669 est-il disponible en ligne ?]",
        ),
        (
            "citoyen",
            "[J'ai fait|J'ai réalisé] ma procuration [sur le site maprocuration|au "
            "commissariat] [mais|et] [la personne mandataire n'est pas inscrite dans la "
            "commune|je ne sais pas si elle est valable]. [Pouvez-vous vérifier ?|]",
        ),
        (
            "citoyen",
            "[Le bureau de vote de mon quartier|Le bureau n° 3] [a été déplacé|"
            "n'est pas accessible aux fauteuils roulants]. [Où dois-je voter désormais ?|"
            "Merci de prévoir un accès pour les électeurs handicapés.]",
        ),
        (
            "brut",
            "{organisme}\n[Circulaire|Note] relative à [la révision des listes "
            "électorales|l'organisation des élections municipales|la tenue des bureaux de "
            "vote]\n[Les communes doivent|Il appartient au maire de] [réunir la commission "
            "de contrôle|désigner les assesseurs|transmettre la liste des bureaux de vote] "
            "[avant le {date_future}|].",
        ),
        (
            "citoyen",
            "[Mon fils|Ma fille] [a eu 18 ans|est étudiant[|e] dans une autre "
            "ville] et [n'a pas reçu sa carte d'électeur|souhaite voter par procuration]. "
            "[Merci de nous indiquer la démarche.|Est-il bien sur la liste électorale ?]",
        ),
        (
            "citoyen",
            "[En tant que citoyen européen|Ressortissant italien], [je souhaite|"
            "je voudrais] [voter aux élections municipales|m'inscrire sur la liste "
            "électorale complémentaire] de la commune.",
        ),
    ],
    "finances": [
        (
            "pro",
            "{entreprise}\n[Bordereau de livraison et facture|Facture de prestations] "
            "n° {reference} [relative au bon de commande n° {numero}|]\nDésignation : "
            "[fournitures d'entretien|location de nacelle|produits de voirie]\nTotal TTC : "
            "{montant}\n[Échéance : 30 jours fin de mois.|Conditions de paiement : à "
            "réception.]",
        ),
        (
            "pro",
            "{entreprise}\n[Nous n'avons pas été retenus|Notre offre a été rejetée] "
            "pour le [marché de travaux|marché de fournitures] n° {reference}. [Nous "
            "sollicitons les motifs du rejet et le rapport d'analyse des offres|Nous "
            "demandons communication de la note obtenue] [conformément au code de la commande "
            "publique|].",
        ),
        (
            "citoyen",
            "[Le trésorier|Le président] de {association} [vous transmet|vous "
            "adresse] [le compte rendu financier|le bilan] [de l'utilisation de la subvention "
            "municipale|de l'année écoulée] [ainsi que le RIB de l'association|].",
        ),
        (
            "brut",
            "Direction générale des finances publiques\n[État de notification des "
            "bases|Fiche de recensement des bases fiscales] {annee}\n[Nous vous transmettons|"
            "Veuillez trouver] [les bases prévisionnelles de taxe foncière|les éléments pour "
            "le vote des taux] [de la commune|]. [Le vote du budget doit intervenir avant le "
            "15 avril.|]",
        ),
        (
            "citoyen",
            "[J'ai payé deux fois|J'ai réglé par erreur] [la location de la salle "
            "des fêtes|la facture de cantine|les frais de concession] ({montant}). [Merci de "
            "me rembourser par virement.|Pouvez-vous émettre un remboursement ?]",
        ),
        (
            "pro",
            "{entreprise}\n[Indexation|Révision annuelle] des prix du contrat "
            "n° {reference}\n[Conformément à l'article|Selon les clauses] [du marché|du "
            "contrat], [le prix est révisé de|une hausse s'applique de] {jours} % [à compter "
            "du {date_future}|]. [Montant révisé : {montant} HT.|]",
        ),
    ],
    "technique": [
        (
            "citoyen",
            "[La borne incendie|La grille d'évacuation|Le regard] [rue {lieu}|au "
            "coin de ma rue] [est cassée|a été arraché[|e]] [et représente un risque pour les "
            "enfants|]. [Pouvez-vous envoyer les services techniques ?|Merci de réparer.]",
        ),
        (
            "citoyen",
            "[Les haies|Les arbres] [de la propriété communale|du parc] "
            "[débordent sur mon terrain|bouchent ma gouttière avec leurs feuilles]. "
            "[Pouvez-vous tailler ?|Une taille est-elle prévue cet automne ?]",
        ),
        (
            "citoyen",
            "[Les poubelles|Les bacs de tri] [ne sont plus ramassés|débordent] "
            "[dans notre rue|rue {lieu}] [depuis deux semaines|]. [Les rats prolifèrent.|Merci "
            "de faire le nécessaire pour la collecte.]",
        ),
        (
            "citoyen",
            "[Le chemin communal|La route] [menant au hameau|{lieu}] est [plein "
            "d'ornières|défoncé] [après les travaux de la fibre|après l'hiver]. [Quand "
            "sera-t-il refait ?|Un goudronnage est-il prévu ?]",
        ),
        (
            "citoyen",
            "[Le chauffage de la salle polyvalente|Les toilettes publiques|La "
            "porte du local associatif] [ne fonctionne plus|sont bouchées|ne ferme plus] "
            "[depuis la semaine dernière|]. [Merci de prévenir l'équipe d'entretien.|Pouvez-vous "
            "intervenir ?]",
        ),
        (
            "pro",
            "{entreprise}\n[Rapport de vérification|Contrôle périodique] [des aires de "
            "jeux|des installations électriques de l'école|des extincteurs des bâtiments "
            "communaux]\n[Des non-conformités ont été relevées.|Le balancier du parc est à "
            "remplacer.] [Merci de prévoir les réparations.|]",
        ),
    ],
    "cabinet": [
        (
            "citoyen",
            "[Monsieur le Maire,|] [je vous écris|je me permets de vous écrire] "
            "[personnellement|directement] car [personne ne répond à mes demandes|je suis "
            "indigné[|e] par la décision du conseil municipal]. [Je souhaite être reçu[|e] "
            "en mairie.|Je compte sur votre intervention.]",
        ),
        (
            "brut",
            "{organisme}\nCabinet du préfet\n[Visite ministérielle|Déplacement du "
            "préfet] [dans votre commune|] le {date_future}\n[Je vous saurais gré de bien "
            "vouloir accueillir la délégation.|Le programme et le protocole vous seront "
            "adressés.]",
        ),
        (
            "citoyen",
            "[L'association|{association}] [fête ses cinquante ans|organise son "
            "gala] le {date_future}. [Nous serions honorés que Monsieur le Maire prononce un "
            "discours.|Un élu pourrait-il remettre les trophées ?]",
        ),
        (
            "citoyen",
            "[Habitant de la commune depuis quarante ans|Citoyen engagé], je "
            "[propose|souhaite soumettre] [une idée pour le budget participatif|un projet de "
            "conseil des sages|la création d'un conseil municipal des jeunes] [à l'équipe "
            "municipale|au maire].",
        ),
        (
            "pro",
            "{entreprise}\n[Nous sollicitons|Nous souhaiterions] [un entretien avec "
            "Monsieur le Maire|une rencontre avec les élus] [pour présenter notre projet "
            "d'implantation|afin d'évoquer un partenariat] [dans la commune|]. [Nous restons "
            "à votre disposition.|]",
        ),
        (
            "citoyen",
            "[Mes condoléances|Toutes nos pensées] [à la famille de|pour] "
            "[l'ancien maire|l'adjoint décédé] [au nom de|de la part de] {association}. [Nous "
            "souhaitons participer à l'hommage.|]",
        ),
    ],
}
