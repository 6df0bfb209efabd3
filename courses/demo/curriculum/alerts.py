"""Demo course: migratory alerts and hits.

Sources for the substance: `shared/domain/DOMAIN.md` (alert categories modelled on SIS, the
regional examples, INTERPOL SLTD figures, hit/no-hit exchange, name matching for Spanish names,
Alba-Keneth figures). The category and status codes (DOC_LOST_STOLEN, POSSIBLE, FALSE_POSITIVE…)
are those of the training platform, not an agreed OCAM protocol.
"""

from courses.demo.curriculum.text import T, option

COURSE = {
    "key": "migratory-alerts",
    "topic": "alerts",
    "audience": ["border_officer", "alert_manager", "supervisor"],
    "estimated_hours": "3.5",
    "pass_mark": 70,
    "certificate_validity_months": 24,
    "enrolment_policy": "open",
    "prerequisites": ["border-entries"],
    "cover": "alerts-cover.svg",
    "title": T(es="Alertas migratorias y atención de coincidencias", en="Migratory alerts and handling hits"),
    "slug": T(es="alertas-migratorias", en="migratory-alerts"),
    "summary": T(
        es=(
            "Qué es una alerta migratoria, qué categorías existen y qué significa una coincidencia (hit). Cómo "
            "verificar la identidad antes de actuar, atender una coincidencia paso a paso, reconocer los falsos "
            "positivos en nombres hispanos y registrar el resultado con datos de calidad."
        ),
        en=(
            "What a migratory alert is, which categories exist and what a hit means. How to verify identity before "
            "acting, handle a hit step by step, recognise false positives with Spanish names and record the outcome "
            "with good-quality data."
        ),
    ),
    "outcomes": [
        T(
            es="Distinguir las categorías de alerta migratoria y la acción que cada una indica en frontera.",
            en="Distinguish the categories of migratory alert and the action each one calls for at the border.",
        ),
        T(
            es=(
                "Explicar qué es una coincidencia (HIT o POSSIBLE) y por qué no equivale a una identificación "
                "confirmada."
            ),
            en="Explain what a hit (HIT or POSSIBLE) is and why it is not a confirmed identification.",
        ),
        T(
            es=(
                "Verificar la identidad con el documento, la fecha de nacimiento, la fotografía y las huellas antes de "
                "aplicar la acción de una alerta."
            ),
            en=(
                "Verify identity with the document, date of birth, photograph and fingerprints before applying an "
                "alert's action."
            ),
        ),
        T(
            es=(
                "Atender una coincidencia paso a paso, incluidos los casos de personas menores de edad y de control "
                "discreto."
            ),
            en="Handle a hit step by step, including cases involving minors and discreet checks.",
        ),
        T(
            es=(
                "Reconocer falsos positivos causados por tildes, Ñ, dos apellidos y fechas invertidas, y registrar el "
                "resultado de cada coincidencia."
            ),
            en=(
                "Recognise false positives caused by accents, Ñ, double surnames and swapped dates, and record the "
                "outcome of every hit."
            ),
        ),
    ],
    "cover_alt": T(
        es=(
            "Ilustración de un escudo con un pasaporte y de una lupa con una campana de alerta, junto a los resultados "
            "NO_HIT y HIT."
        ),
        en=(
            "Illustration of a shield with a passport and a magnifying glass with an alert bell, next to the results "
            "NO_HIT and HIT."
        ),
    ),
    "glossary": [
        {
            "term": T(es="Alerta migratoria", en="Migratory alert"),
            "definition": T(
                es=(
                    "Registro que emite una autoridad competente sobre una persona o un documento. Contiene solo los "
                    "datos indispensables para identificarlos y la acción que debe tomarse en frontera, por ejemplo "
                    "impedir la salida o retener el documento. Tiene una base legal, una vigencia y un alcance de "
                    "intercambio definido."
                ),
                en=(
                    "A record issued by a competent authority about a person or a document. It holds only the data "
                    "needed to identify them and the action to be taken at the border, for example preventing "
                    "departure or seizing the document. It has a legal basis, a validity period and a defined sharing "
                    "scope."
                ),
            ),
        },
        {
            "term": T(es="Coincidencia (hit)", en="Hit"),
            "definition": T(
                es=(
                    "Resultado de la consulta en que los datos de una persona o de un documento coinciden con una "
                    "alerta. Puede ser fuerte (HIT) o posible (POSSIBLE). Indica que hay que verificar; por sí sola no "
                    "confirma que se trate de la misma persona."
                ),
                en=(
                    "The result of a check in which a person's or a document's data matches an alert. It may be strong "
                    "(HIT) or possible (POSSIBLE). It means that verification is needed; on its own it does not "
                    "confirm that this is the same person."
                ),
            ),
        },
        {
            "term": T(es="Falso positivo", en="False positive"),
            "definition": T(
                es=(
                    "Coincidencia en la que, después de verificar, se comprueba que la persona o el documento no son "
                    "los de la alerta; por ejemplo, dos personas con nombres parecidos y fechas de nacimiento "
                    "distintas."
                ),
                en=(
                    "A hit in which verification shows that the person or the document is not the one in the alert; "
                    "for example, two people with similar names and different dates of birth."
                ),
            ),
        },
        {
            "term": T(es="Consulta hit/no-hit", en="Hit/no-hit query"),
            "definition": T(
                es=(
                    "Forma de consulta entre países en la que la base consultada responde solo «coincidencia» o «sin "
                    "coincidencia», con una referencia. Los datos personales se entregan después, ante una solicitud "
                    "justificada que el país que los tiene puede rechazar."
                ),
                en=(
                    "A way of querying between countries in which the queried database answers only “hit” or “no hit”, "
                    "with a reference. Personal data is released afterwards, on a justified request that the country "
                    "holding it may refuse."
                ),
            ),
        },
        {
            "term": T(es="Inspección secundaria", en="Secondary inspection"),
            "definition": T(
                es=(
                    "Revisión detallada, fuera de la fila de control primario, a la que se remite a una persona cuando "
                    "hay una coincidencia, un documento dudoso o un requisito pendiente. Ahí se verifica la identidad "
                    "y se toma la decisión."
                ),
                en=(
                    "A detailed check, away from the primary control line, to which a traveller is referred when there "
                    "is a hit, a doubtful document or a missing requirement. Identity is verified and the decision is "
                    "taken there."
                ),
            ),
        },
    ],
    "modules": [
        # ------------------------------------------------------------------ module 1
        {
            "requires_previous_module": False,
            "title": T(es="Las alertas y sus fuentes", en="Alerts and their sources"),
            "slug": T(es="las-alertas-y-sus-fuentes", en="alerts-and-their-sources"),
            "summary": T(
                es=(
                    "Qué contiene una alerta, sus categorías y la acción que indica cada una, y de dónde vienen las "
                    "alertas que se consultan en frontera."
                ),
                en=(
                    "What an alert holds, its categories and the action each one calls for, and where the alerts "
                    "checked at the border come from."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(es="Qué es una alerta migratoria", en="What a migratory alert is"),
                    "slug": T(es="que-es-una-alerta", en="what-an-alert-is"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Una alerta dice quién o qué, y qué hacer",
                                    en="An alert says who or what, and what to do",
                                ),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Una alerta migratoria es un registro que crea una autoridad competente (un "
                                    "tribunal, la Procuraduría, la policía, la autoridad migratoria o el país que "
                                    "emitió un documento) para que el control fronterizo actúe cuando aparezca una "
                                    "persona o un documento determinados. Siguiendo el modelo del Sistema de "
                                    "Información de Schengen, una alerta contiene <b>solo la información "
                                    "indispensable</b> para identificar a la persona o el objeto y <b>la acción que "
                                    "debe tomarse</b>.</p><p>Toda alerta tiene además una base legal (orden judicial, "
                                    "número de expediente), una vigencia, una fecha de revisión y un alcance de "
                                    "intercambio: nacional, para todos los países de la OCAM o para países "
                                    "seleccionados.</p>"
                                ),
                                en=(
                                    "<p>A migratory alert is a record created by a competent authority (a court, the "
                                    "Attorney's Office, the police, the immigration authority or the country that "
                                    "issued a document) so that border control acts when a given person or document "
                                    "appears. Following the Schengen Information System model, an alert holds <b>only "
                                    "the indispensable information</b> to identify the person or object and <b>the "
                                    "action to be taken</b>.</p><p>Every alert also has a legal basis (court order, "
                                    "case file number), a validity period, a review date and a sharing scope: "
                                    "national, all OCAM countries or selected countries.</p>"
                                ),
                            ),
                        ),
                        ("glossary_term", {"term": 0}),
                        ("heading", {"text": T(es="Categorías de alerta", en="Alert categories"), "level": "h3"}),
                        (
                            "image",
                            {
                                "image": "alerts-categories.svg",
                                "alt_text": T(
                                    es=(
                                        "Categorías de alerta según su objeto. Documentos: DOC_LOST_STOLEN (extraviado "
                                        "o robado) y DOC_REVOKED (anulado). Personas: EXIT_BAN, ENTRY_BAN, WANTED, "
                                        "MISSING_MINOR y DISCREET_CHECK. INFO puede referirse a personas o a "
                                        "documentos."
                                    ),
                                    en=(
                                        "Alert categories by subject. Documents: DOC_LOST_STOLEN (lost or stolen) and "
                                        "DOC_REVOKED (revoked). Persons: EXIT_BAN, ENTRY_BAN, WANTED, MISSING_MINOR "
                                        "and DISCREET_CHECK. INFO may concern persons or documents."
                                    ),
                                ),
                                "caption": T(
                                    es="Códigos de categoría que usa la plataforma de capacitación.",
                                    en="Category codes used by the training platform.",
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<ul><li><b>DOC_LOST_STOLEN</b>: documento extraviado o robado, por ejemplo "
                                    "registrado en la base SLTD de INTERPOL. Acción: retener el documento y remitir a "
                                    "inspección secundaria; se notifica al Estado emisor.</li><li><b>DOC_REVOKED</b>: "
                                    "pasaporte anulado o invalidado. Acción: retener el "
                                    "documento.</li><li><b>EXIT_BAN</b>: impedimento de salida, como la restricción "
                                    "migratoria en El Salvador o el arraigo en Guatemala. Acción: impedir la salida y "
                                    "avisar a la autoridad que lo ordenó.</li><li><b>ENTRY_BAN</b>: prohibición de "
                                    "ingreso tras una deportación o una expulsión. Acción: rechazar la "
                                    "entrada.</li><li><b>WANTED</b>: orden de captura nacional o notificación roja de "
                                    "INTERPOL. Acción: avisar a la policía según el "
                                    "procedimiento.</li><li><b>MISSING_MINOR</b>: niña, niño o adolescente "
                                    "desaparecido, como la Alerta Alba-Keneth en Guatemala o la notificación amarilla "
                                    "de INTERPOL. Acción: proteger, remitir a la autoridad de protección de la niñez e "
                                    "impedir la salida.</li><li><b>DISCREET_CHECK</b>: control discreto, por ejemplo "
                                    "ante la sospecha de tráfico ilícito o de trata de personas. Acción: registrar e "
                                    "informar <b>sin alertar a la persona</b>.</li><li><b>INFO</b>: solo información, "
                                    "por ejemplo el documento de una persona fallecida.</li></ul>"
                                ),
                                en=(
                                    "<ul><li><b>DOC_LOST_STOLEN</b>: a lost or stolen document, for example one "
                                    "recorded in INTERPOL's SLTD database. Action: seize the document and refer to "
                                    "secondary inspection; the issuing state is notified.</li><li><b>DOC_REVOKED</b>: "
                                    "a cancelled or invalidated passport. Action: seize the "
                                    "document.</li><li><b>EXIT_BAN</b>: a ban on leaving, such as the restricción "
                                    "migratoria in El Salvador or the arraigo in Guatemala. Action: prevent departure "
                                    "and inform the authority that ordered it.</li><li><b>ENTRY_BAN</b>: a ban on "
                                    "re-entry after deportation or expulsion. Action: refuse "
                                    "entry.</li><li><b>WANTED</b>: a national arrest warrant or an INTERPOL Red "
                                    "Notice. Action: inform the police according to the "
                                    "procedure.</li><li><b>MISSING_MINOR</b>: a missing child or adolescent, such as "
                                    "the Alba-Keneth Alert in Guatemala or an INTERPOL Yellow Notice. Action: protect, "
                                    "refer to the child-protection authority and prevent "
                                    "departure.</li><li><b>DISCREET_CHECK</b>: a discreet check, for example where "
                                    "smuggling of migrants or trafficking in persons is suspected. Action: record and "
                                    "report <b>without alerting the person</b>.</li><li><b>INFO</b>: information only, "
                                    "for example the document of a deceased person.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "legal",
                                "text": T(
                                    es=(
                                        "<p>Dos ejemplos de la región: en El Salvador, el Código de Familia, art. 258, "
                                        "permite que un juzgado de familia o el Procurador ordenen que una persona que "
                                        "debe cuota alimenticia <b>no salga del país</b>; la orden debe emitirse "
                                        "dentro de las 24 horas siguientes a la solicitud. En Guatemala, la Alerta "
                                        "Alba-Keneth (Decreto 28-2010) se envía a las autoridades fronterizas y a los "
                                        "aeropuertos para evitar la salida de la niña o el niño. Los demás supuestos "
                                        "se aplican <b>según la ley nacional</b>.</p>"
                                    ),
                                    en=(
                                        "<p>Two examples from the region: in El Salvador, article 258 of the Family "
                                        "Code allows a family court or the Procurador to order that a person who owes "
                                        "child support <b>may not leave the country</b>; the order must be issued "
                                        "within 24 hours of the request. In Guatemala, the Alba-Keneth Alert (Decree "
                                        "28-2010) is sent to border authorities and airports to prevent the child from "
                                        "leaving. Other cases apply <b>according to national law</b>.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Una alerta DISCREET_CHECK coincide con una persona que está en la ventanilla. "
                                        "¿Qué hace?"
                                    ),
                                    en=(
                                        "A DISCREET_CHECK alert matches a person standing at your counter. What do you "
                                        "do?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="Le informa que tiene una alerta y la remite a la policía.",
                                            en="Tell the person there is an alert and refer them to the police.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "Registra el paso y la información requerida, e informa a la autoridad "
                                                "emisora sin alertar a la persona."
                                            ),
                                            en=(
                                                "Record the crossing and the required information, and report to the "
                                                "issuing authority without alerting the person."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Le impide la salida del país.",
                                            en="Prevent the person from leaving the country.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>El control discreto sirve para saber por dónde y cuándo pasa una persona, "
                                        "<b>sin que se entere</b>. Avisarle o detenerla frustra el propósito de la "
                                        "alerta.</p>"
                                    ),
                                    en=(
                                        "<p>A discreet check is there to learn where and when a person crosses, "
                                        "<b>without their knowing</b>. Telling them or stopping them defeats the "
                                        "purpose of the alert.</p>"
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
                        es="Listas de alertas e intercambio entre países",
                        en="Alert lists and exchange between countries",
                    ),
                    "slug": T(es="listas-e-intercambio", en="lists-and-exchange"),
                    "body": [
                        (
                            "heading",
                            {"text": T(es="De dónde vienen las alertas", en="Where alerts come from"), "level": "h2"},
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>La consulta automática del puesto revisa varias fuentes a la "
                                    "vez:</p><ul><li><b>Listas nacionales</b>: las alertas que emiten las autoridades "
                                    "del propio país.</li><li><b>SLTD de INTERPOL</b>: la base de documentos de viaje "
                                    "extraviados o robados (pasaportes, documentos de identidad y visas). Solo el país "
                                    "que emitió un documento puede registrarlo. Se consulta por la red I-24/7, con las "
                                    "soluciones MIND (copia móvil o sin conexión) y FIND (integrada al sistema "
                                    "nacional). En 2016 tenía unos 68 millones de registros de 174 "
                                    "países.</li><li><b>Alertas regionales de la OCAM</b>, que los países comparten "
                                    "según el alcance que fija cada alerta.</li></ul>"
                                ),
                                en=(
                                    "<p>The post's automatic check covers several sources at "
                                    "once:</p><ul><li><b>National lists</b>: the alerts issued by the country's own "
                                    "authorities.</li><li><b>INTERPOL SLTD</b>: the database of lost or stolen travel "
                                    "documents (passports, identity documents and visas). Only the country that issued "
                                    "a document can add it. It is queried through the I-24/7 network, with the MIND "
                                    "(mobile or offline copy) and FIND (integrated into the national system) "
                                    "solutions. In 2016 it held some 68 million records from 174 "
                                    "countries.</li><li><b>OCAM regional alerts</b>, which countries share according "
                                    "to the scope set for each alert.</li></ul>"
                                ),
                            ),
                        ),
                        ("glossary_term", {"term": 3}),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>El modelo hit/no-hit</h3><p>Entre países, la consulta responde solo "
                                    "<b>coincidencia</b> o <b>sin coincidencia</b>, con una referencia, la categoría, "
                                    "la acción que debe tomarse y el punto de contacto; no devuelve el expediente "
                                    "completo. Si hay coincidencia, el país que consulta envía una solicitud de "
                                    "información justificada al país que emitió la alerta, que puede aprobarla, "
                                    "aprobarla en parte o rechazarla. En el protocolo de la plataforma de "
                                    "capacitación, el plazo de respuesta es de 48 horas, por analogía con el modelo "
                                    "europeo de Prüm II.</p><p>Cuando una alerta de otro país coincide en su frontera, "
                                    "el sistema envía a ese país una <b>notificación de coincidencia</b>.</p>"
                                ),
                                en=(
                                    "<h3>The hit/no-hit model</h3><p>Between countries, the query answers only "
                                    "<b>hit</b> or <b>no hit</b>, with a reference, the category, the action to be "
                                    "taken and the contact point; it does not return the full file. On a hit, the "
                                    "querying country sends a justified information request to the country that issued "
                                    "the alert, which may approve it, approve it in part or refuse it. In the training "
                                    "platform's protocol, the deadline for an answer is 48 hours, by analogy with the "
                                    "European Prüm II model.</p><p>When another country's alert is hit at your border, "
                                    "the system sends that country a <b>hit notification</b>.</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p><b>Las coincidencias reales son raras.</b> En 2013 hubo unos 809 millones "
                                        "de consultas a SLTD y unas 67,000 coincidencias: cerca de 1 por cada 12,000 "
                                        "consultas. El entorno de práctica de esta plataforma tiene muchas más "
                                        "alertas, a propósito, para que los ejercicios tengan casos que resolver.</p>"
                                    ),
                                    en=(
                                        "<p><b>Real hits are rare.</b> In 2013 there were about 809 million SLTD "
                                        "searches and about 67,000 hits: roughly 1 in every 12,000 queries. This "
                                        "platform's practice environment has many more alerts, on purpose, so that the "
                                        "exercises have cases to solve.</p>"
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
                                        "<p>Los datos son propiedad de cada Estado. Los Principios de Protección de "
                                        "Datos de la OIM piden recoger solo lo necesario para un fin determinado, "
                                        "declarar el propósito de cada consulta y transferir datos a terceros solo "
                                        "para un fin específico, con garantías adecuadas y por escrito. Cada consulta "
                                        "queda registrada con su código de propósito y su número de caso.</p>"
                                    ),
                                    en=(
                                        "<p>The data belongs to each state. The IOM Data Protection Principles call "
                                        "for collecting only what a specified purpose needs, declaring the purpose of "
                                        "each query, and transferring data to third parties only for a specific "
                                        "purpose, with adequate safeguards and in writing. Every query is logged with "
                                        "its purpose code and case number.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es="¿Qué devuelve una consulta hit/no-hit a otro país cuando hay coincidencia?",
                                    en="What does a hit/no-hit query to another country return when there is a hit?",
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="El expediente completo de la persona, con fotografía y huellas.",
                                            en="The person's full file, with photograph and fingerprints.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "La coincidencia, una referencia, la categoría, la acción que debe "
                                                "tomarse y el punto de contacto."
                                            ),
                                            en=(
                                                "The hit, a reference, the category, the action to be taken and the "
                                                "contact point."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Nada: el país consultado llama por teléfono al puesto.",
                                            en="Nothing: the queried country phones the post.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>La respuesta es mínima a propósito. Los datos personales se piden después, "
                                        "con una <b>solicitud justificada</b> que el país emisor puede aprobar o "
                                        "rechazar.</p>"
                                    ),
                                    en=(
                                        "<p>The answer is minimal on purpose. Personal data is requested afterwards, "
                                        "with a <b>justified request</b> that the issuing country may approve or "
                                        "refuse.</p>"
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
            "title": T(es="Atender una coincidencia", en="Handling a hit"),
            "slug": T(es="atender-una-coincidencia", en="handling-a-hit"),
            "summary": T(
                es=(
                    "Qué significa cada resultado de la consulta, cómo se verifica la identidad en inspección "
                    "secundaria y el procedimiento completo ante una coincidencia."
                ),
                en=(
                    "What each check result means, how identity is verified in secondary inspection, and the full "
                    "procedure when there is a hit."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="Qué es una coincidencia", en="What a hit is"),
                    "slug": T(es="que-es-una-coincidencia", en="what-a-hit-is"),
                    "body": [
                        (
                            "heading",
                            {"text": T(es="HIT, POSSIBLE y NO_HIT", en="HIT, POSSIBLE and NO_HIT"), "level": "h2"},
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Cada vez que se lee un documento, el sistema compara sus datos con las alertas "
                                    "y devuelve uno de tres resultados:</p><ul><li><b>NO_HIT</b>: sin coincidencia; la "
                                    "inspección sigue su curso normal.</li><li><b>HIT</b>: coincidencia fuerte, por "
                                    "ejemplo el mismo número de documento y el mismo Estado "
                                    "emisor.</li><li><b>POSSIBLE</b>: coincidencia parcial, por ejemplo un nombre "
                                    "parecido y la misma fecha de nacimiento.</li></ul><p>El sistema indica también el "
                                    "<b>tipo de coincidencia</b> y una puntuación de 0 a "
                                    "1:</p><ul><li><b>DOC_EXACT</b>: número de documento, tipo y Estado emisor "
                                    "idénticos.</li><li><b>NAME_DOB_FUZZY</b>: nombre y fecha de nacimiento parecidos, "
                                    "no idénticos.</li><li><b>BIOMETRIC</b>: coinciden las huellas o el "
                                    "rostro.</li><li><b>MANUAL</b>: la coincidencia la señala el propio "
                                    "oficial.</li></ul>"
                                ),
                                en=(
                                    "<p>Every time a document is read, the system compares its data with the alerts "
                                    "and returns one of three results:</p><ul><li><b>NO_HIT</b>: no match; the "
                                    "inspection continues as normal.</li><li><b>HIT</b>: a strong match, for example "
                                    "the same document number and the same issuing state.</li><li><b>POSSIBLE</b>: a "
                                    "partial match, for example a similar name and the same date of "
                                    "birth.</li></ul><p>The system also shows the <b>match type</b> and a score from 0 "
                                    "to 1:</p><ul><li><b>DOC_EXACT</b>: identical document number, type and issuing "
                                    "state.</li><li><b>NAME_DOB_FUZZY</b>: similar, not identical, name and date of "
                                    "birth.</li><li><b>BIOMETRIC</b>: the fingerprints or the face "
                                    "match.</li><li><b>MANUAL</b>: the officer flags the match.</li></ul>"
                                ),
                            ),
                        ),
                        ("glossary_term", {"term": 1}),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p><b>Una coincidencia no es una identificación.</b> Indica que hay que "
                                        "verificar. Aplicar la acción de una alerta a la persona equivocada (impedirle "
                                        "la salida, retenerle el documento) es un error grave, con consecuencias para "
                                        "esa persona.</p>"
                                    ),
                                    en=(
                                        "<p><b>A hit is not an identification.</b> It means that verification is "
                                        "needed. Applying an alert's action to the wrong person (preventing their "
                                        "departure, seizing their document) is a serious error, with consequences for "
                                        "that person.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>Qué pesa más</h3><p>Los identificadores «duros» pesan más que los nombres: el "
                                    "número de documento pesa más que el nombre, y el nombre más que la fecha de "
                                    "nacimiento. Las búsquedas solo por nombre, sobre datos que no son únicos, "
                                    "producen listas largas de coincidencias, difíciles de verificar en una "
                                    "ventanilla; por eso se prefieren el número de documento y la biometría.</p>"
                                ),
                                en=(
                                    "<h3>What weighs most</h3><p>“Hard” identifiers weigh more than names: the "
                                    "document number weighs more than the name, and the name more than the date of "
                                    "birth. Name-only searches on non-unique data produce long hit lists that are hard "
                                    "to verify at a counter; that is why the document number and biometrics are "
                                    "preferred.</p>"
                                ),
                            ),
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "El sistema devuelve POSSIBLE, tipo NAME_DOB_FUZZY, con puntuación 0.91. ¿Qué "
                                        "significa?"
                                    ),
                                    en=(
                                        "The system returns POSSIBLE, type NAME_DOB_FUZZY, with a score of 0.91. What "
                                        "does it mean?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es=(
                                                "Que la persona es la de la alerta en un 91 % y debe aplicarse la "
                                                "acción."
                                            ),
                                            en=(
                                                "That the person is 91% the one in the alert and the action must be "
                                                "applied."
                                            ),
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "Que el nombre y la fecha de nacimiento se parecen a los de una alerta "
                                                "y hay que verificar la identidad."
                                            ),
                                            en=(
                                                "That the name and date of birth resemble those of an alert and "
                                                "identity must be verified."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Que el documento está reportado como robado.",
                                            en="That the document is reported stolen.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>La puntuación mide el parecido de los datos, no la probabilidad de que sea "
                                        "la misma persona. Un POSSIBLE siempre se <b>verifica</b> antes de actuar.</p>"
                                    ),
                                    en=(
                                        "<p>The score measures how similar the data is, not the probability that this "
                                        "is the same person. A POSSIBLE is always <b>verified</b> before acting.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="Verificar la identidad antes de actuar", en="Verifying identity before acting"),
                    "slug": T(es="verificar-la-identidad", en="verifying-identity"),
                    "body": [
                        (
                            "heading",
                            {"text": T(es="Compare antes de decidir", en="Compare before you decide"), "level": "h2"},
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>La verificación se hace en <b>inspección secundaria</b>, no en la fila. El "
                                    "oficial de primera línea ve solo el resultado (HIT o POSSIBLE) y remite a la "
                                    "persona; el oficial de inspección secundaria ve los datos de la alerta que el "
                                    "caso necesita y compara:</p><ul><li>el <b>número, el tipo y el Estado emisor</b> "
                                    "del documento;</li><li>los <b>nombres y apellidos</b>, teniendo en cuenta las "
                                    "variantes de escritura;</li><li>la <b>fecha de nacimiento</b> y el "
                                    "sexo;</li><li>la <b>nacionalidad</b>;</li><li>la <b>fotografía</b> y, si la "
                                    "alerta las tiene, las <b>huellas dactilares</b>.</li></ul>"
                                ),
                                en=(
                                    "<p>Verification happens in <b>secondary inspection</b>, not in the queue. The "
                                    "primary-line officer sees only the result (HIT or POSSIBLE) and refers the "
                                    "person; the secondary inspection officer sees the alert data that the case needs "
                                    "and compares:</p><ul><li>the document's <b>number, type and issuing "
                                    "state</b>;</li><li>the <b>given names and surnames</b>, allowing for spelling "
                                    "variants;</li><li>the <b>date of birth</b> and sex;</li><li>the "
                                    "<b>nationality</b>;</li><li>the <b>photograph</b> and, if the alert has them, the "
                                    "<b>fingerprints</b>.</li></ul>"
                                ),
                            ),
                        ),
                        ("glossary_term", {"term": 4}),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>Cuando la alerta no basta</h3><p>La alerta trae solo los datos "
                                    "indispensables. Si con ellos no se puede confirmar ni descartar la identidad, el "
                                    "resultado es <b>no concluyente</b> y se pide información complementaria a la "
                                    "autoridad emisora o, si la alerta es de otro país, a su punto de contacto "
                                    "nacional, mediante una solicitud justificada.</p>"
                                ),
                                en=(
                                    "<h3>When the alert is not enough</h3><p>The alert holds only the indispensable "
                                    "data. If that data can neither confirm nor rule out the identity, the outcome is "
                                    "<b>inconclusive</b> and supplementary information is requested from the issuing "
                                    "authority or, if the alert belongs to another country, from its national contact "
                                    "point, through a justified request.</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "legal",
                                "text": T(
                                    es=(
                                        "<p>Consulte solo lo que el caso requiere. Cada consulta, vista y modificación "
                                        "queda en la bitácora de auditoría con el usuario, el puesto, la hora, el "
                                        "código de propósito y el número de caso. Las consultas sin número de caso, "
                                        "sobre colegas o personas conocidas, o repetidas sin motivo, son señales de "
                                        "uso indebido.</p>"
                                    ),
                                    en=(
                                        "<p>Look up only what the case requires. Every query, view and change is kept "
                                        "in the audit log with the user, post, time, purpose code and case number. "
                                        "Queries without a case number, about colleagues or acquaintances, or repeated "
                                        "without reason, are signs of misuse.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p>Trate a la persona con respeto y explíquele que su caso necesita una "
                                        "verificación. En un control discreto (DISCREET_CHECK), no le indique que "
                                        "existe una alerta.</p>"
                                    ),
                                    en=(
                                        "<p>Treat the person with respect and explain that their case needs to be "
                                        "checked. In a discreet check (DISCREET_CHECK), do not let them know that an "
                                        "alert exists.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Un pasaporte da HIT con una alerta DOC_LOST_STOLEN: número y Estado emisor "
                                        "coinciden. La persona es la titular y dice que denunció el robo y después "
                                        "recuperó el pasaporte. ¿Qué hace?"
                                    ),
                                    en=(
                                        "A passport gives a HIT on a DOC_LOST_STOLEN alert: number and issuing state "
                                        "match. The person is the holder and says they reported the theft and later "
                                        "recovered the passport. What do you do?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="Le devuelve el pasaporte y registra un falso positivo.",
                                            en="Give the passport back and record a false positive.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "Sigue la acción de la alerta: el documento sigue registrado como "
                                                "robado, así que lo retiene según el procedimiento y lo confirma con "
                                                "el Estado emisor."
                                            ),
                                            en=(
                                                "Follow the alert's action: the document is still recorded as stolen, "
                                                "so seize it according to the procedure and confirm with the issuing "
                                                "state."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Borra la alerta del sistema porque la titular recuperó el documento.",
                                            en=(
                                                "Delete the alert from the system because the holder recovered the "
                                                "document."
                                            ),
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>La coincidencia es real: el pasaporte es el de la alerta, aunque quien lo "
                                        "presenta sea su titular. <b>No es un falso positivo.</b> Solo el Estado "
                                        "emisor puede retirar el registro.</p>"
                                    ),
                                    en=(
                                        "<p>The hit is real: the passport is the one in the alert, even though the "
                                        "person presenting it is its holder. <b>It is not a false positive.</b> Only "
                                        "the issuing state can withdraw the record.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(es="Atender una coincidencia paso a paso", en="Handling a hit step by step"),
                    "slug": T(es="paso-a-paso", en="step-by-step"),
                    "body": [
                        ("heading", {"text": T(es="El procedimiento", en="The procedure"), "level": "h2"}),
                        (
                            "image",
                            {
                                "image": "alerts-hit-flow.svg",
                                "alt_text": T(
                                    es=(
                                        "Diagrama de decisión: la consulta da NO_HIT y la persona sigue, o "
                                        "HIT/POSSIBLE y pasa a inspección secundaria, donde se comparan fotografía, "
                                        "huellas, fecha de nacimiento y documento. Resultado: FALSE_POSITIVE (se "
                                        "registra y sigue), INCONCLUSIVE (se consulta) o CONFIRMED (se actúa y se "
                                        "notifica)."
                                    ),
                                    en=(
                                        "Decision diagram: the check gives NO_HIT and the person goes on, or "
                                        "HIT/POSSIBLE and goes to secondary inspection, where photograph, "
                                        "fingerprints, date of birth and document are compared. Outcome: "
                                        "FALSE_POSITIVE (recorded, goes on), INCONCLUSIVE (ask) or CONFIRMED (act and "
                                        "notify)."
                                    ),
                                ),
                                "caption": T(es="La decisión ante una coincidencia.", en="Deciding on a hit."),
                            },
                        ),
                        (
                            "procedure",
                            {
                                "title": T(es="Atender una coincidencia", en="Handling a hit"),
                                "steps": [
                                    {
                                        "title": T(es="No actúe todavía", en="Do not act yet"),
                                        "detail": T(
                                            es=(
                                                "<p>Conserve el documento, mantenga la calma y no aplique la acción de "
                                                "la alerta desde la fila.</p>"
                                            ),
                                            en=(
                                                "<p>Keep the document, stay calm and do not apply the alert's action "
                                                "from the queue.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Remita a inspección secundaria", en="Refer to secondary inspection"
                                        ),
                                        "detail": T(
                                            es="<p>Registre el movimiento como remitido, con el motivo.</p>",
                                            en="<p>Record the movement as referred, with the reason.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(es="Lea la alerta", en="Read the alert"),
                                        "detail": T(
                                            es=(
                                                "<p>Categoría, autoridad emisora, vigencia, acción que debe tomarse y "
                                                "punto de contacto. Compruebe que la alerta está activa.</p>"
                                            ),
                                            en=(
                                                "<p>Category, issuing authority, validity, action to be taken and "
                                                "contact point. Check that the alert is active.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Verifique la identidad", en="Verify the identity"),
                                        "detail": T(
                                            es=(
                                                "<p>Documento, nombres, fecha de nacimiento, nacionalidad, fotografía "
                                                "y huellas.</p>"
                                            ),
                                            en=(
                                                "<p>Document, names, date of birth, nationality, photograph and "
                                                "fingerprints.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Registre el resultado", en="Record the outcome"),
                                        "detail": T(
                                            es=(
                                                "<p>Confirmada, falso positivo o no concluyente, con una nota breve de "
                                                "lo que comparó.</p>"
                                            ),
                                            en=(
                                                "<p>Confirmed, false positive or inconclusive, with a short note of "
                                                "what you compared.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Si se confirma, aplique la acción", en="If confirmed, apply the action"
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Impedir la salida, rechazar la entrada, retener el documento, "
                                                "avisar a la policía o proteger a la persona menor de edad, según la "
                                                "categoría.</p>"
                                            ),
                                            en=(
                                                "<p>Prevent departure, refuse entry, seize the document, inform the "
                                                "police or protect the minor, according to the category.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Notifique", en="Notify"),
                                        "detail": T(
                                            es=(
                                                "<p>A la autoridad emisora o, si la alerta es de otro país, mediante "
                                                "la notificación de coincidencia. Un falso positivo no se notifica.</p>"
                                            ),
                                            en=(
                                                "<p>The issuing authority or, if the alert belongs to another country, "
                                                "through the hit notification. A false positive is not notified.</p>"
                                            ),
                                        ),
                                    },
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p><b>Personas menores de edad.</b> Ante una alerta MISSING_MINOR, la "
                                        "prioridad es proteger: no permita la salida, mantenga a la niña, niño o "
                                        "adolescente bajo resguardo y remita el caso a la autoridad de protección de "
                                        "la niñez (en Guatemala, la PGN). Si la alerta parece desactualizada, no la "
                                        "ignore ni la borre: pida confirmación a la autoridad que la emitió.</p>"
                                    ),
                                    en=(
                                        "<p><b>Minors.</b> With a MISSING_MINOR alert, protection comes first: do not "
                                        "allow the departure, keep the child or adolescent in safe care and refer the "
                                        "case to the child-protection authority (in Guatemala, the PGN). If the alert "
                                        "looks out of date, do not ignore or delete it: ask the authority that issued "
                                        "it to confirm.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>Un caso para pensar</h3><p>En Tocumen, una persona viajera da POSSIBLE con "
                                    "una alerta ENTRY_BAN. El nombre se parece en un 90 %, pero la fecha de nacimiento "
                                    "de la alerta es 1985-07-04 y la del pasaporte 1991-02-17, el número de documento "
                                    "es otro y la fotografía de la alerta no se parece. Ni el documento ni la "
                                    "biometría coinciden: es un <b>falso positivo</b>. Se registra, se anota qué se "
                                    "comparó y la inspección continúa.</p>"
                                ),
                                en=(
                                    "<h3>A case to think about</h3><p>At Tocumen, a traveller gives a POSSIBLE on an "
                                    "ENTRY_BAN alert. The name is 90% similar, but the alert's date of birth is "
                                    "1985-07-04 and the passport's is 1991-02-17, the document number is different and "
                                    "the alert's photograph does not look alike. Neither the document nor the "
                                    "biometrics match: it is a <b>false positive</b>. It is recorded, what was "
                                    "compared is noted, and the inspection continues.</p>"
                                ),
                            ),
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Se confirma una coincidencia con una alerta EXIT_BAN emitida por un juzgado "
                                        "de su país. ¿Qué corresponde?"
                                    ),
                                    en=(
                                        "A hit on an EXIT_BAN alert issued by a court of your country is confirmed. "
                                        "What applies?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="Impedir la salida y avisar a la autoridad que emitió la orden.",
                                            en="Prevent the departure and inform the authority that issued the order.",
                                        ),
                                        correct=True,
                                    ),
                                    option(T(es="Rechazar la entrada de la persona.", en="Refuse the person's entry.")),
                                    option(
                                        T(
                                            es="Dejarla salir y avisar después al juzgado.",
                                            en="Let the person leave and inform the court afterwards.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>EXIT_BAN es un impedimento de salida: la acción es <b>impedir la "
                                        "salida</b> y notificar a la autoridad que lo ordenó.</p>"
                                    ),
                                    en=(
                                        "<p>EXIT_BAN is a ban on leaving: the action is to <b>prevent the "
                                        "departure</b> and notify the authority that ordered it.</p>"
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
            "title": T(
                es="Falsos positivos, registro del resultado y calidad",
                en="False positives, recording the outcome and data quality",
            ),
            "slug": T(es="falsos-positivos-y-calidad", en="false-positives-and-quality"),
            "summary": T(
                es=(
                    "Por qué los nombres hispanos producen falsos positivos, cómo se registra el resultado de una "
                    "coincidencia y cómo se mantienen al día las alertas. Termina con la evaluación del curso."
                ),
                en=(
                    "Why Spanish names produce false positives, how the outcome of a hit is recorded and how alerts "
                    "are kept up to date. It ends with the course assessment."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(es="Falsos positivos y nombres hispanos", en="False positives and Spanish names"),
                    "slug": T(es="falsos-positivos-y-nombres", en="false-positives-and-names"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Por qué los nombres generan falsos positivos",
                                    en="Why names generate false positives",
                                ),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Los nombres hispanos tienen rasgos que confunden a los sistemas de "
                                    "coincidencia y a quienes los usan:</p><ul><li><b>Tildes y Ñ</b>: la MRZ no las "
                                    "lleva. PÉREZ se escribe PEREZ, y PEÑA puede ser PENA o PENXXA según el Estado "
                                    "emisor.</li><li><b>Dos apellidos</b>, que pueden aparecer invertidos o con el "
                                    "segundo omitido.</li><li><b>Partículas</b> como DE, DEL, DE LA o Y, que unos "
                                    "registros incluyen y otros no.</li><li><b>Apellido de casada</b>: LOPEZ DE PEREZ, "
                                    "MARTINEZ DE ROMERO.</li><li><b>Sonidos iguales con letras distintas</b>: B y V; "
                                    "S, Z y C ante e o i; LL y Y; la H muda; G ante e o i y J; QU y "
                                    "K.</li><li><b>Fechas</b> con el día y el mes invertidos, o incompletas.</li></ul>"
                                ),
                                en=(
                                    "<p>Spanish names have features that confuse matching systems and the people who "
                                    "use them:</p><ul><li><b>Accents and Ñ</b>: the MRZ has none. PÉREZ is written "
                                    "PEREZ, and PEÑA may be PENA or PENXXA depending on the issuing "
                                    "state.</li><li><b>Two surnames</b>, which may appear swapped or with the second "
                                    "one missing.</li><li><b>Particles</b> such as DE, DEL, DE LA or Y, which some "
                                    "records include and others do not.</li><li><b>Married surnames</b>: LOPEZ DE "
                                    "PEREZ, MARTINEZ DE ROMERO.</li><li><b>Same sounds, different letters</b>: B and "
                                    "V; S, Z and C before e or i; LL and Y; silent H; G before e or i and J; QU and "
                                    "K.</li><li><b>Dates</b> with the day and month swapped, or incomplete.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "alerts-name-matching.svg",
                                "alt_text": T(
                                    es=(
                                        "Pares de datos que un sistema puede tomar como coincidentes: PEÑA y PENA o "
                                        "PENXXA; PÉREZ LÓPEZ y LOPEZ PEREZ; MARTÍNEZ DE ROMERO y MARTINEZ; VÁSQUEZ, "
                                        "BASQUEZ y VAZQUEZ; 1990-03-12 y 1990-12-03."
                                    ),
                                    en=(
                                        "Pairs of data that a system may treat as matching: PEÑA and PENA or PENXXA; "
                                        "PÉREZ LÓPEZ and LOPEZ PEREZ; MARTÍNEZ DE ROMERO and MARTINEZ; VÁSQUEZ, "
                                        "BASQUEZ and VAZQUEZ; 1990-03-12 and 1990-12-03."
                                    ),
                                ),
                                "caption": T(
                                    es="Variantes que producen coincidencias posibles.",
                                    en="Variants that produce possible hits.",
                                ),
                            },
                        ),
                        ("glossary_term", {"term": 2}),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>Cómo compara el sistema</h3><p>Las herramientas de coincidencia normalizan "
                                    "los nombres (mayúsculas y sin tildes, según las reglas de la OACI), tratan las "
                                    "partículas como opcionales, aceptan apellidos invertidos o faltantes, usan claves "
                                    "fonéticas y miden la similitud, por ejemplo con el algoritmo Jaro-Winkler. Cuando "
                                    "la similitud supera un umbral, el sistema marca POSSIBLE; un umbral habitual es "
                                    "0.88.</p><p>Estas tolerancias evitan que una persona con alerta pase por un error "
                                    "de escritura, pero también producen falsos positivos. En el entorno de práctica, "
                                    "cerca del 60 % de las coincidencias son falsos positivos por nombres "
                                    "parecidos.</p>"
                                ),
                                en=(
                                    "<h3>How the system compares</h3><p>Matching tools normalise names (capitals, no "
                                    "accents, following the ICAO rules), treat particles as optional, accept swapped "
                                    "or missing surnames, use phonetic keys and measure similarity, for example with "
                                    "the Jaro-Winkler algorithm. When similarity is above a threshold, the system "
                                    "flags POSSIBLE; a usual threshold is 0.88.</p><p>These tolerances stop a person "
                                    "with an alert from slipping through because of a spelling error, but they also "
                                    "produce false positives. In the practice environment, about 60% of hits are false "
                                    "positives caused by similar names.</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p>Para descartar un falso positivo, apóyese en lo que no se presta a "
                                        "confusión: el número de documento, la fecha de nacimiento completa y la "
                                        "biometría. Un nombre parecido con otra fecha de nacimiento y otro rostro es, "
                                        "casi siempre, otra persona.</p>"
                                    ),
                                    en=(
                                        "<p>To rule out a false positive, rely on what cannot be confused: the "
                                        "document number, the full date of birth and the biometrics. A similar name "
                                        "with another date of birth and another face is almost always another "
                                        "person.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "La alerta es de JOSE ANTONIO HERNANDEZ LOPEZ, nacido el 1990-03-12. En la "
                                        "ventanilla está JOSÉ ANTONIO LÓPEZ HERNÁNDEZ, nacido el 1990-12-03, con otro "
                                        "número de pasaporte. ¿Qué hace?"
                                    ),
                                    en=(
                                        "The alert is for JOSE ANTONIO HERNANDEZ LOPEZ, born 1990-03-12. At the "
                                        "counter is JOSÉ ANTONIO LÓPEZ HERNÁNDEZ, born 1990-12-03, with a different "
                                        "passport number. What do you do?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es=(
                                                "Descarta la coincidencia de inmediato, porque los apellidos están en "
                                                "otro orden."
                                            ),
                                            en="Rule out the hit at once, because the surnames are in another order.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "La trata como coincidencia posible y verifica: apellidos invertidos y "
                                                "día y mes invertidos son variantes conocidas."
                                            ),
                                            en=(
                                                "Treat it as a possible hit and verify: swapped surnames and swapped "
                                                "day and month are known variants."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Aplica la acción de la alerta, porque el nombre es el mismo.",
                                            en="Apply the alert's action, because the name is the same.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Los apellidos invertidos y la fecha con el día y el mes cambiados son "
                                        "variantes típicas de error de registro. No bastan para confirmar ni para "
                                        "descartar: se <b>verifica</b> con la fotografía, las huellas y el "
                                        "documento.</p>"
                                    ),
                                    en=(
                                        "<p>Swapped surnames and a date with day and month switched are typical "
                                        "recording errors. They are not enough to confirm or to rule out: "
                                        "<b>verify</b> with the photograph, fingerprints and document.</p>"
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
                        es="Registrar el resultado y cuidar la calidad de los datos",
                        en="Recording the outcome and looking after data quality",
                    ),
                    "slug": T(es="registrar-el-resultado", en="recording-the-outcome"),
                    "body": [
                        (
                            "heading",
                            {"text": T(es="El registro del resultado", en="Recording the outcome"), "level": "h2"},
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Toda coincidencia termina con un resultado que registra quien la "
                                    "atendió:</p><ul><li><b>Confirmada</b> (CONFIRMED): la persona o el documento son "
                                    "los de la alerta; se registran las acciones tomadas y la notificación a la "
                                    "autoridad emisora.</li><li><b>Falso positivo</b> (FALSE_POSITIVE): no son los de "
                                    "la alerta; se anota qué se comparó.</li><li><b>No concluyente</b> (INCONCLUSIVE): "
                                    "no se pudo decidir; se registra la solicitud de información "
                                    "enviada.</li></ul><p>Mientras no se registra, la coincidencia queda "
                                    "<b>pendiente</b> (PENDING). Un resultado bien registrado deja constancia de la "
                                    "decisión del oficial y permite que el siguiente oficial vea lo que ya se "
                                    "verificó. La calidad de los datos es, además, uno de los 13 Principios de "
                                    "Protección de Datos de la OIM.</p>"
                                ),
                                en=(
                                    "<p>Every hit ends with an outcome recorded by the officer who handled "
                                    "it:</p><ul><li><b>Confirmed</b> (CONFIRMED): the person or document is the one in "
                                    "the alert; the actions taken and the notification to the issuing authority are "
                                    "recorded.</li><li><b>False positive</b> (FALSE_POSITIVE): they are not the ones "
                                    "in the alert; what was compared is noted.</li><li><b>Inconclusive</b> "
                                    "(INCONCLUSIVE): no decision could be made; the information request that was sent "
                                    "is recorded.</li></ul><p>Until it is recorded, the hit stays <b>pending</b> "
                                    "(PENDING). A well-recorded outcome documents the officer's decision and lets the "
                                    "next officer see what has already been checked. Data quality is also one of the "
                                    "13 IOM Data Protection Principles.</p>"
                                ),
                            ),
                        ),
                        (
                            "procedure",
                            {
                                "title": T(
                                    es="Registrar el resultado de una coincidencia", en="Recording the outcome of a hit"
                                ),
                                "steps": [
                                    {
                                        "title": T(es="Elija el resultado", en="Choose the outcome"),
                                        "detail": T(
                                            es="<p>Confirmada, falso positivo o no concluyente.</p>",
                                            en="<p>Confirmed, false positive or inconclusive.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(es="Anote qué comparó", en="Note what you compared"),
                                        "detail": T(
                                            es=(
                                                "<p>Por ejemplo: «número de documento distinto; fecha de nacimiento "
                                                "distinta; la fotografía no coincide».</p>"
                                            ),
                                            en=(
                                                "<p>For example: “different document number; different date of birth; "
                                                "photograph does not match”.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Registre las acciones tomadas", en="Record the actions taken"),
                                        "detail": T(
                                            es=(
                                                "<p>Solo si se confirmó: salida impedida, entrada rechazada, documento "
                                                "retenido, aviso a la policía o a la autoridad de protección de la "
                                                "niñez.</p>"
                                            ),
                                            en=(
                                                "<p>Only if confirmed: departure prevented, entry refused, document "
                                                "seized, police or child-protection authority informed.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Envíe la notificación", en="Send the notification"),
                                        "detail": T(
                                            es=(
                                                "<p>A la autoridad o al país emisor. No envíe notificaciones por "
                                                "falsos positivos.</p>"
                                            ),
                                            en=(
                                                "<p>To the issuing authority or country. Do not send notifications for "
                                                "false positives.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Cierre el movimiento", en="Close the movement"),
                                        "detail": T(
                                            es=(
                                                "<p>Registre la decisión final sobre el movimiento: admitido, "
                                                "rechazado o pendiente.</p>"
                                            ),
                                            en=(
                                                "<p>Record the final decision on the movement: admitted, refused or "
                                                "pending.</p>"
                                            ),
                                        ),
                                    },
                                ],
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>Alertas desactualizadas</h3><p>Una alerta vencida o ya cumplida que sigue "
                                    "activa produce coincidencias inútiles y molestias a personas que ya no deberían "
                                    "ser detenidas. En Guatemala, en 2023 se emitieron unas 6,205 alertas Alba-Keneth "
                                    "y se desactivaron 5,012 (alrededor del 81 %); se sabe que algunas quedan activas "
                                    "después de que se localiza a la niña o al niño.</p><p>Por eso la persona "
                                    "encargada de alertas revisa periódicamente las que llegan a su fecha de revisión: "
                                    "las prorroga con una justificación, las deja vencer o las cancela. En la "
                                    "plataforma, una alerta nueva se activa solo cuando la aprueba una segunda "
                                    "persona.</p>"
                                ),
                                en=(
                                    "<h3>Out-of-date alerts</h3><p>An expired or fulfilled alert that is still active "
                                    "produces useless hits and trouble for people who should no longer be stopped. In "
                                    "Guatemala, about 6,205 Alba-Keneth alerts were issued in 2023 and 5,012 were "
                                    "deactivated (about 81%); some are known to stay active after the child has been "
                                    "found.</p><p>That is why the alert manager regularly reviews the alerts that "
                                    "reach their review date: they extend them with a justification, let them expire "
                                    "or cancel them. On the platform, a new alert becomes active only when a second "
                                    "person approves it.</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p>El oficial de frontera <b>no borra ni modifica</b> una alerta. Si cree que "
                                        "está desactualizada, lo informa a la persona encargada de alertas o a la "
                                        "autoridad emisora, que son las únicas que pueden cambiar su estado.</p>"
                                    ),
                                    en=(
                                        "<p>The border officer <b>does not delete or change</b> an alert. If they "
                                        "think it is out of date, they tell the alert manager or the issuing "
                                        "authority, who are the only ones who can change its status.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Un oficial descartó una coincidencia como falso positivo, pero no registró el "
                                        "resultado. ¿Qué problema causa?"
                                    ),
                                    en=(
                                        "An officer ruled out a hit as a false positive but did not record the "
                                        "outcome. What problem does this cause?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="Ninguno: lo importante es que la persona pasó.",
                                            en="None: what matters is that the person went through.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "La coincidencia queda pendiente, no hay constancia de lo verificado y "
                                                "los indicadores de alertas quedan falseados."
                                            ),
                                            en=(
                                                "The hit stays pending, there is no record of what was checked and the "
                                                "alert indicators are distorted."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="La alerta se borra automáticamente.",
                                            en="The alert is deleted automatically.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Sin resultado registrado, la coincidencia queda <b>pendiente</b>: nadie "
                                        "sabe qué se comparó y las estadísticas de coincidencias y falsos positivos "
                                        "quedan mal.</p>"
                                    ),
                                    en=(
                                        "<p>With no recorded outcome, the hit stays <b>pending</b>: nobody knows what "
                                        "was compared and the hit and false-positive statistics are wrong.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 15,
                    "is_required": True,
                    "title": T(es="Repaso y evaluación", en="Review and assessment"),
                    "slug": T(es="repaso-y-evaluacion", en="review-and-assessment"),
                    "body": [
                        ("heading", {"text": T(es="Repaso del curso", en="Course review"), "level": "h2"}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Antes de la evaluación, repase los puntos clave:</p><ul><li>Una alerta "
                                    "contiene solo los datos indispensables para identificar a la persona o el "
                                    "documento y la acción que debe tomarse.</li><li>Cada categoría indica una acción: "
                                    "retener el documento, impedir la salida, rechazar la entrada, avisar a la "
                                    "policía, proteger a la persona menor de edad o registrar sin alertar.</li><li>Una "
                                    "coincidencia (HIT o POSSIBLE) obliga a verificar; no es una "
                                    "identificación.</li><li>Se verifica en inspección secundaria con el documento, la "
                                    "fecha de nacimiento, la fotografía y las huellas.</li><li>Los nombres hispanos "
                                    "producen falsos positivos: tildes, Ñ, dos apellidos, partículas y fechas "
                                    "invertidas.</li><li>Toda coincidencia termina con un resultado registrado: "
                                    "confirmada, falso positivo o no concluyente.</li></ul>"
                                ),
                                en=(
                                    "<p>Before the assessment, go over the key points:</p><ul><li>An alert holds only "
                                    "the data needed to identify the person or document and the action to be "
                                    "taken.</li><li>Each category calls for an action: seize the document, prevent "
                                    "departure, refuse entry, inform the police, protect the minor or record without "
                                    "alerting.</li><li>A hit (HIT or POSSIBLE) calls for verification; it is not an "
                                    "identification.</li><li>Verification happens in secondary inspection, with the "
                                    "document, date of birth, photograph and fingerprints.</li><li>Spanish names "
                                    "produce false positives: accents, Ñ, two surnames, particles and swapped "
                                    "dates.</li><li>Every hit ends with a recorded outcome: confirmed, false positive "
                                    "or inconclusive.</li></ul>"
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
                                        "aprueba con el 70 % y hay 3 intentos. Verá las respuestas correctas cuando "
                                        "apruebe o cuando agote sus intentos.</p>"
                                    ),
                                    en=(
                                        "<p>The assessment has 10 questions drawn at random from the course bank. The "
                                        "pass mark is 70% and you have 3 attempts. You will see the correct answers "
                                        "once you pass or run out of attempts.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Algunas preguntas presentan casos: léalos con calma y piense en qué datos se "
                                    "apoyaría para decidir.</p>"
                                ),
                                en=(
                                    "<p>Some questions present cases: read them calmly and think about which data you "
                                    "would rely on to decide.</p>"
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
            "tags": ["alerts"],
            "points": 1,
            "prompt": T(
                es="¿Qué contiene una alerta migratoria, según el modelo que sigue la plataforma?",
                en="What does a migratory alert hold, under the model the platform follows?",
            ),
            "explanation": T(
                es=(
                    "<p>Una alerta lleva <b>solo la información indispensable</b> para identificar a la persona o el "
                    "objeto y la acción que debe tomarse. La información complementaria se pide después de una "
                    "coincidencia.</p>"
                ),
                en=(
                    "<p>An alert carries <b>only the indispensable information</b> to identify the person or object "
                    "and the action to be taken. Supplementary information is requested after a hit.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(
                        T(
                            es="El expediente completo del caso, con todas las pruebas.",
                            en="The full case file, with all the evidence.",
                        )
                    ),
                    option(
                        T(
                            es=(
                                "Solo los datos indispensables para identificar a la persona o el documento, y la "
                                "acción que debe tomarse."
                            ),
                            en="Only the data needed to identify the person or document, and the action to be taken.",
                        ),
                        correct=True,
                    ),
                    option(T(es="Solo el nombre de la persona.", en="Only the person's name.")),
                    option(
                        T(
                            es="Los datos de todos los movimientos de la persona.",
                            en="The data of all the person's movements.",
                        )
                    ),
                ]
            },
        },
        # 2
        {
            "kind": "single_choice",
            "tags": ["categories"],
            "points": 1,
            "prompt": T(
                es="¿En qué categoría se registra en frontera una Alerta Alba-Keneth de Guatemala?",
                en="Under which category is a Guatemalan Alba-Keneth Alert recorded at the border?",
            ),
            "explanation": T(
                es=(
                    "<p>La Alerta Alba-Keneth es para niñas, niños y adolescentes desaparecidos o sustraídos: "
                    "categoría <b>MISSING_MINOR</b>.</p>"
                ),
                en=(
                    "<p>The Alba-Keneth Alert is for missing or abducted children and adolescents: category "
                    "<b>MISSING_MINOR</b>.</p>"
                ),
            ),
            "value": {
                "options": [
                    option("EXIT_BAN"),
                    option("MISSING_MINOR", correct=True),
                    option("DISCREET_CHECK"),
                    option("INFO"),
                ]
            },
        },
        # 3
        {
            "kind": "single_choice",
            "tags": ["name-matching", "verification"],
            "points": 1,
            "prompt": T(
                es="Al comparar una coincidencia, ¿qué dato pesa más?",
                en="When comparing a hit, which data weighs most?",
            ),
            "explanation": T(
                es=(
                    "<p>Los identificadores duros pesan más: el <b>número de documento</b> pesa más que el nombre, y "
                    "el nombre más que la fecha de nacimiento.</p>"
                ),
                en=(
                    "<p>Hard identifiers weigh most: the <b>document number</b> weighs more than the name, and the "
                    "name more than the date of birth.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(T(es="El número de documento", en="The document number"), correct=True),
                    option(T(es="El nombre", en="The name")),
                    option(T(es="La fecha de nacimiento", en="The date of birth")),
                    option(T(es="La nacionalidad declarada", en="The declared nationality")),
                ]
            },
        },
        # 4
        {
            "kind": "multiple_response",
            "tags": ["verification"],
            "points": 1,
            "prompt": T(
                es=(
                    "¿Qué datos compara en inspección secundaria antes de confirmar una coincidencia? Marque todos los "
                    "que correspondan."
                ),
                en="Which data do you compare in secondary inspection before confirming a hit? Tick all that apply.",
            ),
            "explanation": T(
                es=(
                    "<p>Se comparan el documento (número, tipo y Estado emisor), la fecha de nacimiento, la fotografía "
                    "y las huellas, además de nombres, sexo y nacionalidad. El nerviosismo o el medio de transporte no "
                    "identifican a nadie.</p>"
                ),
                en=(
                    "<p>You compare the document (number, type and issuing state), the date of birth, the photograph "
                    "and the fingerprints, as well as names, sex and nationality. Nervousness or the mode of transport "
                    "identify nobody.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(
                        T(
                            es="Número, tipo y Estado emisor del documento",
                            en="The document's number, type and issuing state",
                        ),
                        correct=True,
                    ),
                    option(T(es="Fecha de nacimiento", en="Date of birth"), correct=True),
                    option(T(es="Fotografía", en="Photograph"), correct=True),
                    option(
                        T(es="Huellas dactilares, si la alerta las tiene", en="Fingerprints, if the alert has them"),
                        correct=True,
                    ),
                    option(T(es="Si la persona parece nerviosa", en="Whether the person looks nervous")),
                    option(T(es="El medio de transporte en que llegó", en="The mode of transport they arrived by")),
                ],
                "partial_credit": True,
            },
        },
        # 5
        {
            "kind": "multiple_response",
            "tags": ["name-matching"],
            "points": 1,
            "prompt": T(
                es=(
                    "¿Qué variantes de nombres hispanos debe tolerar la búsqueda de coincidencias? Marque todas las "
                    "que correspondan."
                ),
                en="Which variants of Spanish names must hit searching tolerate? Tick all that apply.",
            ),
            "explanation": T(
                es=(
                    "<p>La búsqueda tolera apellidos invertidos, segundo apellido omitido, tildes y Ñ (PEÑA, PENA, "
                    "PENXXA) y partículas opcionales. Un nombre de pila totalmente distinto no es una variante.</p>"
                ),
                en=(
                    "<p>Searching tolerates swapped surnames, a missing second surname, accents and Ñ (PEÑA, PENA, "
                    "PENXXA) and optional particles. A completely different given name is not a variant.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(T(es="Los dos apellidos invertidos", en="The two surnames swapped"), correct=True),
                    option(T(es="El segundo apellido omitido", en="The second surname missing"), correct=True),
                    option(
                        T(es="Tildes y Ñ escritas de otra forma", en="Accents and Ñ written another way"), correct=True
                    ),
                    option(
                        T(
                            es="Partículas DE, DEL o DE LA presentes o ausentes",
                            en="Particles DE, DEL or DE LA present or absent",
                        ),
                        correct=True,
                    ),
                    option(T(es="Un nombre de pila totalmente distinto", en="A completely different given name")),
                ],
                "partial_credit": True,
            },
        },
        # 6
        {
            "kind": "true_false",
            "tags": ["hits"],
            "points": 1,
            "prompt": T(
                es=(
                    "Un HIT confirma que la persona es la de la alerta, así que la acción debe aplicarse de inmediato "
                    "en la ventanilla."
                ),
                en=(
                    "A HIT confirms that the person is the one in the alert, so the action must be applied at once at "
                    "the counter."
                ),
            ),
            "explanation": T(
                es=(
                    "<p>Falso. Una coincidencia obliga a <b>verificar</b> en inspección secundaria antes de aplicar la "
                    "acción.</p>"
                ),
                en=(
                    "<p>False. A hit calls for <b>verification</b> in secondary inspection before the action is "
                    "applied.</p>"
                ),
            ),
            "value": {
                "answer": False,
                "feedback_true": T(
                    es="Una coincidencia no es una identificación.", en="A hit is not an identification."
                ),
                "feedback_false": "",
            },
        },
        # 7
        {
            "kind": "true_false",
            "tags": ["categories"],
            "points": 1,
            "prompt": T(
                es="Ante una alerta DISCREET_CHECK, el oficial no debe indicar a la persona que existe una alerta.",
                en="With a DISCREET_CHECK alert, the officer must not tell the person that an alert exists.",
            ),
            "explanation": T(
                es="<p>Verdadero. El control discreto se registra e informa <b>sin alertar a la persona</b>.</p>",
                en="<p>True. A discreet check is recorded and reported <b>without alerting the person</b>.</p>",
            ),
            "value": {"answer": True, "feedback_true": "", "feedback_false": ""},
        },
        # 8
        {
            "kind": "true_false",
            "tags": ["outcome", "data-quality"],
            "points": 1,
            "prompt": T(
                es="Si un oficial de frontera cree que una alerta está desactualizada, puede borrarla él mismo.",
                en="If a border officer believes an alert is out of date, they may delete it themselves.",
            ),
            "explanation": T(
                es=(
                    "<p>Falso. Solo la persona encargada de alertas o la autoridad emisora pueden cambiar el estado de "
                    "una alerta; el oficial informa.</p>"
                ),
                en=(
                    "<p>False. Only the alert manager or the issuing authority can change an alert's status; the "
                    "officer reports it.</p>"
                ),
            ),
            "value": {"answer": False, "feedback_true": "", "feedback_false": ""},
        },
        # 9
        {
            "kind": "numeric",
            "tags": ["sltd"],
            "points": 1,
            "prompt": T(
                es=(
                    "En 2013 hubo unos 809 millones de consultas a SLTD y unas 67,000 coincidencias. ¿Cerca de 1 "
                    "coincidencia por cada cuántas consultas?"
                ),
                en=(
                    "In 2013 there were about 809 million SLTD searches and about 67,000 hits. Roughly 1 hit for every "
                    "how many queries?"
                ),
            ),
            "explanation": T(
                es="<p>809,000,000 ÷ 67,000 ≈ 12,075: cerca de <b>1 por cada 12,000</b> consultas.</p>",
                en="<p>809,000,000 ÷ 67,000 ≈ 12,075: roughly <b>1 in every 12,000</b> queries.</p>",
            ),
            "value": {"answer": "12000", "tolerance": "500", "unit": T(es="consultas", en="queries")},
        },
        # 10
        {
            "kind": "numeric",
            "tags": ["data-quality"],
            "points": 1,
            "prompt": T(
                es=(
                    "En 2023 se emitieron unas 6,205 alertas Alba-Keneth y se desactivaron 5,012. ¿Qué porcentaje se "
                    "desactivó? Redondee a un número entero."
                ),
                en=(
                    "In 2023 about 6,205 Alba-Keneth alerts were issued and 5,012 were deactivated. What percentage "
                    "was deactivated? Round to a whole number."
                ),
            ),
            "explanation": T(
                es="<p>5,012 ÷ 6,205 ≈ 0.808, es decir, alrededor del <b>81 %</b>.</p>",
                en="<p>5,012 ÷ 6,205 ≈ 0.808, that is, about <b>81%</b>.</p>",
            ),
            "value": {"answer": "81", "tolerance": "1", "unit": "%"},
        },
        # 11
        {
            "kind": "numeric",
            "tags": ["exchange"],
            "points": 1,
            "prompt": T(
                es=(
                    "En el protocolo de la plataforma de capacitación, ¿en cuántas horas debe responder el país emisor "
                    "a una solicitud de información después de una coincidencia?"
                ),
                en=(
                    "Under the training platform's protocol, within how many hours must the issuing country answer an "
                    "information request after a hit?"
                ),
            ),
            "explanation": T(
                es="<p>En <b>48 horas</b>, por analogía con el modelo europeo de Prüm II.</p>",
                en="<p>Within <b>48 hours</b>, by analogy with the European Prüm II model.</p>",
            ),
            "value": {"answer": "48", "tolerance": "0", "unit": T(es="horas", en="hours")},
        },
        # 12
        {
            "kind": "short_text",
            "tags": ["sltd"],
            "points": 1,
            "prompt": T(
                es="Escriba la sigla de la base de INTERPOL de documentos de viaje extraviados o robados.",
                en="Write the acronym of INTERPOL's database of lost or stolen travel documents.",
            ),
            "explanation": "<p><b>SLTD</b> (Stolen and Lost Travel Documents).</p>",
            "value": {"accepted_answers": ["SLTD", "Stolen and Lost Travel Documents"]},
        },
        # 13
        {
            "kind": "short_text",
            "tags": ["name-matching", "mrz"],
            "points": 1,
            "prompt": T(
                es=(
                    "¿Cómo se escribe el apellido PEÑA en la MRZ si el Estado emisor usa la forma larga de "
                    "transliteración de la Ñ?"
                ),
                en=(
                    "How is the surname PEÑA written in the MRZ if the issuing state uses the long transliteration of "
                    "Ñ?"
                ),
            ),
            "explanation": T(
                es="<p>La Ñ se translitera como N o como NXX; en la forma larga, <b>PENXXA</b>.</p>",
                en="<p>Ñ is transliterated as N or as NXX; in the long form, <b>PENXXA</b>.</p>",
            ),
            "value": {"accepted_answers": ["PENXXA"]},
        },
        # 14
        {
            "kind": "short_text",
            "tags": ["outcome"],
            "points": 1,
            "prompt": T(
                es=(
                    "Tras verificar, la persona con un POSSIBLE resulta ser otra persona. ¿Qué resultado registra? "
                    "Escríbalo en dos palabras."
                ),
                en=(
                    "After verification, the person with a POSSIBLE turns out to be someone else. Which outcome do you "
                    "record? Write it in two words."
                ),
            ),
            "explanation": T(
                es="<p><b>Falso positivo</b> (FALSE_POSITIVE).</p>", en="<p><b>False positive</b> (FALSE_POSITIVE).</p>"
            ),
            "value": {
                "accepted_answers": [
                    T(es="falso positivo", en="false positive"),
                    "FALSE_POSITIVE",
                    T(es="false positive", en="falso positivo"),
                ]
            },
        },
        # 15
        {
            "kind": "matching",
            "tags": ["categories"],
            "points": 1,
            "prompt": T(
                es="Relacione cada categoría de alerta con su acción en frontera.",
                en="Match each alert category with its action at the border.",
            ),
            "explanation": T(
                es=(
                    "<p>DOC_LOST_STOLEN: retener el documento. EXIT_BAN: impedir la salida. ENTRY_BAN: rechazar la "
                    "entrada. MISSING_MINOR: proteger y remitir a la autoridad de protección de la niñez. "
                    "DISCREET_CHECK: registrar e informar sin alertar a la persona.</p>"
                ),
                en=(
                    "<p>DOC_LOST_STOLEN: seize the document. EXIT_BAN: prevent departure. ENTRY_BAN: refuse entry. "
                    "MISSING_MINOR: protect and refer to the child-protection authority. DISCREET_CHECK: record and "
                    "report without alerting the person.</p>"
                ),
            ),
            "value": {
                "pairs": [
                    {
                        "prompt": "DOC_LOST_STOLEN",
                        "match": T(
                            es="Retener el documento y remitir a inspección secundaria",
                            en="Seize the document and refer to secondary inspection",
                        ),
                    },
                    {
                        "prompt": "EXIT_BAN",
                        "match": T(
                            es="Impedir la salida y avisar a la autoridad que lo ordenó",
                            en="Prevent departure and inform the ordering authority",
                        ),
                    },
                    {"prompt": "ENTRY_BAN", "match": T(es="Rechazar la entrada", en="Refuse entry")},
                    {
                        "prompt": "MISSING_MINOR",
                        "match": T(
                            es="Proteger y remitir a la autoridad de protección de la niñez",
                            en="Protect and refer to the child-protection authority",
                        ),
                    },
                    {
                        "prompt": "DISCREET_CHECK",
                        "match": T(
                            es="Registrar e informar sin alertar a la persona",
                            en="Record and report without alerting the person",
                        ),
                    },
                ]
            },
        },
        # 16
        {
            "kind": "matching",
            "tags": ["hits"],
            "points": 1,
            "prompt": T(
                es="Relacione cada tipo de coincidencia con su significado.",
                en="Match each match type with its meaning.",
            ),
            "explanation": T(
                es=(
                    "<p>DOC_EXACT: documento idéntico. NAME_DOB_FUZZY: nombre y fecha parecidos. BIOMETRIC: huellas o "
                    "rostro. MANUAL: la señala el oficial.</p>"
                ),
                en=(
                    "<p>DOC_EXACT: identical document. NAME_DOB_FUZZY: similar name and date. BIOMETRIC: fingerprints "
                    "or face. MANUAL: flagged by the officer.</p>"
                ),
            ),
            "value": {
                "pairs": [
                    {
                        "prompt": "DOC_EXACT",
                        "match": T(
                            es="Número, tipo y Estado emisor del documento idénticos",
                            en="Identical document number, type and issuing state",
                        ),
                    },
                    {
                        "prompt": "NAME_DOB_FUZZY",
                        "match": T(
                            es="Nombre y fecha de nacimiento parecidos, no idénticos",
                            en="Similar, not identical, name and date of birth",
                        ),
                    },
                    {
                        "prompt": "BIOMETRIC",
                        "match": T(es="Coinciden las huellas o el rostro", en="The fingerprints or the face match"),
                    },
                    {"prompt": "MANUAL", "match": T(es="La señala el propio oficial", en="Flagged by the officer")},
                ]
            },
        },
        # 17
        {
            "kind": "ordering",
            "tags": ["procedure", "hits"],
            "points": 1,
            "prompt": T(
                es="Ordene los pasos para atender una coincidencia.", en="Put the steps for handling a hit in order."
            ),
            "explanation": T(
                es=(
                    "<p>Primero se remite a inspección secundaria, luego se lee la alerta y se verifica la identidad, "
                    "se registra el resultado y, solo si se confirma, se aplica la acción y se notifica.</p>"
                ),
                en=(
                    "<p>First refer to secondary inspection, then read the alert and verify the identity, record the "
                    "outcome and, only if confirmed, apply the action and notify.</p>"
                ),
            ),
            "value": {
                "items": [
                    T(
                        es="Remitir a inspección secundaria sin aplicar aún la acción",
                        en="Refer to secondary inspection without applying the action yet",
                    ),
                    T(
                        es="Leer la alerta: categoría, vigencia, acción y contacto",
                        en="Read the alert: category, validity, action and contact",
                    ),
                    T(es="Verificar la identidad", en="Verify the identity"),
                    T(es="Registrar el resultado", en="Record the outcome"),
                    T(es="Si se confirma, aplicar la acción", en="If confirmed, apply the action"),
                    T(es="Notificar a la autoridad o al país emisor", en="Notify the issuing authority or country"),
                ]
            },
        },
        # 18
        {
            "kind": "ordering",
            "tags": ["alert-management"],
            "points": 1,
            "prompt": T(
                es="Ordene las etapas de la vida de una alerta en la plataforma.",
                en="Put the stages of an alert's life on the platform in order.",
            ),
            "explanation": T(
                es=(
                    "<p>La alerta se crea como borrador, la aprueba una segunda persona, queda activa, se revisa en su "
                    "fecha de revisión y, al final, vence o se cancela.</p>"
                ),
                en=(
                    "<p>The alert is created as a draft, a second person approves it, it becomes active, it is "
                    "reviewed on its review date and, finally, it expires or is cancelled.</p>"
                ),
            ),
            "value": {
                "items": [
                    T(
                        es="Creación como borrador, con base legal y vigencia",
                        en="Creation as a draft, with legal basis and validity",
                    ),
                    T(es="Aprobación por una segunda persona", en="Approval by a second person"),
                    T(es="Alerta activa", en="Active alert"),
                    T(es="Revisión periódica en su fecha de revisión", en="Periodic review on its review date"),
                    T(es="Vencimiento o cancelación", en="Expiry or cancellation"),
                ]
            },
        },
    ],
    # Hands-on exercises in the learner's own sandbox (issue 19), required to complete the course.
    "exercises": [
        {
            "module": 0,
            "lesson": 1,
            "type": "alert_stolen_passport",
            "parameters": {},
            "title": T(es="Práctica: alerta por un pasaporte robado", en="Practice: an alert for a stolen passport"),
            "instructions": T(
                es=(
                    "<p>Una persona denunció el robo de su pasaporte. Emita la alerta en su sandbox con la categoría, "
                    "la acción, el documento, la vigencia y el alcance correctos, y pida a un colega que la apruebe: "
                    "después, alguien intentará cruzar con ese pasaporte.</p>"
                ),
                en=(
                    "<p>A citizen reported their passport stolen. Raise the alert in your sandbox with the right "
                    "category, action, document, validity and sharing, and ask a colleague to approve it: then "
                    "someone will try to cross with that passport.</p>"
                ),
            ),
        },
        {
            "module": 0,
            "lesson": 1,
            "type": "alert_lifecycle_review",
            "parameters": {},
            "title": T(es="Práctica: revisar las alertas vencidas", en="Practice: reviewing alerts that are due"),
            "instructions": T(
                es=(
                    "<p>Varias alertas de su país pasaron su fecha de revisión. Prorrogue, dé por vencida, cierre o "
                    "revise cada una según las reglas y las novedades, con la justificación de cada cambio.</p>"
                ),
                en=(
                    "<p>Several of your country's alerts are past their review date. Extend, expire, close or "
                    "review each one as the rules and the news say, with the justification of each change.</p>"
                ),
            ),
        },
        {
            "module": 1,
            "lesson": 0,
            "type": "primary_referral",
            "parameters": {"crossing_point": "CR-PBL"},
            "title": T(es="Práctica: una coincidencia en primera línea", en="Practice: a hit at the primary line"),
            "instructions": T(
                es=(
                    "<p>Varias personas llegan al puesto. Lea cada documento, mire el resultado del control antes de "
                    "decidir y registre la entrada: remita a segunda línea a quien tenga una coincidencia que impide "
                    "el paso.</p>"
                ),
                en=(
                    "<p>Several travellers arrive at the post. Read each document, look at the screening result "
                    "before deciding and register the entry: refer to the secondary line whoever has a hit that "
                    "forbids the crossing.</p>"
                ),
            ),
        },
        {
            "module": 1,
            "lesson": 1,
            "type": "hit_adjudication",
            "parameters": {"crossing_point": "PA-PTY"},
            "title": T(
                es="Práctica: resolver seis posibles coincidencias", en="Practice: adjudicating six possible hits"
            ),
            "instructions": T(
                es=(
                    "<p>Seis personas esperan en la segunda línea de Tocumen con una posible coincidencia cada una. "
                    "Compare a la persona, su documento y la alerta, y registre si la coincidencia se confirma o es "
                    "un falso positivo.</p>"
                ),
                en=(
                    "<p>Six travellers wait at Tocumen's secondary line with a possible hit each. Compare the "
                    "person, their document and the alert, and record whether the hit is confirmed or a false "
                    "positive.</p>"
                ),
            ),
        },
        {
            "module": 1,
            "lesson": 2,
            "type": "minor_exit_stale_alert",
            "parameters": {"crossing_point": "GT-GUA"},
            "title": T(
                es="Práctica: la salida de una niña o un niño con una alerta antigua",
                en="Practice: a child's exit with an old alert",
            ),
            "instructions": T(
                es=(
                    "<p>Una niña o un niño sale del país con uno de sus padres, y el control encuentra una alerta "
                    "Alba-Keneth antigua. Decida sobre la salida y comunique lo necesario a quien emitió la "
                    "alerta.</p>"
                ),
                en=(
                    "<p>A child leaves the country with one parent, and the screening finds an old Alba-Keneth "
                    "alert. Decide on the exit and tell the office that issued the alert what it needs to know.</p>"
                ),
            ),
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
        "title": T(es="Evaluación: alertas migratorias y coincidencias", en="Assessment: migratory alerts and hits"),
        "introduction": T(
            es=(
                "<p>Responda las 10 preguntas. Para aprobar necesita el <b>70 %</b>; tiene 3 intentos y no hay límite "
                "de tiempo.</p>"
            ),
            en=(
                "<p>Answer the 10 questions. You need <b>70%</b> to pass; you have 3 attempts and there is no time "
                "limit.</p>"
            ),
        ),
    },
}
