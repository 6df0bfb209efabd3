"""Demo course: cross-country consultation between OCAM members and the protection of the data it touches.

Substance from the project's domain notes (`shared/domain/DOMAIN.md`, §0, §1.3 to §1.4, §4): the
hit/no-hit model (Prüm, SIS/SIRENE), the IOM Data Protection Principles and Manual, audit design.
The consultation protocol taught here (purpose codes, 48-hour answer, request statuses) is the
platform sandbox's practice protocol, inspired by Prüm II; it is not an agreed OCAM protocol,
and the lessons say so.
"""

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
    "es": {
        "title": "Consulta entre países y protección de datos",
        "slug": "consulta-entre-paises-y-proteccion-de-datos",
        "summary": (
            "Cómo consultar a otro país miembro de la OCAM sin exponer datos personales: el modelo hit/no-hit, "
            "la limitación de la finalidad, la necesidad y la proporcionalidad, los principios de protección de "
            "datos de la OIM, el registro de auditoría y la atención, paso a paso, de una solicitud justificada "
            "de información."
        ),
        "outcomes": [
            "Explicar qué responde una consulta hit/no-hit y qué no responde.",
            "Elegir el código de finalidad y la referencia de caso adecuados antes de consultar.",
            "Aplicar los principios de protección de datos de la OIM a una consulta concreta.",
            "Reconocer en un registro de auditoría las consultas que deben revisarse.",
            "Atender una solicitud justificada de información: aprobarla, aprobarla en parte o denegarla con motivo.",
        ],
        "cover_alt": (
            "Ocho recuadros con los códigos BLZ, CRI, DOM, GTM, HND, NIC, PAN y SLV, unidos por líneas punteadas "
            "a un círculo central con un candado: las consultas pasan por el centro, los registros no."
        ),
    },
    "en": {
        "title": "Cross-country consultation and data protection",
        "slug": "cross-country-consultation-and-data-protection",
        "summary": (
            "How to consult another OCAM member country without exposing personal data: the hit/no-hit model, "
            "purpose limitation, necessity and proportionality, the IOM data protection principles, the audit "
            "log, and handling a justified information request step by step."
        ),
        "outcomes": [
            "Explain what a hit/no-hit query answers and what it does not.",
            "Choose the right purpose code and case reference before querying.",
            "Apply the IOM data protection principles to a specific query.",
            "Recognise, in an audit log, the queries that must be reviewed.",
            "Handle a justified information request: approve it, approve it in part or refuse it with a reason.",
        ],
        "cover_alt": (
            "Eight boxes with the codes BLZ, CRI, DOM, GTM, HND, NIC, PAN and SLV, joined by dotted lines to a "
            "central circle with a padlock: queries pass through the centre, records do not."
        ),
    },
    "glossary": [
        {
            "es": {
                "term": "Consulta hit/no-hit (coincidencia / sin coincidencia)",
                "definition": (
                    "Consulta en la que la base de datos consultada responde solo si existe o no un registro que "
                    "coincide (hit o no hit), más una referencia. Los datos personales se entregan únicamente "
                    "después, ante una solicitud justificada que el país titular puede denegar."
                ),
            },
            "en": {
                "term": "Hit/no-hit query",
                "definition": (
                    "A query to which the database consulted answers only whether a matching record exists (hit "
                    "or no hit), plus a reference. Personal data is released only afterwards, on a justified "
                    "request that the data-holding country may refuse."
                ),
            },
        },
        {
            "es": {
                "term": "Limitación de la finalidad",
                "definition": (
                    "Principio según el cual los datos personales recogidos para un fin especificado y legítimo "
                    "no se usan para otro fin incompatible. En una consulta, la finalidad se declara antes de "
                    "consultar y limita lo que se puede pedir."
                ),
            },
            "en": {
                "term": "Purpose limitation",
                "definition": (
                    "The principle that personal data collected for a specified and legitimate purpose is not "
                    "used for another, incompatible purpose. In a consultation, the purpose is declared before "
                    "querying and limits what may be asked for."
                ),
            },
        },
        {
            "es": {
                "term": "Código de finalidad",
                "definition": (
                    "Código obligatorio que acompaña cada consulta y declara para qué se hace, por ejemplo "
                    "BORDER_CHECK, INVESTIGATION, RETURN_VERIFICATION o CHILD_PROTECTION en el protocolo de "
                    "práctica de la plataforma. Va siempre junto con una referencia de caso."
                ),
            },
            "en": {
                "term": "Purpose code",
                "definition": (
                    "A mandatory code attached to every query that declares what it is for, for example "
                    "BORDER_CHECK, INVESTIGATION, RETURN_VERIFICATION or CHILD_PROTECTION in the platform's "
                    "practice protocol. It always goes with a case reference."
                ),
            },
        },
        {
            "es": {
                "term": "Registro de auditoría (bitácora)",
                "definition": (
                    "Registro automático de cada consulta, visualización, exportación y modificación: quién, con "
                    "qué rol, desde qué puesto, cuándo, con qué parámetros, con qué finalidad y referencia de "
                    "caso, con qué resultado y con qué seguimiento."
                ),
            },
            "en": {
                "term": "Audit log",
                "definition": (
                    "An automatic record of every query, view, export and change: who, in which role, from which "
                    "post, when, with which parameters, for which purpose and case reference, with which result "
                    "and with which follow-up."
                ),
            },
        },
        {
            "es": {
                "term": "Solicitud justificada de información",
                "definition": (
                    "Petición que el país solicitante envía al país titular después de un hit, indicando la "
                    "referencia del hit, la finalidad, la referencia de caso, los campos que necesita y por qué. "
                    "El país titular la aprueba, la aprueba en parte o la deniega con motivo."
                ),
            },
            "en": {
                "term": "Justified information request",
                "definition": (
                    "A request the requesting country sends to the data-holding country after a hit, stating the "
                    "hit reference, the purpose, the case reference, the fields it needs and why. The holding "
                    "country approves it, approves it in part or refuses it with a reason."
                ),
            },
        },
    ],
    "modules": [
        # ------------------------------------------------------------------ module 1
        {
            "requires_previous_module": False,
            "es": {
                "title": "El modelo hit/no-hit",
                "slug": "el-modelo-hit-no-hit",
                "summary": (
                    "Por qué los países de la región se consultan, cómo se pregunta sin trasladar expedientes y "
                    "cómo se lee una respuesta."
                ),
            },
            "en": {
                "title": "The hit/no-hit model",
                "slug": "the-hit-no-hit-model",
                "summary": (
                    "Why the countries of the region consult each other, how to ask without moving files across "
                    "borders, and how to read an answer."
                ),
            },
            "lessons": [
                {
                    "estimated_minutes": 15,
                    "is_required": True,
                    "es": {
                        "title": "Por qué consultar entre países",
                        "slug": "por-que-consultar-entre-paises",
                        "body": [
                            ("heading", {"text": "Una región, varios sistemas nacionales", "level": "h2"}),
                            (
                                "text",
                                "<p>La OCAM (Comisión Centroamericana de Directores de Migración) reúne a las "
                                "autoridades migratorias de Belice, Costa Rica, El Salvador, Guatemala, Honduras, "
                                "Nicaragua, Panamá y República Dominicana. La OIM es su Secretaría Técnica desde "
                                "enero de 1999. Entre los objetivos de la OCAM en materia de sistemas de información "
                                "están el <b>intercambio de información</b>, la recolección y el análisis de datos "
                                "migratorios, la preselección de pasajeros y el APIS.</p>"
                                "<p>Los viajeros se mueven por toda la región. Dentro del CA-4 (Guatemala, "
                                "El Salvador, Honduras y Nicaragua), los nacionales cruzan con su documento de "
                                "identidad y pueden permanecer hasta 90 días. Por eso la información que ayuda a "
                                "resolver un caso en una delegación muchas veces está en el sistema de otro país.</p>",
                            ),
                            (
                                "image",
                                {
                                    "image": "consultation-federation.svg",
                                    "alt_text": (
                                        "Dos esquemas. A la izquierda, marcado con una X roja, las bases de datos de "
                                        "GTM, SLV, HND y NIC copian sus registros a una base central. A la derecha, "
                                        "marcado con un visto verde, cada base se queda en su país y solo circulan "
                                        "preguntas y respuestas HIT / NO_HIT a través de un punto central."
                                    ),
                                    "caption": (
                                        "Federar, no centralizar: cada país conserva sus registros y responde a "
                                        "consultas."
                                    ),
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "legal",
                                    "text": "<p>En los despliegues de MIDAS, el sistema de gestión fronteriza de la "
                                    "OIM, <b>los gobiernos conservan la propiedad completa y exclusiva de los datos "
                                    "registrados</b> (OIM, kmhub.iom.int). Por eso el diseño que se practica en "
                                    "este curso es federado: la plataforma regional pregunta a los nodos "
                                    "nacionales y no guarda una copia central de los datos personales.</p>",
                                },
                            ),
                            ("heading", {"text": "Para qué sirve una consulta, y para qué no", "level": "h3"}),
                            (
                                "text",
                                "<p>Una consulta a otro país sirve para resolver un caso concreto:</p>"
                                "<ul><li>verificar la identidad de una persona, por ejemplo un retornado que "
                                "declara otra nacionalidad y no porta documento;</li>"
                                "<li>saber si un documento fue reportado como robado, extraviado o anulado;</li>"
                                "<li>saber si existe una alerta de otro país y qué acción pide.</li></ul>"
                                "<p>No sirve para buscar personas por curiosidad, para revisar a vecinos, "
                                "colegas o personajes públicos, ni para producir estadísticas: los usuarios "
                                "regionales de la OCAM trabajan solo con datos agregados.</p>",
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": (
                                        "¿Quién es propietario de los datos que registra un sistema como MIDAS en un "
                                        "país miembro?"
                                    ),
                                    "options": [
                                        {"text": "La OIM, que provee el sistema.", "is_correct": False, "feedback": ""},
                                        {
                                            "text": "La OCAM, como organismo regional.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "El gobierno del país que registró los datos.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Cualquier país miembro que los consulte.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>La OIM garantiza que los gobiernos tengan la propiedad "
                                    "<b>completa y exclusiva</b> de los datos registrados en MIDAS. Los demás "
                                    "países solo reciben lo que el país titular decide compartir.</p>",
                                },
                            ),
                        ],
                    },
                    "en": {
                        "title": "Why countries consult each other",
                        "slug": "why-countries-consult-each-other",
                        "body": [
                            ("heading", {"text": "One region, several national systems", "level": "h2"}),
                            (
                                "text",
                                "<p>OCAM (the Central American Commission of Migration Directors) brings together "
                                "the migration authorities of Belize, Costa Rica, El Salvador, Guatemala, Honduras, "
                                "Nicaragua, Panama and the Dominican Republic. IOM has been its Technical "
                                "Secretariat since January 1999. OCAM's information-systems aims include "
                                "<b>information exchange</b>, the collection and analysis of migration data, "
                                "passenger pre-screening and APIS.</p>"
                                "<p>Travellers move all over the region. Within the CA-4 (Guatemala, El Salvador, "
                                "Honduras and Nicaragua), nationals cross with their national identity card and may "
                                "stay up to 90 days. That is why the information that helps to settle a case at one "
                                "border post is often held in another country's system.</p>",
                            ),
                            (
                                "image",
                                {
                                    "image": "consultation-federation.svg",
                                    "alt_text": (
                                        "Two diagrams. On the left, marked with a red X, the databases of GTM, SLV, "
                                        "HND and NIC copy their records into one central database. On the right, "
                                        "marked with a green tick, each database stays in its country and only "
                                        "questions and HIT / NO_HIT answers travel through a central point."
                                    ),
                                    "caption": "Federate, do not centralise: each country keeps its records and "
                                    "answers queries.",
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "legal",
                                    "text": "<p>In deployments of MIDAS, IOM's border management information "
                                    "system, <b>governments keep complete and exclusive ownership of the data "
                                    "recorded</b> (IOM, kmhub.iom.int). That is why the design practised in this "
                                    "course is federated: the regional platform asks the national nodes and keeps "
                                    "no central copy of personal data.</p>",
                                },
                            ),
                            ("heading", {"text": "What a query is for, and what it is not for", "level": "h3"}),
                            (
                                "text",
                                "<p>A query to another country serves to settle a specific case:</p>"
                                "<ul><li>to verify a person's identity, for example a returnee who declares another "
                                "nationality and carries no document;</li>"
                                "<li>to find out whether a document has been reported stolen, lost or revoked;</li>"
                                "<li>to find out whether another country has an alert and what action it asks "
                                "for.</li></ul>"
                                "<p>It is not for looking people up out of curiosity, for checking on neighbours, "
                                "colleagues or public figures, or for producing statistics: OCAM's regional users "
                                "work with aggregated data only.</p>",
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "Who owns the data that a system such as MIDAS records in a member "
                                    "country?",
                                    "options": [
                                        {
                                            "text": "IOM, which provides the system.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {"text": "OCAM, as a regional body.", "is_correct": False, "feedback": ""},
                                        {
                                            "text": "The government of the country that recorded the data.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Any member country that queries it.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>IOM ensures that governments have <b>complete and "
                                    "exclusive</b> ownership of the data recorded in MIDAS. Other countries receive "
                                    "only what the holding country decides to share.</p>",
                                },
                            ),
                        ],
                    },
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "es": {
                        "title": "Cómo funciona una consulta hit/no-hit",
                        "slug": "como-funciona-una-consulta-hit-no-hit",
                        "body": [
                            ("heading", {"text": "Preguntar lo mínimo", "level": "h2"}),
                            ("glossary_term", {"term": 0}),
                            (
                                "text",
                                "<p>En el modelo hit/no-hit la base consultada responde solo <b>hit</b> o "
                                "<b>no hit</b>, más una referencia (país titular e índice). Es el modelo de Prüm "
                                "en la Unión Europea. El Sistema de Información Schengen (SIS) funciona igual: una "
                                "alerta contiene solo los datos indispensables para identificar a la persona o el "
                                "objeto y <b>la acción que se debe tomar</b>; la información complementaria viaja "
                                "después entre las oficinas nacionales SIRENE.</p>"
                                "<p>Se consulta con una de estas dos llaves:</p>"
                                "<ul><li><b>documento</b>: número, Estado emisor y tipo;</li>"
                                "<li><b>persona</b>: nombres, fecha de nacimiento, sexo y nacionalidad.</li></ul>"
                                "<p>Los identificadores fuertes van primero: número de documento antes que nombre, "
                                "nombre antes que fecha de nacimiento.</p>",
                            ),
                            (
                                "image",
                                {
                                    "image": "consultation-hit-no-hit-flow.svg",
                                    "alt_text": (
                                        "Secuencia: 1, GTM consulta un documento a HND, SLV y NIC con finalidad y"
                                        " caso; 2, HND responde HIT con la referencia R-7F3A, SLV y NIC responden"
                                        " NO_HIT; 3, GTM envía a HND una solicitud con la referencia; 4, HND "
                                        "tiene hasta 48 horas; 5, HND aprueba, aprueba en parte o deniega."
                                    ),
                                    "caption": (
                                        "Consulta, respuesta, solicitud justificada y decisión del país titular."
                                    ),
                                },
                            ),
                            (
                                "text",
                                "<p>En el protocolo de práctica de la plataforma, cada país miembro responde "
                                "país por país con <b>HIT</b> o <b>NO_HIT</b>. Un HIT trae una referencia opaca, la "
                                "categoría de la alerta, la acción que se debe tomar y el punto de contacto, pero "
                                "<b>no el expediente completo</b>. Este protocolo se inspira en Prüm y en el SIS; "
                                "no es un protocolo acordado formalmente por la OCAM.</p>",
                            ),
                            (
                                "procedure",
                                {
                                    "title": "Lanzar una consulta regional",
                                    "steps": [
                                        {
                                            "title": "Abra el caso y anote su referencia",
                                            "detail": "<p>Sin referencia de caso no hay consulta.</p>",
                                        },
                                        {
                                            "title": "Elija el código de finalidad que corresponde al caso",
                                            "detail": "<p>BORDER_CHECK, INVESTIGATION, RETURN_VERIFICATION o "
                                            "CHILD_PROTECTION.</p>",
                                        },
                                        {"title": "Consulte primero su sistema nacional", "detail": ""},
                                        {
                                            "title": "Consulte por documento si lo tiene",
                                            "detail": "<p>Número, Estado emisor y tipo de documento.</p>",
                                        },
                                        {
                                            "title": "Si no hay documento, consulte por persona",
                                            "detail": "<p>Nombres, fecha de nacimiento, sexo y nacionalidad.</p>",
                                        },
                                        {"title": "Seleccione solo los países que el caso necesita", "detail": ""},
                                        {
                                            "title": "Anote en el caso el resultado de cada país y su referencia",
                                            "detail": "",
                                        },
                                    ],
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "text": "<p>Un <b>NO_HIT</b> no es una constancia de que la persona no tenga "
                                    "registros en ese país. Solo dice que, con las llaves usadas, no hubo "
                                    "coincidencia en los datos que ese país comparte con la región.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "Una consulta por documento devuelve HIT en Honduras. ¿Qué recibe "
                                    "usted en ese momento?",
                                    "options": [
                                        {
                                            "text": "El expediente completo, con fotografía y huellas.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "El HIT, una referencia, la categoría de la alerta, la acción que "
                                            "se debe tomar y el punto de contacto.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Nada, hasta que Honduras apruebe la consulta.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "El nombre del oficial que creó la alerta y su número de teléfono "
                                            "personal.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>El HIT dice que hay una coincidencia y qué hacer. Los "
                                    "datos personales se piden después, con una <b>solicitud justificada</b>.</p>",
                                },
                            ),
                        ],
                    },
                    "en": {
                        "title": "How a hit/no-hit query works",
                        "slug": "how-a-hit-no-hit-query-works",
                        "body": [
                            ("heading", {"text": "Ask for the minimum", "level": "h2"}),
                            ("glossary_term", {"term": 0}),
                            (
                                "text",
                                "<p>In the hit/no-hit model the database consulted answers only <b>hit</b> or "
                                "<b>no hit</b>, plus a reference (holding country and index). This is the Prüm "
                                "model in the European Union. The Schengen Information System (SIS) works the same "
                                "way: an alert holds only the information indispensable to identify the person or "
                                "object and <b>the action to be taken</b>; supplementary information moves later "
                                "between the national SIRENE bureaux.</p>"
                                "<p>A query uses one of two keys:</p>"
                                "<ul><li><b>document</b>: number, issuing state and type;</li>"
                                "<li><b>person</b>: names, date of birth, sex and nationality.</li></ul>"
                                "<p>Hard identifiers come first: document number before name, name before date of "
                                "birth.</p>",
                            ),
                            (
                                "image",
                                {
                                    "image": "consultation-hit-no-hit-flow.svg",
                                    "alt_text": (
                                        "Sequence: 1, GTM queries a document to HND, SLV and NIC with a purpose and a "
                                        "case; 2, HND answers HIT with reference R-7F3A, SLV and NIC answer NO_HIT; "
                                        "3, GTM sends HND a request with the reference; 4, HND has up to 48 hours; "
                                        "5, HND approves, approves in part or refuses."
                                    ),
                                    "caption": "Query, answer, justified request and the holding country's decision.",
                                },
                            ),
                            (
                                "text",
                                "<p>In the platform's practice protocol, each member country answers country by "
                                "country with <b>HIT</b> or <b>NO_HIT</b>. A HIT carries an opaque reference, the "
                                "alert category, the action to be taken and the contact point, but <b>not the full "
                                "record</b>. The protocol is inspired by Prüm and SIS; it is not a protocol formally "
                                "agreed by OCAM.</p>",
                            ),
                            (
                                "procedure",
                                {
                                    "title": "Launch a regional query",
                                    "steps": [
                                        {
                                            "title": "Open the case and note its reference",
                                            "detail": "<p>No case reference, no query.</p>",
                                        },
                                        {
                                            "title": "Choose the purpose code that fits the case",
                                            "detail": "<p>BORDER_CHECK, INVESTIGATION, RETURN_VERIFICATION or "
                                            "CHILD_PROTECTION.</p>",
                                        },
                                        {"title": "Check your national system first", "detail": ""},
                                        {
                                            "title": "Query by document if you have one",
                                            "detail": "<p>Number, issuing state and document type.</p>",
                                        },
                                        {
                                            "title": "If there is no document, query by person",
                                            "detail": "<p>Names, date of birth, sex and nationality.</p>",
                                        },
                                        {"title": "Select only the countries the case needs", "detail": ""},
                                        {
                                            "title": "Record each country's result and reference in the case",
                                            "detail": "",
                                        },
                                    ],
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "text": "<p>A <b>NO_HIT</b> does not certify that the person has no records in "
                                    "that country. It only says that, with the keys used, nothing matched in the "
                                    "data that country shares with the region.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "A document query returns a HIT in Honduras. What do you receive at "
                                    "that moment?",
                                    "options": [
                                        {
                                            "text": "The full record, with photograph and fingerprints.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "The HIT, a reference, the alert category, the action to be taken "
                                            "and the contact point.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Nothing, until Honduras approves the query.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "The name of the officer who created the alert and their personal "
                                            "phone number.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>The HIT says that there is a match and what to do. Personal "
                                    "data is asked for later, with a <b>justified request</b>.</p>",
                                },
                            ),
                        ],
                    },
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "es": {
                        "title": "Leer una respuesta: coincidencia no es identidad",
                        "slug": "leer-una-respuesta",
                        "body": [
                            ("heading", {"text": "Un HIT es una pista, no una confirmación", "level": "h2"}),
                            (
                                "text",
                                "<p>Un HIT dice que los datos consultados coinciden con un registro, no que la "
                                "persona que tiene enfrente sea la persona de la alerta. Las herramientas de "
                                "comparación de nombres combinan medidas como Jaro-Winkler, la distancia de "
                                "edición y claves fonéticas, con umbrales ajustables (un valor mínimo habitual "
                                "es 0.88). Las búsquedas por nombre sobre datos que no son únicos producen listas "
                                "largas, difíciles de verificar en la frontera: por eso pesan más el número de "
                                "documento y la biometría.</p>",
                            ),
                            ("heading", {"text": "Por qué los nombres de la región engañan", "level": "h3"}),
                            (
                                "text",
                                "<ul><li>Dos apellidos que se invierten o de los que falta el segundo.</li>"
                                "<li>Partículas que aparecen o desaparecen: DE, DEL, DE LA, Y.</li>"
                                "<li>Apellidos de casada, como LOPEZ DE PEREZ.</li>"
                                "<li>Letras que suenan igual: B/V, S/Z/C, LL/Y, la H muda, G/J.</li>"
                                "<li>La Ñ, que la zona MRZ escribe N o NXX según el Estado emisor.</li>"
                                "<li>Fechas de nacimiento con el día y el mes invertidos.</li></ul>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "text": "<p>No aplique la acción de una alerta extranjera solo por un HIT por "
                                    "nombre. Compare fecha de nacimiento, documento y fotografía en la inspección "
                                    "secundaria y confirme con el país titular. En la base SLTD de INTERPOL, las "
                                    "coincidencias también se confirman con el país emisor del documento.</p>",
                                },
                            ),
                            (
                                "text",
                                "<p><b>Las coincidencias reales son escasas.</b> En 2013 la base SLTD de INTERPOL "
                                "(documentos robados y extraviados) recibió unos 809 millones de consultas y dio "
                                "unas 67 000 coincidencias: alrededor de 1 por cada 12 000 consultas (interpol.int). "
                                "En el entorno de práctica de la plataforma las alertas están infladas a propósito "
                                "para que los ejercicios tengan algo que encontrar; es un artificio de formación.</p>"
                                "<p>Cuando una alerta de otro país se confirma en su frontera, el sistema envía al "
                                "país emisor una <b>notificación de hit</b>. En el modelo SIRENE, tras un hit se "
                                "intercambian la notificación, la aclaración de identidad y, si corresponde, la "
                                "baja de la alerta.</p>",
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "Una consulta por nombre da HIT con una alerta de otro país. El "
                                    "viajero tiene otro número de pasaporte y su fecha de nacimiento coincide solo "
                                    "si se invierten el día y el mes. ¿Qué hace usted?",
                                    "options": [
                                        {
                                            "text": "Le niega la entrada de inmediato.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Descarta el HIT porque el número de pasaporte es distinto.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Lo remite a inspección secundaria y pide confirmación al país "
                                            "titular con una solicitud justificada.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Le pregunta al viajero si sabe que tiene una alerta.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>Un documento distinto no descarta la coincidencia (la persona "
                                    "pudo renovar el pasaporte) y una fecha invertida es un error frecuente. Se "
                                    "verifica en secundaria y se confirma con el país titular, <b>sin alertar al "
                                    "viajero</b>.</p>",
                                },
                            ),
                        ],
                    },
                    "en": {
                        "title": "Reading an answer: a match is not an identity",
                        "slug": "reading-an-answer",
                        "body": [
                            ("heading", {"text": "A HIT is a lead, not a confirmation", "level": "h2"}),
                            (
                                "text",
                                "<p>A HIT says that the data queried matches a record, not that the person in front "
                                "of you is the person in the alert. Name-matching tools combine measures such as "
                                "Jaro-Winkler, edit distance and phonetic keys, with tuneable thresholds (a usual "
                                "minimum is 0.88). Name searches on data that is not unique produce long lists that "
                                "are hard to verify at the border: that is why the document number and biometrics "
                                "weigh more.</p>",
                            ),
                            ("heading", {"text": "Why the region's names mislead", "level": "h3"}),
                            (
                                "text",
                                "<ul><li>Two surnames that get swapped, or a missing second surname.</li>"
                                "<li>Particles that appear or disappear: DE, DEL, DE LA, Y.</li>"
                                "<li>Married names, such as LOPEZ DE PEREZ.</li>"
                                "<li>Letters that sound alike: B/V, S/Z/C, LL/Y, the silent H, G/J.</li>"
                                "<li>The Ñ, which the MRZ writes as N or NXX depending on the issuing state.</li>"
                                "<li>Dates of birth with the day and month swapped.</li></ul>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "text": "<p>Do not apply the action of a foreign alert on a name HIT alone. "
                                    "Compare date of birth, document and photograph in secondary inspection and "
                                    "confirm with the holding country. In INTERPOL's SLTD database, hits are also "
                                    "confirmed with the country that issued the document.</p>",
                                },
                            ),
                            (
                                "text",
                                "<p><b>Real hits are rare.</b> In 2013 INTERPOL's SLTD database (stolen and lost "
                                "travel documents) received about 809 million searches and gave about 67,000 hits: "
                                "roughly 1 in every 12,000 queries (interpol.int). In the platform's practice "
                                "environment alerts are deliberately inflated so that the exercises have something "
                                "to find; this is a training artefact.</p>"
                                "<p>When another country's alert is confirmed at your border, the system sends the "
                                "issuing country a <b>hit notification</b>. In the SIRENE model, a hit is followed by "
                                "the notification, the clarification of identity and, where appropriate, the "
                                "deletion of the alert.</p>",
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "A name query gives a HIT on another country's alert. The traveller "
                                    "has a different passport number and the date of birth matches only if day and "
                                    "month are swapped. What do you do?",
                                    "options": [
                                        {"text": "Refuse entry at once.", "is_correct": False, "feedback": ""},
                                        {
                                            "text": "Dismiss the HIT because the passport number is different.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Refer the traveller to secondary inspection and ask the holding "
                                            "country for confirmation with a justified request.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Ask the traveller whether they know they have an alert.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>A different document does not rule out the match (the person "
                                    "may have renewed the passport) and a swapped date is a common error. It is "
                                    "checked in secondary and confirmed with the holding country, <b>without "
                                    "alerting the traveller</b>.</p>",
                                },
                            ),
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------ module 2
        {
            "requires_previous_module": False,
            "es": {
                "title": "Protección de datos en cada consulta",
                "slug": "proteccion-de-datos-en-cada-consulta",
                "summary": (
                    "Los principios de protección de datos de la OIM, la finalidad, la necesidad y la "
                    "proporcionalidad, y el registro de auditoría que deja cada consulta."
                ),
            },
            "en": {
                "title": "Data protection in every query",
                "slug": "data-protection-in-every-query",
                "summary": (
                    "The IOM data protection principles, purpose, necessity and proportionality, and the audit "
                    "trail every query leaves."
                ),
            },
            "lessons": [
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "es": {
                        "title": "Los principios de protección de datos de la OIM",
                        "slug": "principios-de-proteccion-de-datos-de-la-oim",
                        "body": [
                            ("heading", {"text": "Trece principios", "level": "h2"}),
                            (
                                "text",
                                "<p>La OIM adoptó en 2009 trece principios de protección de datos y los desarrolló "
                                "en su <i>Manual de protección de datos</i> (2010):</p>"
                                "<ol><li>Recopilación lícita y leal.</li>"
                                "<li>Finalidad especificada y legítima.</li>"
                                "<li>Calidad de los datos.</li>"
                                "<li>Consentimiento.</li>"
                                "<li>Transferencia a terceros.</li>"
                                "<li>Confidencialidad.</li>"
                                "<li>Acceso y transparencia.</li>"
                                "<li>Seguridad de los datos.</li>"
                                "<li>Conservación de los datos personales.</li>"
                                "<li>Aplicación de los principios.</li>"
                                "<li>Propiedad de los datos personales.</li>"
                                "<li>Supervisión, cumplimiento y recursos internos.</li>"
                                "<li>Excepciones.</li></ol>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "legal",
                                    "text": "<p>Fuente: OIM, <i>IOM Data Protection Manual</i> "
                                    "(publications.iom.int/books/iom-data-protection-manual). Los nombres en "
                                    "español de esta lista son una traducción de trabajo; ante cualquier duda, "
                                    "consulte el texto oficial del Manual.</p>",
                                },
                            ),
                            ("heading", {"text": "Qué es un dato personal", "level": "h3"}),
                            (
                                "text",
                                "<p>La OIM define los datos personales de forma amplia: datos biográficos, datos "
                                "biométricos y genéticos, imágenes y grabaciones, y documentos personales y de "
                                "verificación. La imagen escaneada de un pasaporte, una fotografía, una plantilla "
                                "de huellas y el registro de un movimiento fronterizo son datos personales.</p>"
                                "<p>En la práctica, los principios se traducen así: recoja solo lo que la finalidad "
                                "necesita, declare la finalidad al consultar, transfiera a terceros solo para una "
                                "finalidad especificada, con salvaguardas adecuadas y <b>por escrito</b>, mantenga "
                                "los datos seguros, fije plazos de conservación y deje rastro auditable.</p>",
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "¿Cuál de estos elementos NO es un dato personal?",
                                    "options": [
                                        {
                                            "text": "La fotografía tomada en la ventanilla.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "La imagen escaneada de un pasaporte.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "El total mensual de entradas por Peñas Blancas, sin desgloses.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "La plantilla de huellas de un viajero.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>Un total agregado no identifica a nadie. La fotografía, el "
                                    "documento escaneado y las huellas sí: son datos personales, y los biométricos "
                                    "merecen una protección reforzada.</p>",
                                },
                            ),
                        ],
                    },
                    "en": {
                        "title": "The IOM data protection principles",
                        "slug": "iom-data-protection-principles",
                        "body": [
                            ("heading", {"text": "Thirteen principles", "level": "h2"}),
                            (
                                "text",
                                "<p>IOM adopted thirteen data protection principles in 2009 and developed them in "
                                "its <i>Data Protection Manual</i> (2010):</p>"
                                "<ol><li>Lawful and fair collection.</li>"
                                "<li>Specified and legitimate purpose.</li>"
                                "<li>Data quality.</li>"
                                "<li>Consent.</li>"
                                "<li>Transfer to third parties.</li>"
                                "<li>Confidentiality.</li>"
                                "<li>Access and transparency.</li>"
                                "<li>Data security.</li>"
                                "<li>Retention of personal data.</li>"
                                "<li>Application of the principles.</li>"
                                "<li>Ownership of personal data.</li>"
                                "<li>Oversight, compliance and internal remedies.</li>"
                                "<li>Exceptions.</li></ol>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "legal",
                                    "text": "<p>Source: IOM, <i>IOM Data Protection Manual</i> "
                                    "(publications.iom.int/books/iom-data-protection-manual). The Spanish names in "
                                    "the Spanish version of this list are a working translation; when in doubt, "
                                    "refer to the official text of the Manual.</p>",
                                },
                            ),
                            ("heading", {"text": "What counts as personal data", "level": "h3"}),
                            (
                                "text",
                                "<p>IOM defines personal data broadly: biographical data, biometric and genetic "
                                "data, images and recordings, and personal and verification documents. The scanned "
                                "image of a passport, a photograph, a fingerprint template and the record of a "
                                "border movement are all personal data.</p>"
                                "<p>In practice, the principles come down to this: collect only what the purpose "
                                "needs, declare the purpose when querying, transfer to third parties only for a "
                                "specified purpose, with adequate safeguards and <b>in writing</b>, keep data "
                                "secure, set retention periods, and leave an auditable trail.</p>",
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "Which of these is NOT personal data?",
                                    "options": [
                                        {
                                            "text": "The photograph taken at the booth.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "The scanned image of a passport.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "The monthly total of entries at Peñas Blancas, with no breakdown.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "A traveller's fingerprint template.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>An aggregated total identifies no one. The photograph, the "
                                    "scanned document and the fingerprints do: they are personal data, and biometric "
                                    "data deserves stronger protection.</p>",
                                },
                            ),
                        ],
                    },
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "es": {
                        "title": "Finalidad, necesidad y proporcionalidad",
                        "slug": "finalidad-necesidad-y-proporcionalidad",
                        "body": [
                            ("heading", {"text": "Declarar para qué se consulta", "level": "h2"}),
                            ("glossary_term", {"term": 1}),
                            (
                                "text",
                                "<p>La finalidad se declara <b>antes</b> de consultar, con un código de finalidad "
                                "y una referencia de caso. En el modelo hit/no-hit, el país titular puede revisar "
                                "los antecedentes de la consulta y retener los datos personales cuando las razones "
                                "de la consulta no respetan la limitación de la finalidad.</p>"
                                "<p>Códigos del protocolo de práctica:</p>"
                                "<ul><li><b>BORDER_CHECK</b>: control de un viajero en un puesto fronterizo.</li>"
                                "<li><b>INVESTIGATION</b>: un caso de investigación abierto.</li>"
                                "<li><b>RETURN_VERIFICATION</b>: verificar la identidad o la nacionalidad de una "
                                "persona retornada.</li>"
                                "<li><b>CHILD_PROTECTION</b>: proteger a una niña, un niño o un adolescente, por "
                                "ejemplo ante una alerta Alba-Keneth (Guatemala, Decreto 28-2010).</li></ul>",
                            ),
                            ("glossary_term", {"term": 2}),
                            (
                                "text",
                                "<p><b>Necesidad.</b> Antes de consultar, hágase tres preguntas: ¿tengo un caso "
                                "abierto? ¿Lo resuelve algo menos intrusivo, como mi propio sistema nacional? ¿A qué "
                                "países necesito preguntar de verdad?</p>"
                                "<p><b>Proporcionalidad.</b> Pida lo mínimo para la finalidad: los campos de "
                                "identidad que confirman o descartan la coincidencia, no el historial completo. La "
                                "biometría solo se pide si la finalidad lo permite. No consulte a toda la OCAM por "
                                "costumbre.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "text": "<p><b>Categorías que se protegen con más cuidado:</b></p>"
                                    "<ul><li>niñas, niños y adolescentes;</li>"
                                    "<li>víctimas de trata;</li>"
                                    "<li>solicitantes de asilo y refugiados: sus datos <b>nunca</b> deben llegar al "
                                    "país de origen;</li>"
                                    "<li>datos biométricos.</li></ul>"
                                    "<p>En el entorno de práctica de la plataforma, cada registro y cada alerta "
                                    "llevan una marca de sensibilidad y un alcance de intercambio.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "Un compañero le pide que consulte en la plataforma regional a un "
                                    "vecino suyo «para ver si viajó a Costa Rica». No hay ningún caso abierto. ¿Qué "
                                    "hace?",
                                    "options": [
                                        {
                                            "text": "Consulta con BORDER_CHECK, porque es un dato fronterizo.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Consulta solo a Costa Rica, para que la consulta sea "
                                            "proporcionada.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "No consulta: no hay caso ni finalidad legítima.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Consulta y borra después el resultado.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>Sin caso no hay finalidad, y sin finalidad no hay consulta. "
                                    "Además, la consulta quedaría en el registro de auditoría como una consulta sin "
                                    "referencia de caso.</p>",
                                },
                            ),
                        ],
                    },
                    "en": {
                        "title": "Purpose, necessity and proportionality",
                        "slug": "purpose-necessity-and-proportionality",
                        "body": [
                            ("heading", {"text": "Declare what the query is for", "level": "h2"}),
                            ("glossary_term", {"term": 1}),
                            (
                                "text",
                                "<p>The purpose is declared <b>before</b> querying, with a purpose code and a case "
                                "reference. In the hit/no-hit model, the holding country may check the background "
                                "of the query and withhold the personal data when the reasons for the query do not "
                                "respect purpose limitation.</p>"
                                "<p>Codes in the practice protocol:</p>"
                                "<ul><li><b>BORDER_CHECK</b>: checking a traveller at a border crossing point.</li>"
                                "<li><b>INVESTIGATION</b>: an open investigation case.</li>"
                                "<li><b>RETURN_VERIFICATION</b>: verifying the identity or nationality of a "
                                "returned person.</li>"
                                "<li><b>CHILD_PROTECTION</b>: protecting a child or adolescent, for example on an "
                                "Alba-Keneth alert (Guatemala, Decree 28-2010).</li></ul>",
                            ),
                            ("glossary_term", {"term": 2}),
                            (
                                "text",
                                "<p><b>Necessity.</b> Before querying, ask yourself three questions: do I have an "
                                "open case? Would something less intrusive settle it, such as my own national "
                                "system? Which countries do I really need to ask?</p>"
                                "<p><b>Proportionality.</b> Ask for the minimum the purpose needs: the identity "
                                "fields that confirm or rule out the match, not the full history. Biometrics are "
                                "requested only if the purpose allows it. Do not query the whole of OCAM out of "
                                "habit.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "text": "<p><b>Categories protected with extra care:</b></p>"
                                    "<ul><li>children and adolescents;</li>"
                                    "<li>victims of trafficking;</li>"
                                    "<li>asylum seekers and refugees: their data must <b>never</b> reach the country "
                                    "of origin;</li>"
                                    "<li>biometric data.</li></ul>"
                                    "<p>In the platform's practice environment, every record and every alert carries "
                                    "a sensitivity flag and a sharing scope.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "A colleague asks you to look up a neighbour of theirs on the regional "
                                    'platform "to see whether he travelled to Costa Rica". There is no open case. '
                                    "What do you do?",
                                    "options": [
                                        {
                                            "text": "Query with BORDER_CHECK, because it is border data.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Query Costa Rica only, so that the query is proportionate.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Do not query: there is no case and no legitimate purpose.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Query and delete the result afterwards.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>No case, no purpose; no purpose, no query. The query would "
                                    "also show up in the audit log as a query without a case reference.</p>",
                                },
                            ),
                        ],
                    },
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "es": {
                        "title": "El registro de auditoría",
                        "slug": "el-registro-de-auditoria",
                        "body": [
                            ("heading", {"text": "Cada consulta deja huella", "level": "h2"}),
                            ("glossary_term", {"term": 3}),
                            (
                                "text",
                                "<p>Se registra cada consulta, visualización, exportación y modificación, con: "
                                "usuario, rol, puesto fronterizo o estación de trabajo, fecha y hora, parámetros "
                                "de la consulta (enmascarados con una función hash cuando son sensibles), "
                                "<b>código de finalidad y referencia de caso</b>, resultado (hit o no hit) y "
                                "seguimiento.</p>",
                            ),
                            (
                                "image",
                                {
                                    "image": "consultation-audit-log.svg",
                                    "alt_text": (
                                        "Extracto de un registro de auditoría con columnas de hora UTC, usuario, "
                                        "puesto, finalidad, caso y resultado. Tres filas están marcadas: una "
                                        "exportación de 1 200 registros a las 03:02 sin finalidad ni caso, y dos "
                                        "consultas sin referencia de caso del mismo usuario, la segunda repetida "
                                        "seis veces."
                                    ),
                                    "caption": "Las filas marcadas son las que un auditor revisaría primero.",
                                },
                            ),
                            (
                                "text",
                                "<p>Patrones que se revisan:</p>"
                                "<ul><li>exportaciones masivas o en horario nocturno;</li>"
                                "<li>consultas sin referencia de caso;</li>"
                                "<li>consultas sobre personajes públicos o sobre colegas;</li>"
                                "<li>consultas repetidas sobre la misma persona por el mismo usuario.</li></ul>"
                                "<p>El rol de delegado de protección de datos o auditor lee el registro y señala "
                                "los usos indebidos.</p>",
                            ),
                            (
                                "procedure",
                                {
                                    "title": "Revisar el registro de auditoría del mes",
                                    "steps": [
                                        {"title": "Filtre el periodo y el país o puesto que revisa", "detail": ""},
                                        {
                                            "title": "Liste las consultas sin referencia de caso o sin finalidad",
                                            "detail": "",
                                        },
                                        {
                                            "title": "Liste las exportaciones masivas y las de horario nocturno",
                                            "detail": "",
                                        },
                                        {"title": "Busque consultas repetidas sobre una misma persona", "detail": ""},
                                        {
                                            "title": "Cruce las consultas con la lista de personas de especial "
                                            "protección y de personal propio",
                                            "detail": "",
                                        },
                                        {
                                            "title": "Contraste cada caso dudoso con su expediente",
                                            "detail": "<p>Una consulta puede ser rara y legítima a la vez.</p>",
                                        },
                                        {
                                            "title": "Documente los hallazgos y escálelos según el procedimiento "
                                            "interno",
                                            "detail": "",
                                        },
                                    ],
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "text": "<p>Escriba la referencia de caso como si un auditor la fuera a leer "
                                    "dentro de un año: debe llevarlo sin dudas al expediente que justificó la "
                                    "consulta.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "¿Cuál de estas entradas del registro de auditoría es normal y no "
                                    "necesita revisión?",
                                    "options": [
                                        {
                                            "text": "Una exportación de 1 200 registros a las 03:00 sin referencia de "
                                            "caso.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Seis consultas en cuatro minutos sobre la misma persona, sin "
                                            "caso.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Una consulta por documento con BORDER_CHECK y referencia de "
                                            "caso, durante el turno.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Una consulta sobre un diputado sin referencia de caso.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>La consulta con finalidad, referencia de caso y en horario de "
                                    "turno es la forma normal de trabajar. Las otras tres coinciden con patrones de "
                                    "revisión.</p>",
                                },
                            ),
                        ],
                    },
                    "en": {
                        "title": "The audit log",
                        "slug": "the-audit-log",
                        "body": [
                            ("heading", {"text": "Every query leaves a trace", "level": "h2"}),
                            ("glossary_term", {"term": 3}),
                            (
                                "text",
                                "<p>Every query, view, export and change is logged, with: user, role, border "
                                "crossing point or workstation, date and time, query parameters (hashed where "
                                "sensitive), <b>purpose code and case reference</b>, result (hit or no hit) and "
                                "follow-up.</p>",
                            ),
                            (
                                "image",
                                {
                                    "image": "consultation-audit-log.svg",
                                    "alt_text": (
                                        "Extract from an audit log with columns for UTC time, user, post, purpose, "
                                        "case and result. Three rows are flagged: an export of 1,200 records at "
                                        "03:02 with no purpose or case, and two queries without a case reference by "
                                        "the same user, the second repeated six times."
                                    ),
                                    "caption": "The flagged rows are the ones an auditor would review first.",
                                },
                            ),
                            (
                                "text",
                                "<p>Patterns that are reviewed:</p>"
                                "<ul><li>bulk or overnight exports;</li>"
                                "<li>queries without a case reference;</li>"
                                "<li>queries on public figures or on colleagues;</li>"
                                "<li>repeated queries on the same person by the same user.</li></ul>"
                                "<p>The data protection officer or auditor role reads the log and flags misuse.</p>",
                            ),
                            (
                                "procedure",
                                {
                                    "title": "Review the month's audit log",
                                    "steps": [
                                        {
                                            "title": "Filter the period and the country or post under review",
                                            "detail": "",
                                        },
                                        {"title": "List the queries without a case reference or purpose", "detail": ""},
                                        {"title": "List bulk exports and overnight exports", "detail": ""},
                                        {"title": "Look for repeated queries on the same person", "detail": ""},
                                        {
                                            "title": "Check the queries against the list of specially protected people "
                                            "and of your own staff",
                                            "detail": "",
                                        },
                                        {
                                            "title": "Compare each doubtful query with its case file",
                                            "detail": "<p>A query can be unusual and legitimate at the same time.</p>",
                                        },
                                        {
                                            "title": "Document the findings and escalate them under the internal "
                                            "procedure",
                                            "detail": "",
                                        },
                                    ],
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "text": "<p>Write the case reference as if an auditor were going to read it a "
                                    "year from now: it must lead them without doubt to the file that justified the "
                                    "query.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "Which of these audit log entries is normal and needs no review?",
                                    "options": [
                                        {
                                            "text": "An export of 1,200 records at 03:00 with no case reference.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Six queries in four minutes on the same person, with no case.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "A document query with BORDER_CHECK and a case reference, during "
                                            "the shift.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "A query on a member of parliament with no case reference.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>A query with a purpose, a case reference and during shift "
                                    "hours is the normal way of working. The other three match review "
                                    "patterns.</p>",
                                },
                            ),
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------ module 3
        {
            "requires_previous_module": True,
            "es": {
                "title": "Solicitudes justificadas de información",
                "slug": "solicitudes-justificadas-de-informacion",
                "summary": (
                    "Qué se puede compartir después de un hit, cómo atender una solicitud paso a paso y un repaso "
                    "final con la evaluación del curso."
                ),
            },
            "en": {
                "title": "Justified information requests",
                "slug": "justified-information-requests",
                "summary": (
                    "What may be shared after a hit, how to handle a request step by step, and a final review with "
                    "the course assessment."
                ),
            },
            "lessons": [
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "es": {
                        "title": "Qué se puede compartir y qué no",
                        "slug": "que-se-puede-compartir-y-que-no",
                        "body": [
                            ("heading", {"text": "Lo mínimo para la finalidad", "level": "h2"}),
                            (
                                "text",
                                "<p>Después de un hit, el país solicitante envía una solicitud con los campos que "
                                "necesita y su justificación. El país titular devuelve un <b>conjunto mínimo de "
                                "campos</b>. Según la finalidad, normalmente se puede compartir:</p>"
                                "<ul><li>los campos de identidad que confirman o descartan la coincidencia: "
                                "nombres, fecha de nacimiento, nacionalidad, número y estado del documento;</li>"
                                "<li>la categoría de la alerta y la acción que se debe tomar;</li>"
                                "<li>el punto de contacto para dar seguimiento.</li></ul>",
                            ),
                            (
                                "image",
                                {
                                    "image": "consultation-minimal-release.svg",
                                    "alt_text": (
                                        "A la izquierda, un registro con la referencia R-7F3A y siete campos: tres en "
                                        "verde con un visto y cuatro en gris con un candado. Una flecha marcada 3 / 7 "
                                        "lleva a la derecha, donde una respuesta contiene solo los tres campos verdes."
                                    ),
                                    "caption": "Se entregan los campos aprobados; el resto del registro no sale del "
                                    "país titular.",
                                },
                            ),
                            ("heading", {"text": "Lo que no se comparte", "level": "h3"}),
                            (
                                "text",
                                "<ul><li>El expediente completo o el historial de movimientos cuando el caso no "
                                "lo necesita.</li>"
                                "<li>La biometría, salvo que la finalidad lo permita.</li>"
                                "<li>Datos de solicitantes de asilo o refugiados con su país de origen.</li>"
                                "<li>Datos para una finalidad distinta de la declarada.</li>"
                                "<li>Datos para reenviar a un tercero sin acuerdo escrito.</li>"
                                "<li>Datos personales a usuarios regionales: la OCAM recibe solo agregados.</li>"
                                "</ul>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "legal",
                                    "text": "<p>Según los principios de la OIM, la <b>transferencia a terceros</b> "
                                    "solo procede para una finalidad especificada, con salvaguardas adecuadas y "
                                    "<b>por escrito</b> (<i>IOM Data Protection Manual</i>). El país titular "
                                    "conserva la propiedad de sus datos y decide qué entrega.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "Una solicitud con finalidad RETURN_VERIFICATION pide nombres, fecha "
                                    "de nacimiento, número de documento, huellas dactilares y el historial de "
                                    "movimientos de cinco años. ¿Qué responde el país titular?",
                                    "options": [
                                        {
                                            "text": "Aprueba todo, porque hubo un hit.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Aprueba en parte: entrega los campos de identidad y deniega, con "
                                            "motivo, las huellas y el historial.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {"text": "Deniega todo sin dar motivo.", "is_correct": False, "feedback": ""},
                                        {
                                            "text": "Reenvía la solicitud a un tercer país para que decida.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>Para verificar la identidad de un retornado bastan los campos "
                                    "de identidad. El historial de cinco años y las huellas exceden la finalidad; "
                                    "la <b>aprobación parcial</b> con motivo escrito es la respuesta "
                                    "proporcionada.</p>",
                                },
                            ),
                        ],
                    },
                    "en": {
                        "title": "What may and may not be shared",
                        "slug": "what-may-and-may-not-be-shared",
                        "body": [
                            ("heading", {"text": "The minimum for the purpose", "level": "h2"}),
                            (
                                "text",
                                "<p>After a hit, the requesting country sends a request with the fields it needs and "
                                "its justification. The holding country returns a <b>minimal set of fields</b>. "
                                "Depending on the purpose, what can usually be shared is:</p>"
                                "<ul><li>the identity fields that confirm or rule out the match: names, date of "
                                "birth, nationality, document number and status;</li>"
                                "<li>the alert category and the action to be taken;</li>"
                                "<li>the contact point for follow-up.</li></ul>",
                            ),
                            (
                                "image",
                                {
                                    "image": "consultation-minimal-release.svg",
                                    "alt_text": (
                                        "On the left, a record with reference R-7F3A and seven fields: three in green "
                                        "with a tick and four in grey with a padlock. An arrow marked 3 / 7 leads to "
                                        "the right, where an answer contains only the three green fields."
                                    ),
                                    "caption": "The approved fields are released; the rest of the record does not "
                                    "leave the holding country.",
                                },
                            ),
                            ("heading", {"text": "What is not shared", "level": "h3"}),
                            (
                                "text",
                                "<ul><li>The full record or the movement history when the case does not need "
                                "it.</li>"
                                "<li>Biometrics, unless the purpose allows it.</li>"
                                "<li>Data on asylum seekers or refugees with their country of origin.</li>"
                                "<li>Data for a purpose other than the one declared.</li>"
                                "<li>Data to be passed on to a third party without a written agreement.</li>"
                                "<li>Personal data to regional users: OCAM receives aggregates only.</li>"
                                "</ul>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "legal",
                                    "text": "<p>Under the IOM principles, <b>transfer to third parties</b> is "
                                    "allowed only for a specified purpose, with adequate safeguards and <b>in "
                                    "writing</b> (<i>IOM Data Protection Manual</i>). The holding country keeps "
                                    "ownership of its data and decides what it releases.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "A request with purpose RETURN_VERIFICATION asks for names, date of "
                                    "birth, document number, fingerprints and five years of movement history. What "
                                    "does the holding country answer?",
                                    "options": [
                                        {
                                            "text": "It approves everything, because there was a hit.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "It approves in part: it releases the identity fields and refuses, "
                                            "with a reason, the fingerprints and the history.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "It refuses everything without giving a reason.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "It forwards the request to a third country to decide.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>The identity fields are enough to verify a returnee's "
                                    "identity. Five years of history and fingerprints go beyond the purpose; "
                                    "<b>partial approval</b> with a written reason is the proportionate "
                                    "answer.</p>",
                                },
                            ),
                        ],
                    },
                },
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "es": {
                        "title": "Paso a paso: atender una solicitud justificada",
                        "slug": "atender-una-solicitud-justificada",
                        "body": [
                            ("heading", {"text": "Del hit a la respuesta", "level": "h2"}),
                            ("glossary_term", {"term": 4}),
                            (
                                "text",
                                "<p>Intervienen dos partes: quien pregunta (oficial o analista del país "
                                "solicitante) y el <b>punto focal nacional</b> del país titular, normalmente el "
                                "gestor de alertas. En el protocolo de práctica, una solicitud pasa por los estados "
                                "SENT (enviada), APPROVED (aprobada), PARTIAL (aprobada en parte), REFUSED "
                                "(denegada) o EXPIRED (vencida), y el país titular tiene <b>48 horas</b> para "
                                "responder, por analogía con el plazo de Prüm II.</p>",
                            ),
                            (
                                "procedure",
                                {
                                    "title": "Atender una solicitud recibida (punto focal del país titular)",
                                    "steps": [
                                        {
                                            "title": "Registre la recepción y la hora límite de respuesta",
                                            "detail": "<p>48 horas desde la recepción en el protocolo de práctica.</p>",
                                        },
                                        {
                                            "title": "Verifique quién pide",
                                            "detail": "<p>Usuario, autoridad y país solicitante; que exista la "
                                            "consulta con hit y su referencia.</p>",
                                        },
                                        {
                                            "title": "Compare la finalidad y la referencia de caso con la consulta "
                                            "original",
                                            "detail": "",
                                        },
                                        {
                                            "title": "Evalúe la necesidad campo por campo",
                                            "detail": "<p>¿Cada campo pedido sirve a la finalidad declarada?</p>",
                                        },
                                        {
                                            "title": "Revise la sensibilidad del registro",
                                            "detail": "<p>Menor de edad, víctima de trata, solicitante de asilo o "
                                            "refugiado, biometría.</p>",
                                        },
                                        {
                                            "title": "Decida: aprobar, aprobar en parte o denegar",
                                            "detail": "<p>Toda aprobación parcial o denegación lleva un motivo "
                                            "escrito.</p>",
                                        },
                                        {
                                            "title": "Responda por el canal oficial solo con los campos aprobados",
                                            "detail": "",
                                        },
                                        {
                                            "title": "Confirme que la decisión quedó en el registro de auditoría",
                                            "detail": "<p>Si la alerta debe cambiar, solo su titular la modifica.</p>",
                                        },
                                    ],
                                },
                            ),
                            ("heading", {"text": "Un caso de práctica", "level": "h3"}),
                            (
                                "text",
                                "<p>En un puesto guatemalteco se recibe a una persona retornada que dice ser "
                                "hondureña y no porta documento. El analista abre el caso, consulta por nombres, "
                                "fecha de nacimiento, sexo y nacionalidad con RETURN_VERIFICATION y la referencia "
                                "de caso, y solo a Honduras. Honduras responde HIT con una referencia. La solicitud "
                                "pide nombres, fecha de nacimiento y número del documento nacional de identidad; "
                                "<b>no pide biometría</b>, porque la finalidad no lo requiere. El punto focal "
                                "hondureño verifica, aprueba y responde dentro del plazo.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "text": "<p>Denegar es legítimo: el país titular puede retener los datos cuando "
                                    "la consulta no respeta la limitación de la finalidad. Si le deniegan una "
                                    "solicitud, <b>no la repita con otro código de finalidad</b> para obtener los "
                                    "datos: es un uso indebido y el registro de auditoría lo muestra.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "Le llega una solicitud con referencia de hit válida, pero sin "
                                    "referencia de caso. ¿Qué hace?",
                                    "options": [
                                        {
                                            "text": "La aprueba, porque conoce al oficial que la envía.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "La deniega con el motivo «sin referencia de caso» o pide que se "
                                            "complete.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "Responde por teléfono para ganar tiempo.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": "La reenvía a la Secretaría Técnica de la OCAM.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>Sin referencia de caso no se puede comprobar la finalidad. Se "
                                    "deniega con motivo escrito, o se pide que se complete dentro del plazo, y "
                                    "<b>todo por el canal oficial</b>, que deja registro.</p>",
                                },
                            ),
                        ],
                    },
                    "en": {
                        "title": "Step by step: handling a justified request",
                        "slug": "handling-a-justified-request",
                        "body": [
                            ("heading", {"text": "From hit to answer", "level": "h2"}),
                            ("glossary_term", {"term": 4}),
                            (
                                "text",
                                "<p>Two parties are involved: the one who asks (an officer or analyst of the "
                                "requesting country) and the <b>national focal point</b> of the holding country, "
                                "usually the alert manager. In the practice protocol, a request goes through the "
                                "statuses SENT, APPROVED, PARTIAL (approved in part), REFUSED or EXPIRED, and the "
                                "holding country has <b>48 hours</b> to answer, by analogy with the Prüm II "
                                "deadline.</p>",
                            ),
                            (
                                "procedure",
                                {
                                    "title": "Handle a request received (focal point of the holding country)",
                                    "steps": [
                                        {
                                            "title": "Record the receipt and the answer deadline",
                                            "detail": "<p>48 hours from receipt in the practice protocol.</p>",
                                        },
                                        {
                                            "title": "Check who is asking",
                                            "detail": "<p>User, authority and requesting country; that the query with "
                                            "the hit and its reference exists.</p>",
                                        },
                                        {
                                            "title": "Compare the purpose and case reference with the original query",
                                            "detail": "",
                                        },
                                        {
                                            "title": "Assess necessity field by field",
                                            "detail": "<p>Does each field requested serve the declared purpose?</p>",
                                        },
                                        {
                                            "title": "Check the sensitivity of the record",
                                            "detail": "<p>Minor, victim of trafficking, asylum seeker or refugee, "
                                            "biometrics.</p>",
                                        },
                                        {
                                            "title": "Decide: approve, approve in part or refuse",
                                            "detail": "<p>Every partial approval or refusal carries a written "
                                            "reason.</p>",
                                        },
                                        {
                                            "title": "Reply through the official channel with the approved fields only",
                                            "detail": "",
                                        },
                                        {
                                            "title": "Confirm that the decision is in the audit log",
                                            "detail": "<p>If the alert must change, only its owner modifies it.</p>",
                                        },
                                    ],
                                },
                            ),
                            ("heading", {"text": "A practice case", "level": "h3"}),
                            (
                                "text",
                                "<p>A Guatemalan post receives a returned person who says she is Honduran and "
                                "carries no document. The analyst opens the case, queries by names, date of birth, "
                                "sex and nationality with RETURN_VERIFICATION and the case reference, and asks "
                                "Honduras only. Honduras answers HIT with a reference. The request asks for names, "
                                "date of birth and national identity card number; <b>it does not ask for "
                                "biometrics</b>, because the purpose does not need them. The Honduran focal point "
                                "checks, approves and answers within the deadline.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "text": "<p>Refusing is legitimate: the holding country may withhold the data "
                                    "when the query does not respect purpose limitation. If a request of yours is "
                                    "refused, <b>do not repeat it with another purpose code</b> to get the data: "
                                    "that is misuse and the audit log shows it.</p>",
                                },
                            ),
                            (
                                "knowledge_check",
                                {
                                    "question": "You receive a request with a valid hit reference but no case "
                                    "reference. What do you do?",
                                    "options": [
                                        {
                                            "text": "Approve it, because you know the officer who sent it.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                        {
                                            "text": 'Refuse it with the reason "no case reference", or ask for it to '
                                            "be completed.",
                                            "is_correct": True,
                                            "feedback": "",
                                        },
                                        {"text": "Answer by phone to save time.", "is_correct": False, "feedback": ""},
                                        {
                                            "text": "Forward it to the OCAM Technical Secretariat.",
                                            "is_correct": False,
                                            "feedback": "",
                                        },
                                    ],
                                    "explanation": "<p>Without a case reference the purpose cannot be checked. The "
                                    "request is refused with a written reason, or completed within the deadline, "
                                    "and <b>everything goes through the official channel</b>, which keeps a "
                                    "record.</p>",
                                },
                            ),
                        ],
                    },
                },
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "es": {
                        "title": "Repaso y evaluación",
                        "slug": "repaso-y-evaluacion",
                        "body": [
                            ("heading", {"text": "Lo esencial del curso", "level": "h2"}),
                            (
                                "text",
                                "<ul><li>Una consulta hit/no-hit responde solo si existe un registro, con una "
                                "referencia; los datos se piden después, con una solicitud justificada.</li>"
                                "<li>Toda consulta lleva código de finalidad y referencia de caso.</li>"
                                "<li>Necesidad y proporcionalidad: pregunte solo a quien necesita y pida solo lo "
                                "que la finalidad requiere.</li>"
                                "<li>Un HIT no es una identidad confirmada.</li>"
                                "<li>Cada consulta queda en el registro de auditoría.</li>"
                                "<li>El país titular aprueba, aprueba en parte o deniega con motivo, dentro del "
                                "plazo.</li></ul>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "text": "<p>La evaluación tiene 10 preguntas tomadas al azar del banco del "
                                    "curso. Se aprueba con 70 % y tiene 3 intentos. Verá las respuestas correctas "
                                    "cuando apruebe o agote los intentos.</p>",
                                },
                            ),
                            (
                                "text",
                                "<p>Si duda en una pregunta, vuelva a la lección correspondiente antes de "
                                "responder: la evaluación no tiene límite de tiempo.</p>",
                            ),
                        ],
                    },
                    "en": {
                        "title": "Review and assessment",
                        "slug": "review-and-assessment",
                        "body": [
                            ("heading", {"text": "The essentials of the course", "level": "h2"}),
                            (
                                "text",
                                "<ul><li>A hit/no-hit query answers only whether a record exists, with a "
                                "reference; data is asked for afterwards, with a justified request.</li>"
                                "<li>Every query carries a purpose code and a case reference.</li>"
                                "<li>Necessity and proportionality: ask only those you need to and ask only for "
                                "what the purpose requires.</li>"
                                "<li>A HIT is not a confirmed identity.</li>"
                                "<li>Every query goes into the audit log.</li>"
                                "<li>The holding country approves, approves in part or refuses with a reason, "
                                "within the deadline.</li></ul>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "text": "<p>The assessment has 10 questions drawn at random from the course's "
                                    "bank. The pass mark is 70% and you have 3 attempts. You will see the correct "
                                    "answers once you pass or run out of attempts.</p>",
                                },
                            ),
                            (
                                "text",
                                "<p>If you are unsure about a question, go back to the lesson before answering: the "
                                "assessment has no time limit.</p>",
                            ),
                        ],
                    },
                },
            ],
        },
    ],
    "questions": [
        # 0
        {
            "kind": "single_choice",
            "tags": ["hit-no-hit"],
            "points": 1,
            "es": {
                "prompt": "¿Qué devuelve cada país miembro a una consulta hit/no-hit?",
                "explanation": "<p>La respuesta dice solo si hay coincidencia, con una referencia y, en caso de "
                "hit, la categoría, la acción y el contacto. Los datos personales se piden después.</p>",
                "value": {
                    "options": [
                        {"text": "El expediente completo de la persona.", "is_correct": False, "feedback": ""},
                        {
                            "text": "Hit o no hit, con una referencia; si hay hit, también la categoría de la "
                            "alerta, la acción y el punto de contacto.",
                            "is_correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Una lista de todas las personas con nombres parecidos.",
                            "is_correct": False,
                            "feedback": "",
                        },
                        {"text": "Solo el número de movimientos de la persona.", "is_correct": False, "feedback": ""},
                    ]
                },
            },
            "en": {
                "prompt": "What does each member country return to a hit/no-hit query?",
                "explanation": "<p>The answer says only whether there is a match, with a reference and, on a hit, "
                "the category, the action and the contact. Personal data is asked for afterwards.</p>",
                "value": {
                    "options": [
                        {"text": "The person's full record.", "is_correct": False, "feedback": ""},
                        {
                            "text": "Hit or no hit, with a reference; on a hit, also the alert category, the action "
                            "and the contact point.",
                            "is_correct": True,
                            "feedback": "",
                        },
                        {"text": "A list of everyone with similar names.", "is_correct": False, "feedback": ""},
                        {"text": "Only the person's number of movements.", "is_correct": False, "feedback": ""},
                    ]
                },
            },
        },
        # 1
        {
            "kind": "single_choice",
            "tags": ["purpose"],
            "points": 1,
            "es": {
                "prompt": "Un oficial debe verificar la identidad de una persona retornada desde México que no "
                "porta documento y dice ser hondureña. ¿Qué código de finalidad corresponde?",
                "explanation": "<p>RETURN_VERIFICATION es la finalidad de verificar la identidad o la "
                "nacionalidad de una persona retornada.</p>",
                "value": {
                    "options": [
                        {"text": "BORDER_CHECK", "is_correct": False, "feedback": ""},
                        {"text": "INVESTIGATION", "is_correct": False, "feedback": ""},
                        {"text": "RETURN_VERIFICATION", "is_correct": True, "feedback": ""},
                        {"text": "CHILD_PROTECTION", "is_correct": False, "feedback": ""},
                    ]
                },
            },
            "en": {
                "prompt": "An officer must verify the identity of a person returned from Mexico who carries no "
                "document and says she is Honduran. Which purpose code applies?",
                "explanation": "<p>RETURN_VERIFICATION is the purpose of verifying a returned person's identity "
                "or nationality.</p>",
                "value": {
                    "options": [
                        {"text": "BORDER_CHECK", "is_correct": False, "feedback": ""},
                        {"text": "INVESTIGATION", "is_correct": False, "feedback": ""},
                        {"text": "RETURN_VERIFICATION", "is_correct": True, "feedback": ""},
                        {"text": "CHILD_PROTECTION", "is_correct": False, "feedback": ""},
                    ]
                },
            },
        },
        # 2
        {
            "kind": "single_choice",
            "tags": ["sharing", "data-protection"],
            "points": 1,
            "es": {
                "prompt": "Por medio de la plataforma, el país de origen de una persona solicitante de asilo pide "
                "su dirección y sus movimientos recientes. ¿Qué corresponde?",
                "explanation": "<p>Los datos de solicitantes de asilo y refugiados <b>nunca</b> deben llegar al "
                "país de origen, cualquiera que sea el código de finalidad.</p>",
                "value": {
                    "options": [
                        {
                            "text": "Aprobar, si la solicitud trae un código de finalidad.",
                            "is_correct": False,
                            "feedback": "",
                        },
                        {"text": "Aprobar en parte: solo la dirección.", "is_correct": False, "feedback": ""},
                        {
                            "text": "Denegar: esos datos no se comparten con el país de origen.",
                            "is_correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Reenviar la solicitud a la OIM para que responda.",
                            "is_correct": False,
                            "feedback": "",
                        },
                    ]
                },
            },
            "en": {
                "prompt": "Through the platform, the country of origin of an asylum seeker asks for her address "
                "and recent movements. What is the right answer?",
                "explanation": "<p>Data on asylum seekers and refugees must <b>never</b> reach the country of "
                "origin, whatever the purpose code.</p>",
                "value": {
                    "options": [
                        {
                            "text": "Approve, if the request carries a purpose code.",
                            "is_correct": False,
                            "feedback": "",
                        },
                        {"text": "Approve in part: the address only.", "is_correct": False, "feedback": ""},
                        {
                            "text": "Refuse: that data is not shared with the country of origin.",
                            "is_correct": True,
                            "feedback": "",
                        },
                        {"text": "Forward the request to IOM to answer.", "is_correct": False, "feedback": ""},
                    ]
                },
            },
        },
        # 3
        {
            "kind": "multiple_response",
            "tags": ["purpose", "audit"],
            "points": 1,
            "es": {
                "prompt": "Según el protocolo de práctica del curso, ¿qué debe acompañar obligatoriamente a toda "
                "consulta regional? Marque todas las que correspondan.",
                "explanation": "<p>La consulta lleva sus llaves (documento o persona), un código de finalidad y una "
                "referencia de caso. Ni la fotografía ni la consulta a todos los países son obligatorias.</p>",
                "value": {
                    "options": [
                        {"text": "Un código de finalidad.", "is_correct": True, "feedback": ""},
                        {"text": "Una referencia de caso.", "is_correct": True, "feedback": ""},
                        {
                            "text": "Las llaves de búsqueda: documento, o nombres con fecha de nacimiento, sexo y "
                            "nacionalidad.",
                            "is_correct": True,
                            "feedback": "",
                        },
                        {"text": "La fotografía del viajero.", "is_correct": False, "feedback": ""},
                        {"text": "La selección de todos los países de la OCAM.", "is_correct": False, "feedback": ""},
                    ],
                    "partial_credit": True,
                },
            },
            "en": {
                "prompt": "Under the course's practice protocol, what must go with every regional query? Tick all "
                "that apply.",
                "explanation": "<p>A query carries its keys (document or person), a purpose code and a case "
                "reference. Neither the photograph nor querying every country is mandatory.</p>",
                "value": {
                    "options": [
                        {"text": "A purpose code.", "is_correct": True, "feedback": ""},
                        {"text": "A case reference.", "is_correct": True, "feedback": ""},
                        {
                            "text": "The search keys: a document, or names with date of birth, sex and nationality.",
                            "is_correct": True,
                            "feedback": "",
                        },
                        {"text": "The traveller's photograph.", "is_correct": False, "feedback": ""},
                        {"text": "A selection of every OCAM country.", "is_correct": False, "feedback": ""},
                    ],
                    "partial_credit": True,
                },
            },
        },
        # 4
        {
            "kind": "multiple_response",
            "tags": ["audit"],
            "points": 1,
            "es": {
                "prompt": "¿Cuáles de estos patrones del registro de auditoría deben revisarse? Marque todos los "
                "que correspondan.",
                "explanation": "<p>Exportaciones masivas o nocturnas, consultas sin referencia de caso, consultas "
                "sobre colegas o personajes públicos y consultas repetidas sobre una misma persona son los "
                "patrones de revisión. Una consulta con finalidad y caso durante el turno es normal.</p>",
                "value": {
                    "options": [
                        {"text": "Una exportación masiva a las 03:00.", "is_correct": True, "feedback": ""},
                        {"text": "Consultas sin referencia de caso.", "is_correct": True, "feedback": ""},
                        {
                            "text": "Consultas repetidas sobre la misma persona por el mismo usuario.",
                            "is_correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Una consulta sobre un colega de la misma delegación.",
                            "is_correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Una consulta por documento con BORDER_CHECK y referencia de caso durante el "
                            "turno.",
                            "is_correct": False,
                            "feedback": "",
                        },
                    ],
                    "partial_credit": True,
                },
            },
            "en": {
                "prompt": "Which of these audit log patterns must be reviewed? Tick all that apply.",
                "explanation": "<p>Bulk or overnight exports, queries without a case reference, queries on "
                "colleagues or public figures and repeated queries on one person are the review patterns. A query "
                "with a purpose and a case during the shift is normal.</p>",
                "value": {
                    "options": [
                        {"text": "A bulk export at 03:00.", "is_correct": True, "feedback": ""},
                        {"text": "Queries without a case reference.", "is_correct": True, "feedback": ""},
                        {
                            "text": "Repeated queries on the same person by the same user.",
                            "is_correct": True,
                            "feedback": "",
                        },
                        {"text": "A query on a colleague from the same post.", "is_correct": True, "feedback": ""},
                        {
                            "text": "A document query with BORDER_CHECK and a case reference during the shift.",
                            "is_correct": False,
                            "feedback": "",
                        },
                    ],
                    "partial_credit": True,
                },
            },
        },
        # 5
        {
            "kind": "true_false",
            "tags": ["hit-no-hit"],
            "points": 1,
            "es": {
                "prompt": "Un HIT confirma que el viajero es la persona de la alerta.",
                "explanation": "<p>Falso. Un HIT dice que los datos consultados coinciden con un registro. La "
                "identidad se verifica en secundaria y se confirma con el país titular.</p>",
                "value": {
                    "answer": False,
                    "feedback_true": "Un HIT es una pista: puede ser un falso positivo por nombres parecidos.",
                    "feedback_false": "Correcto: la identidad se verifica y se confirma con el país titular.",
                },
            },
            "en": {
                "prompt": "A HIT confirms that the traveller is the person in the alert.",
                "explanation": "<p>False. A HIT says that the data queried matches a record. Identity is verified "
                "in secondary inspection and confirmed with the holding country.</p>",
                "value": {
                    "answer": False,
                    "feedback_true": "A HIT is a lead: it may be a false positive caused by similar names.",
                    "feedback_false": "Right: identity is verified and confirmed with the holding country.",
                },
            },
        },
        # 6
        {
            "kind": "true_false",
            "tags": ["information-request", "purpose"],
            "points": 1,
            "es": {
                "prompt": "El país titular puede denegar una solicitud de información si la finalidad de la "
                "consulta no respeta la limitación de la finalidad.",
                "explanation": "<p>Verdadero. En el modelo hit/no-hit, el país titular revisa los antecedentes de "
                "la consulta y puede retener los datos personales.</p>",
                "value": {"answer": True, "feedback_true": "", "feedback_false": ""},
            },
            "en": {
                "prompt": "The holding country may refuse an information request if the purpose of the query does "
                "not respect purpose limitation.",
                "explanation": "<p>True. In the hit/no-hit model, the holding country checks the background of "
                "the query and may withhold the personal data.</p>",
                "value": {"answer": True, "feedback_true": "", "feedback_false": ""},
            },
        },
        # 7
        {
            "kind": "true_false",
            "tags": ["hit-no-hit", "sharing"],
            "points": 1,
            "es": {
                "prompt": "Una respuesta NO_HIT de un país prueba que la persona no tiene ningún registro en ese país.",
                "explanation": "<p>Falso. NO_HIT solo dice que, con las llaves usadas, no hubo coincidencia en los "
                "datos que ese país comparte con la región.</p>",
                "value": {"answer": False, "feedback_true": "", "feedback_false": ""},
            },
            "en": {
                "prompt": "A NO_HIT answer from a country proves that the person has no record at all in that country.",
                "explanation": "<p>False. NO_HIT only says that, with the keys used, nothing matched in the data "
                "that country shares with the region.</p>",
                "value": {"answer": False, "feedback_true": "", "feedback_false": ""},
            },
        },
        # 8
        {
            "kind": "numeric",
            "tags": ["information-request"],
            "points": 1,
            "es": {
                "prompt": "En el protocolo de práctica del curso, ¿cuántas horas tiene el país titular para "
                "responder una solicitud justificada de información?",
                "explanation": "<p>48 horas, por analogía con el plazo de respuesta que introduce Prüm II.</p>",
                "value": {"answer": "48", "tolerance": "0", "unit": "horas"},
            },
            "en": {
                "prompt": "In the course's practice protocol, how many hours does the holding country have to "
                "answer a justified information request?",
                "explanation": "<p>48 hours, by analogy with the answer deadline introduced by Prüm II.</p>",
                "value": {"answer": "48", "tolerance": "0", "unit": "hours"},
            },
        },
        # 9
        {
            "kind": "numeric",
            "tags": ["hit-no-hit"],
            "points": 1,
            "es": {
                "prompt": "La base SLTD de INTERPOL da en la realidad alrededor de 1 coincidencia por cada 12 000 "
                "consultas. Con esa tasa, ¿cuántas coincidencias se esperan en 36 000 consultas?",
                "explanation": "<p>36 000 ÷ 12 000 = 3. Las coincidencias reales son escasas; por eso el entorno "
                "de práctica infla las alertas y lo declara.</p>",
                "value": {"answer": "3", "tolerance": "0", "unit": ""},
            },
            "en": {
                "prompt": "In reality INTERPOL's SLTD database gives about 1 hit for every 12,000 queries. At that "
                "rate, how many hits would you expect from 36,000 queries?",
                "explanation": "<p>36,000 ÷ 12,000 = 3. Real hits are rare; that is why the practice environment "
                "inflates alerts and says so.</p>",
                "value": {"answer": "3", "tolerance": "0", "unit": ""},
            },
        },
        # 10
        {
            "kind": "short_text",
            "tags": ["hit-no-hit"],
            "points": 1,
            "es": {
                "prompt": "Además de «hit», ¿qué recibe el país solicitante que le permite pedir después los "
                "detalles al país titular? Responda con una palabra.",
                "explanation": "<p>Una <b>referencia</b> (un identificador opaco del registro en el país "
                "titular). Con ella se envía la solicitud justificada.</p>",
                "value": {
                    "accepted_answers": [
                        "referencia",
                        "una referencia",
                        "la referencia",
                        "referencia opaca",
                        "token",
                        "reference",
                    ]
                },
            },
            "en": {
                "prompt": 'Besides "hit", what does the requesting country receive that lets it ask the holding '
                "country for the details later? Answer in one word.",
                "explanation": "<p>A <b>reference</b> (an opaque identifier of the record in the holding country). "
                "The justified request is sent with it.</p>",
                "value": {
                    "accepted_answers": [
                        "reference",
                        "a reference",
                        "opaque reference",
                        "reference token",
                        "token",
                        "referencia",
                    ]
                },
            },
        },
        # 11
        {
            "kind": "short_text",
            "tags": ["purpose", "data-protection"],
            "points": 1,
            "es": {
                "prompt": "¿Cómo se llama el principio según el cual los datos recogidos para un fin no se usan "
                "para otro fin incompatible?",
                "explanation": "<p>Es la <b>limitación de la finalidad</b>; entre los principios de la OIM "
                "corresponde a la finalidad especificada y legítima.</p>",
                "value": {
                    "accepted_answers": [
                        "limitación de la finalidad",
                        "limitación de finalidad",
                        "limitación del propósito",
                        "finalidad especificada y legítima",
                        "purpose limitation",
                    ]
                },
            },
            "en": {
                "prompt": "What is the name of the principle that data collected for one purpose is not used for "
                "another, incompatible purpose?",
                "explanation": "<p>It is <b>purpose limitation</b>; among the IOM principles it corresponds to a "
                "specified and legitimate purpose.</p>",
                "value": {
                    "accepted_answers": [
                        "purpose limitation",
                        "limitation of purpose",
                        "specified and legitimate purpose",
                        "purpose limitation principle",
                        "limitación de la finalidad",
                    ]
                },
            },
        },
        # 12
        {
            "kind": "matching",
            "tags": ["purpose"],
            "points": 1,
            "es": {
                "prompt": "Relacione cada situación con su código de finalidad.",
                "explanation": "<p>El código describe para qué se consulta, y limita lo que se puede pedir "
                "después.</p>",
                "value": {
                    "pairs": [
                        {"prompt": "Control primario de un pasajero en La Aurora", "match": "BORDER_CHECK"},
                        {"prompt": "Caso abierto por tráfico ilícito de migrantes", "match": "INVESTIGATION"},
                        {
                            "prompt": "Verificar la nacionalidad de un retornado desde México",
                            "match": "RETURN_VERIFICATION",
                        },
                        {
                            "prompt": "Niña con una posible alerta Alba-Keneth en una salida",
                            "match": "CHILD_PROTECTION",
                        },
                    ]
                },
            },
            "en": {
                "prompt": "Match each situation with its purpose code.",
                "explanation": "<p>The code describes what the query is for, and limits what may be asked for "
                "afterwards.</p>",
                "value": {
                    "pairs": [
                        {"prompt": "Primary check of a passenger at La Aurora", "match": "BORDER_CHECK"},
                        {"prompt": "Open case of migrant smuggling", "match": "INVESTIGATION"},
                        {
                            "prompt": "Verifying the nationality of a returnee from Mexico",
                            "match": "RETURN_VERIFICATION",
                        },
                        {"prompt": "A girl with a possible Alba-Keneth alert at an exit", "match": "CHILD_PROTECTION"},
                    ]
                },
            },
        },
        # 13
        {
            "kind": "matching",
            "tags": ["data-protection"],
            "points": 1,
            "es": {
                "prompt": "Relacione cada principio de protección de datos de la OIM con una práctica que lo aplica.",
                "explanation": "<p>Los principios se vuelven concretos en cada consulta: declarar la finalidad, "
                "compartir por escrito, proteger el acceso, fijar plazos y corregir errores.</p>",
                "value": {
                    "pairs": [
                        {
                            "prompt": "Finalidad especificada y legítima",
                            "match": "Declarar el código de finalidad en cada consulta",
                        },
                        {
                            "prompt": "Transferencia a terceros",
                            "match": "Compartir solo por escrito, con fin especificado y salvaguardas",
                        },
                        {
                            "prompt": "Seguridad de los datos",
                            "match": "Entrar con cuenta personal y no compartir contraseñas",
                        },
                        {
                            "prompt": "Conservación de los datos personales",
                            "match": "Fijar plazos para archivar o eliminar registros",
                        },
                        {
                            "prompt": "Calidad de los datos",
                            "match": "Corregir una fecha de nacimiento imposible antes de compartir",
                        },
                    ]
                },
            },
            "en": {
                "prompt": "Match each IOM data protection principle with a practice that applies it.",
                "explanation": "<p>The principles become concrete in every query: declare the purpose, share in "
                "writing, protect access, set time limits and correct errors.</p>",
                "value": {
                    "pairs": [
                        {
                            "prompt": "Specified and legitimate purpose",
                            "match": "Declare the purpose code in every query",
                        },
                        {
                            "prompt": "Transfer to third parties",
                            "match": "Share only in writing, for a specified purpose and with safeguards",
                        },
                        {"prompt": "Data security", "match": "Log in with a personal account and share no passwords"},
                        {
                            "prompt": "Retention of personal data",
                            "match": "Set time limits for archiving or deleting records",
                        },
                        {"prompt": "Data quality", "match": "Correct an impossible date of birth before sharing"},
                    ]
                },
            },
        },
        # 14
        {
            "kind": "ordering",
            "tags": ["hit-no-hit", "information-request"],
            "points": 1,
            "es": {
                "prompt": "Ordene los pasos de una consulta regional, del primero al último.",
                "explanation": "<p>Caso y finalidad primero; luego la consulta, la respuesta hit/no-hit, la "
                "solicitud justificada y, por último, la respuesta con los campos aprobados.</p>",
                "value": {
                    "items": [
                        "Abrir el caso y anotar su referencia",
                        "Consultar con código de finalidad",
                        "Recibir HIT o NO_HIT con una referencia",
                        "Enviar la solicitud justificada al país titular",
                        "Recibir solo los campos aprobados",
                    ]
                },
            },
            "en": {
                "prompt": "Put the steps of a regional query in order, from first to last.",
                "explanation": "<p>Case and purpose first; then the query, the hit/no-hit answer, the justified "
                "request and, last, the answer with the approved fields.</p>",
                "value": {
                    "items": [
                        "Open the case and note its reference",
                        "Query with a purpose code",
                        "Receive HIT or NO_HIT with a reference",
                        "Send the justified request to the holding country",
                        "Receive only the approved fields",
                    ]
                },
            },
        },
        # 15
        {
            "kind": "ordering",
            "tags": ["information-request"],
            "points": 1,
            "es": {
                "prompt": "Usted es el punto focal del país titular. Ordene los pasos para atender una solicitud "
                "justificada.",
                "explanation": "<p>Primero se registra la recepción y el plazo, luego se verifica quién pide y para "
                "qué, se evalúan los campos y su sensibilidad, se decide y responde, y todo queda auditado.</p>",
                "value": {
                    "items": [
                        "Registrar la recepción y la hora límite",
                        "Verificar al solicitante y la consulta con hit",
                        "Comparar finalidad y referencia de caso con la consulta original",
                        "Evaluar cada campo pedido y la sensibilidad del registro",
                        "Decidir y responder por el canal oficial",
                        "Confirmar que la decisión quedó en el registro de auditoría",
                    ]
                },
            },
            "en": {
                "prompt": "You are the focal point of the holding country. Put the steps for handling a justified "
                "request in order.",
                "explanation": "<p>First the receipt and deadline are recorded, then who is asking and why is "
                "checked, the fields and their sensitivity are assessed, the decision is made and sent, and "
                "everything is audited.</p>",
                "value": {
                    "items": [
                        "Record the receipt and the deadline",
                        "Check the requester and the query with the hit",
                        "Compare purpose and case reference with the original query",
                        "Assess each field requested and the record's sensitivity",
                        "Decide and answer through the official channel",
                        "Confirm that the decision is in the audit log",
                    ]
                },
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
        "es": {
            "title": "Evaluación: consulta entre países y protección de datos",
            "introduction": "<p>Diez preguntas sobre el modelo hit/no-hit, la finalidad, la auditoría y las "
            "solicitudes justificadas. Se aprueba con 70 %.</p>",
        },
        "en": {
            "title": "Assessment: cross-country consultation and data protection",
            "introduction": "<p>Ten questions on the hit/no-hit model, purpose, auditing and justified requests. "
            "The pass mark is 70%.</p>",
        },
    },
}
