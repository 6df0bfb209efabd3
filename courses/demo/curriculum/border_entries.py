"""Demo course: registering entries and departures at a border crossing point.

Sources for the substance: `shared/domain/DOMAIN.md` (ICAO 9303 MRZ, CA-4, minors,
movement records, data-quality findings). The MRZ of "ANA LUCIA MORALES CASTILLO" is fictitious:
its document number starts with the reserved training prefix Z, and its check digits were
computed with the 7-3-1 rule (document 3, birth date 2, expiry 5, optional field 0, composite 6).
"""

from courses.demo.curriculum.text import T, option

COURSE = {
    "key": "border-entries",
    "topic": "border_control",
    "audience": ["border_officer", "supervisor"],
    "estimated_hours": "3.5",
    "pass_mark": 70,
    "certificate_validity_months": 24,
    "enrolment_policy": "open",
    "prerequisites": [],
    "cover": "border-post.svg",
    "title": T(
        es="Registro de entradas y salidas en puestos fronterizos",
        en="Registering entries and departures at border crossing points",
    ),
    "slug": T(es="registro-de-entradas-y-salidas", en="registering-entries-and-departures"),
    "summary": T(
        es=(
            "Cómo verificar los documentos de viaje, leer la zona de lectura mecánica (MRZ) del pasaporte, aplicar las "
            "reglas de libre movilidad del CA-4 y de viaje de personas menores de edad, y registrar correctamente cada "
            "entrada y cada salida en el sistema."
        ),
        en=(
            "How to check travel documents, read the machine readable zone (MRZ) of a passport, apply the CA-4 "
            "free-mobility rules and the rules for minors who travel, and record every entry and every departure "
            "correctly in the system."
        ),
    ),
    "outcomes": [
        T(
            es="Identificar los documentos de viaje aceptados y su formato de MRZ (TD1, TD2 o TD3).",
            en="Identify the accepted travel documents and their MRZ format (TD1, TD2 or TD3).",
        ),
        T(
            es="Leer los campos de la MRZ de un pasaporte TD3 y comprobar sus dígitos de control con el método 7-3-1.",
            en="Read the fields of a TD3 passport MRZ and check its check digits with the 7-3-1 method.",
        ),
        T(
            es="Aplicar las reglas del CA-4 a las personas nacionales de Guatemala, El Salvador, Honduras y Nicaragua.",
            en="Apply the CA-4 rules to nationals of Guatemala, El Salvador, Honduras and Nicaragua.",
        ),
        T(
            es="Verificar los requisitos de viaje de una persona menor de edad antes de autorizar su salida.",
            en="Check the travel requirements for a minor before authorising their departure.",
        ),
        T(
            es=(
                "Registrar una entrada o una salida con la dirección, el puesto, el medio de transporte y la decisión "
                "correctos, y evitar los errores de registro más comunes."
            ),
            en=(
                "Record an entry or a departure with the correct direction, crossing point, mode of transport and "
                "decision, and avoid the most common recording errors."
            ),
        ),
    ],
    "cover_alt": T(
        es=(
            "Ilustración de un puesto fronterizo terrestre: caseta de control migratorio, talanquera y un pasaporte, "
            "con flechas de entrada y de salida."
        ),
        en=(
            "Illustration of a land border crossing point: an immigration control booth, a barrier and a passport, "
            "with entry and exit arrows."
        ),
    ),
    "glossary": [
        {
            "term": T(es="Zona de lectura mecánica (MRZ)", en="Machine readable zone (MRZ)"),
            "definition": T(
                es=(
                    "Franja de la página de datos de un documento de viaje con caracteres en el formato que normaliza "
                    "la OACI en su Documento 9303, para que un lector óptico los lea. Contiene los datos de la persona "
                    "y del documento, y dígitos de control para detectar errores de lectura."
                ),
                en=(
                    "The strip of a travel document's data page printed in the format that ICAO standardises in Doc "
                    "9303, so that an optical reader can read it. It holds the holder's and the document's data, and "
                    "check digits to detect reading errors."
                ),
            ),
        },
        {
            "term": T(es="Dígito de control", en="Check digit"),
            "definition": T(
                es=(
                    "Cifra calculada a partir de un campo de la MRZ con los pesos 7, 3, 1 y el residuo de dividir la "
                    "suma entre 10. Si el dígito calculado no coincide con el impreso, el campo se leyó o se escribió "
                    "mal, o el documento fue alterado."
                ),
                en=(
                    "A digit computed from an MRZ field with the weights 7, 3, 1 and the remainder of the sum divided "
                    "by 10. If the computed digit does not match the printed one, the field was misread or mistyped, "
                    "or the document has been altered."
                ),
            ),
        },
        {
            "term": "TD3",
            "definition": T(
                es=(
                    "Formato de la OACI para los pasaportes: la MRZ tiene dos líneas de 44 caracteres. Las tarjetas de "
                    "identidad usan el formato TD1 (tres líneas de 30) o TD2 (dos líneas de 36)."
                ),
                en=(
                    "The ICAO format for passports: the MRZ has two lines of 44 characters. Identity cards use the TD1 "
                    "format (three lines of 30) or TD2 (two lines of 36)."
                ),
            ),
        },
        {
            "term": "CA-4",
            "definition": T(
                es=(
                    "Convenio de libre movilidad entre Guatemala, El Salvador, Honduras y Nicaragua, vigente desde "
                    "junio de 2006. Sus nacionales pueden cruzar las fronteras internas con el documento nacional de "
                    "identidad y permanecer hasta 90 días. Incluye además una visa única para personas extranjeras."
                ),
                en=(
                    "The free-mobility agreement between Guatemala, El Salvador, Honduras and Nicaragua, in force "
                    "since June 2006. Their nationals may cross the internal borders with their national identity card "
                    "and stay up to 90 days. It also provides a single visa for foreign nationals."
                ),
            ),
        },
        {
            "term": T(es="Movimiento migratorio", en="Migratory movement"),
            "definition": T(
                es=(
                    "Registro de un cruce de frontera: la entrada o la salida de una persona por un puesto fronterizo, "
                    "en una fecha y hora y con un medio de transporte. Los sistemas fronterizos cuentan movimientos, "
                    "no personas: quien viaja diez veces al año genera veinte movimientos."
                ),
                en=(
                    "The record of one border crossing: a person's entry or departure through a border crossing point, "
                    "at a date and time and by a mode of transport. Border systems count movements, not people: "
                    "someone who travels ten times a year generates twenty movements."
                ),
            ),
        },
    ],
    "modules": [
        # ------------------------------------------------------------------ module 1
        {
            "requires_previous_module": False,
            "title": T(
                es="Documentos de viaje y zona de lectura mecánica", en="Travel documents and the machine readable zone"
            ),
            "slug": T(es="documentos-y-mrz", en="documents-and-mrz"),
            "summary": T(
                es=(
                    "Los documentos que se presentan en frontera, la MRZ del pasaporte TD3 y el cálculo de los dígitos "
                    "de control."
                ),
                en=(
                    "The documents presented at the border, the MRZ of a TD3 passport and how check digits are "
                    "computed."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="Documentos de viaje aceptados", en="Accepted travel documents"),
                    "slug": T(es="documentos-aceptados", en="accepted-documents"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Qué documentos puede presentar una persona viajera",
                                    en="Which documents a traveller may present",
                                ),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>En el puesto fronterizo, cada movimiento se registra contra un documento de "
                                    "viaje. Los tipos que maneja el sistema son:</p><ul><li><b>Pasaporte</b> "
                                    "(ordinario, oficial, diplomático o de servicio), en formato TD3 de la "
                                    "OACI.</li><li><b>Documento nacional de identidad</b> de los países del CA-4: DPI "
                                    "en Guatemala, DUI en El Salvador, DNI en Honduras y cédula de identidad en "
                                    "Nicaragua. Algunas tarjetas de identidad llevan una MRZ en formato TD1 o "
                                    "TD2.</li><li><b>Visas</b>: etiquetas de visa de lectura mecánica (formatos MRV-A "
                                    "y MRV-B) y la visa única CA-4 para personas extranjeras.</li><li><b>Documentos de "
                                    "emergencia y otros documentos de viaje</b>: salvoconductos, pases de frontera y "
                                    "documentos de viaje para personas refugiadas o apátridas.</li></ul>"
                                ),
                                en=(
                                    "<p>At the border crossing point, every movement is recorded against a travel "
                                    "document. The types the system handles are:</p><ul><li><b>Passport</b> (ordinary, "
                                    "official, diplomatic or service), in the ICAO TD3 format.</li><li><b>National "
                                    "identity card</b> of the CA-4 countries: the DPI in Guatemala, the DUI in El "
                                    "Salvador, the DNI in Honduras and the cédula de identidad in Nicaragua. Some "
                                    "identity cards carry an MRZ in the TD1 or TD2 format.</li><li><b>Visas</b>: "
                                    "machine readable visa stickers (the MRV-A and MRV-B formats) and the CA-4 single "
                                    "visa for foreign nationals.</li><li><b>Emergency and other travel documents</b>: "
                                    "safe-conducts, border passes and travel documents for refugees or stateless "
                                    "persons.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "border-documents.svg",
                                "alt_text": T(
                                    es=(
                                        "Tres documentos esquemáticos con su zona de lectura mecánica: TD1, tarjeta "
                                        "con 3 líneas de 30 caracteres; TD2, con 2 líneas de 36; TD3, pasaporte con 2 "
                                        "líneas de 44."
                                    ),
                                    en=(
                                        "Three schematic documents with their machine readable zone: TD1, a card with "
                                        "3 lines of 30 characters; TD2, with 2 lines of 36; TD3, a passport with 2 "
                                        "lines of 44."
                                    ),
                                ),
                                "caption": T(
                                    es="Formatos de la MRZ según el Documento 9303 de la OACI.",
                                    en="MRZ formats under ICAO Doc 9303.",
                                ),
                            },
                        ),
                        ("glossary_term", {"term": 0}),
                        (
                            "callout",
                            {
                                "kind": "legal",
                                "text": T(
                                    es=(
                                        "<p>Qué documentos se aceptan, para qué nacionalidades y en qué puestos lo "
                                        "define <b>la ley nacional</b> de cada país y los convenios vigentes, como el "
                                        "CA-4. Este curso explica el formato de los documentos; ante una duda sobre su "
                                        "validez jurídica, consulte la normativa y las instrucciones de su "
                                        "institución.</p>"
                                    ),
                                    en=(
                                        "<p>Which documents are accepted, for which nationalities and at which posts "
                                        "is set by <b>each country's national law</b> and by the agreements in force, "
                                        "such as the CA-4. This course explains the format of the documents; if in "
                                        "doubt about their legal validity, check the regulations and your "
                                        "institution's instructions.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>Qué revisar en cualquier documento</h3><ol><li>Que el tipo de documento se "
                                    "acepte en ese puesto para esa nacionalidad.</li><li>Que esté vigente: la fecha de "
                                    "vencimiento no ha pasado.</li><li>Que quien lo presenta sea su titular: "
                                    "fotografía, datos y firma.</li><li>Que la MRZ sea legible y sus dígitos de "
                                    "control sean correctos.</li><li>Que no tenga señales de alteración: páginas "
                                    "sustituidas, laminado despegado o datos borrados.</li></ol>"
                                ),
                                en=(
                                    "<h3>What to check on any document</h3><ol><li>That the document type is accepted "
                                    "at this post for this nationality.</li><li>That it is valid: the expiry date has "
                                    "not passed.</li><li>That the person presenting it is its holder: photograph, data "
                                    "and signature.</li><li>That the MRZ is legible and its check digits are "
                                    "correct.</li><li>That it shows no signs of tampering: replaced pages, lifted "
                                    "laminate or erased data.</li></ol>"
                                ),
                            ),
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Una persona presenta un pasaporte que venció hace dos semanas, pero sus "
                                        "dígitos de control son correctos. ¿Qué hace?"
                                    ),
                                    en=(
                                        "A traveller presents a passport that expired two weeks ago, but its check "
                                        "digits are correct. What do you do?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="Lo acepta, porque los dígitos de control son correctos.",
                                            en="Accept it, because the check digits are correct.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "No lo acepta como documento vigente y sigue el procedimiento que fija "
                                                "la ley nacional para los documentos vencidos."
                                            ),
                                            en=(
                                                "Do not accept it as a valid document, and follow the procedure that "
                                                "national law sets for expired documents."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Corrige la fecha de vencimiento en el sistema para poder registrarlo.",
                                            en="Correct the expiry date in the system so that it can be recorded.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Los dígitos de control solo prueban que los datos se leyeron sin error; no "
                                        "dicen nada de la <b>vigencia</b>. El lector valida el vencimiento por "
                                        "separado, y un dato impreso nunca se modifica para que el sistema lo "
                                        "acepte.</p>"
                                    ),
                                    en=(
                                        "<p>Check digits only prove that the data was read without error; they say "
                                        "nothing about <b>validity</b>. The reader checks the expiry date separately, "
                                        "and printed data is never changed to make the system accept it.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(es="La MRZ del pasaporte TD3", en="The MRZ of a TD3 passport"),
                    "slug": T(es="mrz-del-pasaporte-td3", en="td3-passport-mrz"),
                    "body": [
                        (
                            "heading",
                            {"text": T(es="Las dos líneas de la MRZ", en="The two lines of the MRZ"), "level": "h2"},
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>La MRZ de un pasaporte TD3 tiene <b>dos líneas de 44 caracteres</b>. Solo usa "
                                    "letras mayúsculas de la A a la Z, dígitos del 0 al 9 y el carácter de relleno "
                                    "<b>&lt;</b>, que ocupa el lugar de los espacios y de las posiciones "
                                    "vacías.</p><h3>Línea 1</h3><ul><li>Posiciones 1–2: código del documento. La "
                                    "primera letra es <b>P</b> (pasaporte) y la segunda suele ser "
                                    "&lt;.</li><li>Posiciones 3–5: Estado emisor, en código de tres letras: GTM, SLV, "
                                    "HND, NIC, CRI, PAN, BLZ o DOM.</li><li>Posiciones 6–44: el nombre, en la forma "
                                    "<b>APELLIDOS&lt;&lt;NOMBRES</b>. Dos &lt; separan los apellidos de los nombres; "
                                    "un &lt; separa las palabras.</li></ul>"
                                ),
                                en=(
                                    "<p>The MRZ of a TD3 passport has <b>two lines of 44 characters</b>. It uses only "
                                    "capital letters A to Z, digits 0 to 9 and the filler character <b>&lt;</b>, which "
                                    "stands for spaces and empty positions.</p><h3>Line 1</h3><ul><li>Positions 1–2: "
                                    "document code. The first letter is <b>P</b> (passport) and the second is usually "
                                    "&lt;.</li><li>Positions 3–5: issuing state, as a three-letter code: GTM, SLV, "
                                    "HND, NIC, CRI, PAN, BLZ or DOM.</li><li>Positions 6–44: the name, in the form "
                                    "<b>SURNAMES&lt;&lt;GIVEN&lt;NAMES</b>. Two &lt; separate the surnames from the "
                                    "given names; one &lt; separates words.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "border-mrz-td3.svg",
                                "alt_text": T(
                                    es=(
                                        "MRZ ficticia de un pasaporte TD3 con los campos coloreados y numerados por "
                                        "posición. Línea 1: P<GTMMORALES<CASTILLO<<ANA<LUCIA y relleno. Línea 2: "
                                        "Z120345673GTM9003152F3109225, catorce < y 06. Los dígitos de control están en "
                                        "las posiciones 10, 20, 28, 43 y 44."
                                    ),
                                    en=(
                                        "Fictitious TD3 passport MRZ with its fields coloured and numbered by "
                                        "position. Line 1: P<GTMMORALES<CASTILLO<<ANA<LUCIA and filler. Line 2: "
                                        "Z120345673GTM9003152F3109225, fourteen < and 06. The check digits are at "
                                        "positions 10, 20, 28, 43 and 44."
                                    ),
                                ),
                                "caption": T(
                                    es=(
                                        "Ejemplo ficticio: el número de documento empieza con Z, prefijo reservado "
                                        "para datos de capacitación."
                                    ),
                                    en=(
                                        "A fictitious example: the document number starts with Z, a prefix reserved "
                                        "for training data."
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>Línea 2</h3><ul><li>Posiciones 1–9: número de documento.</li><li>Posición 10: "
                                    "dígito de control del número de documento.</li><li>Posiciones 11–13: "
                                    "nacionalidad, en código de tres letras.</li><li>Posiciones 14–19: fecha de "
                                    "nacimiento, en formato AAMMDD.</li><li>Posición 20: dígito de control de la fecha "
                                    "de nacimiento.</li><li>Posición 21: sexo (M, F, o X o &lt; cuando no se "
                                    "especifica).</li><li>Posiciones 22–27: fecha de vencimiento, en formato "
                                    "AAMMDD.</li><li>Posición 28: dígito de control de la fecha de "
                                    "vencimiento.</li><li>Posiciones 29–42: dato opcional o número "
                                    "personal.</li><li>Posición 43: dígito de control del dato "
                                    "opcional.</li><li>Posición 44: dígito de control <b>compuesto</b>, calculado "
                                    "sobre las posiciones 1–10, 14–20 y 22–43.</li></ul><p>En el ejemplo, ANA LUCIA "
                                    "MORALES CASTILLO, de nacionalidad guatemalteca, nació el 15 de marzo de 1990 "
                                    "(900315) y su pasaporte vence el 22 de septiembre de 2031 (310922).</p>"
                                ),
                                en=(
                                    "<h3>Line 2</h3><ul><li>Positions 1–9: document number.</li><li>Position 10: check "
                                    "digit of the document number.</li><li>Positions 11–13: nationality, as a "
                                    "three-letter code.</li><li>Positions 14–19: date of birth, as "
                                    "YYMMDD.</li><li>Position 20: check digit of the date of birth.</li><li>Position "
                                    "21: sex (M, F, or X or &lt; when unspecified).</li><li>Positions 22–27: expiry "
                                    "date, as YYMMDD.</li><li>Position 28: check digit of the expiry "
                                    "date.</li><li>Positions 29–42: optional data or personal number.</li><li>Position "
                                    "43: check digit of the optional data.</li><li>Position 44: <b>composite</b> check "
                                    "digit, computed over positions 1–10, 14–20 and 22–43.</li></ul><p>In the example, "
                                    "ANA LUCIA MORALES CASTILLO, a Guatemalan national, was born on 15 March 1990 "
                                    "(900315) and her passport expires on 22 September 2031 (310922).</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p><b>Los nombres en la MRZ.</b> La MRZ no lleva tildes: Á se escribe A y É "
                                        "se escribe E. La Ñ se escribe <b>N</b> o <b>NXX</b>, según lo decida el "
                                        "Estado emisor, así que PEÑA puede aparecer como PENA o como PENXXA. Los dos "
                                        "apellidos van juntos, separados por un solo &lt;: "
                                        "<i>P&lt;GTMPEREZ&lt;LOPEZ&lt;&lt;JOSE…</i>. Los espacios, las comas y los "
                                        "guiones se convierten en &lt;.</p>"
                                    ),
                                    en=(
                                        "<p><b>Names in the MRZ.</b> The MRZ has no accents: Á is written A and É is "
                                        "written E. Ñ is written <b>N</b> or <b>NXX</b>, as the issuing state decides, "
                                        "so PEÑA may appear as PENA or as PENXXA. Both surnames go together, separated "
                                        "by a single &lt;: <i>P&lt;GTMPEREZ&lt;LOPEZ&lt;&lt;JOSE…</i>. Spaces, commas "
                                        "and hyphens become &lt;.</p>"
                                    ),
                                ),
                            },
                        ),
                        ("glossary_term", {"term": 2}),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es="En la línea 2 de un pasaporte TD3, ¿qué contienen las posiciones 14 a 19?",
                                    en="On line 2 of a TD3 passport, what do positions 14 to 19 hold?",
                                ),
                                "options": [
                                    option(T(es="La fecha de vencimiento.", en="The expiry date.")),
                                    option(
                                        T(
                                            es="La fecha de nacimiento, en formato AAMMDD.",
                                            en="The date of birth, as YYMMDD.",
                                        ),
                                        correct=True,
                                    ),
                                    option(T(es="La nacionalidad y el sexo.", en="The nationality and the sex.")),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Las posiciones 14–19 son la fecha de nacimiento y la 20 es su dígito de "
                                        "control. La fecha de vencimiento está en las posiciones 22–27 y la "
                                        "nacionalidad en las 11–13.</p>"
                                    ),
                                    en=(
                                        "<p>Positions 14–19 are the date of birth and position 20 is its check digit. "
                                        "The expiry date is at positions 22–27 and the nationality at 11–13.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(es="Dígitos de control: el método 7-3-1", en="Check digits: the 7-3-1 method"),
                    "slug": T(es="digitos-de-control", en="check-digits"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(es="Para qué sirven los dígitos de control", en="What check digits are for"),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Cada campo importante de la MRZ va seguido de un dígito de control. El lector "
                                    "de documentos lo vuelve a calcular; si no coincide, hubo un error de lectura (por "
                                    "ejemplo, una O leída como 0), un error al escribir los datos a mano o una "
                                    "alteración del documento. El cálculo es el mismo para todos los "
                                    "campos:</p><ol><li>Convierta cada carácter en un valor: los dígitos valen lo que "
                                    "indican (0–9); las letras valen de A = 10 a Z = 35; el relleno &lt; vale "
                                    "0.</li><li>Multiplique cada valor por un peso, repitiendo la secuencia <b>7, 3, "
                                    "1</b> desde el primer carácter.</li><li>Sume los productos.</li><li>El dígito de "
                                    "control es el residuo de dividir la suma entre 10, es decir, la última cifra de "
                                    "la suma.</li></ol>"
                                ),
                                en=(
                                    "<p>Every important MRZ field is followed by a check digit. The document reader "
                                    "computes it again; if it does not match, there was a reading error (for example "
                                    "an O read as 0), a typing error when the data was keyed in by hand, or the "
                                    "document has been altered. The computation is the same for every "
                                    "field:</p><ol><li>Turn each character into a value: digits are worth their face "
                                    "value (0–9); letters are worth A = 10 to Z = 35; the filler &lt; is worth "
                                    "0.</li><li>Multiply each value by a weight, repeating the sequence <b>7, 3, 1</b> "
                                    "from the first character.</li><li>Add up the products.</li><li>The check digit is "
                                    "the remainder of the sum divided by 10, that is, the last digit of the "
                                    "sum.</li></ol>"
                                ),
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Ejemplo resuelto: el número de documento L898902C3",
                                    en="Worked example: the document number L898902C3",
                                ),
                                "level": "h3",
                            },
                        ),
                        (
                            "image",
                            {
                                "image": "border-check-digit.svg",
                                "alt_text": T(
                                    es=(
                                        "Cálculo del dígito de control de L898902C3: valores 21, 8, 9, 8, 9, 0, 2, 12 "
                                        "y 3; pesos 7, 3, 1 repetidos; productos 147, 24, 9, 56, 27, 0, 14, 36 y 3; "
                                        "suma 316; 316 mod 10 = 6."
                                    ),
                                    en=(
                                        "Check digit computation for L898902C3: values 21, 8, 9, 8, 9, 0, 2, 12 and 3; "
                                        "weights 7, 3, 1 repeated; products 147, 24, 9, 56, 27, 0, 14, 36 and 3; sum "
                                        "316; 316 mod 10 = 6."
                                    ),
                                ),
                                "caption": T(
                                    es="Número de documento del espécimen de pasaporte de la OACI (Doc 9303).",
                                    en="Document number of the ICAO specimen passport (Doc 9303).",
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>L898902C3 es el número de documento del espécimen que publica la OACI. La L "
                                    "vale 21 y la C vale 12 (A = 10, B = 11, C = 12…). Con los pesos 7, 3, 1, 7, 3, 1, "
                                    "7, 3, 1, los productos son 147, 24, 9, 56, 27, 0, 14, 36 y 3. La suma es "
                                    "<b>316</b> y el residuo entre 10 es <b>6</b>: el dígito impreso en la posición 10 "
                                    "debe ser 6.</p><p>Otro ejemplo, con una fecha de nacimiento: 740812 da 7×7 + 4×3 "
                                    "+ 0×1 + 8×7 + 1×3 + 2×1 = 122, y su dígito de control es <b>2</b>.</p>"
                                ),
                                en=(
                                    "<p>L898902C3 is the document number of the specimen that ICAO publishes. L is "
                                    "worth 21 and C is worth 12 (A = 10, B = 11, C = 12…). With the weights 7, 3, 1, "
                                    "7, 3, 1, 7, 3, 1, the products are 147, 24, 9, 56, 27, 0, 14, 36 and 3. The sum "
                                    "is <b>316</b> and the remainder after dividing by 10 is <b>6</b>: the digit "
                                    "printed at position 10 must be 6.</p><p>Another example, with a date of birth: "
                                    "740812 gives 7×7 + 4×3 + 0×1 + 8×7 + 1×3 + 2×1 = 122, so its check digit is "
                                    "<b>2</b>.</p>"
                                ),
                            ),
                        ),
                        (
                            "procedure",
                            {
                                "title": T(
                                    es="Verificar un dígito de control a mano", en="Checking a check digit by hand"
                                ),
                                "steps": [
                                    {
                                        "title": T(
                                            es="Copie el campo tal como está impreso",
                                            en="Copy the field exactly as printed",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Incluya los caracteres de relleno &lt; que formen parte del campo; "
                                                "cada uno vale 0.</p>"
                                            ),
                                            en=(
                                                "<p>Include any &lt; fillers that are part of the field; each is worth "
                                                "0.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Asigne un valor a cada carácter", en="Give each character its value"
                                        ),
                                        "detail": T(
                                            es="<p>Dígitos de 0 a 9; letras de A = 10 a Z = 35; &lt; = 0.</p>",
                                            en="<p>Digits 0 to 9; letters A = 10 to Z = 35; &lt; = 0.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Multiplique por 7, 3 y 1, en ciclo, desde el primer carácter",
                                            en="Multiply by 7, 3 and 1, in a cycle, from the first character",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Sume los productos y tome la última cifra de la suma",
                                            en="Add up the products and take the last digit of the sum",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Compare con el dígito impreso", en="Compare with the printed digit"
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Si no coinciden, vuelva a leer el documento. Si el error persiste, "
                                                "no corrija el dato por su cuenta: remita el caso a su supervisor o a "
                                                "inspección secundaria.</p>"
                                            ),
                                            en=(
                                                "<p>If they differ, read the document again. If the error persists, do "
                                                "not correct the data yourself: refer the case to your supervisor or "
                                                "to secondary inspection.</p>"
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
                                        "<p><b>Confusiones típicas del lector óptico:</b> O y 0, I y 1, B y 8, S y 5. "
                                        "Un solo carácter mal leído cambia el dígito de control. Si en Z12034567 el 0 "
                                        "se lee como la letra O (valor 24), la suma pasa de 323 a 491 y el dígito "
                                        "calculado es 1 en lugar de 3: el sistema rechaza la lectura.</p>"
                                    ),
                                    en=(
                                        "<p><b>Typical optical reader confusions:</b> O and 0, I and 1, B and 8, S and "
                                        "5. A single misread character changes the check digit. If in Z12034567 the 0 "
                                        "is read as the letter O (value 24), the sum goes from 323 to 491 and the "
                                        "computed digit is 1 instead of 3: the system rejects the reading.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "En el pasaporte de ejemplo de ANA LUCIA MORALES CASTILLO, la fecha de "
                                        "nacimiento es 900315. ¿Cuál es su dígito de control?"
                                    ),
                                    en=(
                                        "In the example passport of ANA LUCIA MORALES CASTILLO, the date of birth is "
                                        "900315. What is its check digit?"
                                    ),
                                ),
                                "options": [option("2", correct=True), option("5"), option("0")],
                                "explanation": T(
                                    es=(
                                        "<p>9×7 + 0×3 + 0×1 + 3×7 + 1×3 + 5×1 = 63 + 0 + 0 + 21 + 3 + 5 = 92. La "
                                        "última cifra es <b>2</b>, el carácter que aparece en la posición 20.</p>"
                                    ),
                                    en=(
                                        "<p>9×7 + 0×3 + 0×1 + 3×7 + 1×3 + 5×1 = 63 + 0 + 0 + 21 + 3 + 5 = 92. The last "
                                        "digit is <b>2</b>, the character at position 20.</p>"
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
            "title": T(es="Libre movilidad CA-4 y personas menores de edad", en="CA-4 free mobility and minors"),
            "slug": T(es="ca4-y-personas-menores-de-edad", en="ca4-and-minors"),
            "summary": T(
                es=(
                    "Qué permite el CA-4 a las personas nacionales de Guatemala, El Salvador, Honduras y Nicaragua, y "
                    "qué se verifica cuando viaja una persona menor de edad."
                ),
                en=(
                    "What the CA-4 allows nationals of Guatemala, El Salvador, Honduras and Nicaragua to do, and what "
                    "is checked when a minor travels."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="La libre movilidad del CA-4", en="CA-4 free mobility"),
                    "slug": T(es="libre-movilidad-ca4", en="ca4-free-mobility"),
                    "body": [
                        ("heading", {"text": T(es="Qué es el CA-4", en="What the CA-4 is"), "level": "h2"}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>El CA-4 es el convenio de libre movilidad entre <b>Guatemala, El Salvador, "
                                    "Honduras y Nicaragua</b>, vigente desde junio de 2006. En el puesto fronterizo, "
                                    "sus efectos son estos:</p><ul><li>Las personas nacionales de los cuatro países "
                                    "pueden cruzar las fronteras internas con su <b>documento nacional de "
                                    "identidad</b> en lugar del pasaporte: DPI (Guatemala), DUI (El Salvador), DNI "
                                    "(Honduras) y cédula de identidad (Nicaragua).</li><li>Pueden permanecer hasta "
                                    "<b>90 días</b>.</li><li>Para las personas extranjeras existe una <b>visa única "
                                    "CA-4</b>.</li><li>Costa Rica, Panamá, Belice y República Dominicana <b>no</b> "
                                    "forman parte del CA-4: en sus puestos no se aplica este régimen.</li></ul>"
                                ),
                                en=(
                                    "<p>The CA-4 is the free-mobility agreement between <b>Guatemala, El Salvador, "
                                    "Honduras and Nicaragua</b>, in force since June 2006. At the border crossing "
                                    "point, its effects are these:</p><ul><li>Nationals of the four countries may "
                                    "cross the internal borders with their <b>national identity card</b> instead of a "
                                    "passport: the DPI (Guatemala), the DUI (El Salvador), the DNI (Honduras) and the "
                                    "cédula de identidad (Nicaragua).</li><li>They may stay up to <b>90 "
                                    "days</b>.</li><li>For foreign nationals there is a <b>CA-4 single "
                                    "visa</b>.</li><li>Costa Rica, Panama, Belize and the Dominican Republic are "
                                    "<b>not</b> part of the CA-4: this regime does not apply at their posts.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "border-ca4.svg",
                                "alt_text": T(
                                    es=(
                                        "Esquema del CA-4: Guatemala (GTM), El Salvador (SLV), Honduras (HND) y "
                                        "Nicaragua (NIC) dentro de una zona común, con una tarjeta de identidad y un "
                                        "máximo de 90 días. Fuera de la zona, Costa Rica (CRI), Panamá (PAN), Belice "
                                        "(BLZ) y República Dominicana (DOM), con pasaporte."
                                    ),
                                    en=(
                                        "Diagram of the CA-4: Guatemala (GTM), El Salvador (SLV), Honduras (HND) and "
                                        "Nicaragua (NIC) inside a common area, with an identity card and a maximum of "
                                        "90 days. Outside the area, Costa Rica (CRI), Panama (PAN), Belize (BLZ) and "
                                        "the Dominican Republic (DOM), with a passport."
                                    ),
                                ),
                                "caption": T(
                                    es="Los países del CA-4 y los países de la región que están fuera del convenio.",
                                    en="The CA-4 countries and the countries of the region outside the agreement.",
                                ),
                            },
                        ),
                        ("glossary_term", {"term": 3}),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>En la práctica</h3><p>Los puestos internos del CA-4 buscan agilizar el paso. "
                                    "El Salvador hace controles de salida terrestre con dispositivos móviles en la "
                                    "carretera: toman segundos y la persona no baja del vehículo. Honduras habla de un "
                                    "«paso ágil», y en Agua Caliente las ventanillas de Guatemala y de Honduras "
                                    "funcionan en un mismo edificio.</p><p>Que el trámite sea ágil no significa que se "
                                    "omita: <b>cada cruce se registra</b> y se consulta contra las alertas, igual que "
                                    "con pasaporte. Al registrarlo, marque el trámite simplificado CA-4 y el tipo de "
                                    "documento correcto: documento nacional de identidad, no pasaporte.</p>"
                                ),
                                en=(
                                    "<h3>In practice</h3><p>The internal CA-4 posts aim to speed up crossings. El "
                                    "Salvador carries out land exit checks with mobile devices on the road: they take "
                                    "seconds and the traveller stays in the vehicle. Honduras speaks of a “paso ágil” "
                                    "(fast lane), and at Agua Caliente the Guatemalan and Honduran counters work in "
                                    "the same building.</p><p>A fast procedure is not a skipped one: <b>every crossing "
                                    "is recorded</b> and checked against the alerts, just as with a passport. When you "
                                    "record it, mark the simplified CA-4 procedure and the correct document type: "
                                    "national identity card, not passport.</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "legal",
                                "text": T(
                                    es=(
                                        "<p>Los requisitos concretos (documentos aceptados, plazo de permanencia, "
                                        "prórrogas y excepciones) se aplican <b>según la ley nacional</b> de cada país "
                                        "y los acuerdos del CA-4. Consulte las instrucciones vigentes de su "
                                        "institución.</p>"
                                    ),
                                    en=(
                                        "<p>The specific requirements (accepted documents, length of stay, extensions "
                                        "and exceptions) apply <b>according to each country's national law</b> and the "
                                        "CA-4 agreements. Check your institution's current instructions.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Una persona salvadoreña adulta llega a Valle Nuevo (Guatemala) con su DUI "
                                        "vigente y sin pasaporte. ¿Qué corresponde?"
                                    ),
                                    en=(
                                        "An adult Salvadoran national arrives at Valle Nuevo (Guatemala) with a valid "
                                        "DUI and no passport. What applies?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es=(
                                                "Registrar su entrada con el DUI como documento, en trámite CA-4, "
                                                "después de la consulta de alertas."
                                            ),
                                            en=(
                                                "Record the entry with the DUI as the document, as a CA-4 procedure, "
                                                "after the alert check."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Rechazar la entrada porque no presenta pasaporte.",
                                            en="Refuse entry because no passport is presented.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "Dejarla pasar sin registrar ni consultar alertas, porque el CA-4 la "
                                                "exime del control."
                                            ),
                                            en=(
                                                "Let the person through without recording or checking alerts, because "
                                                "the CA-4 exempts them from control."
                                            ),
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Una persona adulta nacional del CA-4 puede cruzar con su documento "
                                        "nacional de identidad. El cruce se registra y se consulta contra las alertas "
                                        "como cualquier otro.</p>"
                                    ),
                                    en=(
                                        "<p>An adult CA-4 national may cross with their national identity card. The "
                                        "crossing is recorded and checked against the alerts like any other.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(es="Personas menores de edad que viajan", en="Minors who travel"),
                    "slug": T(es="personas-menores-de-edad", en="minors-who-travel"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Qué se verifica cuando viaja una persona menor de edad",
                                    en="What is checked when a minor travels",
                                ),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Las personas menores de edad (menores de 18 años) requieren especial atención "
                                    "en el control migratorio, sobre todo a la salida del "
                                    "país:</p><ul><li><b>Necesitan pasaporte aun dentro del CA-4.</b> La libre "
                                    "movilidad con documento nacional de identidad se aplica a las personas "
                                    "adultas.</li><li>Para salir del país se verifica el <b>consentimiento de los "
                                    "padres o el permiso de salida</b> que exija la ley nacional. En El Salvador se "
                                    "controla la autorización de salida prevista en la LEPINA (Ley de Protección "
                                    "Integral de la Niñez y Adolescencia).</li><li>Se consulta si hay una <b>alerta de "
                                    "protección</b>. En Guatemala, la <b>Alerta Alba-Keneth</b> (Decreto 28-2010), "
                                    "para niñas, niños y adolescentes desaparecidos o sustraídos, se envía a las "
                                    "autoridades fronterizas y a los aeropuertos para evitar su salida del "
                                    "país.</li><li>Se registra a la persona adulta que acompaña y la referencia del "
                                    "permiso de salida.</li></ul>"
                                ),
                                en=(
                                    "<p>Minors (persons under 18) need particular care at immigration control, above "
                                    "all when they leave the country:</p><ul><li><b>They need a passport even within "
                                    "the CA-4.</b> Free mobility with a national identity card applies to "
                                    "adults.</li><li>To leave the country, the <b>parents' consent or the exit "
                                    "permit</b> required by national law is checked. In El Salvador, the exit "
                                    "authorisation provided for in the LEPINA (the Comprehensive Child and Adolescent "
                                    "Protection Act) is checked.</li><li>The officer checks whether there is a "
                                    "<b>protection alert</b>. In Guatemala, the <b>Alba-Keneth Alert</b> (Decree "
                                    "28-2010), for missing or abducted children and adolescents, is sent to border "
                                    "authorities and airports to prevent the child from leaving the "
                                    "country.</li><li>The accompanying adult and the reference of the exit permit are "
                                    "recorded.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p>Nunca autorice la salida de una persona menor de edad sin verificar su "
                                        "documento, la identidad de la persona adulta que la acompaña y el permiso de "
                                        "salida cuando la ley lo exija. Ante una alerta de protección, <b>no permita "
                                        "la salida</b>: remita el caso a inspección secundaria y a la autoridad de "
                                        "protección de la niñez.</p>"
                                    ),
                                    en=(
                                        "<p>Never authorise a minor's departure without checking their document, the "
                                        "identity of the accompanying adult and the exit permit where the law requires "
                                        "one. If there is a protection alert, <b>do not allow the departure</b>: refer "
                                        "the case to secondary inspection and to the child-protection authority.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "procedure",
                            {
                                "title": T(
                                    es="Control de salida de una persona menor de edad", en="Exit check for a minor"
                                ),
                                "steps": [
                                    {
                                        "title": T(
                                            es="Verifique el pasaporte de la persona menor de edad",
                                            en="Check the minor's passport",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Lea la MRZ y confirme la edad con la fecha de nacimiento. El "
                                                "documento nacional de identidad no basta.</p>"
                                            ),
                                            en=(
                                                "<p>Read the MRZ and confirm the age from the date of birth. The "
                                                "national identity card is not enough.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Identifique a la persona adulta que la acompaña",
                                            en="Identify the accompanying adult",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Registre su documento y su relación con la persona menor de edad: "
                                                "madre, padre, tutor u otra persona autorizada.</p>"
                                            ),
                                            en=(
                                                "<p>Record their document and their relationship to the minor: mother, "
                                                "father, guardian or another authorised person.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Revise el permiso o la autorización de salida",
                                            en="Check the exit permit or authorisation",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Compruebe que el documento que exige la ley nacional está "
                                                "completo, vigente y corresponde a esta persona y a este viaje. Anote "
                                                "su referencia en el registro.</p>"
                                            ),
                                            en=(
                                                "<p>Make sure that the document required by national law is complete, "
                                                "valid and belongs to this person and this journey. Note its reference "
                                                "in the record.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Consulte las alertas", en="Check the alerts"),
                                        "detail": T(
                                            es=(
                                                "<p>Incluidas las de protección de la niñez, como la Alerta "
                                                "Alba-Keneth en Guatemala.</p>"
                                            ),
                                            en=(
                                                "<p>Including child-protection alerts, such as the Alba-Keneth Alert "
                                                "in Guatemala.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Decida y registre", en="Decide and record"),
                                        "detail": T(
                                            es=(
                                                "<p>Si todo está en orden, registre la salida con la persona "
                                                "acompañante vinculada. Si falta un requisito o hay una alerta, remita "
                                                "el caso a inspección secundaria.</p>"
                                            ),
                                            en=(
                                                "<p>If everything is in order, record the departure with the "
                                                "accompanying adult linked. If a requirement is missing or there is an "
                                                "alert, refer the case to secondary inspection.</p>"
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
                                    "<h3>Un caso para pensar</h3><p>Una niña guatemalteca de 9 años sale por La Aurora "
                                    "con su madre. Trae pasaporte vigente, pero el sistema muestra una Alerta "
                                    "Alba-Keneth a su nombre. La madre explica que la niña fue localizada hace meses y "
                                    "que la alerta quedó activa. Es un problema conocido: en 2023 se emitieron unas "
                                    "6,205 alertas Alba-Keneth y se desactivaron 5,012, y algunas siguen activas "
                                    "después de que se localiza a la niña o al niño.</p><p>El oficial <b>no</b> ignora "
                                    "ni borra la alerta: remite el caso a inspección secundaria, donde se consulta a "
                                    "la autoridad que emitió la alerta. Solo esa autoridad puede desactivarla.</p>"
                                ),
                                en=(
                                    "<h3>A case to think about</h3><p>A 9-year-old Guatemalan girl leaves through La "
                                    "Aurora with her mother. She has a valid passport, but the system shows an "
                                    "Alba-Keneth Alert in her name. The mother explains that the girl was found months "
                                    "ago and the alert was left active. This is a known problem: in 2023 about 6,205 "
                                    "Alba-Keneth alerts were issued and 5,012 were deactivated, and some stay active "
                                    "after the child has been found.</p><p>The officer does <b>not</b> ignore or "
                                    "delete the alert: they refer the case to secondary inspection, where the "
                                    "authority that issued the alert is consulted. Only that authority can deactivate "
                                    "it.</p>"
                                ),
                            ),
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Un adolescente hondureño de 15 años viaja con su padre de Honduras a "
                                        "Nicaragua por Las Manos y presenta solo su DNI. ¿Qué corresponde?"
                                    ),
                                    en=(
                                        "A 15-year-old Honduran boy travels with his father from Honduras to Nicaragua "
                                        "through Las Manos and presents only his DNI. What applies?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es=(
                                                "Registrarlo con el DNI, igual que a su padre, porque ambos son "
                                                "nacionales del CA-4."
                                            ),
                                            en=(
                                                "Record him with the DNI, like his father, because both are CA-4 "
                                                "nationals."
                                            ),
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "No registrar la salida con el DNI: las personas menores de edad "
                                                "necesitan pasaporte aun dentro del CA-4, así que se remite o se "
                                                "rechaza según el procedimiento."
                                            ),
                                            en=(
                                                "Do not record the departure on the DNI: minors need a passport even "
                                                "within the CA-4, so the case is referred or refused according to the "
                                                "procedure."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="Dejarlo pasar si el padre firma una declaración en el puesto.",
                                            en="Let him through if the father signs a statement at the post.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>La libre movilidad con documento nacional de identidad es para personas "
                                        "adultas. Una persona menor de edad necesita <b>pasaporte</b> y, para salir, "
                                        "el permiso que exija la ley nacional.</p>"
                                    ),
                                    en=(
                                        "<p>Free mobility with a national identity card is for adults. A minor needs a "
                                        "<b>passport</b> and, to leave, the permit that national law requires.</p>"
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
                es="Registro del movimiento y calidad de los datos", en="Recording the movement and data quality"
            ),
            "slug": T(es="registro-del-movimiento", en="recording-the-movement"),
            "summary": T(
                es=(
                    "Cómo registrar una entrada o una salida paso a paso, qué datos lleva cada movimiento y cuáles son "
                    "los errores de registro más frecuentes. Termina con la evaluación del curso."
                ),
                en=(
                    "How to record an entry or a departure step by step, what data each movement carries and which "
                    "recording errors are most frequent. It ends with the course assessment."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(es="Registrar una entrada o una salida", en="Recording an entry or a departure"),
                    "slug": T(es="registrar-una-entrada-o-una-salida", en="recording-an-entry-or-a-departure"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(es="El flujo de la inspección primaria", en="The primary inspection flow"),
                                "level": "h2",
                            },
                        ),
                        (
                            "image",
                            {
                                "image": "border-post-flow.svg",
                                "alt_text": T(
                                    es=(
                                        "Inspección primaria en seis pasos: 1, lectura de la MRZ y verificación 7-3-1; "
                                        "2, búsqueda de los movimientos anteriores; 3, captura de fotografía y "
                                        "huellas; 4, consulta de alertas (NO_HIT o HIT); 5, registro de la entrada o "
                                        "la salida; 6, decisión: admitido, remitido o rechazado."
                                    ),
                                    en=(
                                        "Primary inspection in six steps: 1, reading the MRZ and the 7-3-1 check; 2, "
                                        "looking up earlier movements; 3, capturing the photograph and fingerprints; "
                                        "4, alert check (NO_HIT or HIT); 5, recording the entry or departure; 6, "
                                        "decision: admitted, referred or refused."
                                    ),
                                ),
                                "caption": T(
                                    es="Los seis pasos de la inspección primaria.",
                                    en="The six steps of primary inspection.",
                                ),
                            },
                        ),
                        (
                            "procedure",
                            {
                                "title": T(
                                    es="Inspección primaria de una entrada", en="Primary inspection of an entry"
                                ),
                                "steps": [
                                    {
                                        "title": T(es="Lea el documento", en="Read the document"),
                                        "detail": T(
                                            es=(
                                                "<p>Páselo por el lector (MRZ o chip). El sistema valida los dígitos "
                                                "de control y el vencimiento.</p>"
                                            ),
                                            en=(
                                                "<p>Pass it through the reader (MRZ or chip). The system checks the "
                                                "check digits and the expiry date.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Busque a la persona en el sistema",
                                            en="Look the person up in the system",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Revise sus movimientos anteriores y abra su registro si ya existe. "
                                                "Cree uno nuevo solo si no existe: las personas duplicadas son uno de "
                                                "los errores más costosos.</p>"
                                            ),
                                            en=(
                                                "<p>Review their earlier movements and open their record if it already "
                                                "exists. Create a new one only if none exists: duplicate persons are "
                                                "one of the most costly errors.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Capture la fotografía y las huellas dactilares",
                                            en="Capture the photograph and the fingerprints",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Revise el resultado de la consulta de alertas",
                                            en="Review the result of the alert check",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>La consulta automática contra las listas nacionales, la base SLTD "
                                                "de INTERPOL y las alertas regionales de la OCAM devuelve NO_HIT, HIT "
                                                "o POSSIBLE. Con HIT o POSSIBLE, siga el procedimiento de alertas.</p>"
                                            ),
                                            en=(
                                                "<p>The automatic check against the national lists, INTERPOL's SLTD "
                                                "database and the OCAM regional alerts returns NO_HIT, HIT or "
                                                "POSSIBLE. With HIT or POSSIBLE, follow the alert procedure.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Complete los datos del movimiento", en="Complete the movement data"
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Motivo del viaje, permanencia declarada, dirección en el país y "
                                                "transportista.</p>"
                                            ),
                                            en=(
                                                "<p>Purpose of travel, declared length of stay, address in the country "
                                                "and carrier.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Decida y guarde", en="Decide and save"),
                                        "detail": T(
                                            es=(
                                                "<p>Admitir, rechazar o remitir a inspección secundaria. El movimiento "
                                                "se guarda en el puesto y se sincroniza con la sede central.</p>"
                                            ),
                                            en=(
                                                "<p>Admit, refuse or refer to secondary inspection. The movement is "
                                                "saved at the post and synchronised with headquarters.</p>"
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
                                    "<h3>Los datos de cada movimiento</h3><ul><li><b>Dirección</b>: entrada o salida, "
                                    "desde el punto de vista del país que controla. Quien sale de Costa Rica por Peñas "
                                    "Blancas genera una salida en el puesto costarricense (CR-PBL) y luego una entrada "
                                    "en el nicaragüense (NI-PBL).</li><li><b>Puesto</b>: el código del puesto donde "
                                    "ocurre el cruce, por ejemplo GT-VNU (Valle Nuevo), o el código del aeropuerto "
                                    "(GUA, SAL, MGA).</li><li><b>Medio de transporte</b>: aéreo, terrestre o marítimo, "
                                    "con el número de vuelo, la embarcación o la placa del vehículo.</li><li><b>Fecha "
                                    "y hora</b>: el sistema las guarda en UTC y las muestra en la hora local del "
                                    "puesto: UTC−6 en Guatemala, El Salvador, Honduras, Nicaragua, Costa Rica y "
                                    "Belice; UTC−5 en Panamá; UTC−4 en República Dominicana.</li><li><b>Motivo del "
                                    "viaje, permanencia declarada y dirección</b> en el país.</li><li><b>Decisión</b>: "
                                    "admitido, rechazado (con su causa) o remitido a inspección "
                                    "secundaria.</li><li><b>Forma de captura</b>: lectura de la MRZ, chip, ingreso "
                                    "manual, información anticipada de pasajeros (API) o dispositivo móvil.</li></ul>"
                                ),
                                en=(
                                    "<h3>The data of each movement</h3><ul><li><b>Direction</b>: entry or exit, from "
                                    "the point of view of the country doing the check. Someone leaving Costa Rica "
                                    "through Peñas Blancas generates an exit at the Costa Rican post (CR-PBL) and then "
                                    "an entry at the Nicaraguan one (NI-PBL).</li><li><b>Crossing point</b>: the code "
                                    "of the post where the crossing happens, for example GT-VNU (Valle Nuevo), or the "
                                    "airport code (GUA, SAL, MGA).</li><li><b>Mode of transport</b>: air, land or sea, "
                                    "with the flight number, the vessel or the vehicle's plate.</li><li><b>Date and "
                                    "time</b>: the system stores them in UTC and shows them in the post's local time: "
                                    "UTC−6 in Guatemala, El Salvador, Honduras, Nicaragua, Costa Rica and Belize; "
                                    "UTC−5 in Panama; UTC−4 in the Dominican Republic.</li><li><b>Purpose of travel, "
                                    "declared length of stay and address</b> in the country.</li><li><b>Decision</b>: "
                                    "admitted, refused (with its reason) or referred to secondary "
                                    "inspection.</li><li><b>Capture source</b>: MRZ reading, chip, manual entry, "
                                    "advance passenger information (API) or mobile device.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p><b>A la salida</b>, el sistema vincula el movimiento con la entrada "
                                        "abierta de la persona y revisa si superó la permanencia autorizada (por "
                                        "ejemplo, 90 días en el CA-4). Por eso importa registrar también cada salida: "
                                        "sin ellas no se sabe quién sigue en el país.</p>"
                                    ),
                                    en=(
                                        "<p><b>On exit</b>, the system links the movement to the person's open entry "
                                        "and checks whether they overstayed the authorised stay (for example, 90 days "
                                        "under the CA-4). That is why every departure must be recorded too: without "
                                        "them, nobody knows who is still in the country.</p>"
                                    ),
                                ),
                            },
                        ),
                        ("glossary_term", {"term": 4}),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Un camión entra a Guatemala desde El Salvador por Pedro de Alvarado. ¿Cómo "
                                        "registra el puesto guatemalteco el movimiento del conductor?"
                                    ),
                                    en=(
                                        "A lorry enters Guatemala from El Salvador through Pedro de Alvarado. How does "
                                        "the Guatemalan post record the driver's movement?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="Entrada, puesto GT-PDA, medio terrestre, con la placa del vehículo.",
                                            en="Entry, post GT-PDA, land, with the vehicle's plate.",
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(es="Salida, puesto SV-LHA, medio terrestre.", en="Exit, post SV-LHA, land.")
                                    ),
                                    option(T(es="Entrada, puesto GUA, medio aéreo.", en="Entry, post GUA, air.")),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>El puesto guatemalteco registra una <b>entrada</b> en su propio puesto, "
                                        "Pedro de Alvarado (GT-PDA). La salida de El Salvador la registra el puesto "
                                        "salvadoreño de La Hachadura (SV-LHA).</p>"
                                    ),
                                    en=(
                                        "<p>The Guatemalan post records an <b>entry</b> at its own post, Pedro de "
                                        "Alvarado (GT-PDA). The exit from El Salvador is recorded by the Salvadoran "
                                        "post of La Hachadura (SV-LHA).</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="Errores frecuentes y cómo evitarlos", en="Frequent errors and how to avoid them"),
                    "slug": T(es="errores-frecuentes", en="frequent-errors"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Por qué importa la calidad del registro", en="Why recording quality matters"
                                ),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Un registro mal hecho no solo afecta las estadísticas: puede hacer que una "
                                    "alerta no se active, que se cree una persona duplicada o que una salida quede sin "
                                    "su entrada. Los datos fronterizos reales tienen errores. Una auditoría del "
                                    "programa US-VISIT de los Estados Unidos encontró 825,000 casos de un mismo juego "
                                    "de huellas con datos biográficos distintos, un nombre escrito de 17 formas, un "
                                    "año de nacimiento «2049» y registros de prueba como «Mickey Mouse» en el sistema "
                                    "real. En los controles de salida del Reino Unido, cerca de 1 de cada 20 personas "
                                    "no tenía registro de salida. En la región, un taller de la OIM en 2022 encontró "
                                    "problemas de comparación y consistencia de los datos y poca capacitación del "
                                    "personal.</p>"
                                ),
                                en=(
                                    "<p>A badly made record does not only affect the statistics: it can stop an alert "
                                    "from firing, create a duplicate person or leave a departure without its entry. "
                                    "Real border data has errors. An audit of the United States' US-VISIT programme "
                                    "found 825,000 cases of one fingerprint set with different biographic data, one "
                                    "name spelled 17 ways, a birth year of “2049” and test records such as “Mickey "
                                    "Mouse” in the live system. In the United Kingdom's exit checks, about 1 in 20 "
                                    "people had no departure record. In the region, a 2022 IOM workshop found data "
                                    "comparison and consistency problems and weak staff training.</p>"
                                ),
                            ),
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>Los errores más comunes</h3><ul><li><b>Personas duplicadas</b>: se crea un "
                                    "registro nuevo, en otro puesto, para alguien que ya "
                                    "existía.</li><li><b>Apellidos</b> invertidos, segundo apellido omitido, variantes "
                                    "con DE o DEL, o el apellido de casada escrito de otra forma.</li><li><b>Tildes y "
                                    "Ñ</b> inconsistentes: PEÑA, PENA y PENXXA para la misma "
                                    "persona.</li><li><b>Fechas</b> con el día y el mes invertidos (03/12 por 12/03), "
                                    "fechas de nacimiento futuras o de relleno, como 1900-01-01.</li><li><b>Códigos de "
                                    "país</b> equivocados: GUA (el código del aeropuerto) en lugar de GTM, SAL en "
                                    "lugar de SLV, o un código de dos letras en un campo de tres.</li><li><b>MRZ mal "
                                    "leída</b> (O/0, I/1, B/8, S/5) y aceptada a pesar del error en el dígito de "
                                    "control.</li><li><b>Entradas sin salida</b> o salidas sin entrada, por "
                                    "movimientos no registrados.</li><li><b>Hora</b> guardada con la zona horaria "
                                    "equivocada.</li><li><b>Registros de prueba</b> («PRUEBA PRUEBA», «XXXX») en el "
                                    "sistema real.</li><li><b>Personas menores de edad</b> que salen sin persona "
                                    "acompañante vinculada ni permiso de salida registrado.</li></ul>"
                                ),
                                en=(
                                    "<h3>The most common errors</h3><ul><li><b>Duplicate persons</b>: a new record is "
                                    "created, at another post, for someone who already "
                                    "existed.</li><li><b>Surnames</b> swapped, second surname left out, variants with "
                                    "DE or DEL, or the married surname written another way.</li><li><b>Accents and "
                                    "Ñ</b> used inconsistently: PEÑA, PENA and PENXXA for the same "
                                    "person.</li><li><b>Dates</b> with the day and month swapped (03/12 for 12/03), "
                                    "dates of birth in the future or placeholders such as 1900-01-01.</li><li>Wrong "
                                    "<b>country codes</b>: GUA (the airport code) instead of GTM, SAL instead of SLV, "
                                    "or a two-letter code in a three-letter field.</li><li><b>Misread MRZ</b> (O/0, "
                                    "I/1, B/8, S/5) accepted despite the check digit error.</li><li><b>Entries without "
                                    "an exit</b> or exits without an entry, because movements were not "
                                    "recorded.</li><li><b>Time</b> stored with the wrong time zone.</li><li><b>Test "
                                    "records</b> (“PRUEBA PRUEBA”, “XXXX”) in the live system.</li><li><b>Minors</b> "
                                    "leaving with no linked accompanying adult and no recorded exit permit.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p>No «arregle» un dato para que el sistema lo acepte. Si el dígito de "
                                        "control falla, vuelva a leer el documento, o escriba el dato a mano tal como "
                                        "está impreso y márquelo como ingreso manual. Las correcciones de registros ya "
                                        "guardados las hace la supervisión o la jefatura del puesto, <b>con una "
                                        "justificación</b>, y quedan en la bitácora de auditoría.</p>"
                                    ),
                                    en=(
                                        "<p>Do not “fix” data to make the system accept it. If the check digit fails, "
                                        "read the document again, or type the data by hand exactly as printed and mark "
                                        "it as manual entry. Corrections to records already saved are made by the "
                                        "supervisor or the head of the post, <b>with a justification</b>, and are kept "
                                        "in the audit log.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "¿Qué código de nacionalidad es el correcto para una persona guatemalteca en "
                                        "la MRZ y en el sistema?"
                                    ),
                                    en=(
                                        "Which nationality code is correct for a Guatemalan national in the MRZ and in "
                                        "the system?"
                                    ),
                                ),
                                "options": [option("GUA"), option("GT"), option("GTM", correct=True)],
                                "explanation": T(
                                    es=(
                                        "<p>La MRZ y el sistema usan el código de tres letras <b>GTM</b>. GUA es el "
                                        "código del aeropuerto La Aurora y GT es el código de dos letras, que no "
                                        "corresponde en un campo de tres.</p>"
                                    ),
                                    en=(
                                        "<p>The MRZ and the system use the three-letter code <b>GTM</b>. GUA is the "
                                        "code of La Aurora airport and GT is the two-letter code, which does not "
                                        "belong in a three-letter field.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<h3>Tres hábitos que previenen errores</h3><ol><li>Busque siempre a la persona "
                                    "antes de crear un registro nuevo, por el número de documento y por variantes del "
                                    "nombre.</li><li>Copie los nombres como están en la MRZ, con los dos apellidos en "
                                    "su orden.</li><li>Revise el resumen antes de guardar: dirección, puesto, fecha y "
                                    "hora, y decisión.</li></ol>"
                                ),
                                en=(
                                    "<h3>Three habits that prevent errors</h3><ol><li>Always look the person up before "
                                    "creating a new record, by document number and by variants of the "
                                    "name.</li><li>Copy names as they appear in the MRZ, with both surnames in their "
                                    "order.</li><li>Review the summary before saving: direction, crossing point, date "
                                    "and time, and decision.</li></ol>"
                                ),
                            ),
                        ),
                    ],
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="Repaso y evaluación", en="Review and assessment"),
                    "slug": T(es="repaso-y-evaluacion", en="review-and-assessment"),
                    "body": [
                        ("heading", {"text": T(es="Repaso del curso", en="Course review"), "level": "h2"}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Antes de la evaluación, repase los puntos clave:</p><ul><li>La MRZ del "
                                    "pasaporte TD3 tiene dos líneas de 44 caracteres; la línea 2 tiene cinco dígitos "
                                    "de control, en las posiciones 10, 20, 28, 43 y 44.</li><li>El dígito de control "
                                    "se calcula con los pesos 7, 3, 1 y el residuo de dividir la suma entre "
                                    "10.</li><li>El CA-4 (Guatemala, El Salvador, Honduras y Nicaragua) permite a sus "
                                    "nacionales cruzar con el documento nacional de identidad y permanecer hasta 90 "
                                    "días; las personas menores de edad necesitan pasaporte.</li><li>Cada movimiento "
                                    "se registra con su dirección, puesto, medio de transporte, fecha y hora, y "
                                    "decisión.</li><li>Busque antes de crear, copie los nombres como en la MRZ y no "
                                    "fuerce un dato que falla.</li></ul>"
                                ),
                                en=(
                                    "<p>Before the assessment, go over the key points:</p><ul><li>The MRZ of a TD3 "
                                    "passport has two lines of 44 characters; line 2 has five check digits, at "
                                    "positions 10, 20, 28, 43 and 44.</li><li>The check digit is computed with the "
                                    "weights 7, 3, 1 and the remainder of the sum divided by 10.</li><li>The CA-4 "
                                    "(Guatemala, El Salvador, Honduras and Nicaragua) lets its nationals cross with "
                                    "their national identity card and stay up to 90 days; minors need a "
                                    "passport.</li><li>Every movement is recorded with its direction, crossing point, "
                                    "mode of transport, date and time, and decision.</li><li>Look up before you "
                                    "create, copy names as in the MRZ and do not force data that fails.</li></ul>"
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
                                    "<p>Tenga a mano papel y lápiz: algunas preguntas piden calcular un dígito de "
                                    "control.</p>"
                                ),
                                en=(
                                    "<p>Keep paper and pencil at hand: some questions ask you to compute a check "
                                    "digit.</p>"
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
            "tags": ["mrz", "documents"],
            "points": 1,
            "prompt": T(
                es="¿Cuántos caracteres tiene cada línea de la MRZ de un pasaporte TD3?",
                en="How many characters does each line of a TD3 passport MRZ have?",
            ),
            "explanation": T(
                es=(
                    "<p>El formato TD3 tiene dos líneas de <b>44</b> caracteres. TD1 tiene tres de 30 y TD2 dos de "
                    "36.</p>"
                ),
                en=(
                    "<p>The TD3 format has two lines of <b>44</b> characters. TD1 has three of 30 and TD2 two of "
                    "36.</p>"
                ),
            ),
            "value": {"options": [option("30"), option("36"), option("44", correct=True), option("88")]},
        },
        # 2
        {
            "kind": "single_choice",
            "tags": ["ca4"],
            "points": 1,
            "prompt": T(
                es="¿Cuál de estos países NO forma parte del CA-4?",
                en="Which of these countries is NOT part of the CA-4?",
            ),
            "explanation": T(
                es=(
                    "<p>El CA-4 lo integran Guatemala, El Salvador, Honduras y Nicaragua. <b>Costa Rica</b>, Panamá, "
                    "Belice y República Dominicana están fuera del convenio.</p>"
                ),
                en=(
                    "<p>The CA-4 is made up of Guatemala, El Salvador, Honduras and Nicaragua. <b>Costa Rica</b>, "
                    "Panama, Belize and the Dominican Republic are outside the agreement.</p>"
                ),
            ),
            "value": {
                "options": [
                    option("Honduras"),
                    option("Costa Rica", correct=True),
                    option("Nicaragua"),
                    option("El Salvador"),
                ]
            },
        },
        # 3
        {
            "kind": "single_choice",
            "tags": ["data-quality", "codes"],
            "points": 1,
            "prompt": T(
                es="Un oficial anota «SAL» como nacionalidad de una persona salvadoreña. ¿Qué código correspondía?",
                en="An officer enters “SAL” as the nationality of a Salvadoran national. Which code was right?",
            ),
            "explanation": T(
                es=(
                    "<p>SAL es el código del aeropuerto internacional de El Salvador. La nacionalidad se registra con "
                    "el código de tres letras <b>SLV</b>.</p>"
                ),
                en=(
                    "<p>SAL is the code of El Salvador's international airport. Nationality is recorded with the "
                    "three-letter code <b>SLV</b>.</p>"
                ),
            ),
            "value": {
                "options": [
                    option("SV"),
                    option("SLV", correct=True),
                    option("ESA"),
                    option(T(es="SAL, que es correcto", en="SAL, which is correct")),
                ]
            },
        },
        # 4
        {
            "kind": "single_choice",
            "tags": ["registration"],
            "points": 1,
            "prompt": T(
                es=(
                    "Una persona nicaragüense residente en Costa Rica viaja a su país en diciembre por tierra. ¿Qué "
                    "registra el puesto costarricense de Peñas Blancas?"
                ),
                en=(
                    "A Nicaraguan national resident in Costa Rica travels home by land in December. What does the "
                    "Costa Rican post of Peñas Blancas record?"
                ),
            ),
            "explanation": T(
                es=(
                    "<p>Cada país registra el movimiento desde su punto de vista: Costa Rica registra una "
                    "<b>salida</b> en CR-PBL por vía terrestre; Nicaragua registrará luego la entrada en NI-PBL.</p>"
                ),
                en=(
                    "<p>Each country records the movement from its own point of view: Costa Rica records an "
                    "<b>exit</b> at CR-PBL by land; Nicaragua will then record the entry at NI-PBL.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(T(es="Una salida en CR-PBL, medio terrestre.", en="An exit at CR-PBL, land."), correct=True),
                    option(T(es="Una entrada en CR-PBL, medio terrestre.", en="An entry at CR-PBL, land.")),
                    option(T(es="Una entrada en NI-PBL, medio terrestre.", en="An entry at NI-PBL, land.")),
                    option(
                        T(es="Nada, porque la persona es residente.", en="Nothing, because the person is a resident.")
                    ),
                ]
            },
        },
        # 5
        {
            "kind": "multiple_response",
            "tags": ["ca4"],
            "points": 1,
            "prompt": T(
                es="¿Qué países forman parte del CA-4? Marque todos los que correspondan.",
                en="Which countries are part of the CA-4? Tick all that apply.",
            ),
            "explanation": T(
                es="<p>El CA-4 lo forman <b>Guatemala, El Salvador, Honduras y Nicaragua</b>.</p>",
                en="<p>The CA-4 is made up of <b>Guatemala, El Salvador, Honduras and Nicaragua</b>.</p>",
            ),
            "value": {
                "options": [
                    option("Guatemala", correct=True),
                    option("El Salvador", correct=True),
                    option("Honduras", correct=True),
                    option("Nicaragua", correct=True),
                    option(T(es="Panamá", en="Panama")),
                    option(T(es="Belice", en="Belize")),
                ],
                "partial_credit": True,
            },
        },
        # 6
        {
            "kind": "multiple_response",
            "tags": ["mrz", "check-digit"],
            "points": 1,
            "prompt": T(
                es="En la línea 2 de un pasaporte TD3, ¿qué campos tienen su propio dígito de control?",
                en="On line 2 of a TD3 passport, which fields have their own check digit?",
            ),
            "explanation": T(
                es=(
                    "<p>Tienen dígito de control el número de documento (posición 10), la fecha de nacimiento (20), la "
                    "fecha de vencimiento (28) y el dato opcional (43); además, hay un dígito compuesto en la 44. La "
                    "nacionalidad y el sexo no tienen dígito propio.</p>"
                ),
                en=(
                    "<p>The document number (position 10), the date of birth (20), the expiry date (28) and the "
                    "optional data (43) have check digits; there is also a composite digit at 44. Nationality and sex "
                    "have no check digit of their own.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(T(es="Número de documento", en="Document number"), correct=True),
                    option(T(es="Fecha de nacimiento", en="Date of birth"), correct=True),
                    option(T(es="Fecha de vencimiento", en="Expiry date"), correct=True),
                    option(
                        T(es="Dato opcional o número personal", en="Optional data or personal number"), correct=True
                    ),
                    option(T(es="Nacionalidad", en="Nationality")),
                    option(T(es="Sexo", en="Sex")),
                ],
                "partial_credit": True,
            },
        },
        # 7
        {
            "kind": "true_false",
            "tags": ["minors", "ca4"],
            "points": 1,
            "prompt": T(
                es=(
                    "Una persona menor de edad hondureña que viaja con su madre puede cruzar a Nicaragua solo con su "
                    "documento nacional de identidad, gracias al CA-4."
                ),
                en=(
                    "A Honduran minor travelling with their mother may cross into Nicaragua with their national "
                    "identity card alone, thanks to the CA-4."
                ),
            ),
            "explanation": T(
                es="<p>Falso. Las personas menores de edad necesitan <b>pasaporte</b> aun dentro del CA-4.</p>",
                en="<p>False. Minors need a <b>passport</b> even within the CA-4.</p>",
            ),
            "value": {
                "answer": False,
                "feedback_true": T(
                    es="La libre movilidad con documento de identidad es para personas adultas.",
                    en="Free mobility with an identity card is for adults.",
                ),
                "feedback_false": "",
            },
        },
        # 8
        {
            "kind": "true_false",
            "tags": ["mrz", "check-digit"],
            "points": 1,
            "prompt": T(
                es=(
                    "En la línea 2 de un pasaporte TD3, el dígito de control del número de documento está en la "
                    "posición 10."
                ),
                en="On line 2 of a TD3 passport, the check digit of the document number is at position 10.",
            ),
            "explanation": T(
                es="<p>Verdadero. El número ocupa las posiciones 1 a 9 y su dígito de control la <b>10</b>.</p>",
                en="<p>True. The number takes positions 1 to 9 and its check digit position <b>10</b>.</p>",
            ),
            "value": {"answer": True, "feedback_true": "", "feedback_false": ""},
        },
        # 9
        {
            "kind": "true_false",
            "tags": ["check-digit", "documents"],
            "points": 1,
            "prompt": T(
                es="Si todos los dígitos de control de la MRZ son correctos, el documento está vigente.",
                en="If all the check digits in the MRZ are correct, the document is valid.",
            ),
            "explanation": T(
                es=(
                    "<p>Falso. Los dígitos de control solo prueban que los datos se leyeron sin error. La vigencia se "
                    "comprueba con la fecha de vencimiento.</p>"
                ),
                en=(
                    "<p>False. Check digits only prove that the data was read without error. Validity is checked "
                    "against the expiry date.</p>"
                ),
            ),
            "value": {"answer": False, "feedback_true": "", "feedback_false": ""},
        },
        # 10
        {
            "kind": "numeric",
            "tags": ["check-digit"],
            "points": 1,
            "prompt": T(
                es="Calcule el dígito de control de la fecha de nacimiento 740812 con el método 7-3-1.",
                en="Compute the check digit of the date of birth 740812 with the 7-3-1 method.",
            ),
            "explanation": T(
                es="<p>7×7 + 4×3 + 0×1 + 8×7 + 1×3 + 2×1 = 122; la última cifra es <b>2</b>.</p>",
                en="<p>7×7 + 4×3 + 0×1 + 8×7 + 1×3 + 2×1 = 122; the last digit is <b>2</b>.</p>",
            ),
            "value": {"answer": "2", "tolerance": "0", "unit": ""},
        },
        # 11
        {
            "kind": "numeric",
            "tags": ["check-digit"],
            "points": 1,
            "prompt": T(
                es="Calcule el dígito de control de la fecha de vencimiento 120415.",
                en="Compute the check digit of the expiry date 120415.",
            ),
            "explanation": T(
                es="<p>1×7 + 2×3 + 0×1 + 4×7 + 1×3 + 5×1 = 49; la última cifra es <b>9</b>.</p>",
                en="<p>1×7 + 2×3 + 0×1 + 4×7 + 1×3 + 5×1 = 49; the last digit is <b>9</b>.</p>",
            ),
            "value": {"answer": "9", "tolerance": "0", "unit": ""},
        },
        # 12
        {
            "kind": "numeric",
            "tags": ["ca4"],
            "points": 1,
            "prompt": T(
                es="¿Hasta cuántos días puede permanecer una persona nacional del CA-4 en otro país del convenio?",
                en="Up to how many days may a CA-4 national stay in another country of the agreement?",
            ),
            "explanation": T(es="<p>Hasta <b>90 días</b>.</p>", en="<p>Up to <b>90 days</b>.</p>"),
            "value": {"answer": "90", "tolerance": "0", "unit": T(es="días", en="days")},
        },
        # 13
        {
            "kind": "short_text",
            "tags": ["mrz", "codes"],
            "points": 1,
            "prompt": T(
                es=(
                    "Escriba el código de tres letras del Estado emisor que aparece en la MRZ de un pasaporte "
                    "guatemalteco."
                ),
                en="Write the three-letter issuing state code that appears in the MRZ of a Guatemalan passport.",
            ),
            "explanation": T(
                es=(
                    "<p>Guatemala se escribe <b>GTM</b> en la MRZ (código ISO 3166-1 de tres letras que usa la "
                    "OACI).</p>"
                ),
                en="<p>Guatemala is written <b>GTM</b> in the MRZ (the ISO 3166-1 three-letter code used by ICAO).</p>",
            ),
            "value": {"accepted_answers": ["GTM"]},
        },
        # 14
        {
            "kind": "short_text",
            "tags": ["mrz"],
            "points": 1,
            "prompt": T(
                es="¿Con qué letra empieza la línea 1 de la MRZ de un pasaporte?",
                en="Which letter does line 1 of a passport MRZ start with?",
            ),
            "explanation": T(
                es="<p>Con <b>P</b>, el código de documento de los pasaportes.</p>",
                en="<p>With <b>P</b>, the document code for passports.</p>",
            ),
            "value": {"accepted_answers": ["P", "P<"]},
        },
        # 15
        {
            "kind": "matching",
            "tags": ["documents", "mrz"],
            "points": 1,
            "prompt": T(
                es="Relacione cada formato de la OACI con la forma de su MRZ.",
                en="Match each ICAO format with the shape of its MRZ.",
            ),
            "explanation": T(
                es="<p>TD1: 3 líneas de 30. TD2: 2 líneas de 36. TD3: 2 líneas de 44.</p>",
                en="<p>TD1: 3 lines of 30. TD2: 2 lines of 36. TD3: 2 lines of 44.</p>",
            ),
            "value": {
                "pairs": [
                    {
                        "prompt": T(es="TD1 (tarjeta de identidad)", en="TD1 (identity card)"),
                        "match": T(es="3 líneas de 30 caracteres", en="3 lines of 30 characters"),
                    },
                    {"prompt": "TD2", "match": T(es="2 líneas de 36 caracteres", en="2 lines of 36 characters")},
                    {
                        "prompt": T(es="TD3 (pasaporte)", en="TD3 (passport)"),
                        "match": T(es="2 líneas de 44 caracteres", en="2 lines of 44 characters"),
                    },
                ]
            },
        },
        # 16
        {
            "kind": "matching",
            "tags": ["ca4", "documents"],
            "points": 1,
            "prompt": T(
                es="Relacione cada país del CA-4 con su documento nacional de identidad.",
                en="Match each CA-4 country with its national identity card.",
            ),
            "explanation": "<p>Guatemala: DPI. El Salvador: DUI. Honduras: DNI. Nicaragua: cédula de identidad.</p>",
            "value": {
                "pairs": [
                    {"prompt": "Guatemala", "match": "DPI"},
                    {"prompt": "El Salvador", "match": "DUI"},
                    {"prompt": "Honduras", "match": "DNI"},
                    {"prompt": "Nicaragua", "match": "Cédula de identidad"},
                ]
            },
        },
        # 17
        {
            "kind": "ordering",
            "tags": ["registration"],
            "points": 1,
            "prompt": T(
                es="Ordene los pasos de la inspección primaria de una entrada.",
                en="Put the steps of the primary inspection of an entry in order.",
            ),
            "explanation": T(
                es=(
                    "<p>Primero se lee el documento, luego se busca a la persona, se capturan los datos biométricos, "
                    "se revisa la consulta de alertas, se completan los datos del movimiento y, al final, se "
                    "decide.</p>"
                ),
                en=(
                    "<p>First the document is read, then the person is looked up, biometrics are captured, the alert "
                    "check is reviewed, the movement data is completed and, finally, the decision is made.</p>"
                ),
            ),
            "value": {
                "items": [
                    T(es="Leer el documento (MRZ o chip)", en="Read the document (MRZ or chip)"),
                    T(
                        es="Buscar a la persona y sus movimientos anteriores",
                        en="Look up the person and their earlier movements",
                    ),
                    T(es="Capturar la fotografía y las huellas", en="Capture the photograph and fingerprints"),
                    T(es="Revisar el resultado de la consulta de alertas", en="Review the result of the alert check"),
                    T(
                        es="Completar motivo, permanencia, dirección y transportista",
                        en="Complete purpose, stay, address and carrier",
                    ),
                    T(es="Decidir: admitir, rechazar o remitir", en="Decide: admit, refuse or refer"),
                ]
            },
        },
        # 18
        {
            "kind": "ordering",
            "tags": ["check-digit"],
            "points": 1,
            "prompt": T(
                es="Ordene los pasos para calcular un dígito de control de la MRZ.",
                en="Put the steps for computing an MRZ check digit in order.",
            ),
            "explanation": T(
                es="<p>Valores de los caracteres, multiplicación por 7, 3, 1, suma y residuo entre 10.</p>",
                en="<p>Character values, multiplication by 7, 3, 1, sum and remainder after dividing by 10.</p>",
            ),
            "value": {
                "items": [
                    T(
                        es="Convertir cada carácter en su valor (A = 10 … Z = 35, < = 0)",
                        en="Turn each character into its value (A = 10 … Z = 35, < = 0)",
                    ),
                    T(
                        es="Multiplicar cada valor por 7, 3 y 1, en ciclo",
                        en="Multiply each value by 7, 3 and 1, in a cycle",
                    ),
                    T(es="Sumar los productos", en="Add up the products"),
                    T(
                        es="Tomar el residuo de dividir la suma entre 10",
                        en="Take the remainder of the sum divided by 10",
                    ),
                ]
            },
        },
    ],
    # Hands-on exercises in the learner's own sandbox (issue 18): each is required to complete the course.
    "exercises": [
        {
            "module": 0,
            "lesson": 2,
            "type": "mrz_triage",
            "parameters": {"crossing_point": "GT-GUA"},
            "title": T(es="Práctica: revisar las MRZ escaneadas", en="Practice: triage of scanned MRZs"),
            "instructions": T(
                es=(
                    "<p>El lector del aeropuerto dejó una cola de MRZ escaneadas. Compruebe los dígitos de control de "
                    "cada una: acepte las correctas, corrija las mal leídas y rechace la que no puede admitirse.</p>"
                ),
                en=(
                    "<p>The airport's reader left a queue of scanned MRZs. Check the check digits of each: accept the "
                    "correct ones, correct the misread ones and reject the one that cannot be admitted.</p>"
                ),
            ),
        },
        {
            "module": 1,
            "lesson": 0,
            "type": "ca4_decisions",
            "parameters": {},
            "title": T(es="Práctica: decisiones CA-4", en="Practice: CA-4 decisions"),
            "instructions": T(
                es=(
                    "<p>Tres personas se presentan con documento de identidad. Registre cada paso con la decisión "
                    "correcta y, si no puede admitirse, el motivo.</p>"
                ),
                en=(
                    "<p>Three people present an identity card. Register each crossing with the right decision and, "
                    "when they cannot be admitted, the reason.</p>"
                ),
            ),
        },
        {
            "module": 2,
            "lesson": 0,
            "type": "entry_registration",
            "parameters": {"crossing_point": "CR-PBL"},
            "title": T(
                es="Práctica: registrar una entrada en Peñas Blancas", en="Practice: register an entry at Peñas Blancas"
            ),
            "instructions": T(
                es=(
                    "<p>Una persona viajera llega a Peñas Blancas. Lea su MRZ y registre la entrada en su sandbox con "
                    "la dirección, el puesto, el motivo del viaje, la estancia y la decisión correctos.</p>"
                ),
                en=(
                    "<p>A traveller arrives at Peñas Blancas. Read their MRZ and register the entry in your sandbox "
                    "with the right direction, post, purpose of travel, stay and decision.</p>"
                ),
            ),
        },
        {
            "module": 2,
            "lesson": 1,
            "type": "exit_closure",
            "parameters": {},
            "title": T(es="Práctica: registrar una salida", en="Practice: register a departure"),
            "instructions": T(
                es=(
                    "<p>Una persona con varios viajes anteriores sale del país. Registre la salida cerrando la entrada "
                    "correcta, y márquela como permanencia irregular si su estancia autorizada ya venció.</p>"
                ),
                en=(
                    "<p>A traveller with several earlier trips leaves the country. Register the departure closing the "
                    "right entry, and mark it as an overstay if their authorised stay has run out.</p>"
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
        "title": T(
            es="Evaluación: registro de entradas y salidas", en="Assessment: registering entries and departures"
        ),
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
