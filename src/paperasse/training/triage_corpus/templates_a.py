"""Letter bodies for etat_civil, urbanisme, education and social.

Each body is (sender kind, template). ``[a|b]`` picks one alternative, ``{slot}``
is filled from ``slots.FILLERS``. Sender kinds: ``citoyen`` (wrapped in a letter,
an email or a note from a person), ``pro`` (from a company), ``brut`` (a notice that
already carries its own letterhead).
"""

from __future__ import annotations

Body = tuple[str, str]

ETAT_CIVIL: list[Body] = [
    (
        "citoyen",
        "[Je vous serais reconnaissant de|Pourriez-vous|Je vous prie de bien vouloir] "
        "m'adresser [une copie intégrale|un extrait avec filiation|un extrait sans filiation] "
        "de mon acte de naissance. Je suis né[|e] le {date_passee} dans votre commune. "
        "[Ce document m'est demandé pour|J'en ai besoin pour] [le renouvellement de ma carte "
        "d'identité|un dossier de retraite|mon mariage à l'étranger|une demande de nationalité].",
    ),
    (
        "citoyen",
        "Objet : [demande de|dépôt d'un] dossier de mariage\n"
        "[Mon compagnon et moi|Ma fiancée et moi|Nous] souhaitons nous marier [le|courant] "
        "{date_future} en [votre|la] mairie. [Pouvez-vous nous indiquer|Merci de nous préciser] "
        "les pièces à fournir et la date de la publication des bans.",
    ),
    (
        "citoyen",
        "[Suite au décès de|Mon père|Ma mère|Mon époux] {nom}, [survenu|décédé[|e]] "
        "le {date_passee}, je sollicite [trois|plusieurs|deux] copies de l'acte de décès "
        "[pour les démarches auprès du notaire|pour la succession|pour la caisse de retraite].",
    ),
    (
        "citoyen",
        "Nous [souhaitons|voudrions] conclure un PACS [et aimerions prendre "
        "rendez-vous|et souhaitons connaître les modalités d'enregistrement]. [Nous résidons|"
        "Notre résidence commune est] {adresse}. [Merci de nous indiquer les créneaux "
        "disponibles.|Quelles pièces devons-nous apporter ?]",
    ),
    (
        "citoyen",
        "J'ai égaré mon livret de famille [lors d'un déménagement|suite à un "
        "cambriolage|il y a plusieurs mois] et je [souhaite obtenir|demande] un second livret "
        "[de famille|]. [Mes enfants sont nés à|Notre mariage a été célébré à] {ville}.",
    ),
    (
        "citoyen",
        "[Je souhaite|Nous souhaitons] procéder à une reconnaissance anticipée "
        "[de notre enfant à naître|avant la naissance de notre bébé]. [Le terme est prévu|"
        "La naissance est attendue] [le|vers le] {date_future}. [Faut-il prendre rendez-vous "
        "avec l'officier de l'état civil ?|Quels justificatifs faut-il présenter ?]",
    ),
    (
        "citoyen",
        "[Une erreur figure|Il y a une faute] dans [l'orthographe de mon nom|mon "
        "prénom|la date de naissance de ma fille] sur [mon acte de naissance|l'acte de mariage "
        "de mes parents]. Je [vous demande|souhaiterais obtenir] la rectification de l'acte "
        "et l'apposition d'une mention marginale.",
    ),
    (
        "citoyen",
        "Je [souhaite|voudrais] [engager une procédure de|déposer une demande de] "
        "changement de prénom pour [mon fils|ma fille|moi-même] {prenom}. [Pouvez-vous me dire|"
        "Merci de m'indiquer] [la marche à suivre|les pièces justificatives à produire].",
    ),
    (
        "brut",
        "{organisme}\nService central d'état civil\nNous vous [transmettons|adressons] "
        "[pour transcription|pour mise à jour de vos registres] [l'avis de mention|la "
        "transcription] concernant {nom}, [né|née] le {date_passee}. [Merci de procéder à la "
        "mise à jour de l'acte de naissance.|Mention marginale de divorce à apposer.]",
    ),
    (
        "citoyen",
        "[Nous organisons|Nous souhaitons célébrer] un baptême républicain [pour|"
        "de] notre [fils|fille] {enfant} [le|au mois de] {date_future}. [Est-il possible de "
        "réserver une date en mairie ?|Pouvez-vous nous indiquer si un élu peut présider la "
        "cérémonie de parrainage civil ?]",
    ),
    (
        "citoyen",
        "[Bonjour, je|Je] [viens de perdre|ai perdu] [mon grand-père|ma grand-mère] "
        "[à domicile|à l'hôpital de la commune]. [Le médecin a établi le certificat de décès|"
        "Les pompes funèbres m'ont demandé] [et je dois faire la déclaration de décès|et je "
        "souhaite savoir comment déclarer le décès]. [Quels sont les horaires du service ?|"
        "Merci de me guider.]",
    ),
    (
        "citoyen",
        "[Je souhaite|Je voudrais] [faire figurer|ajouter] [le nom de ma mère|un nom "
        "d'usage|le nom de mon époux] [sur mes documents|sur mon livret de famille] et [obtenir|"
        "recevoir] une copie [intégrale|] de mon acte de mariage [célébré le {date_passee}|].",
    ),
    (
        "pro",
        "[Étude notariale|Office notarial] {nom_famille} et associés\n[Dans le cadre "
        "du règlement de la succession de|Pour la succession de] {nom}, nous vous [prions|"
        "remercions] de nous [faire parvenir|adresser] [une copie intégrale de l'acte de décès|"
        "un extrait d'acte de naissance avec mentions marginales]. Référence : {reference}.",
    ),
    (
        "citoyen",
        "[Mariés|Nous nous sommes mariés] à l'étranger le {date_passee}, [nous "
        "souhaitons|je souhaite] [faire transcrire notre acte de mariage|savoir comment "
        "obtenir la transcription] et [recevoir|obtenir] un livret de famille français.",
    ),
]

URBANISME: list[Body] = [
    (
        "citoyen",
        "[Je vous adresse|Veuillez trouver ci-joint|Je dépose] [ma demande de|un "
        "dossier de] permis de construire pour [une maison individuelle|une extension de "
        "{surface} m²|un garage accolé] sur la parcelle cadastrée {parcelle}, {adresse}. "
        "[Le dossier comprend le formulaire cerfa n° 13406 et les plans.|Les plans de masse "
        "et de façade sont joints.]",
    ),
    (
        "citoyen",
        "[Je souhaite|Nous envisageons de] [construire un abri de jardin|installer "
        "une piscine|poser des panneaux solaires|remplacer ma clôture] d'une surface de "
        "{surface} m². [Une déclaration préalable est-elle nécessaire ?|Je joins ma déclaration "
        "préalable (cerfa 13703).|Faut-il un permis ou une simple déclaration préalable ?]",
    ),
    (
        "citoyen",
        "[En vue de la vente de|Avant d'acheter] [ma maison|un terrain|la parcelle "
        "{parcelle}], [je sollicite|mon notaire me demande] un certificat d'urbanisme "
        "[d'information|opérationnel] [pour le terrain situé|concernant le bien situé] "
        "{adresse}.",
    ),
    (
        "citoyen",
        "[Par la présente, je forme un recours gracieux|Je conteste] contre le "
        "permis de construire n° PC {numero} accordé [à mon voisin|à la société {entreprise}] "
        "le {date_passee}. [La construction prévue|Le projet] [dépasse la hauteur autorisée par "
        "le PLU|ne respecte pas les distances aux limites séparatives|me prive de tout "
        "ensoleillement]. [Je vous demande de retirer cet arrêté.|À défaut, je saisirai le "
        "tribunal administratif.]",
    ),
    (
        "citoyen",
        "[Je souhaite connaître|Pouvez-vous m'indiquer] [le zonage de ma parcelle|"
        "les règles du plan local d'urbanisme|la hauteur maximale autorisée] [pour la parcelle|"
        "pour le terrain] {parcelle} ? [Je projette une division parcellaire.|J'envisage de "
        "diviser mon terrain en deux lots.|Je souhaite surélever ma maison.]",
    ),
    (
        "pro",
        "[Maître|Étude de Maître] {nom}, notaire\nDéclaration d'intention d'aliéner\n"
        "[Nous vous notifions|Veuillez trouver] la déclaration d'intention d'aliéner relative "
        "au bien cadastré {parcelle}, {adresse}, [au prix de|moyennant] {montant}. [Merci de "
        "nous faire savoir si la commune entend exercer son droit de préemption.|Le délai "
        "d'exercice du droit de préemption court à compter de la réception.]",
    ),
    (
        "citoyen",
        "[Les travaux autorisés par|Conformément à] mon permis de construire "
        "n° {numero} [sont terminés|ont été achevés le {date_passee}]. [Je vous transmets la "
        "déclaration attestant l'achèvement et la conformité des travaux.|Ci-joint la DAACT.]",
    ),
    (
        "citoyen",
        "[Mon voisin|Une entreprise] [réalise|a entrepris] des travaux [sans "
        "autorisation|sans affichage de permis|non conformes] au {adresse} : [surélévation|"
        "construction d'un hangar|extension de {surface} m²]. [Pouvez-vous vérifier qu'une "
        "autorisation d'urbanisme a bien été délivrée ?|Je demande un contrôle de conformité.]",
    ),
    (
        "brut",
        "Direction départementale des territoires\nService urbanisme et "
        "aménagement\n[Nous vous transmettons|Vous trouverez ci-joint] [notre avis|l'avis de "
        "l'architecte des bâtiments de France] sur le dossier [de permis de construire|de "
        "déclaration préalable] n° {reference} [situé en périmètre protégé|concernant "
        "{adresse}]. [Avis favorable assorti de prescriptions.|Avis défavorable.]",
    ),
    (
        "citoyen",
        "[Je me permets de vous interroger|Question] sur [la modification du PLU|"
        "l'enquête publique sur le plan local d'urbanisme] : [ma parcelle {parcelle} "
        "deviendrait-elle inconstructible ?|je souhaite que mon terrain passe en zone "
        "constructible.|je demande le classement de mon terrain en zone U.]",
    ),
    (
        "pro",
        "{entreprise}, promoteur immobilier\n[Nous envisageons|Notre société étudie] "
        "[un programme de {numero} logements|un lotissement de douze lots] [sur les parcelles|"
        "sur l'emprise] {parcelle}. [Nous sollicitons un rendez-vous avec le service pour "
        "présenter le permis d'aménager.|Merci de nous préciser l'emprise au sol et la "
        "surface de plancher autorisées.]",
    ),
    (
        "citoyen",
        "[Je souhaite|Nous voulons] [démolir|abattre] [un ancien hangar|une grange "
        "en ruine|un mur de clôture] [sur notre propriété|au {adresse}]. [Un permis de démolir "
        "est-il exigé dans ce secteur ?|Je joins le cerfa 13405.]",
    ),
    (
        "citoyen",
        "[Mon dossier|Ma déclaration préalable] n° DP {numero} [déposé le "
        "{date_passee}|déposée il y a deux mois] [est toujours en cours d'instruction|n'a reçu "
        "aucune réponse]. [Puis-je considérer que j'ai un accord tacite ?|Pouvez-vous me "
        "délivrer un certificat de non-opposition ?]",
    ),
    (
        "citoyen",
        "[Je souhaite refaire|Nous allons rénover] [la façade|la toiture et les "
        "menuiseries] de [notre maison|mon immeuble] [en centre ancien|rue {lieu}]. [Quelles "
        "couleurs sont autorisées ?|Faut-il une déclaration préalable pour un ravalement de "
        "façade ?]",
    ),
]

EDUCATION: list[Body] = [
    (
        "citoyen",
        "[Je souhaite|Nous souhaitons] inscrire [notre fils|notre fille|mon enfant] "
        "{enfant} [en {classe}|à la rentrée {annee}] à {ecole}. [Nous venons d'emménager|Nous "
        "arrivons] {adresse}. [Quels documents faut-il fournir pour l'inscription scolaire ?|"
        "Merci de m'indiquer la procédure.]",
    ),
    (
        "citoyen",
        "[Je sollicite|Nous demandons] une dérogation scolaire [pour|afin que] "
        "{enfant} [puisse être scolarisé|soit inscrit] à {ecole} [et non dans l'école de "
        "secteur|hors de notre secteur], [car sa nourrice habite à proximité|car son frère y "
        "est déjà|en raison de nos horaires de travail].",
    ),
    (
        "citoyen",
        "[Mon enfant|{enfant}] [mange à la cantine|est inscrit à la restauration "
        "scolaire] [et souffre d'une allergie alimentaire|et ne mange pas de porc]. [Un projet "
        "d'accueil individualisé a été signé avec le médecin scolaire.|Est-il possible de "
        "prévoir des repas adaptés ?]",
    ),
    (
        "citoyen",
        "[Je conteste|Je ne comprends pas] [la facture de cantine|le montant "
        "facturé pour la garderie] du mois de [septembre|mars|janvier] : [{enfant} était absent "
        "plusieurs jours|le quotient familial n'a pas été appliqué]. [Pouvez-vous revoir le "
        "calcul ?|Merci de rectifier.]",
    ),
    (
        "citoyen",
        "[Je voudrais|Nous souhaitons] inscrire {enfant} [à l'accueil "
        "périscolaire du matin|à l'accueil de loisirs du mercredi|au centre de loisirs pendant "
        "les vacances]. [Reste-t-il des places ?|Quels sont les tarifs ?]",
    ),
    (
        "brut",
        "Direction des services départementaux de l'éducation nationale\n"
        "[Objet : carte scolaire {annee}|Objet : prévisions d'effectifs] \n[Nous vous "
        "informons|Je vous informe] [d'une fermeture de classe|d'une ouverture de classe] à "
        "{ecole} [à la rentrée prochaine|pour l'année {annee}]. [Merci de transmettre les "
        "effectifs prévisionnels.|Le conseil d'école sera consulté.]",
    ),
    (
        "citoyen",
        "[En tant que représentants des parents d'élèves|Les parents de {ecole}] "
        "[souhaitent alerter|vous alertent] sur [le manque de personnel ATSEM|l'état des "
        "sanitaires de l'école|la sécurité devant l'école à la sortie des classes]. [Nous "
        "demandons que ce point soit inscrit au prochain conseil d'école.|Merci d'y remédier "
        "avant la rentrée.]",
    ),
    (
        "citoyen",
        "[Nous déménageons|Nous quittons la commune] [le|à partir du] {date_future}. "
        "[Merci de nous délivrer un certificat de radiation pour|Pouvez-vous radier] {enfant} "
        "[de|des effectifs de] {ecole} ?",
    ),
    (
        "citoyen",
        "[Je vous écris au sujet du|Concernant le] transport scolaire : [le car "
        "ne s'arrête plus|l'arrêt de bus a été déplacé] [au hameau|rue {lieu}] et {enfant} "
        "doit [marcher longtemps|traverser la route] pour [aller à l'école|rejoindre le car].",
    ),
    (
        "citoyen",
        "[Merci de m'établir|Je souhaite obtenir] un certificat de scolarité pour "
        "{enfant}, [scolarisé|inscrit] en {classe} à {ecole}, [pour la CAF|pour mon employeur|"
        "pour une demande de bourse].",
    ),
    (
        "citoyen",
        "[Notre fille|Notre fils] {enfant} [aura trois ans|entrera en petite "
        "section] [en {annee}|à la prochaine rentrée scolaire]. [À partir de quand peut-on "
        "faire l'inscription à l'école maternelle ?|Y a-t-il des places en toute petite "
        "section ?]",
    ),
    (
        "citoyen",
        "[La garderie|L'étude surveillée] [ferme trop tôt|commence trop tard] pour "
        "les parents qui travaillent. [Serait-il possible d'élargir les horaires du "
        "périscolaire ?|Nous demandons une ouverture dès 7h15.]",
    ),
    (
        "citoyen",
        "[Nous recherchons une place en crèche|Je souhaite inscrire mon bébé à la "
        "crèche municipale] pour [septembre|le {date_future}]. [Pouvez-vous m'indiquer la "
        "procédure et les délais ?|Je travaille à temps plein.]",
    ),
    (
        "citoyen",
        "[Je suis enseignant|Je suis la directrice|Je suis le directeur] de "
        "{ecole}. [Nous souhaitons organiser une classe découverte|Nous aurions besoin de "
        "matériel informatique|Le chauffage de la classe est défaillant depuis lundi] [et "
        "sollicitons le soutien de la commune.|Merci de votre aide.]",
    ),
]

SOCIAL: list[Body] = [
    (
        "citoyen",
        "[Je me trouve|Nous nous trouvons] dans une situation financière [très "
        "difficile|précaire] [depuis la perte de mon emploi|depuis mon divorce|suite à une "
        "maladie]. [Je sollicite une aide financière du CCAS|Je voudrais savoir si le centre "
        "communal d'action sociale peut m'aider] pour [payer ma facture d'électricité|régler "
        "mon loyer|nourrir mes enfants].",
    ),
    (
        "citoyen",
        "[J'ai déposé|Nous avons déposé] une demande de logement social [il y a "
        "deux ans|depuis {date_passee}] (numéro unique {numero}). [Nous vivons à cinq dans un "
        "deux-pièces|Mon logement est insalubre|Je suis hébergé chez des amis]. [Pouvez-vous "
        "appuyer mon dossier auprès des bailleurs sociaux ?|Un logement HLM serait-il "
        "disponible ?]",
    ),
    (
        "citoyen",
        "[Ma mère|Mon père|Ma voisine], âgé[|e] de {age} ans, [vit seul[|e]|ne peut "
        "plus se déplacer]. [Pourrait-elle bénéficier du portage de repas à domicile ?|Comment "
        "obtenir la téléassistance ?|Une aide à domicile est-elle possible ?]",
    ),
    (
        "citoyen",
        "[Je suis en situation de handicap|Mon fils est handicapé] [et je "
        "rencontre des difficultés|et nous avons besoin d'aide] [pour constituer le dossier "
        "MDPH|pour obtenir une place adaptée|pour accéder aux bâtiments publics]. [Le CCAS "
        "peut-il m'accompagner ?|Merci de m'orienter.]",
    ),
    (
        "brut",
        "Caisse d'allocations familiales\n[Nous vous informons|Pour information, nous "
        "vous signalons] que [le versement du RSA|les droits] de {nom} [sont suspendus|ont été "
        "réexaminés]. [Merci de prendre contact avec le bénéficiaire pour l'accompagnement "
        "social.|Une orientation vers le CCAS est proposée.]",
    ),
    (
        "citoyen",
        "[Sans domicile stable|N'ayant plus d'adresse], je [demande|sollicite] une "
        "domiciliation administrative auprès du CCAS afin de [recevoir mon courrier|percevoir "
        "mes droits|pouvoir faire mes démarches].",
    ),
    (
        "citoyen",
        "[Je souhaite inscrire|Merci d'inscrire] [ma tante|mon voisin âgé|ma "
        "grand-mère] sur le registre canicule [car elle vit seule|car il est isolé] au "
        "{adresse}.",
    ),
    (
        "citoyen",
        "[Nous sommes menacés d'expulsion|Je reçois des relances pour impayé de "
        "loyer] [depuis|après] [la perte de mon emploi|une longue maladie]. [Pouvez-vous "
        "m'aider à monter un dossier de surendettement ?|Le CCAS peut-il intervenir auprès du "
        "bailleur ?]",
    ),
    (
        "brut",
        "Conseil départemental\nDirection de l'autonomie\n[Nous vous informons|Nous "
        "portons à votre connaissance] [l'attribution de l'allocation personnalisée "
        "d'autonomie à|l'entrée en EHPAD de] {nom}, domicilié[|e] {adresse}. [Le suivi social "
        "pourra être assuré par le CCAS.|Merci de votre coordination.]",
    ),
    (
        "citoyen",
        "[Bénévole|Je suis bénévole] à la banque alimentaire, [je vous écris pour|"
        "nous souhaitons] [obtenir un local pour l'épicerie sociale|organiser une collecte] "
        "[au profit des familles en précarité|pour les plus démunis de la commune].",
    ),
    (
        "citoyen",
        "[Je suis retraitée|J'ai {age} ans] et [je n'ai pas reçu|je voudrais "
        "recevoir] le colis de Noël des aînés [cette année|]. [Je n'étais peut-être pas "
        "inscrite.|Comment s'inscrire au repas des personnes âgées ?]",
    ),
    (
        "citoyen",
        "[Mon logement|L'appartement que je loue] [est très humide|a des moisissures "
        "partout|n'a plus de chauffage] [et mon bailleur social ne fait rien|et mes enfants "
        "tombent malades]. [Pouvez-vous m'aider à obtenir un relogement ?|Je demande l'aide "
        "des services sociaux.]",
    ),
    (
        "citoyen",
        "[Je viens de m'installer|Nous arrivons] dans la commune [avec mes trois "
        "enfants|seule avec mon bébé] [et je n'ai aucune ressource|et mes droits CAF ne sont "
        "pas encore ouverts]. [Existe-t-il une aide d'urgence ?|Le CCAS peut-il m'aider "
        "provisoirement ?]",
    ),
    (
        "citoyen",
        "[Je suis aidant familial|Je m'occupe de mon mari atteint d'Alzheimer] et "
        "[je suis épuisé[|e]|je n'ai aucun répit]. [Existe-t-il un accueil de jour pour les "
        "personnes âgées ?|Quelles aides existent pour les aidants ?]",
    ),
]
