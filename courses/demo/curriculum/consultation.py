"""Demo course: cross-country consultation between OCAM members and the protection of the data it touches.

Substance from the project's domain notes (`shared/domain/DOMAIN.md`, §0, §1.3 to §1.4, §4): the
hit/no-hit model (Prüm, SIS/SIRENE), the IOM Data Protection Principles and Manual, audit design.
The consultation protocol taught here (purpose codes, 48-hour answer, request statuses) is the
platform sandbox's practice protocol, inspired by Prüm II; it is not an agreed OCAM protocol,
and the lessons say so.
"""

from courses.demo.curriculum.text import T, option

COURSE = {
    "key": "cross-country-consultation",
    "topic": "information_exchange",
    "audience": ["border_officer", "supervisor", "analyst", "alert_manager"],
    "estimated_hours": "4",
    "pass_mark": 70,
    "certificate_validity_months": 24,
    "enrolment_policy": "open",
    "prerequisites": [],
    "cover": "consultation-cover.svg",
    "title": T(es="Consulta entre países y protección de datos", en="Cross-country consultation and data protection"),
    "slug": T(es="consulta-entre-paises-y-proteccion-de-datos", en="cross-country-consultation-and-data-protection"),
    "summary": T(
        es=(
            "Cómo consultar a otro país miembro de la OCAM sin exponer datos personales: el modelo hit/no-hit, la "
            "limitación de la finalidad, la necesidad y la proporcionalidad, los principios de protección de datos de "
            "la OIM, el registro de auditoría y la atención, paso a paso, de una solicitud justificada de información."
        ),
        en=(
            "How to consult another OCAM member country without exposing personal data: the hit/no-hit model, purpose "
            "limitation, necessity and proportionality, the IOM data protection principles, the audit log, and "
            "handling a justified information request step by step."
        ),
    ),
    "outcomes": [
        T(
            es="Explicar qué responde una consulta hit/no-hit y qué no responde.",
            en="Explain what a hit/no-hit query answers and what it does not.",
        ),
        T(
            es="Elegir el código de finalidad y la referencia de caso adecuados antes de consultar.",
            en="Choose the right purpose code and case reference before querying.",
        ),
        T(
            es="Aplicar los principios de protección de datos de la OIM a una consulta concreta.",
            en="Apply the IOM data protection principles to a specific query.",
        ),
        T(
            es="Reconocer en un registro de auditoría las consultas que deben revisarse.",
            en="Recognise, in an audit log, the queries that must be reviewed.",
        ),
        T(
            es=(
                "Atender una solicitud justificada de información: aprobarla, aprobarla en parte o denegarla con "
                "motivo."
            ),
            en="Handle a justified information request: approve it, approve it in part or refuse it with a reason.",
        ),
    ],
    "cover_alt": T(
        es=(
            "Ocho recuadros con los códigos BLZ, CRI, DOM, GTM, HND, NIC, PAN y SLV, unidos por líneas punteadas a un "
            "círculo central con un candado: las consultas pasan por el centro, los registros no."
        ),
        en=(
            "Eight boxes with the codes BLZ, CRI, DOM, GTM, HND, NIC, PAN and SLV, joined by dotted lines to a central "
            "circle with a padlock: queries pass through the centre, records do not."
        ),
    ),
    "glossary": [
        {
            "term": T(es="Consulta hit/no-hit (coincidencia / sin coincidencia)", en="Hit/no-hit query"),
            "definition": T(
                es=(
                    "Consulta en la que la base de datos consultada responde solo si existe o no un registro que "
                    "coincide (hit o no hit), más una referencia. Los datos personales se entregan únicamente después, "
                    "ante una solicitud justificada que el país titular puede denegar."
                ),
                en=(
                    "A query to which the database consulted answers only whether a matching record exists (hit or no "
                    "hit), plus a reference. Personal data is released only afterwards, on a justified request that "
                    "the data-holding country may refuse."
                ),
            ),
        },
        {
            "term": T(es="Limitación de la finalidad", en="Purpose limitation"),
            "definition": T(
                es=(
                    "Principio según el cual los datos personales recogidos para un fin especificado y legítimo no se "
                    "usan para otro fin incompatible. En una consulta, la finalidad se declara antes de consultar y "
                    "limita lo que se puede pedir."
                ),
                en=(
                    "The principle that personal data collected for a specified and legitimate purpose is not used for "
                    "another, incompatible purpose. In a consultation, the purpose is declared before querying and "
                    "limits what may be asked for."
                ),
            ),
        },
        {
            "term": T(es="Código de finalidad", en="Purpose code"),
            "definition": T(
                es=(
                    "Código obligatorio que acompaña cada consulta y declara para qué se hace, por ejemplo "
                    "BORDER_CHECK, INVESTIGATION, RETURN_VERIFICATION o CHILD_PROTECTION en el protocolo de práctica "
                    "de la plataforma. Va siempre junto con una referencia de caso."
                ),
                en=(
                    "A mandatory code attached to every query that declares what it is for, for example BORDER_CHECK, "
                    "INVESTIGATION, RETURN_VERIFICATION or CHILD_PROTECTION in the platform's practice protocol. It "
                    "always goes with a case reference."
                ),
            ),
        },
        {
            "term": T(es="Registro de auditoría (bitácora)", en="Audit log"),
            "definition": T(
                es=(
                    "Registro automático de cada consulta, visualización, exportación y modificación: quién, con qué "
                    "rol, desde qué puesto, cuándo, con qué parámetros, con qué finalidad y referencia de caso, con "
                    "qué resultado y con qué seguimiento."
                ),
                en=(
                    "An automatic record of every query, view, export and change: who, in which role, from which post, "
                    "when, with which parameters, for which purpose and case reference, with which result and with "
                    "which follow-up."
                ),
            ),
        },
        {
            "term": T(es="Solicitud justificada de información", en="Justified information request"),
            "definition": T(
                es=(
                    "Petición que el país solicitante envía al país titular después de un hit, indicando la referencia "
                    "del hit, la finalidad, la referencia de caso, los campos que necesita y por qué. El país titular "
                    "la aprueba, la aprueba en parte o la deniega con motivo."
                ),
                en=(
                    "A request the requesting country sends to the data-holding country after a hit, stating the hit "
                    "reference, the purpose, the case reference, the fields it needs and why. The holding country "
                    "approves it, approves it in part or refuses it with a reason."
                ),
            ),
        },
    ],
    "modules": [
        # ------------------------------------------------------------------ module 1
        {
            "requires_previous_module": False,
            "title": T(es="El modelo hit/no-hit", en="The hit/no-hit model"),
            "slug": T(es="el-modelo-hit-no-hit", en="the-hit-no-hit-model"),
            "summary": T(
                es=(
                    "Por qué los países de la región se consultan, cómo se pregunta sin trasladar expedientes y cómo "
                    "se lee una respuesta."
                ),
                en=(
                    "Why the countries of the region consult each other, how to ask without moving files across "
                    "borders, and how to read an answer."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 15,
                    "is_required": True,
                    "title": T(es="Por qué consultar entre países", en="Why countries consult each other"),
                    "slug": T(es="por-que-consultar-entre-paises", en="why-countries-consult-each-other"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Una región, varios sistemas nacionales",
                                    en="One region, several national systems",
                                ),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>La OCAM (Comisión Centroamericana de Directores de Migración) reúne a las "
                                    "autoridades migratorias de Belice, Costa Rica, El Salvador, Guatemala, Honduras, "
                                    "Nicaragua, Panamá y República Dominicana. La OIM es su Secretaría Técnica desde "
                                    "enero de 1999. Entre los objetivos de la OCAM en materia de sistemas de "
                                    "información están el <b>intercambio de información</b>, la recolección y el "
                                    "análisis de datos migratorios, la preselección de pasajeros y el APIS.</p><p>Los "
                                    "viajeros se mueven por toda la región. Dentro del CA-4 (Guatemala, El Salvador, "
                                    "Honduras y Nicaragua), los nacionales cruzan con su documento de identidad y "
                                    "pueden permanecer hasta 90 días. Por eso la información que ayuda a resolver un "
                                    "caso en una delegación muchas veces está en el sistema de otro país.</p>"
                                ),
                                en=(
                                    "<p>OCAM (the Central American Commission of Migration Directors) brings together "
                                    "the migration authorities of Belize, Costa Rica, El Salvador, Guatemala, "
                                    "Honduras, Nicaragua, Panama and the Dominican Republic. IOM has been its "
                                    "Technical Secretariat since January 1999. OCAM's information-systems aims include "
                                    "<b>information exchange</b>, the collection and analysis of migration data, "
                                    "passenger pre-screening and APIS.</p><p>Travellers move all over the region. "
                                    "Within the CA-4 (Guatemala, El Salvador, Honduras and Nicaragua), nationals cross "
                                    "with their national identity card and may stay up to 90 days. That is why the "
                                    "information that helps to settle a case at one border post is often held in "
                                    "another country's system.</p>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "consultation-federation.svg",
                                "alt_text": T(
                                    es=(
                                        "Dos esquemas. A la izquierda, marcado con una X roja, las bases de datos de "
                                        "GTM, SLV, HND y NIC copian sus registros a una base central. A la derecha, "
                                        "marcado con un visto verde, cada base se queda en su país y solo circulan "
                                        "preguntas y respuestas HIT / NO_HIT a través de un punto central."
                                    ),
                                    en=(
                                        "Two diagrams. On the left, marked with a red X, the databases of GTM, SLV, "
                                        "HND and NIC copy their records into one central database. On the right, "
                                        "marked with a green tick, each database stays in its country and only "
                                        "questions and HIT / NO_HIT answers travel through a central point."
                                    ),
                                ),
                                "caption": T(
                                    es=(
                                        "Federar, no centralizar: cada país conserva sus registros y responde a "
                                        "consultas."
                                    ),
                                    en=(
                                        "Federate, do not centralise: each country keeps its records and answers "
                                        "queries."
                                    ),
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "legal",
                                "text": T(
                                    es=(
                                        "<p>En los despliegues de MIDAS, el sistema de gestión fronteriza de la OIM, "
                                        "<b>los gobiernos conservan la propiedad completa y exclusiva de los datos "
                                        "registrados</b> (OIM, kmhub.iom.int). Por eso el diseño que se practica en "
                                        "este curso es federado: la plataforma regional pregunta a los nodos "
                                        "nacionales y no guarda una copia central de los datos personales.</p>"
                                    ),
                                    en=(
                                        "<p>In deployments of MIDAS, IOM's border management information system, "
                                        "<b>governments keep complete and exclusive ownership of the data recorded</b> "
                                        "(IOM, kmhub.iom.int). That is why the design practised in this course is "
                                        "federated: the regional platform asks the national nodes and keeps no central "
                                        "copy of personal data.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Para qué sirve una consulta, y para qué no",
                                    en="What a query is for, and what it is not for",
                                ),
                                "level": "h3",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Una consulta a otro país sirve para resolver un caso "
                                    "concreto:</p><ul><li>verificar la identidad de una persona, por ejemplo un "
                                    "retornado que declara otra nacionalidad y no porta documento;</li><li>saber si un "
                                    "documento fue reportado como robado, extraviado o anulado;</li><li>saber si "
                                    "existe una alerta de otro país y qué acción pide.</li></ul><p>No sirve para "
                                    "buscar personas por curiosidad, para revisar a vecinos, colegas o personajes "
                                    "públicos, ni para producir estadísticas: los usuarios regionales de la OCAM "
                                    "trabajan solo con datos agregados.</p>"
                                ),
                                en=(
                                    "<p>A query to another country serves to settle a specific case:</p><ul><li>to "
                                    "verify a person's identity, for example a returnee who declares another "
                                    "nationality and carries no document;</li><li>to find out whether a document has "
                                    "been reported stolen, lost or revoked;</li><li>to find out whether another "
                                    "country has an alert and what action it asks for.</li></ul><p>It is not for "
                                    "looking people up out of curiosity, for checking on neighbours, colleagues or "
                                    "public figures, or for producing statistics: OCAM's regional users work with "
                                    "aggregated data only.</p>"
                                ),
                            ),
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "¿Quién es propietario de los datos que registra un sistema como MIDAS en un "
                                        "país miembro?"
                                    ),
                                    en="Who owns the data that a system such as MIDAS records in a member country?",
                                ),
                                "options": [
                                    option(
                                        T(es="La OIM, que provee el sistema.", en="IOM, which provides the system.")
                                    ),
                                    option(T(es="La OCAM, como organismo regional.", en="OCAM, as a regional body.")),
                                    option(
                                        T(
                                            es="El gobierno del país que registró los datos.",
                                            en="The government of the country that recorded the data.",
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Cualquier país miembro que los consulte.",
                                            en="Any member country that queries it.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>La OIM garantiza que los gobiernos tengan la propiedad <b>completa y "
                                        "exclusiva</b> de los datos registrados en MIDAS. Los demás países solo "
                                        "reciben lo que el país titular decide compartir.</p>"
                                    ),
                                    en=(
                                        "<p>IOM ensures that governments have <b>complete and exclusive</b> ownership "
                                        "of the data recorded in MIDAS. Other countries receive only what the holding "
                                        "country decides to share.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="Cómo funciona una consulta hit/no-hit", en="How a hit/no-hit query works"),
                    "slug": T(es="como-funciona-una-consulta-hit-no-hit", en="how-a-hit-no-hit-query-works"),
                    "body": [
                        ("heading", {"text": T(es="Preguntar lo mínimo", en="Ask for the minimum"), "level": "h2"}),
                        ("glossary_term", {"term": 0}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>En el modelo hit/no-hit la base consultada responde solo <b>hit</b> o <b>no "
                                    "hit</b>, más una referencia (país titular e índice). Es el modelo de Prüm en la "
                                    "Unión Europea. El Sistema de Información Schengen (SIS) funciona igual: una "
                                    "alerta contiene solo los datos indispensables para identificar a la persona o el "
                                    "objeto y <b>la acción que se debe tomar</b>; la información complementaria viaja "
                                    "después entre las oficinas nacionales SIRENE.</p><p>Se consulta con una de estas "
                                    "dos llaves:</p><ul><li><b>documento</b>: número, Estado emisor y "
                                    "tipo;</li><li><b>persona</b>: nombres, fecha de nacimiento, sexo y "
                                    "nacionalidad.</li></ul><p>Los identificadores fuertes van primero: número de "
                                    "documento antes que nombre, nombre antes que fecha de nacimiento.</p>"
                                ),
                                en=(
                                    "<p>In the hit/no-hit model the database consulted answers only <b>hit</b> or "
                                    "<b>no hit</b>, plus a reference (holding country and index). This is the Prüm "
                                    "model in the European Union. The Schengen Information System (SIS) works the same "
                                    "way: an alert holds only the information indispensable to identify the person or "
                                    "object and <b>the action to be taken</b>; supplementary information moves later "
                                    "between the national SIRENE bureaux.</p><p>A query uses one of two "
                                    "keys:</p><ul><li><b>document</b>: number, issuing state and "
                                    "type;</li><li><b>person</b>: names, date of birth, sex and "
                                    "nationality.</li></ul><p>Hard identifiers come first: document number before "
                                    "name, name before date of birth.</p>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "consultation-hit-no-hit-flow.svg",
                                "alt_text": T(
                                    es=(
                                        "Secuencia: 1, GTM consulta un documento a HND, SLV y NIC con finalidad y "
                                        "caso; 2, HND responde HIT con la referencia R-7F3A, SLV y NIC responden "
                                        "NO_HIT; 3, GTM envía a HND una solicitud con la referencia; 4, HND tiene "
                                        "hasta 48 horas; 5, HND aprueba, aprueba en parte o deniega."
                                    ),
                                    en=(
                                        "Sequence: 1, GTM queries a document to HND, SLV and NIC with a purpose and a "
                                        "case; 2, HND answers HIT with reference R-7F3A, SLV and NIC answer NO_HIT; 3, "
                                        "GTM sends HND a request with the reference; 4, HND has up to 48 hours; 5, HND "
                                        "approves, approves in part or refuses."
                                    ),
                                ),
                                "caption": T(
                                    es="Consulta, respuesta, solicitud justificada y decisión del país titular.",
                                    en="Query, answer, justified request and the holding country's decision.",
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>En el protocolo de práctica de la plataforma, cada país miembro responde país "
                                    "por país con <b>HIT</b> o <b>NO_HIT</b>. Un HIT trae una referencia opaca, la "
                                    "categoría de la alerta, la acción que se debe tomar y el punto de contacto, pero "
                                    "<b>no el expediente completo</b>. Este protocolo se inspira en Prüm y en el SIS; "
                                    "no es un protocolo acordado formalmente por la OCAM.</p>"
                                ),
                                en=(
                                    "<p>In the platform's practice protocol, each member country answers country by "
                                    "country with <b>HIT</b> or <b>NO_HIT</b>. A HIT carries an opaque reference, the "
                                    "alert category, the action to be taken and the contact point, but <b>not the full "
                                    "record</b>. The protocol is inspired by Prüm and SIS; it is not a protocol "
                                    "formally agreed by OCAM.</p>"
                                ),
                            ),
                        ),
                        (
                            "procedure",
                            {
                                "title": T(es="Lanzar una consulta regional", en="Launch a regional query"),
                                "steps": [
                                    {
                                        "title": T(
                                            es="Abra el caso y anote su referencia",
                                            en="Open the case and note its reference",
                                        ),
                                        "detail": T(
                                            es="<p>Sin referencia de caso no hay consulta.</p>",
                                            en="<p>No case reference, no query.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Elija el código de finalidad que corresponde al caso",
                                            en="Choose the purpose code that fits the case",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>BORDER_CHECK, INVESTIGATION, RETURN_VERIFICATION o "
                                                "CHILD_PROTECTION.</p>"
                                            ),
                                            en=(
                                                "<p>BORDER_CHECK, INVESTIGATION, RETURN_VERIFICATION or "
                                                "CHILD_PROTECTION.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Consulte primero su sistema nacional",
                                            en="Check your national system first",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Consulte por documento si lo tiene",
                                            en="Query by document if you have one",
                                        ),
                                        "detail": T(
                                            es="<p>Número, Estado emisor y tipo de documento.</p>",
                                            en="<p>Number, issuing state and document type.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Si no hay documento, consulte por persona",
                                            en="If there is no document, query by person",
                                        ),
                                        "detail": T(
                                            es="<p>Nombres, fecha de nacimiento, sexo y nacionalidad.</p>",
                                            en="<p>Names, date of birth, sex and nationality.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Seleccione solo los países que el caso necesita",
                                            en="Select only the countries the case needs",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Anote en el caso el resultado de cada país y su referencia",
                                            en="Record each country's result and reference in the case",
                                        ),
                                        "detail": "",
                                    },
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p>Un <b>NO_HIT</b> no es una constancia de que la persona no tenga registros "
                                        "en ese país. Solo dice que, con las llaves usadas, no hubo coincidencia en "
                                        "los datos que ese país comparte con la región.</p>"
                                    ),
                                    en=(
                                        "<p>A <b>NO_HIT</b> does not certify that the person has no records in that "
                                        "country. It only says that, with the keys used, nothing matched in the data "
                                        "that country shares with the region.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Una consulta por documento devuelve HIT en Honduras. ¿Qué recibe usted en ese "
                                        "momento?"
                                    ),
                                    en=(
                                        "A document query returns a HIT in Honduras. What do you receive at that "
                                        "moment?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="El expediente completo, con fotografía y huellas.",
                                            en="The full record, with photograph and fingerprints.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "El HIT, una referencia, la categoría de la alerta, la acción que se "
                                                "debe tomar y el punto de contacto."
                                            ),
                                            en=(
                                                "The HIT, a reference, the alert category, the action to be taken and "
                                                "the contact point."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Nada, hasta que Honduras apruebe la consulta.",
                                            en="Nothing, until Honduras approves the query.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "El nombre del oficial que creó la alerta y su número de teléfono "
                                                "personal."
                                            ),
                                            en=(
                                                "The name of the officer who created the alert and their personal "
                                                "phone number."
                                            ),
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>El HIT dice que hay una coincidencia y qué hacer. Los datos personales se "
                                        "piden después, con una <b>solicitud justificada</b>.</p>"
                                    ),
                                    en=(
                                        "<p>The HIT says that there is a match and what to do. Personal data is asked "
                                        "for later, with a <b>justified request</b>.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(
                        es="Leer una respuesta: coincidencia no es identidad",
                        en="Reading an answer: a match is not an identity",
                    ),
                    "slug": T(es="leer-una-respuesta", en="reading-an-answer"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Un HIT es una pista, no una confirmación",
                                    en="A HIT is a lead, not a confirmation",
                                ),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Un HIT dice que los datos consultados coinciden con un registro, no que la "
                                    "persona que tiene enfrente sea la persona de la alerta. Las herramientas de "
                                    "comparación de nombres combinan medidas como Jaro-Winkler, la distancia de "
                                    "edición y claves fonéticas, con umbrales ajustables (un valor mínimo habitual es "
                                    "0.88). Las búsquedas por nombre sobre datos que no son únicos producen listas "
                                    "largas, difíciles de verificar en la frontera: por eso pesan más el número de "
                                    "documento y la biometría.</p>"
                                ),
                                en=(
                                    "<p>A HIT says that the data queried matches a record, not that the person in "
                                    "front of you is the person in the alert. Name-matching tools combine measures "
                                    "such as Jaro-Winkler, edit distance and phonetic keys, with tuneable thresholds "
                                    "(a usual minimum is 0.88). Name searches on data that is not unique produce long "
                                    "lists that are hard to verify at the border: that is why the document number and "
                                    "biometrics weigh more.</p>"
                                ),
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Por qué los nombres de la región engañan", en="Why the region's names mislead"
                                ),
                                "level": "h3",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<ul><li>Dos apellidos que se invierten o de los que falta el "
                                    "segundo.</li><li>Partículas que aparecen o desaparecen: DE, DEL, DE LA, "
                                    "Y.</li><li>Apellidos de casada, como LOPEZ DE PEREZ.</li><li>Letras que suenan "
                                    "igual: B/V, S/Z/C, LL/Y, la H muda, G/J.</li><li>La Ñ, que la zona MRZ escribe N "
                                    "o NXX según el Estado emisor.</li><li>Fechas de nacimiento con el día y el mes "
                                    "invertidos.</li></ul>"
                                ),
                                en=(
                                    "<ul><li>Two surnames that get swapped, or a missing second "
                                    "surname.</li><li>Particles that appear or disappear: DE, DEL, DE LA, "
                                    "Y.</li><li>Married names, such as LOPEZ DE PEREZ.</li><li>Letters that sound "
                                    "alike: B/V, S/Z/C, LL/Y, the silent H, G/J.</li><li>The Ñ, which the MRZ writes "
                                    "as N or NXX depending on the issuing state.</li><li>Dates of birth with the day "
                                    "and month swapped.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p>No aplique la acción de una alerta extranjera solo por un HIT por nombre. "
                                        "Compare fecha de nacimiento, documento y fotografía en la inspección "
                                        "secundaria y confirme con el país titular. En la base SLTD de INTERPOL, las "
                                        "coincidencias también se confirman con el país emisor del documento.</p>"
                                    ),
                                    en=(
                                        "<p>Do not apply the action of a foreign alert on a name HIT alone. Compare "
                                        "date of birth, document and photograph in secondary inspection and confirm "
                                        "with the holding country. In INTERPOL's SLTD database, hits are also "
                                        "confirmed with the country that issued the document.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p><b>Las coincidencias reales son escasas.</b> En 2013 la base SLTD de INTERPOL "
                                    "(documentos robados y extraviados) recibió unos 809 millones de consultas y dio "
                                    "unas 67 000 coincidencias: alrededor de 1 por cada 12 000 consultas "
                                    "(interpol.int). En el entorno de práctica de la plataforma las alertas están "
                                    "infladas a propósito para que los ejercicios tengan algo que encontrar; es un "
                                    "artificio de formación.</p><p>Cuando una alerta de otro país se confirma en su "
                                    "frontera, el sistema envía al país emisor una <b>notificación de hit</b>. En el "
                                    "modelo SIRENE, tras un hit se intercambian la notificación, la aclaración de "
                                    "identidad y, si corresponde, la baja de la alerta.</p>"
                                ),
                                en=(
                                    "<p><b>Real hits are rare.</b> In 2013 INTERPOL's SLTD database (stolen and lost "
                                    "travel documents) received about 809 million searches and gave about 67,000 hits: "
                                    "roughly 1 in every 12,000 queries (interpol.int). In the platform's practice "
                                    "environment alerts are deliberately inflated so that the exercises have something "
                                    "to find; this is a training artefact.</p><p>When another country's alert is "
                                    "confirmed at your border, the system sends the issuing country a <b>hit "
                                    "notification</b>. In the SIRENE model, a hit is followed by the notification, the "
                                    "clarification of identity and, where appropriate, the deletion of the alert.</p>"
                                ),
                            ),
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Una consulta por nombre da HIT con una alerta de otro país. El viajero tiene "
                                        "otro número de pasaporte y su fecha de nacimiento coincide solo si se "
                                        "invierten el día y el mes. ¿Qué hace usted?"
                                    ),
                                    en=(
                                        "A name query gives a HIT on another country's alert. The traveller has a "
                                        "different passport number and the date of birth matches only if day and month "
                                        "are swapped. What do you do?"
                                    ),
                                ),
                                "options": [
                                    option(T(es="Le niega la entrada de inmediato.", en="Refuse entry at once.")),
                                    option(
                                        T(
                                            es="Descarta el HIT porque el número de pasaporte es distinto.",
                                            en="Dismiss the HIT because the passport number is different.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "Lo remite a inspección secundaria y pide confirmación al país titular "
                                                "con una solicitud justificada."
                                            ),
                                            en=(
                                                "Refer the traveller to secondary inspection and ask the holding "
                                                "country for confirmation with a justified request."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Le pregunta al viajero si sabe que tiene una alerta.",
                                            en="Ask the traveller whether they know they have an alert.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Un documento distinto no descarta la coincidencia (la persona pudo renovar "
                                        "el pasaporte) y una fecha invertida es un error frecuente. Se verifica en "
                                        "secundaria y se confirma con el país titular, <b>sin alertar al "
                                        "viajero</b>.</p>"
                                    ),
                                    en=(
                                        "<p>A different document does not rule out the match (the person may have "
                                        "renewed the passport) and a swapped date is a common error. It is checked in "
                                        "secondary and confirmed with the holding country, <b>without alerting the "
                                        "traveller</b>.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ module 2
        {
            "requires_previous_module": False,
            "title": T(es="Protección de datos en cada consulta", en="Data protection in every query"),
            "slug": T(es="proteccion-de-datos-en-cada-consulta", en="data-protection-in-every-query"),
            "summary": T(
                es=(
                    "Los principios de protección de datos de la OIM, la finalidad, la necesidad y la "
                    "proporcionalidad, y el registro de auditoría que deja cada consulta."
                ),
                en=(
                    "The IOM data protection principles, purpose, necessity and proportionality, and the audit trail "
                    "every query leaves."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(
                        es="Los principios de protección de datos de la OIM", en="The IOM data protection principles"
                    ),
                    "slug": T(es="principios-de-proteccion-de-datos-de-la-oim", en="iom-data-protection-principles"),
                    "body": [
                        ("heading", {"text": T(es="Trece principios", en="Thirteen principles"), "level": "h2"}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>La OIM adoptó en 2009 trece principios de protección de datos y los desarrolló "
                                    "en su <i>Manual de protección de datos</i> (2010):</p><ol><li>Recopilación lícita "
                                    "y leal.</li><li>Finalidad especificada y legítima.</li><li>Calidad de los "
                                    "datos.</li><li>Consentimiento.</li><li>Transferencia a "
                                    "terceros.</li><li>Confidencialidad.</li><li>Acceso y "
                                    "transparencia.</li><li>Seguridad de los datos.</li><li>Conservación de los datos "
                                    "personales.</li><li>Aplicación de los principios.</li><li>Propiedad de los datos "
                                    "personales.</li><li>Supervisión, cumplimiento y recursos "
                                    "internos.</li><li>Excepciones.</li></ol>"
                                ),
                                en=(
                                    "<p>IOM adopted thirteen data protection principles in 2009 and developed them in "
                                    "its <i>Data Protection Manual</i> (2010):</p><ol><li>Lawful and fair "
                                    "collection.</li><li>Specified and legitimate purpose.</li><li>Data "
                                    "quality.</li><li>Consent.</li><li>Transfer to third "
                                    "parties.</li><li>Confidentiality.</li><li>Access and transparency.</li><li>Data "
                                    "security.</li><li>Retention of personal data.</li><li>Application of the "
                                    "principles.</li><li>Ownership of personal data.</li><li>Oversight, compliance and "
                                    "internal remedies.</li><li>Exceptions.</li></ol>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "legal",
                                "text": T(
                                    es=(
                                        "<p>Fuente: OIM, <i>IOM Data Protection Manual</i> "
                                        "(publications.iom.int/books/iom-data-protection-manual). Los nombres en "
                                        "español de esta lista son una traducción de trabajo; ante cualquier duda, "
                                        "consulte el texto oficial del Manual.</p>"
                                    ),
                                    en=(
                                        "<p>Source: IOM, <i>IOM Data Protection Manual</i> "
                                        "(publications.iom.int/books/iom-data-protection-manual). The Spanish names in "
                                        "the Spanish version of this list are a working translation; when in doubt, "
                                        "refer to the official text of the Manual.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "heading",
                            {"text": T(es="Qué es un dato personal", en="What counts as personal data"), "level": "h3"},
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>La OIM define los datos personales de forma amplia: datos biográficos, datos "
                                    "biométricos y genéticos, imágenes y grabaciones, y documentos personales y de "
                                    "verificación. La imagen escaneada de un pasaporte, una fotografía, una plantilla "
                                    "de huellas y el registro de un movimiento fronterizo son datos "
                                    "personales.</p><p>En la práctica, los principios se traducen así: recoja solo lo "
                                    "que la finalidad necesita, declare la finalidad al consultar, transfiera a "
                                    "terceros solo para una finalidad especificada, con salvaguardas adecuadas y "
                                    "<b>por escrito</b>, mantenga los datos seguros, fije plazos de conservación y "
                                    "deje rastro auditable.</p>"
                                ),
                                en=(
                                    "<p>IOM defines personal data broadly: biographical data, biometric and genetic "
                                    "data, images and recordings, and personal and verification documents. The scanned "
                                    "image of a passport, a photograph, a fingerprint template and the record of a "
                                    "border movement are all personal data.</p><p>In practice, the principles come "
                                    "down to this: collect only what the purpose needs, declare the purpose when "
                                    "querying, transfer to third parties only for a specified purpose, with adequate "
                                    "safeguards and <b>in writing</b>, keep data secure, set retention periods, and "
                                    "leave an auditable trail.</p>"
                                ),
                            ),
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es="¿Cuál de estos elementos NO es un dato personal?",
                                    en="Which of these is NOT personal data?",
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="La fotografía tomada en la ventanilla.",
                                            en="The photograph taken at the booth.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es="La imagen escaneada de un pasaporte.",
                                            en="The scanned image of a passport.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es="El total mensual de entradas por Peñas Blancas, sin desgloses.",
                                            en="The monthly total of entries at Peñas Blancas, with no breakdown.",
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="La plantilla de huellas de un viajero.",
                                            en="A traveller's fingerprint template.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Un total agregado no identifica a nadie. La fotografía, el documento "
                                        "escaneado y las huellas sí: son datos personales, y los biométricos merecen "
                                        "una protección reforzada.</p>"
                                    ),
                                    en=(
                                        "<p>An aggregated total identifies no one. The photograph, the scanned "
                                        "document and the fingerprints do: they are personal data, and biometric data "
                                        "deserves stronger protection.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(
                        es="Finalidad, necesidad y proporcionalidad", en="Purpose, necessity and proportionality"
                    ),
                    "slug": T(es="finalidad-necesidad-y-proporcionalidad", en="purpose-necessity-and-proportionality"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(es="Declarar para qué se consulta", en="Declare what the query is for"),
                                "level": "h2",
                            },
                        ),
                        ("glossary_term", {"term": 1}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>La finalidad se declara <b>antes</b> de consultar, con un código de finalidad "
                                    "y una referencia de caso. En el modelo hit/no-hit, el país titular puede revisar "
                                    "los antecedentes de la consulta y retener los datos personales cuando las razones "
                                    "de la consulta no respetan la limitación de la finalidad.</p><p>Códigos del "
                                    "protocolo de práctica:</p><ul><li><b>BORDER_CHECK</b>: control de un viajero en "
                                    "un puesto fronterizo.</li><li><b>INVESTIGATION</b>: un caso de investigación "
                                    "abierto.</li><li><b>RETURN_VERIFICATION</b>: verificar la identidad o la "
                                    "nacionalidad de una persona retornada.</li><li><b>CHILD_PROTECTION</b>: proteger "
                                    "a una niña, un niño o un adolescente, por ejemplo ante una alerta Alba-Keneth "
                                    "(Guatemala, Decreto 28-2010).</li></ul>"
                                ),
                                en=(
                                    "<p>The purpose is declared <b>before</b> querying, with a purpose code and a case "
                                    "reference. In the hit/no-hit model, the holding country may check the background "
                                    "of the query and withhold the personal data when the reasons for the query do not "
                                    "respect purpose limitation.</p><p>Codes in the practice "
                                    "protocol:</p><ul><li><b>BORDER_CHECK</b>: checking a traveller at a border "
                                    "crossing point.</li><li><b>INVESTIGATION</b>: an open investigation "
                                    "case.</li><li><b>RETURN_VERIFICATION</b>: verifying the identity or nationality "
                                    "of a returned person.</li><li><b>CHILD_PROTECTION</b>: protecting a child or "
                                    "adolescent, for example on an Alba-Keneth alert (Guatemala, Decree "
                                    "28-2010).</li></ul>"
                                ),
                            ),
                        ),
                        ("glossary_term", {"term": 2}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p><b>Necesidad.</b> Antes de consultar, hágase tres preguntas: ¿tengo un caso "
                                    "abierto? ¿Lo resuelve algo menos intrusivo, como mi propio sistema nacional? ¿A "
                                    "qué países necesito preguntar de verdad?</p><p><b>Proporcionalidad.</b> Pida lo "
                                    "mínimo para la finalidad: los campos de identidad que confirman o descartan la "
                                    "coincidencia, no el historial completo. La biometría solo se pide si la finalidad "
                                    "lo permite. No consulte a toda la OCAM por costumbre.</p>"
                                ),
                                en=(
                                    "<p><b>Necessity.</b> Before querying, ask yourself three questions: do I have an "
                                    "open case? Would something less intrusive settle it, such as my own national "
                                    "system? Which countries do I really need to ask?</p><p><b>Proportionality.</b> "
                                    "Ask for the minimum the purpose needs: the identity fields that confirm or rule "
                                    "out the match, not the full history. Biometrics are requested only if the purpose "
                                    "allows it. Do not query the whole of OCAM out of habit.</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p><b>Categorías que se protegen con más cuidado:</b></p><ul><li>niñas, niños "
                                        "y adolescentes;</li><li>víctimas de trata;</li><li>solicitantes de asilo y "
                                        "refugiados: sus datos <b>nunca</b> deben llegar al país de "
                                        "origen;</li><li>datos biométricos.</li></ul><p>En el entorno de práctica de "
                                        "la plataforma, cada registro y cada alerta llevan una marca de sensibilidad y "
                                        "un alcance de intercambio.</p>"
                                    ),
                                    en=(
                                        "<p><b>Categories protected with extra care:</b></p><ul><li>children and "
                                        "adolescents;</li><li>victims of trafficking;</li><li>asylum seekers and "
                                        "refugees: their data must <b>never</b> reach the country of "
                                        "origin;</li><li>biometric data.</li></ul><p>In the platform's practice "
                                        "environment, every record and every alert carries a sensitivity flag and a "
                                        "sharing scope.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Un compañero le pide que consulte en la plataforma regional a un vecino suyo "
                                        "«para ver si viajó a Costa Rica». No hay ningún caso abierto. ¿Qué hace?"
                                    ),
                                    en=(
                                        "A colleague asks you to look up a neighbour of theirs on the regional "
                                        'platform "to see whether he travelled to Costa Rica". There is no open '
                                        "case. What do you do?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="Consulta con BORDER_CHECK, porque es un dato fronterizo.",
                                            en="Query with BORDER_CHECK, because it is border data.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es="Consulta solo a Costa Rica, para que la consulta sea proporcionada.",
                                            en="Query Costa Rica only, so that the query is proportionate.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es="No consulta: no hay caso ni finalidad legítima.",
                                            en="Do not query: there is no case and no legitimate purpose.",
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Consulta y borra después el resultado.",
                                            en="Query and delete the result afterwards.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Sin caso no hay finalidad, y sin finalidad no hay consulta. Además, la "
                                        "consulta quedaría en el registro de auditoría como una consulta sin "
                                        "referencia de caso.</p>"
                                    ),
                                    en=(
                                        "<p>No case, no purpose; no purpose, no query. The query would also show up in "
                                        "the audit log as a query without a case reference.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="El registro de auditoría", en="The audit log"),
                    "slug": T(es="el-registro-de-auditoria", en="the-audit-log"),
                    "body": [
                        (
                            "heading",
                            {"text": T(es="Cada consulta deja huella", en="Every query leaves a trace"), "level": "h2"},
                        ),
                        ("glossary_term", {"term": 3}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Se registra cada consulta, visualización, exportación y modificación, con: "
                                    "usuario, rol, puesto fronterizo o estación de trabajo, fecha y hora, parámetros "
                                    "de la consulta (enmascarados con una función hash cuando son sensibles), "
                                    "<b>código de finalidad y referencia de caso</b>, resultado (hit o no hit) y "
                                    "seguimiento.</p>"
                                ),
                                en=(
                                    "<p>Every query, view, export and change is logged, with: user, role, border "
                                    "crossing point or workstation, date and time, query parameters (hashed where "
                                    "sensitive), <b>purpose code and case reference</b>, result (hit or no hit) and "
                                    "follow-up.</p>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "consultation-audit-log.svg",
                                "alt_text": T(
                                    es=(
                                        "Extracto de un registro de auditoría con columnas de hora UTC, usuario, "
                                        "puesto, finalidad, caso y resultado. Tres filas están marcadas: una "
                                        "exportación de 1 200 registros a las 03:02 sin finalidad ni caso, y dos "
                                        "consultas sin referencia de caso del mismo usuario, la segunda repetida seis "
                                        "veces."
                                    ),
                                    en=(
                                        "Extract from an audit log with columns for UTC time, user, post, purpose, "
                                        "case and result. Three rows are flagged: an export of 1,200 records at 03:02 "
                                        "with no purpose or case, and two queries without a case reference by the same "
                                        "user, the second repeated six times."
                                    ),
                                ),
                                "caption": T(
                                    es="Las filas marcadas son las que un auditor revisaría primero.",
                                    en="The flagged rows are the ones an auditor would review first.",
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Patrones que se revisan:</p><ul><li>exportaciones masivas o en horario "
                                    "nocturno;</li><li>consultas sin referencia de caso;</li><li>consultas sobre "
                                    "personajes públicos o sobre colegas;</li><li>consultas repetidas sobre la misma "
                                    "persona por el mismo usuario.</li></ul><p>El rol de delegado de protección de "
                                    "datos o auditor lee el registro y señala los usos indebidos.</p>"
                                ),
                                en=(
                                    "<p>Patterns that are reviewed:</p><ul><li>bulk or overnight "
                                    "exports;</li><li>queries without a case reference;</li><li>queries on public "
                                    "figures or on colleagues;</li><li>repeated queries on the same person by the same "
                                    "user.</li></ul><p>The data protection officer or auditor role reads the log and "
                                    "flags misuse.</p>"
                                ),
                            ),
                        ),
                        (
                            "procedure",
                            {
                                "title": T(
                                    es="Revisar el registro de auditoría del mes", en="Review the month's audit log"
                                ),
                                "steps": [
                                    {
                                        "title": T(
                                            es="Filtre el periodo y el país o puesto que revisa",
                                            en="Filter the period and the country or post under review",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Liste las consultas sin referencia de caso o sin finalidad",
                                            en="List the queries without a case reference or purpose",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Liste las exportaciones masivas y las de horario nocturno",
                                            en="List bulk exports and overnight exports",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Busque consultas repetidas sobre una misma persona",
                                            en="Look for repeated queries on the same person",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es=(
                                                "Cruce las consultas con la lista de personas de especial protección y "
                                                "de personal propio"
                                            ),
                                            en=(
                                                "Check the queries against the list of specially protected people and "
                                                "of your own staff"
                                            ),
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Contraste cada caso dudoso con su expediente",
                                            en="Compare each doubtful query with its case file",
                                        ),
                                        "detail": T(
                                            es="<p>Una consulta puede ser rara y legítima a la vez.</p>",
                                            en="<p>A query can be unusual and legitimate at the same time.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Documente los hallazgos y escálelos según el procedimiento interno",
                                            en="Document the findings and escalate them under the internal procedure",
                                        ),
                                        "detail": "",
                                    },
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p>Escriba la referencia de caso como si un auditor la fuera a leer dentro de "
                                        "un año: debe llevarlo sin dudas al expediente que justificó la consulta.</p>"
                                    ),
                                    en=(
                                        "<p>Write the case reference as if an auditor were going to read it a year "
                                        "from now: it must lead them without doubt to the file that justified the "
                                        "query.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "¿Cuál de estas entradas del registro de auditoría es normal y no necesita "
                                        "revisión?"
                                    ),
                                    en="Which of these audit log entries is normal and needs no review?",
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="Una exportación de 1 200 registros a las 03:00 sin referencia de caso.",
                                            en="An export of 1,200 records at 03:00 with no case reference.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es="Seis consultas en cuatro minutos sobre la misma persona, sin caso.",
                                            en="Six queries in four minutes on the same person, with no case.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "Una consulta por documento con BORDER_CHECK y referencia de caso, "
                                                "durante el turno."
                                            ),
                                            en=(
                                                "A document query with BORDER_CHECK and a case reference, during the "
                                                "shift."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Una consulta sobre un diputado sin referencia de caso.",
                                            en="A query on a member of parliament with no case reference.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>La consulta con finalidad, referencia de caso y en horario de turno es la "
                                        "forma normal de trabajar. Las otras tres coinciden con patrones de "
                                        "revisión.</p>"
                                    ),
                                    en=(
                                        "<p>A query with a purpose, a case reference and during shift hours is the "
                                        "normal way of working. The other three match review patterns.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
            ],
        },
        # ------------------------------------------------------------------ module 3
        {
            "requires_previous_module": True,
            "title": T(es="Solicitudes justificadas de información", en="Justified information requests"),
            "slug": T(es="solicitudes-justificadas-de-informacion", en="justified-information-requests"),
            "summary": T(
                es=(
                    "Qué se puede compartir después de un hit, cómo atender una solicitud paso a paso y un repaso "
                    "final con la evaluación del curso."
                ),
                en=(
                    "What may be shared after a hit, how to handle a request step by step, and a final review with the "
                    "course assessment."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="Qué se puede compartir y qué no", en="What may and may not be shared"),
                    "slug": T(es="que-se-puede-compartir-y-que-no", en="what-may-and-may-not-be-shared"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(es="Lo mínimo para la finalidad", en="The minimum for the purpose"),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Después de un hit, el país solicitante envía una solicitud con los campos que "
                                    "necesita y su justificación. El país titular devuelve un <b>conjunto mínimo de "
                                    "campos</b>. Según la finalidad, normalmente se puede compartir:</p><ul><li>los "
                                    "campos de identidad que confirman o descartan la coincidencia: nombres, fecha de "
                                    "nacimiento, nacionalidad, número y estado del documento;</li><li>la categoría de "
                                    "la alerta y la acción que se debe tomar;</li><li>el punto de contacto para dar "
                                    "seguimiento.</li></ul>"
                                ),
                                en=(
                                    "<p>After a hit, the requesting country sends a request with the fields it needs "
                                    "and its justification. The holding country returns a <b>minimal set of "
                                    "fields</b>. Depending on the purpose, what can usually be shared "
                                    "is:</p><ul><li>the identity fields that confirm or rule out the match: names, "
                                    "date of birth, nationality, document number and status;</li><li>the alert "
                                    "category and the action to be taken;</li><li>the contact point for "
                                    "follow-up.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "consultation-minimal-release.svg",
                                "alt_text": T(
                                    es=(
                                        "A la izquierda, un registro con la referencia R-7F3A y siete campos: tres en "
                                        "verde con un visto y cuatro en gris con un candado. Una flecha marcada 3 / 7 "
                                        "lleva a la derecha, donde una respuesta contiene solo los tres campos verdes."
                                    ),
                                    en=(
                                        "On the left, a record with reference R-7F3A and seven fields: three in green "
                                        "with a tick and four in grey with a padlock. An arrow marked 3 / 7 leads to "
                                        "the right, where an answer contains only the three green fields."
                                    ),
                                ),
                                "caption": T(
                                    es=(
                                        "Se entregan los campos aprobados; el resto del registro no sale del país "
                                        "titular."
                                    ),
                                    en=(
                                        "The approved fields are released; the rest of the record does not leave the "
                                        "holding country."
                                    ),
                                ),
                            },
                        ),
                        ("heading", {"text": T(es="Lo que no se comparte", en="What is not shared"), "level": "h3"}),
                        (
                            "text",
                            T(
                                es=(
                                    "<ul><li>El expediente completo o el historial de movimientos cuando el caso no lo "
                                    "necesita.</li><li>La biometría, salvo que la finalidad lo permita.</li><li>Datos "
                                    "de solicitantes de asilo o refugiados con su país de origen.</li><li>Datos para "
                                    "una finalidad distinta de la declarada.</li><li>Datos para reenviar a un tercero "
                                    "sin acuerdo escrito.</li><li>Datos personales a usuarios regionales: la OCAM "
                                    "recibe solo agregados.</li></ul>"
                                ),
                                en=(
                                    "<ul><li>The full record or the movement history when the case does not need "
                                    "it.</li><li>Biometrics, unless the purpose allows it.</li><li>Data on asylum "
                                    "seekers or refugees with their country of origin.</li><li>Data for a purpose "
                                    "other than the one declared.</li><li>Data to be passed on to a third party "
                                    "without a written agreement.</li><li>Personal data to regional users: OCAM "
                                    "receives aggregates only.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "legal",
                                "text": T(
                                    es=(
                                        "<p>Según los principios de la OIM, la <b>transferencia a terceros</b> solo "
                                        "procede para una finalidad especificada, con salvaguardas adecuadas y <b>por "
                                        "escrito</b> (<i>IOM Data Protection Manual</i>). El país titular conserva la "
                                        "propiedad de sus datos y decide qué entrega.</p>"
                                    ),
                                    en=(
                                        "<p>Under the IOM principles, <b>transfer to third parties</b> is allowed only "
                                        "for a specified purpose, with adequate safeguards and <b>in writing</b> "
                                        "(<i>IOM Data Protection Manual</i>). The holding country keeps ownership of "
                                        "its data and decides what it releases.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Una solicitud con finalidad RETURN_VERIFICATION pide nombres, fecha de "
                                        "nacimiento, número de documento, huellas dactilares y el historial de "
                                        "movimientos de cinco años. ¿Qué responde el país titular?"
                                    ),
                                    en=(
                                        "A request with purpose RETURN_VERIFICATION asks for names, date of birth, "
                                        "document number, fingerprints and five years of movement history. What does "
                                        "the holding country answer?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="Aprueba todo, porque hubo un hit.",
                                            en="It approves everything, because there was a hit.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "Aprueba en parte: entrega los campos de identidad y deniega, con "
                                                "motivo, las huellas y el historial."
                                            ),
                                            en=(
                                                "It approves in part: it releases the identity fields and refuses, "
                                                "with a reason, the fingerprints and the history."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Deniega todo sin dar motivo.",
                                            en="It refuses everything without giving a reason.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es="Reenvía la solicitud a un tercer país para que decida.",
                                            en="It forwards the request to a third country to decide.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Para verificar la identidad de un retornado bastan los campos de "
                                        "identidad. El historial de cinco años y las huellas exceden la finalidad; la "
                                        "<b>aprobación parcial</b> con motivo escrito es la respuesta "
                                        "proporcionada.</p>"
                                    ),
                                    en=(
                                        "<p>The identity fields are enough to verify a returnee's identity. Five years "
                                        "of history and fingerprints go beyond the purpose; <b>partial approval</b> "
                                        "with a written reason is the proportionate answer.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(
                        es="Paso a paso: atender una solicitud justificada",
                        en="Step by step: handling a justified request",
                    ),
                    "slug": T(es="atender-una-solicitud-justificada", en="handling-a-justified-request"),
                    "body": [
                        ("heading", {"text": T(es="Del hit a la respuesta", en="From hit to answer"), "level": "h2"}),
                        ("glossary_term", {"term": 4}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Intervienen dos partes: quien pregunta (oficial o analista del país "
                                    "solicitante) y el <b>punto focal nacional</b> del país titular, normalmente el "
                                    "gestor de alertas. En el protocolo de práctica, una solicitud pasa por los "
                                    "estados SENT (enviada), APPROVED (aprobada), PARTIAL (aprobada en parte), REFUSED "
                                    "(denegada) o EXPIRED (vencida), y el país titular tiene <b>48 horas</b> para "
                                    "responder, por analogía con el plazo de Prüm II.</p>"
                                ),
                                en=(
                                    "<p>Two parties are involved: the one who asks (an officer or analyst of the "
                                    "requesting country) and the <b>national focal point</b> of the holding country, "
                                    "usually the alert manager. In the practice protocol, a request goes through the "
                                    "statuses SENT, APPROVED, PARTIAL (approved in part), REFUSED or EXPIRED, and the "
                                    "holding country has <b>48 hours</b> to answer, by analogy with the Prüm II "
                                    "deadline.</p>"
                                ),
                            ),
                        ),
                        (
                            "procedure",
                            {
                                "title": T(
                                    es="Atender una solicitud recibida (punto focal del país titular)",
                                    en="Handle a request received (focal point of the holding country)",
                                ),
                                "steps": [
                                    {
                                        "title": T(
                                            es="Registre la recepción y la hora límite de respuesta",
                                            en="Record the receipt and the answer deadline",
                                        ),
                                        "detail": T(
                                            es="<p>48 horas desde la recepción en el protocolo de práctica.</p>",
                                            en="<p>48 hours from receipt in the practice protocol.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(es="Verifique quién pide", en="Check who is asking"),
                                        "detail": T(
                                            es=(
                                                "<p>Usuario, autoridad y país solicitante; que exista la consulta con "
                                                "hit y su referencia.</p>"
                                            ),
                                            en=(
                                                "<p>User, authority and requesting country; that the query with the "
                                                "hit and its reference exists.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Compare la finalidad y la referencia de caso con la consulta original",
                                            en="Compare the purpose and case reference with the original query",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Evalúe la necesidad campo por campo",
                                            en="Assess necessity field by field",
                                        ),
                                        "detail": T(
                                            es="<p>¿Cada campo pedido sirve a la finalidad declarada?</p>",
                                            en="<p>Does each field requested serve the declared purpose?</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Revise la sensibilidad del registro",
                                            en="Check the sensitivity of the record",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Menor de edad, víctima de trata, solicitante de asilo o refugiado, "
                                                "biometría.</p>"
                                            ),
                                            en=(
                                                "<p>Minor, victim of trafficking, asylum seeker or refugee, "
                                                "biometrics.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Decida: aprobar, aprobar en parte o denegar",
                                            en="Decide: approve, approve in part or refuse",
                                        ),
                                        "detail": T(
                                            es="<p>Toda aprobación parcial o denegación lleva un motivo escrito.</p>",
                                            en="<p>Every partial approval or refusal carries a written reason.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Responda por el canal oficial solo con los campos aprobados",
                                            en="Reply through the official channel with the approved fields only",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Confirme que la decisión quedó en el registro de auditoría",
                                            en="Confirm that the decision is in the audit log",
                                        ),
                                        "detail": T(
                                            es="<p>Si la alerta debe cambiar, solo su titular la modifica.</p>",
                                            en="<p>If the alert must change, only its owner modifies it.</p>",
                                        ),
                                    },
                                ],
                            },
                        ),
                        ("heading", {"text": T(es="Un caso de práctica", en="A practice case"), "level": "h3"}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>En un puesto guatemalteco se recibe a una persona retornada que dice ser "
                                    "hondureña y no porta documento. El analista abre el caso, consulta por nombres, "
                                    "fecha de nacimiento, sexo y nacionalidad con RETURN_VERIFICATION y la referencia "
                                    "de caso, y solo a Honduras. Honduras responde HIT con una referencia. La "
                                    "solicitud pide nombres, fecha de nacimiento y número del documento nacional de "
                                    "identidad; <b>no pide biometría</b>, porque la finalidad no lo requiere. El punto "
                                    "focal hondureño verifica, aprueba y responde dentro del plazo.</p>"
                                ),
                                en=(
                                    "<p>A Guatemalan post receives a returned person who says she is Honduran and "
                                    "carries no document. The analyst opens the case, queries by names, date of birth, "
                                    "sex and nationality with RETURN_VERIFICATION and the case reference, and asks "
                                    "Honduras only. Honduras answers HIT with a reference. The request asks for names, "
                                    "date of birth and national identity card number; <b>it does not ask for "
                                    "biometrics</b>, because the purpose does not need them. The Honduran focal point "
                                    "checks, approves and answers within the deadline.</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p>Denegar es legítimo: el país titular puede retener los datos cuando la "
                                        "consulta no respeta la limitación de la finalidad. Si le deniegan una "
                                        "solicitud, <b>no la repita con otro código de finalidad</b> para obtener los "
                                        "datos: es un uso indebido y el registro de auditoría lo muestra.</p>"
                                    ),
                                    en=(
                                        "<p>Refusing is legitimate: the holding country may withhold the data when the "
                                        "query does not respect purpose limitation. If a request of yours is refused, "
                                        "<b>do not repeat it with another purpose code</b> to get the data: that is "
                                        "misuse and the audit log shows it.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Le llega una solicitud con referencia de hit válida, pero sin referencia de "
                                        "caso. ¿Qué hace?"
                                    ),
                                    en=(
                                        "You receive a request with a valid hit reference but no case reference. What "
                                        "do you do?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="La aprueba, porque conoce al oficial que la envía.",
                                            en="Approve it, because you know the officer who sent it.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "La deniega con el motivo «sin referencia de caso» o pide que se "
                                                "complete."
                                            ),
                                            en=(
                                                'Refuse it with the reason "no case reference", or ask for it to be '
                                                "completed."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Responde por teléfono para ganar tiempo.",
                                            en="Answer by phone to save time.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es="La reenvía a la Secretaría Técnica de la OCAM.",
                                            en="Forward it to the OCAM Technical Secretariat.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Sin referencia de caso no se puede comprobar la finalidad. Se deniega con "
                                        "motivo escrito, o se pide que se complete dentro del plazo, y <b>todo por el "
                                        "canal oficial</b>, que deja registro.</p>"
                                    ),
                                    en=(
                                        "<p>Without a case reference the purpose cannot be checked. The request is "
                                        "refused with a written reason, or completed within the deadline, and "
                                        "<b>everything goes through the official channel</b>, which keeps a record.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(es="Repaso y evaluación", en="Review and assessment"),
                    "slug": T(es="repaso-y-evaluacion", en="review-and-assessment"),
                    "body": [
                        (
                            "heading",
                            {"text": T(es="Lo esencial del curso", en="The essentials of the course"), "level": "h2"},
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<ul><li>Una consulta hit/no-hit responde solo si existe un registro, con una "
                                    "referencia; los datos se piden después, con una solicitud "
                                    "justificada.</li><li>Toda consulta lleva código de finalidad y referencia de "
                                    "caso.</li><li>Necesidad y proporcionalidad: pregunte solo a quien necesita y pida "
                                    "solo lo que la finalidad requiere.</li><li>Un HIT no es una identidad "
                                    "confirmada.</li><li>Cada consulta queda en el registro de auditoría.</li><li>El "
                                    "país titular aprueba, aprueba en parte o deniega con motivo, dentro del "
                                    "plazo.</li></ul>"
                                ),
                                en=(
                                    "<ul><li>A hit/no-hit query answers only whether a record exists, with a "
                                    "reference; data is asked for afterwards, with a justified request.</li><li>Every "
                                    "query carries a purpose code and a case reference.</li><li>Necessity and "
                                    "proportionality: ask only those you need to and ask only for what the purpose "
                                    "requires.</li><li>A HIT is not a confirmed identity.</li><li>Every query goes "
                                    "into the audit log.</li><li>The holding country approves, approves in part or "
                                    "refuses with a reason, within the deadline.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p>La evaluación tiene 10 preguntas tomadas al azar del banco del curso. Se "
                                        "aprueba con 70 % y tiene 3 intentos. Verá las respuestas correctas cuando "
                                        "apruebe o agote los intentos.</p>"
                                    ),
                                    en=(
                                        "<p>The assessment has 10 questions drawn at random from the course's bank. "
                                        "The pass mark is 70% and you have 3 attempts. You will see the correct "
                                        "answers once you pass or run out of attempts.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Si duda en una pregunta, vuelva a la lección correspondiente antes de "
                                    "responder: la evaluación no tiene límite de tiempo.</p>"
                                ),
                                en=(
                                    "<p>If you are unsure about a question, go back to the lesson before answering: "
                                    "the assessment has no time limit.</p>"
                                ),
                            ),
                        ),
                    ],
                },
            ],
        },
    ],
    "questions": [
        # 1
        {
            "kind": "single_choice",
            "tags": ["hit-no-hit"],
            "points": 1,
            "prompt": T(
                es="¿Qué devuelve cada país miembro a una consulta hit/no-hit?",
                en="What does each member country return to a hit/no-hit query?",
            ),
            "explanation": T(
                es=(
                    "<p>La respuesta dice solo si hay coincidencia, con una referencia y, en caso de hit, la "
                    "categoría, la acción y el contacto. Los datos personales se piden después.</p>"
                ),
                en=(
                    "<p>The answer says only whether there is a match, with a reference and, on a hit, the category, "
                    "the action and the contact. Personal data is asked for afterwards.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(T(es="El expediente completo de la persona.", en="The person's full record.")),
                    option(
                        T(
                            es=(
                                "Hit o no hit, con una referencia; si hay hit, también la categoría de la alerta, la "
                                "acción y el punto de contacto."
                            ),
                            en=(
                                "Hit or no hit, with a reference; on a hit, also the alert category, the action and "
                                "the contact point."
                            ),
                        ),
                        correct=True,
                    ),
                    option(
                        T(
                            es="Una lista de todas las personas con nombres parecidos.",
                            en="A list of everyone with similar names.",
                        )
                    ),
                    option(
                        T(
                            es="Solo el número de movimientos de la persona.",
                            en="Only the person's number of movements.",
                        )
                    ),
                ]
            },
        },
        # 2
        {
            "kind": "single_choice",
            "tags": ["purpose"],
            "points": 1,
            "prompt": T(
                es=(
                    "Un oficial debe verificar la identidad de una persona retornada desde México que no porta "
                    "documento y dice ser hondureña. ¿Qué código de finalidad corresponde?"
                ),
                en=(
                    "An officer must verify the identity of a person returned from Mexico who carries no document and "
                    "says she is Honduran. Which purpose code applies?"
                ),
            ),
            "explanation": T(
                es=(
                    "<p>RETURN_VERIFICATION es la finalidad de verificar la identidad o la nacionalidad de una persona "
                    "retornada.</p>"
                ),
                en=(
                    "<p>RETURN_VERIFICATION is the purpose of verifying a returned person's identity or "
                    "nationality.</p>"
                ),
            ),
            "value": {
                "options": [
                    option("BORDER_CHECK"),
                    option("INVESTIGATION"),
                    option("RETURN_VERIFICATION", correct=True),
                    option("CHILD_PROTECTION"),
                ]
            },
        },
        # 3
        {
            "kind": "single_choice",
            "tags": ["sharing", "data-protection"],
            "points": 1,
            "prompt": T(
                es=(
                    "Por medio de la plataforma, el país de origen de una persona solicitante de asilo pide su "
                    "dirección y sus movimientos recientes. ¿Qué corresponde?"
                ),
                en=(
                    "Through the platform, the country of origin of an asylum seeker asks for her address and recent "
                    "movements. What is the right answer?"
                ),
            ),
            "explanation": T(
                es=(
                    "<p>Los datos de solicitantes de asilo y refugiados <b>nunca</b> deben llegar al país de origen, "
                    "cualquiera que sea el código de finalidad.</p>"
                ),
                en=(
                    "<p>Data on asylum seekers and refugees must <b>never</b> reach the country of origin, whatever "
                    "the purpose code.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(
                        T(
                            es="Aprobar, si la solicitud trae un código de finalidad.",
                            en="Approve, if the request carries a purpose code.",
                        )
                    ),
                    option(T(es="Aprobar en parte: solo la dirección.", en="Approve in part: the address only.")),
                    option(
                        T(
                            es="Denegar: esos datos no se comparten con el país de origen.",
                            en="Refuse: that data is not shared with the country of origin.",
                        ),
                        correct=True,
                    ),
                    option(
                        T(
                            es="Reenviar la solicitud a la OIM para que responda.",
                            en="Forward the request to IOM to answer.",
                        )
                    ),
                ]
            },
        },
        # 4
        {
            "kind": "multiple_response",
            "tags": ["purpose", "audit"],
            "points": 1,
            "prompt": T(
                es=(
                    "Según el protocolo de práctica del curso, ¿qué debe acompañar obligatoriamente a toda consulta "
                    "regional? Marque todas las que correspondan."
                ),
                en="Under the course's practice protocol, what must go with every regional query? Tick all that apply.",
            ),
            "explanation": T(
                es=(
                    "<p>La consulta lleva sus llaves (documento o persona), un código de finalidad y una referencia de "
                    "caso. Ni la fotografía ni la consulta a todos los países son obligatorias.</p>"
                ),
                en=(
                    "<p>A query carries its keys (document or person), a purpose code and a case reference. Neither "
                    "the photograph nor querying every country is mandatory.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(T(es="Un código de finalidad.", en="A purpose code."), correct=True),
                    option(T(es="Una referencia de caso.", en="A case reference."), correct=True),
                    option(
                        T(
                            es=(
                                "Las llaves de búsqueda: documento, o nombres con fecha de nacimiento, sexo y "
                                "nacionalidad."
                            ),
                            en="The search keys: a document, or names with date of birth, sex and nationality.",
                        ),
                        correct=True,
                    ),
                    option(T(es="La fotografía del viajero.", en="The traveller's photograph.")),
                    option(
                        T(es="La selección de todos los países de la OCAM.", en="A selection of every OCAM country.")
                    ),
                ],
                "partial_credit": True,
            },
        },
        # 5
        {
            "kind": "multiple_response",
            "tags": ["audit"],
            "points": 1,
            "prompt": T(
                es=(
                    "¿Cuáles de estos patrones del registro de auditoría deben revisarse? Marque todos los que "
                    "correspondan."
                ),
                en="Which of these audit log patterns must be reviewed? Tick all that apply.",
            ),
            "explanation": T(
                es=(
                    "<p>Exportaciones masivas o nocturnas, consultas sin referencia de caso, consultas sobre colegas o "
                    "personajes públicos y consultas repetidas sobre una misma persona son los patrones de revisión. "
                    "Una consulta con finalidad y caso durante el turno es normal.</p>"
                ),
                en=(
                    "<p>Bulk or overnight exports, queries without a case reference, queries on colleagues or public "
                    "figures and repeated queries on one person are the review patterns. A query with a purpose and a "
                    "case during the shift is normal.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(T(es="Una exportación masiva a las 03:00.", en="A bulk export at 03:00."), correct=True),
                    option(
                        T(es="Consultas sin referencia de caso.", en="Queries without a case reference."), correct=True
                    ),
                    option(
                        T(
                            es="Consultas repetidas sobre la misma persona por el mismo usuario.",
                            en="Repeated queries on the same person by the same user.",
                        ),
                        correct=True,
                    ),
                    option(
                        T(
                            es="Una consulta sobre un colega de la misma delegación.",
                            en="A query on a colleague from the same post.",
                        ),
                        correct=True,
                    ),
                    option(
                        T(
                            es="Una consulta por documento con BORDER_CHECK y referencia de caso durante el turno.",
                            en="A document query with BORDER_CHECK and a case reference during the shift.",
                        )
                    ),
                ],
                "partial_credit": True,
            },
        },
        # 6
        {
            "kind": "true_false",
            "tags": ["hit-no-hit"],
            "points": 1,
            "prompt": T(
                es="Un HIT confirma que el viajero es la persona de la alerta.",
                en="A HIT confirms that the traveller is the person in the alert.",
            ),
            "explanation": T(
                es=(
                    "<p>Falso. Un HIT dice que los datos consultados coinciden con un registro. La identidad se "
                    "verifica en secundaria y se confirma con el país titular.</p>"
                ),
                en=(
                    "<p>False. A HIT says that the data queried matches a record. Identity is verified in secondary "
                    "inspection and confirmed with the holding country.</p>"
                ),
            ),
            "value": {
                "answer": False,
                "feedback_true": T(
                    es="Un HIT es una pista: puede ser un falso positivo por nombres parecidos.",
                    en="A HIT is a lead: it may be a false positive caused by similar names.",
                ),
                "feedback_false": T(
                    es="Correcto: la identidad se verifica y se confirma con el país titular.",
                    en="Right: identity is verified and confirmed with the holding country.",
                ),
            },
        },
        # 7
        {
            "kind": "true_false",
            "tags": ["information-request", "purpose"],
            "points": 1,
            "prompt": T(
                es=(
                    "El país titular puede denegar una solicitud de información si la finalidad de la consulta no "
                    "respeta la limitación de la finalidad."
                ),
                en=(
                    "The holding country may refuse an information request if the purpose of the query does not "
                    "respect purpose limitation."
                ),
            ),
            "explanation": T(
                es=(
                    "<p>Verdadero. En el modelo hit/no-hit, el país titular revisa los antecedentes de la consulta y "
                    "puede retener los datos personales.</p>"
                ),
                en=(
                    "<p>True. In the hit/no-hit model, the holding country checks the background of the query and may "
                    "withhold the personal data.</p>"
                ),
            ),
            "value": {"answer": True, "feedback_true": "", "feedback_false": ""},
        },
        # 8
        {
            "kind": "true_false",
            "tags": ["hit-no-hit", "sharing"],
            "points": 1,
            "prompt": T(
                es="Una respuesta NO_HIT de un país prueba que la persona no tiene ningún registro en ese país.",
                en="A NO_HIT answer from a country proves that the person has no record at all in that country.",
            ),
            "explanation": T(
                es=(
                    "<p>Falso. NO_HIT solo dice que, con las llaves usadas, no hubo coincidencia en los datos que ese "
                    "país comparte con la región.</p>"
                ),
                en=(
                    "<p>False. NO_HIT only says that, with the keys used, nothing matched in the data that country "
                    "shares with the region.</p>"
                ),
            ),
            "value": {"answer": False, "feedback_true": "", "feedback_false": ""},
        },
        # 9
        {
            "kind": "numeric",
            "tags": ["information-request"],
            "points": 1,
            "prompt": T(
                es=(
                    "En el protocolo de práctica del curso, ¿cuántas horas tiene el país titular para responder una "
                    "solicitud justificada de información?"
                ),
                en=(
                    "In the course's practice protocol, how many hours does the holding country have to answer a "
                    "justified information request?"
                ),
            ),
            "explanation": T(
                es="<p>48 horas, por analogía con el plazo de respuesta que introduce Prüm II.</p>",
                en="<p>48 hours, by analogy with the answer deadline introduced by Prüm II.</p>",
            ),
            "value": {"answer": "48", "tolerance": "0", "unit": T(es="horas", en="hours")},
        },
        # 10
        {
            "kind": "numeric",
            "tags": ["hit-no-hit"],
            "points": 1,
            "prompt": T(
                es=(
                    "La base SLTD de INTERPOL da en la realidad alrededor de 1 coincidencia por cada 12 000 consultas. "
                    "Con esa tasa, ¿cuántas coincidencias se esperan en 36 000 consultas?"
                ),
                en=(
                    "In reality INTERPOL's SLTD database gives about 1 hit for every 12,000 queries. At that rate, how "
                    "many hits would you expect from 36,000 queries?"
                ),
            ),
            "explanation": T(
                es=(
                    "<p>36 000 ÷ 12 000 = 3. Las coincidencias reales son escasas; por eso el entorno de práctica "
                    "infla las alertas y lo declara.</p>"
                ),
                en=(
                    "<p>36,000 ÷ 12,000 = 3. Real hits are rare; that is why the practice environment inflates alerts "
                    "and says so.</p>"
                ),
            ),
            "value": {"answer": "3", "tolerance": "0", "unit": ""},
        },
        # 11
        {
            "kind": "short_text",
            "tags": ["hit-no-hit"],
            "points": 1,
            "prompt": T(
                es=(
                    "Además de «hit», ¿qué recibe el país solicitante que le permite pedir después los detalles al "
                    "país titular? Responda con una palabra."
                ),
                en=(
                    'Besides "hit", what does the requesting country receive that lets it ask the holding country '
                    "for the details later? Answer in one word."
                ),
            ),
            "explanation": T(
                es=(
                    "<p>Una <b>referencia</b> (un identificador opaco del registro en el país titular). Con ella se "
                    "envía la solicitud justificada.</p>"
                ),
                en=(
                    "<p>A <b>reference</b> (an opaque identifier of the record in the holding country). The justified "
                    "request is sent with it.</p>"
                ),
            ),
            "value": {
                "accepted_answers": [
                    T(es="referencia", en="reference"),
                    T(es="una referencia", en="a reference"),
                    T(es="la referencia", en="opaque reference"),
                    T(es="referencia opaca", en="reference token"),
                    "token",
                    T(es="reference", en="referencia"),
                ]
            },
        },
        # 12
        {
            "kind": "short_text",
            "tags": ["purpose", "data-protection"],
            "points": 1,
            "prompt": T(
                es=(
                    "¿Cómo se llama el principio según el cual los datos recogidos para un fin no se usan para otro "
                    "fin incompatible?"
                ),
                en=(
                    "What is the name of the principle that data collected for one purpose is not used for another, "
                    "incompatible purpose?"
                ),
            ),
            "explanation": T(
                es=(
                    "<p>Es la <b>limitación de la finalidad</b>; entre los principios de la OIM corresponde a la "
                    "finalidad especificada y legítima.</p>"
                ),
                en=(
                    "<p>It is <b>purpose limitation</b>; among the IOM principles it corresponds to a specified and "
                    "legitimate purpose.</p>"
                ),
            ),
            "value": {
                "accepted_answers": [
                    T(es="limitación de la finalidad", en="purpose limitation"),
                    T(es="limitación de finalidad", en="limitation of purpose"),
                    T(es="limitación del propósito", en="specified and legitimate purpose"),
                    T(es="finalidad especificada y legítima", en="purpose limitation principle"),
                    T(es="purpose limitation", en="limitación de la finalidad"),
                ]
            },
        },
        # 13
        {
            "kind": "matching",
            "tags": ["purpose"],
            "points": 1,
            "prompt": T(
                es="Relacione cada situación con su código de finalidad.",
                en="Match each situation with its purpose code.",
            ),
            "explanation": T(
                es="<p>El código describe para qué se consulta, y limita lo que se puede pedir después.</p>",
                en="<p>The code describes what the query is for, and limits what may be asked for afterwards.</p>",
            ),
            "value": {
                "pairs": [
                    {
                        "prompt": T(
                            es="Control primario de un pasajero en La Aurora",
                            en="Primary check of a passenger at La Aurora",
                        ),
                        "match": "BORDER_CHECK",
                    },
                    {
                        "prompt": T(
                            es="Caso abierto por tráfico ilícito de migrantes", en="Open case of migrant smuggling"
                        ),
                        "match": "INVESTIGATION",
                    },
                    {
                        "prompt": T(
                            es="Verificar la nacionalidad de un retornado desde México",
                            en="Verifying the nationality of a returnee from Mexico",
                        ),
                        "match": "RETURN_VERIFICATION",
                    },
                    {
                        "prompt": T(
                            es="Niña con una posible alerta Alba-Keneth en una salida",
                            en="A girl with a possible Alba-Keneth alert at an exit",
                        ),
                        "match": "CHILD_PROTECTION",
                    },
                ]
            },
        },
        # 14
        {
            "kind": "matching",
            "tags": ["data-protection"],
            "points": 1,
            "prompt": T(
                es="Relacione cada principio de protección de datos de la OIM con una práctica que lo aplica.",
                en="Match each IOM data protection principle with a practice that applies it.",
            ),
            "explanation": T(
                es=(
                    "<p>Los principios se vuelven concretos en cada consulta: declarar la finalidad, compartir por "
                    "escrito, proteger el acceso, fijar plazos y corregir errores.</p>"
                ),
                en=(
                    "<p>The principles become concrete in every query: declare the purpose, share in writing, protect "
                    "access, set time limits and correct errors.</p>"
                ),
            ),
            "value": {
                "pairs": [
                    {
                        "prompt": T(es="Finalidad especificada y legítima", en="Specified and legitimate purpose"),
                        "match": T(
                            es="Declarar el código de finalidad en cada consulta",
                            en="Declare the purpose code in every query",
                        ),
                    },
                    {
                        "prompt": T(es="Transferencia a terceros", en="Transfer to third parties"),
                        "match": T(
                            es="Compartir solo por escrito, con fin especificado y salvaguardas",
                            en="Share only in writing, for a specified purpose and with safeguards",
                        ),
                    },
                    {
                        "prompt": T(es="Seguridad de los datos", en="Data security"),
                        "match": T(
                            es="Entrar con cuenta personal y no compartir contraseñas",
                            en="Log in with a personal account and share no passwords",
                        ),
                    },
                    {
                        "prompt": T(es="Conservación de los datos personales", en="Retention of personal data"),
                        "match": T(
                            es="Fijar plazos para archivar o eliminar registros",
                            en="Set time limits for archiving or deleting records",
                        ),
                    },
                    {
                        "prompt": T(es="Calidad de los datos", en="Data quality"),
                        "match": T(
                            es="Corregir una fecha de nacimiento imposible antes de compartir",
                            en="Correct an impossible date of birth before sharing",
                        ),
                    },
                ]
            },
        },
        # 15
        {
            "kind": "ordering",
            "tags": ["hit-no-hit", "information-request"],
            "points": 1,
            "prompt": T(
                es="Ordene los pasos de una consulta regional, del primero al último.",
                en="Put the steps of a regional query in order, from first to last.",
            ),
            "explanation": T(
                es=(
                    "<p>Caso y finalidad primero; luego la consulta, la respuesta hit/no-hit, la solicitud justificada "
                    "y, por último, la respuesta con los campos aprobados.</p>"
                ),
                en=(
                    "<p>Case and purpose first; then the query, the hit/no-hit answer, the justified request and, "
                    "last, the answer with the approved fields.</p>"
                ),
            ),
            "value": {
                "items": [
                    T(es="Abrir el caso y anotar su referencia", en="Open the case and note its reference"),
                    T(es="Consultar con código de finalidad", en="Query with a purpose code"),
                    T(es="Recibir HIT o NO_HIT con una referencia", en="Receive HIT or NO_HIT with a reference"),
                    T(
                        es="Enviar la solicitud justificada al país titular",
                        en="Send the justified request to the holding country",
                    ),
                    T(es="Recibir solo los campos aprobados", en="Receive only the approved fields"),
                ]
            },
        },
        # 16
        {
            "kind": "ordering",
            "tags": ["information-request"],
            "points": 1,
            "prompt": T(
                es="Usted es el punto focal del país titular. Ordene los pasos para atender una solicitud justificada.",
                en=(
                    "You are the focal point of the holding country. Put the steps for handling a justified request in "
                    "order."
                ),
            ),
            "explanation": T(
                es=(
                    "<p>Primero se registra la recepción y el plazo, luego se verifica quién pide y para qué, se "
                    "evalúan los campos y su sensibilidad, se decide y responde, y todo queda auditado.</p>"
                ),
                en=(
                    "<p>First the receipt and deadline are recorded, then who is asking and why is checked, the fields "
                    "and their sensitivity are assessed, the decision is made and sent, and everything is audited.</p>"
                ),
            ),
            "value": {
                "items": [
                    T(es="Registrar la recepción y la hora límite", en="Record the receipt and the deadline"),
                    T(
                        es="Verificar al solicitante y la consulta con hit",
                        en="Check the requester and the query with the hit",
                    ),
                    T(
                        es="Comparar finalidad y referencia de caso con la consulta original",
                        en="Compare purpose and case reference with the original query",
                    ),
                    T(
                        es="Evaluar cada campo pedido y la sensibilidad del registro",
                        en="Assess each field requested and the record's sensitivity",
                    ),
                    T(
                        es="Decidir y responder por el canal oficial",
                        en="Decide and answer through the official channel",
                    ),
                    T(
                        es="Confirmar que la decisión quedó en el registro de auditoría",
                        en="Confirm that the decision is in the audit log",
                    ),
                ]
            },
        },
    ],
    "quiz": {
        "module": 2,
        "lesson": 2,
        "question_count": 10,
        "pass_mark": 70,
        "max_attempts": 3,
        "time_limit_minutes": None,
        "feedback": "when_done",
        "title": T(
            es="Evaluación: consulta entre países y protección de datos",
            en="Assessment: cross-country consultation and data protection",
        ),
        "introduction": T(
            es=(
                "<p>Diez preguntas sobre el modelo hit/no-hit, la finalidad, la auditoría y las solicitudes "
                "justificadas. Se aprueba con 70 %.</p>"
            ),
            en=(
                "<p>Ten questions on the hit/no-hit model, purpose, auditing and justified requests. The pass mark is "
                "70%.</p>"
            ),
        ),
    },
    # Hands-on exercises in the learner's own sandbox (issue 20), required to complete the course.
    "exercises": [
        # Consultation exercises (issue 20: #6 and the refused consultation)
        {
            "module": 2,
            "lesson": 0,
            "type": "consultation_verify_nationality",
            "parameters": {},
            "title": T(
                es="Práctica: verificar la nacionalidad de una persona retornada",
                en="Practice: verifying a returnee's nationality",
            ),
            "instructions": T(
                es=(
                    "<p>Una persona retornada dice ser nacional de otro país miembro y no trae documentos. Consulte "
                    "a los países miembros por nombre y fecha de nacimiento, con la finalidad de verificación de "
                    "retorno y el número del expediente como referencia de caso. Tras la coincidencia, pida al país "
                    "que la tiene solo los campos que verifican la nacionalidad.</p>"
                ),
                en=(
                    "<p>A returned person says they are a national of another member country and carries no "
                    "document. Consult the member countries by name and date of birth, for return verification, "
                    "with the file number as the case reference. After the hit, ask the country that has it for "
                    "only the fields that verify the nationality.</p>"
                ),
            ),
        },
        {
            "module": 0,
            "lesson": 1,
            "type": "consultation_case_reference",
            "parameters": {},
            "title": T(
                es="Práctica: una consulta rechazada sin referencia de caso",
                en="Practice: a consultation refused without a case reference",
            ),
            "instructions": T(
                es=(
                    "<p>Un colega preparó una consulta a partir de un expediente y la dejó sin referencia de caso. "
                    "Ábrala desde el ejercicio y envíela: será rechazada. Corríjala con la referencia del "
                    "expediente y envíela de nuevo.</p>"
                ),
                en=(
                    "<p>A colleague prepared a consultation from a case file and left it without a case reference. "
                    "Open it from the exercise and send it: it will be refused. Correct it with the file's reference "
                    "and send it again.</p>"
                ),
            ),
        },
        # Audit review and an incoming request (issue 20: #13 and minimal release)
        {
            "module": 1,
            "lesson": 2,
            "type": "audit_review",
            "parameters": {},
            "pass_mark": 80,
            "title": T(es="Práctica: revisar el registro de auditoría", en="Practice: reviewing the audit log"),
            "instructions": T(
                es=(
                    "<p>Como punto focal de su país, revise unos días del registro de auditoría y marque para "
                    "revisión cada consulta que no corresponde al trabajo: sin número de caso, sobre un colega o "
                    "una figura pública, una exportación masiva de madrugada o la misma persona consultada una y "
                    "otra vez. Se aprueba con un F1 de 0,8.</p>"
                ),
                en=(
                    "<p>As your country's focal point, review a few days of the audit log and flag for review each "
                    "consultation that does not fit the work: without a case number, about a colleague or a public "
                    "figure, a bulk export at night, or the same person looked up again and again. The pass mark "
                    "is an F1 of 0.8.</p>"
                ),
            ),
        },
        {
            "module": 2,
            "lesson": 1,
            "type": "incoming_request_minimal",
            "parameters": {},
            "title": T(
                es="Práctica: responder una solicitud con la entrega mínima",
                en="Practice: answering a request with minimal release",
            ),
            "instructions": T(
                es=(
                    "<p>Otro país miembro le pide datos de una persona de sus registros. Como punto focal, responda "
                    "en su bandeja de solicitudes recibidas: entregue solo lo que la finalidad permite y el caso "
                    "necesita, y explique por qué retiene el resto.</p>"
                ),
                en=(
                    "<p>Another member country asks for the data of a person in your records. As focal point, "
                    "answer it in your incoming requests: release only what the purpose allows and the case needs, "
                    "and say why you withhold the rest.</p>"
                ),
            ),
        },
    ],
}
