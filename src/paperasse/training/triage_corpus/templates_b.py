"""Letter bodies for elections, finances, technique and cabinet (syntax: templates_a)."""

from __future__ import annotations

from paperasse.training.triage_corpus.templates_a import Body

ELECTIONS: list[Body] = [
    (
        "citoyen",
        "[Je souhaite|Je voudrais] [m'inscrire|être inscrit[|e]] sur les listes "
        "électorales de la commune [où je viens d'emménager|] [avant les prochaines élections|"
        "pour voter en {annee}]. [Je joins un justificatif de domicile et ma pièce d'identité.|"
        "Quelle est la date limite ?]",
    ),
    (
        "citoyen",
        "[Absent[|e] le jour du scrutin|Je serai en déplacement le jour du vote], "
        "[je souhaite donner procuration à|j'ai établi une procuration pour] {nom}. [Pouvez-vous "
        "me confirmer qu'elle a bien été enregistrée ?|Comment vérifier ma procuration ?]",
    ),
    (
        "citoyen",
        "[Je n'ai pas reçu|Je n'ai toujours pas reçu] ma carte électorale [depuis "
        "mon déménagement|alors que je suis inscrit[|e]]. [Suis-je bien inscrit[|e] sur la "
        "liste électorale ?|Dans quel bureau de vote dois-je voter ?]",
    ),
    (
        "citoyen",
        "[Je me porte volontaire|Je souhaite être] assesseur [dans un bureau de "
        "vote|pour la tenue des bureaux de vote] lors des [élections municipales|élections "
        "européennes|élections législatives] du {date_future}.",
    ),
    (
        "brut",
        "Institut national de la statistique et des études économiques\nRépertoire "
        "électoral unique\n[Nous vous notifions|Notification :] [la radiation de|l'inscription "
        "d'office de] {nom} [suite à son inscription dans une autre commune|à sa majorité]. "
        "[Merci de mettre à jour la liste électorale.|La commission de contrôle en sera "
        "informée.]",
    ),
    (
        "brut",
        "{organisme}\nBureau des élections\n[Objet : organisation du scrutin du "
        "{date_future}|Objet : propagande électorale]\n[Nous vous rappelons|Je vous rappelle] "
        "[les règles d'installation des panneaux électoraux|la composition des bureaux de "
        "vote|les horaires d'ouverture du scrutin]. [Merci de transmettre la liste des "
        "présidents de bureau.|La mise sous pli de la propagande aura lieu en mairie.]",
    ),
    (
        "citoyen",
        "[Mon nom est mal orthographié|Mon adresse est erronée] sur [ma carte "
        "d'électeur|la liste électorale]. [Pouvez-vous corriger ?|Merci de rectifier avant "
        "le prochain scrutin.]",
    ),
    (
        "citoyen",
        "[Candidat|Tête de liste] [aux élections municipales|aux prochaines "
        "élections], je [souhaite obtenir|demande] une copie de la liste électorale [de la "
        "commune|] [conformément au code électoral|pour la campagne].",
    ),
    (
        "citoyen",
        "[Ma mère|Mon père], [résidant en EHPAD|hospitalisé[|e]], [ne peut pas se "
        "déplacer pour voter|souhaite voter par procuration]. [Un officier de police "
        "judiciaire peut-il se déplacer ?|Comment établir la procuration à domicile ?]",
    ),
    (
        "citoyen",
        "[Français de l'étranger|Je vis désormais à l'étranger] et je [souhaite "
        "être radié[|e]|voudrais rester inscrit[|e]] de la liste électorale de la commune. "
        "[Merci de me dire comment faire.|Je joins mon inscription consulaire.]",
    ),
    (
        "citoyen",
        "[Je signale|Nous avons constaté] [que des affiches électorales|que la "
        "propagande électorale] [ont été collées hors des panneaux|a été déchirée] [près du "
        "bureau de vote|rue {lieu}] [avant le scrutin|].",
    ),
    (
        "citoyen",
        "[Je viens d'avoir dix-huit ans|J'aurai 18 ans le {date_future}]. [Suis-je "
        "inscrit[|e] automatiquement sur les listes électorales ?|Dois-je faire une démarche "
        "pour pouvoir voter ?]",
    ),
    (
        "brut",
        "Tribunal judiciaire\n[Recours contre|Contestation de] la décision de la "
        "commission de contrôle [relative à la radiation de|refusant l'inscription de] {nom} "
        "sur la liste électorale. [L'audience est fixée au {date_proche}.|Merci de transmettre "
        "vos observations.]",
    ),
]

FINANCES: list[Body] = [
    (
        "pro",
        "[FACTURE|Facture] n° {reference}\n[Client : Mairie de {ville}|Commune de "
        "{ville}]\n[Fourniture de|Prestation :] [matériel de bureau|entretien des espaces "
        "verts|repas de la cantine|maintenance informatique]\nMontant HT : {montant}\nTVA 20 "
        "%\nMontant TTC : {montant}\n[Règlement à 30 jours par mandat administratif.|Paiement "
        "par virement, IBAN joint.] SIRET {siret}",
    ),
    (
        "pro",
        "[Relance|Deuxième relance|Dernier rappel avant contentieux]\n[Sauf erreur de "
        "notre part,|Nous constatons que] notre facture n° {reference} du {date_passee}, d'un "
        "montant de {montant}, [reste impayée|n'a pas été réglée]. [Nous vous remercions de "
        "procéder au règlement|Des intérêts moratoires seront appliqués] [sous huitaine|dans "
        "un délai de {jours} jours].",
    ),
    (
        "brut",
        "Direction générale des finances publiques\nService de gestion comptable de "
        "{ville}\n[Nous vous informons|Le comptable public vous informe] [du rejet du mandat "
        "n° {numero}|qu'il manque une pièce justificative pour le mandat n° {numero}|du "
        "montant des produits de taxe foncière attendus]. [Merci de régulariser.|Les "
        "éléments sont disponibles sur le portail.]",
    ),
    (
        "citoyen",
        "Au nom de {association}, [j'ai l'honneur de solliciter|nous sollicitons] "
        "une subvention [de fonctionnement|exceptionnelle] de {montant} pour [l'année {annee}|"
        "notre projet]. [Vous trouverez ci-joint le budget prévisionnel et le bilan "
        "financier.|Le dossier de demande de subvention est joint.]",
    ),
    (
        "pro",
        "{entreprise}\n[Suite à votre avis d'appel public à la concurrence|En réponse "
        "à votre consultation], [nous vous transmettons notre offre|veuillez trouver notre "
        "candidature] pour le marché public [de travaux de réfection de la toiture de la "
        "mairie|de fourniture de repas|de nettoyage des locaux]. [Le mémoire technique et le "
        "bordereau des prix sont joints.|Notre devis s'élève à {montant} TTC.]",
    ),
    (
        "citoyen",
        "[Je conteste|Je souhaite contester] le montant de [ma taxe foncière|la "
        "taxe d'aménagement|la redevance d'enlèvement des ordures ménagères] [qui a fortement "
        "augmenté|qui me semble erroné]. [Pouvez-vous m'expliquer le calcul de la part "
        "communale ?|Merci de me rembourser le trop-perçu.]",
    ),
    (
        "citoyen",
        "[Hébergeur|Propriétaire d'un gîte], je [souhaite déclarer|voudrais "
        "savoir comment reverser] la taxe de séjour [collectée cet été|pour l'année {annee}]. "
        "[Quel est le tarif par nuitée ?|Le formulaire de déclaration est-il en ligne ?]",
    ),
    (
        "brut",
        "Préfecture\nDotations de l'État\n[Nous vous notifions|Vous trouverez "
        "ci-joint] [le montant de la dotation globale de fonctionnement|l'arrêté attribuant "
        "une subvention DETR de {montant}] [pour l'exercice {annee}|]. [Les pièces de "
        "versement sont à transmettre via Chorus Pro.|Merci de transmettre le budget "
        "primitif.]",
    ),
    (
        "pro",
        "{entreprise}\nDevis n° {reference}\n[Suite à votre demande|Comme convenu], "
        "[nous vous adressons notre devis|voici notre proposition] pour [le remplacement de la "
        "chaudière de la salle des fêtes|la location de chapiteaux|la fourniture de "
        "mobilier scolaire] : {montant} TTC. [Merci de nous retourner le bon de commande "
        "signé.|Offre valable trois mois.]",
    ),
    (
        "citoyen",
        "[J'ai reçu un titre de recette|J'ai reçu un avis des sommes à payer] de "
        "{montant} [pour l'occupation du domaine public|pour une concession] [que j'ai déjà "
        "réglé|qui ne me concerne pas]. [Merci d'annuler ce titre.|Pouvez-vous vérifier auprès "
        "de la trésorerie ?]",
    ),
    (
        "pro",
        "{entreprise}\n[Nous n'avons toujours pas reçu le paiement|Retard de paiement] "
        "[de la situation de travaux n° {numero}|de notre facture du {date_passee}] "
        "({montant}). [Le délai global de paiement de 30 jours est dépassé.|Nous vous mettons "
        "en demeure de régler cette somme.] [Merci de vérifier le mandatement.|]",
    ),
    (
        "citoyen",
        "[Je souhaite payer|Puis-je régler] [la facture de location de la salle|"
        "ma concession funéraire|les droits de place du marché] [en plusieurs fois|par "
        "virement] ? [Un échéancier est-il possible ?|Merci de m'envoyer un RIB de la "
        "régie.]",
    ),
    (
        "brut",
        "Chambre régionale des comptes\n[Contrôle des comptes et de la gestion|Avis "
        "budgétaire]\n[Nous vous informons de l'ouverture d'un contrôle|Le budget primitif "
        "{annee} a été transmis] [portant sur les exercices {annee} et suivants|par le "
        "représentant de l'État]. [Merci de désigner un interlocuteur.|Des observations "
        "provisoires vous seront adressées.]",
    ),
    (
        "pro",
        "{entreprise}\n[Avoir n° {reference}|Note de crédit] [suite à l'annulation de "
        "la commande|en remboursement du trop-perçu] [du {date_passee}|]. Montant : {montant}. "
        "[Ce montant sera déduit de votre prochaine facture.|Merci de l'intégrer à votre "
        "comptabilité.]",
    ),
]

TECHNIQUE: list[Body] = [
    (
        "citoyen",
        "[Je vous signale|Je souhaite signaler] [un nid-de-poule|plusieurs trous|un "
        "affaissement de la chaussée] [rue {lieu}|devant le {adresse}]. [Plusieurs voitures "
        "ont déjà crevé.|Les cyclistes doivent faire un écart.|Merci de reboucher rapidement.]",
    ),
    (
        "citoyen",
        "[Le lampadaire|L'éclairage public|Le candélabre] [situé {lieu}|devant "
        "chez moi] [ne fonctionne plus depuis|clignote depuis] [une semaine|plusieurs jours]. "
        "[La rue est plongée dans le noir.|C'est dangereux pour les piétons le soir.]",
    ),
    (
        "citoyen",
        "[Un grand arbre|Un peuplier|Un chêne] [sur le terrain communal|le long "
        "du chemin] [penche dangereusement|a une grosse branche cassée qui menace de tomber] "
        "[au-dessus de|sur] [ma maison|la route|l'aire de jeux]. [Merci d'intervenir "
        "d'urgence.|Pouvez-vous prévoir un élagage ?]",
    ),
    (
        "citoyen",
        "[Des dépôts sauvages|Des sacs d'ordures|Des encombrants] [s'accumulent|ont "
        "été abandonnés] [près des conteneurs|au bout du chemin {lieu}|derrière la salle des "
        "fêtes]. [Pouvez-vous faire enlever ces déchets ?|C'est un problème de propreté "
        "récurrent.]",
    ),
    (
        "citoyen",
        "[Une fuite d'eau|De l'eau coule en permanence] [sur le trottoir|dans le "
        "caniveau] [rue {lieu}|au niveau du {adresse}] [depuis hier|depuis trois jours]. "
        "[Le service de l'eau est-il prévenu ?|Merci de faire intervenir un plombier.]",
    ),
    (
        "citoyen",
        "[Les égouts|La bouche d'égout|Le réseau d'assainissement] [débordent|est "
        "bouchée|dégage une odeur nauséabonde] [à chaque orage|devant chez nous] [et notre "
        "cave est inondée|]. [Quand les travaux d'assainissement sont-ils prévus ?|Merci "
        "d'envoyer une équipe.]",
    ),
    (
        "citoyen",
        "[Les voitures roulent trop vite|La vitesse est excessive] [dans notre "
        "rue|rue {lieu}]. [Nous demandons l'installation d'un ralentisseur|Serait-il possible "
        "de poser un panneau de signalisation|Pouvez-vous installer un radar pédagogique] "
        "[près de l'école|au carrefour] ?",
    ),
    (
        "citoyen",
        "[Les espaces verts|Le parc municipal|Le square] [ne sont plus entretenus|"
        "n'a pas été tondu depuis des semaines]. [Les herbes hautes envahissent le trottoir.|"
        "Les jeux pour enfants sont abîmés.] [Merci de programmer une intervention.|]",
    ),
    (
        "citoyen",
        "[Des tags|Des graffitis] [ont été peints|sont apparus] sur [le mur de "
        "l'église|le bâtiment communal|l'abribus] [rue {lieu}|]. [Pouvez-vous les faire "
        "effacer ?|Merci de prévoir un nettoyage.]",
    ),
    (
        "citoyen",
        "[Le toit de la salle des fêtes|La toiture du gymnase|La gouttière de la "
        "mairie annexe] [fuit|est percée] [et l'eau coule dans la salle|]. [Les associations "
        "utilisatrices demandent une réparation.|Merci de faire vérifier le bâtiment "
        "communal.]",
    ),
    (
        "citoyen",
        "[Avec la neige|Avec le verglas], [notre rue|la côte {lieu}] [n'a pas été "
        "déneigée|est impraticable]. [Quand le déneigement est-il prévu ?|Merci de passer la "
        "saleuse.]",
    ),
    (
        "citoyen",
        "[Le feu tricolore|Le passage piéton|La signalisation au sol] [du carrefour "
        "{lieu}|devant la boulangerie] [est en panne|est effacé[|e]] [depuis lundi|]. "
        "[Merci de le réparer avant un accident.|Les enfants traversent à cet endroit.]",
    ),
    (
        "brut",
        "{entreprise}\nGestionnaire du réseau\n[Nous vous informons|Avis de travaux :] "
        "[de travaux sur le réseau d'eau potable|d'une intervention sur le réseau électrique|du "
        "remplacement de canalisations] [rue {lieu}|sur la voirie communale] [à partir du "
        "{date_future}|]. [Une déviation sera mise en place.|Merci de prendre l'arrêté de "
        "circulation.]",
    ),
    (
        "citoyen",
        "[Le mur du cimetière|Le muret le long du chemin|La façade de la maison "
        "abandonnée] [se fissure|menace de s'effondrer] [rue {lieu}|près de l'école]. "
        "[C'est un danger pour les passants.|Il faut sécuriser le site au plus vite.]",
    ),
]

CABINET: list[Body] = [
    (
        "citoyen",
        "[Au nom de|Le président de] {association}, [nous avons le plaisir|j'ai "
        "l'honneur] de vous inviter à [notre assemblée générale|notre repas annuel|notre "
        "concert de printemps] [le|qui aura lieu le] {date_future} à {heure} [à la salle des "
        "fêtes|au foyer rural]. [Votre présence nous honorerait.|Merci de nous confirmer votre "
        "venue.]",
    ),
    (
        "citoyen",
        "[Je sollicite|Je souhaiterais obtenir] un rendez-vous avec Monsieur le "
        "Maire [afin d'évoquer|pour lui présenter|pour discuter de] [un projet de commerce|ma "
        "situation personnelle|un différend avec la commune]. [Je suis disponible en fin de "
        "journée.|Je vous remercie de me proposer une date.]",
    ),
    (
        "citoyen",
        "[Je tiens à exprimer|Je vous fais part de] mon [profond|vif] mécontentement "
        "[concernant|au sujet de] [l'accueil reçu en mairie|l'absence de réponse à mes "
        "courriers|la gestion de la commune]. [J'attends une réponse personnelle de Monsieur "
        "le Maire.|Je me permets d'adresser copie de ce courrier au préfet.]",
    ),
    (
        "brut",
        "{organisme}\nCabinet\n[Cérémonie de|Invitation à la cérémonie de] "
        "[commémoration du 11 novembre|commémoration du 8 mai 1945|remise de la médaille de "
        "la famille] [le|prévue le] {date_future} à {heure}. [Le protocole vous sera "
        "communiqué ultérieurement.|Tenue de cérémonie.]",
    ),
    (
        "citoyen",
        "[Les habitants du quartier|Nous, riverains de la {lieu},] [vous "
        "adressent|vous remettons] une pétition [signée par {numero} personnes|] contre "
        "[le projet d'antenne relais|la fermeture du bureau de poste|les nuisances du bar]. "
        "[Nous demandons à être reçus par le maire.|Nous souhaitons que le conseil municipal "
        "en débatte.]",
    ),
    (
        "citoyen",
        "[Les nuisances sonores|Les troubles du voisinage] [causés par mon voisin|"
        "du bar {lieu}] [deviennent insupportables|durent toute la nuit]. [Je dépose plainte "
        "auprès de vous|Je sollicite votre intervention en tant qu'officier de police "
        "judiciaire].",
    ),
    (
        "brut",
        "Assemblée nationale\n[Le député|La députée] de la circonscription\n[J'ai "
        "été saisi[|e]|J'ai été sollicité[|e]] par {nom} [au sujet de|concernant] [sa "
        "situation|un litige avec la commune]. [Je vous serais reconnaissant de bien vouloir "
        "examiner sa demande.|Je vous remercie de l'attention que vous y porterez.]",
    ),
    (
        "citoyen",
        "[Le comité de jumelage|L'association de jumelage] [prépare|organise] "
        "[l'accueil de la délégation allemande|un voyage dans notre ville jumelle] [du|à "
        "partir du] {date_future}. [Nous souhaiterions une réception officielle en mairie.|"
        "Le maire pourrait-il prononcer un discours ?]",
    ),
    (
        "pro",
        "{entreprise}\n[Nous avons le plaisir|Nous avons l'honneur] de vous convier à "
        "l'inauguration de [notre nouveau magasin|notre usine|nos nouveaux locaux] [le|] "
        "{date_future}. [Un cocktail suivra.|Merci de confirmer votre présence avant le "
        "{date_future}.]",
    ),
    (
        "citoyen",
        "[Journaliste au|Correspondant du] [quotidien régional|journal local], je "
        "[souhaiterais interviewer|voudrais rencontrer] Monsieur le Maire [au sujet du projet "
        "de|à propos de] [la nouvelle médiathèque|la fusion de communes|budget participatif].",
    ),
    (
        "citoyen",
        "[Madame, Monsieur les élus,|Chers conseillers municipaux,] [je souhaite "
        "adresser mes remerciements|je tiens à remercier] [à l'équipe municipale|le maire et "
        "ses adjoints] pour [l'organisation du feu d'artifice|le soutien apporté lors de "
        "l'incendie|la réussite de la fête du village].",
    ),
    (
        "citoyen",
        "[Ancien combattant|Porte-drapeau de l'association], je [souhaiterais "
        "participer|voudrais être associé] [aux cérémonies patriotiques|à la prochaine "
        "commémoration] et [proposer une exposition|obtenir une salle pour nos vœux].",
    ),
    (
        "pro",
        "{entreprise}\nParrainage des candidats\n[Je sollicite votre parrainage|Nous "
        "sollicitons le soutien des maires] [pour l'élection présidentielle|] [en tant que "
        "candidat[|e]|pour notre candidat]. [Merci de retourner le formulaire au Conseil "
        "constitutionnel.|]",
    ),
    (
        "citoyen",
        "[Je souhaite rencontrer|Je demande à rencontrer] [l'adjoint au maire "
        "chargé de la vie associative|un élu], [notre association|{association}] [n'ayant pas "
        "obtenu de créneau au gymnase|souhaitant organiser un événement place de la mairie]. "
        "[Merci de transmettre ma demande d'audience.|]",
    ),
]
