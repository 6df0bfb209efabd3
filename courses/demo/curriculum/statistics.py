"""Demo course: migration statistics and the OCAM monthly report.

Figures come from the project's domain notes (`shared/domain/DOMAIN.md`, §0, §2.2 to §2.6, §3.5,
§3.6, §5b and Appendix A4), each cited in the lesson with the source the notes give. The report
skeleton in Appendix A4 is a proposal, not an official OCAM template, and the lessons say so.
"""

from courses.demo.curriculum.text import T, option

COURSE = {
    "key": "migration-statistics",
    "topic": "statistics",
    "audience": ["analyst", "statistics_officer", "supervisor"],
    "estimated_hours": "5",
    "pass_mark": 70,
    "certificate_validity_months": 36,
    "enrolment_policy": "open",
    "prerequisites": [],
    "cover": "statistics-cover.svg",
    "title": T(
        es="Estadísticas migratorias y el informe mensual OCAM", en="Migration statistics and the OCAM monthly report"
    ),
    "slug": T(
        es="estadisticas-migratorias-y-el-informe-mensual-ocam", en="migration-statistics-and-the-ocam-monthly-report"
    ),
    "summary": T(
        es=(
            "Cómo convertir los registros fronterizos en estadísticas confiables: movimientos frente a personas, "
            "entradas, salidas y retornos, medio de transporte y nacionalidad, estacionalidad, retornos desde Estados "
            "Unidos y México, controles de calidad de datos y la elaboración, paso a paso, del informe mensual para la "
            "OCAM."
        ),
        en=(
            "How to turn border records into reliable statistics: movements versus people, entries, exits and returns, "
            "transport mode and nationality, seasonality, returns from the United States and Mexico, data-quality "
            "checks, and building the monthly report for OCAM step by step."
        ),
    ),
    "outcomes": [
        T(
            es="Distinguir movimientos de personas y calcular cuántas personas distintas hay detrás de un conteo.",
            en="Tell movements from people and work out how many distinct people lie behind a count.",
        ),
        T(
            es="Calcular saldos, proporciones y variaciones a partir de una tabla de movimientos.",
            en="Calculate net figures, shares and changes from a table of movements.",
        ),
        T(
            es="Interpretar la estacionalidad regional y evitar comparaciones engañosas entre meses.",
            en="Interpret the region's seasonality and avoid misleading comparisons between months.",
        ),
        T(
            es="Describir los retornos desde Estados Unidos y México con sus desgloses habituales.",
            en="Describe returns from the United States and Mexico with their usual breakdowns.",
        ),
        T(
            es="Aplicar los controles de calidad y armar el informe mensual con supresión de celdas pequeñas.",
            en="Apply the data-quality checks and build the monthly report with small-cell suppression.",
        ),
    ],
    "cover_alt": T(
        es=(
            "Gráfico de doce barras mensuales, del 01 al 12, con una línea de tendencia verde; la barra de diciembre, "
            "la más alta, destaca en naranja."
        ),
        en=(
            "Chart of twelve monthly bars, 01 to 12, with a green trend line; the December bar, the highest, stands "
            "out in orange."
        ),
    ),
    "glossary": [
        {
            "term": T(es="Movimiento migratorio", en="Border movement"),
            "definition": T(
                es=(
                    "Cada cruce de frontera registrado en un sentido: una entrada o una salida. Los sistemas de "
                    "control fronterizo cuentan movimientos, no personas ni migrantes."
                ),
                en=(
                    "Each recorded crossing of a border in one direction: an entry or an exit. Border control systems "
                    "count movements, not people or migrants."
                ),
            ),
        },
        {
            "term": T(es="Persona distinta", en="Distinct person"),
            "definition": T(
                es=(
                    "Cada ser humano contado una sola vez en un periodo, aunque tenga varios movimientos o esté "
                    "registrado más de una vez por error. Contarlas exige depurar los duplicados primero."
                ),
                en=(
                    "Each human being counted once in a period, even with several movements or when recorded more than "
                    "once by mistake. Counting them requires removing duplicates first."
                ),
            ),
        },
        {
            "term": T(es="Persona retornada", en="Returnee"),
            "definition": T(
                es=(
                    "Persona devuelta a su país desde otro país, por deportación, expulsión, retorno voluntario "
                    "asistido o retorno tras una inadmisión, y registrada al ser recibida."
                ),
                en=(
                    "A person sent back to their country from another country, by deportation, expulsion, assisted "
                    "voluntary return or return after an inadmission, and recorded on reception."
                ),
            ),
        },
        {
            "term": T(es="NNA (niñas, niños y adolescentes)", en="NNA (children and adolescents)"),
            "definition": T(
                es=(
                    "Personas menores de 18 años. Las tablas de retornos las separan de las personas adultas y "
                    "distinguen si viajaban acompañadas o no acompañadas."
                ),
                en=(
                    "People under 18 (from the Spanish niñas, niños y adolescentes). Returns tables separate them from "
                    "adults and show whether they travelled accompanied or unaccompanied."
                ),
            ),
        },
        {
            "term": T(es="Supresión de celdas pequeñas", en="Small-cell suppression"),
            "definition": T(
                es=(
                    "Ocultar en las tablas públicas los valores menores de 5, para que ninguna persona pueda ser "
                    "identificada a partir de un cruce de variables. En SDMX, la celda se marca como confidencial "
                    "(CONF_STATUS C)."
                ),
                en=(
                    "Hiding values below 5 in public tables, so that no person can be identified from a combination of "
                    "variables. In SDMX, the cell is marked confidential (CONF_STATUS C)."
                ),
            ),
        },
    ],
    "modules": [
        # ------------------------------------------------------------------ module 1
        {
            "requires_previous_module": False,
            "title": T(es="Movimientos, personas y flujos", en="Movements, people and flows"),
            "slug": T(es="movimientos-personas-y-flujos", en="movements-people-and-flows"),
            "summary": T(
                es=(
                    "Qué cuenta realmente un sistema fronterizo, cómo se calculan entradas, salidas y saldo, y cómo se "
                    "desglosan por medio de transporte y nacionalidad."
                ),
                en=(
                    "What a border system really counts, how entries, exits and net figures are calculated, and how "
                    "they are broken down by transport mode and nationality."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(es="Movimientos no son personas", en="Movements are not people"),
                    "slug": T(es="movimientos-no-son-personas", en="movements-are-not-people"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(es="Lo que cuenta un sistema fronterizo", en="What a border system counts"),
                                "level": "h2",
                            },
                        ),
                        ("glossary_term", {"term": 0}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Los sistemas de control fronterizo cuentan <b>movimientos</b>: cada entrada y "
                                    "cada salida es un registro. No cuentan personas, y mucho menos migrantes. Cuando "
                                    "un informe de prensa dice que El Salvador tuvo 6 911 371 movimientos en el primer "
                                    "semestre de 2024 (comercioynegocios.org), habla de cruces, no de 6,9 millones de "
                                    "viajeros.</p><p>Una comerciante salvadoreña que cruza cada semana por Las "
                                    "Chinamas y regresa genera dos movimientos por viaje: en un mes son ocho "
                                    "movimientos de una sola persona.</p>"
                                ),
                                en=(
                                    "<p>Border control systems count <b>movements</b>: every entry and every exit is a "
                                    "record. They do not count people, let alone migrants. When a press report says "
                                    "that El Salvador had 6,911,371 movements in the first half of 2024 "
                                    "(comercioynegocios.org), it is talking about crossings, not 6.9 million "
                                    "travellers.</p><p>A Salvadoran trader who crosses at Las Chinamas every week and "
                                    "comes back generates two movements per trip: in a month that is eight movements "
                                    "by a single person.</p>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "statistics-movements-people.svg",
                                "alt_text": T(
                                    es=(
                                        "Línea de tiempo en el puesto SV-LCH con seis flechas que alternan entrada y "
                                        "salida, fechadas 03-02, 03-02, 03-09, 03-09, 03-16 y 03-17. Debajo, el número "
                                        "6; a la derecha, el signo distinto y la silueta de una sola persona con el "
                                        "número 1."
                                    ),
                                    en=(
                                        "Timeline at post SV-LCH with six arrows alternating entry and exit, dated "
                                        "03-02, 03-02, 03-09, 03-09, 03-16 and 03-17. Below, the number 6; to the "
                                        "right, the not-equal sign and the silhouette of a single person with the "
                                        "number 1."
                                    ),
                                ),
                                "caption": T(es="Seis movimientos, una persona.", en="Six movements, one person."),
                            },
                        ),
                        ("glossary_term", {"term": 1}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Para pasar de movimientos a personas hace falta una identidad depurada: los "
                                    "registros duplicados de la misma persona (apellidos invertidos, Ñ escrita como N, "
                                    "fecha con día y mes invertidos) se unen antes de contar.</p><p>Las "
                                    "<i>Recomendaciones sobre estadísticas de las migraciones internacionales, Rev. "
                                    "1</i> de las Naciones Unidas (1998) distinguen a los migrantes de largo plazo "
                                    "(cambian su residencia habitual por 12 meses o más) de los de corto plazo (de 3 a "
                                    "12 meses), y separan a los migrantes de los visitantes. Con datos fronterizos "
                                    "solo se puede estimar a los «migrantes probables»: personas con una entrada y sin "
                                    "salida durante 12 meses o más, siempre con reservas por la calidad de los "
                                    "datos.</p>"
                                ),
                                en=(
                                    "<p>Getting from movements to people requires a cleaned identity: duplicate "
                                    "records of the same person (swapped surnames, Ñ written as N, a date with day and "
                                    "month swapped) are merged before counting.</p><p>The United Nations "
                                    "<i>Recommendations on Statistics of International Migration, Rev. 1</i> (1998) "
                                    "distinguish long-term migrants (who change their usual residence for 12 months or "
                                    "more) from short-term ones (3 to 12 months), and separate migrants from visitors. "
                                    'Border data can only estimate "probable migrants": people with an entry and no '
                                    "exit for 12 months or more, always with reservations about data quality.</p>"
                                ),
                            ),
                        ),
                        (
                            "procedure",
                            {
                                "title": T(
                                    es="Contar personas distintas en un periodo", en="Count distinct people in a period"
                                ),
                                "steps": [
                                    {
                                        "title": T(
                                            es="Filtre los movimientos del periodo y del ámbito del cuadro",
                                            en="Filter the movements of the period and of the table's scope",
                                        ),
                                        "detail": T(
                                            es="<p>Fechas, país, puesto, sentido y medio.</p>",
                                            en="<p>Dates, country, post, direction and mode.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Depure primero los registros duplicados de personas",
                                            en="Resolve duplicate person records first",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>Apellidos invertidos, variantes de la Ñ, fechas con día y mes "
                                                "invertidos, mismo número de documento.</p>"
                                            ),
                                            en=(
                                                "<p>Swapped surnames, Ñ variants, dates with day and month swapped, "
                                                "same document number.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Agrupe por identificador de persona, no por nombre",
                                            en="Group by person identifier, not by name",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(es="Cuente las personas distintas", en="Count the distinct people"),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Publique las dos cifras y la relación entre ellas",
                                            en="Publish both figures and the ratio between them",
                                        ),
                                        "detail": T(
                                            es="<p>Por ejemplo: 12 movimientos de 4 personas, 3 por persona.</p>",
                                            en="<p>For example: 12 movements by 4 people, 3 per person.</p>",
                                        ),
                                    },
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "El registro de una semana en Las Chinamas muestra 12 movimientos de 4 "
                                        "personas distintas. ¿Cuántos movimientos hay por persona, en promedio?"
                                    ),
                                    en=(
                                        "A week's log at Las Chinamas shows 12 movements by 4 distinct people. How "
                                        "many movements per person is that, on average?"
                                    ),
                                ),
                                "options": [option("3", correct=True), option("4"), option("12"), option("48")],
                                "explanation": T(
                                    es=(
                                        "<p>12 ÷ 4 = 3. Si se publicara «12 viajeros» se triplicaría el número real de "
                                        "personas.</p>"
                                    ),
                                    en=(
                                        '<p>12 ÷ 4 = 3. Publishing "12 travellers" would triple the real number of '
                                        "people.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="Entradas, salidas y saldo", en="Entries, exits and net"),
                    "slug": T(es="entradas-salidas-y-saldo", en="entries-exits-and-net"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(es="Dos sentidos, un saldo", en="Two directions, one net figure"),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>El <b>saldo</b> de un periodo es entradas menos salidas. En un año, las "
                                    "entradas y las salidas de un país son parecidas: El Salvador registró unos 3,5 "
                                    "millones de entradas frente a 3,4 millones de salidas en el primer semestre de "
                                    "2024 (comercioynegocios.org), y Panamá 2 264 688 entradas frente a 2 027 951 "
                                    "salidas entre enero y agosto de 2019 (laestrella.com.pa).</p><p>En un mes "
                                    "concreto el saldo puede ser muy distinto: los visitantes entran y luego salen, "
                                    "los residentes salen y luego entran. Entre mediados de noviembre y mediados de "
                                    "enero, los nicaragüenses que viven en Costa Rica viajan a casa: en el pico salen "
                                    "hasta 9 000 por día por Peñas Blancas y regresan en enero (radioometepe.com, "
                                    "2014).</p>"
                                ),
                                en=(
                                    "<p>The <b>net</b> figure for a period is entries minus exits. Over a year, a "
                                    "country's entries and exits are similar: El Salvador recorded about 3.5 million "
                                    "entries against 3.4 million exits in the first half of 2024 "
                                    "(comercioynegocios.org), and Panama 2,264,688 entries against 2,027,951 exits "
                                    "between January and August 2019 (laestrella.com.pa).</p><p>In a given month the "
                                    "net figure can be very different: visitors enter and then leave, residents leave "
                                    "and then enter. Between mid-November and mid-January, Nicaraguans living in Costa "
                                    "Rica travel home: at the peak up to 9,000 a day leave through Peñas Blancas, and "
                                    "they come back in January (radioometepe.com, 2014).</p>"
                                ),
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Nacionales y extranjeros, residentes y no residentes",
                                    en="Nationals and foreigners, residents and non-residents",
                                ),
                                "level": "h3",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Un buen cuadro separa a los nacionales de los extranjeros y, cuando se puede, "
                                    "a los residentes de los no residentes. En República Dominicana, de las 9 009 097 "
                                    "llegadas aéreas de 2023, el 74,7 % fueron de extranjeros no residentes, el 14,7 % "
                                    "de dominicanos no residentes y el 10,5 % de residentes (acento.com.do).</p>"
                                ),
                                en=(
                                    "<p>A good table separates nationals from foreigners and, where possible, "
                                    "residents from non-residents. In the Dominican Republic, of the 9,009,097 air "
                                    "arrivals in 2023, 74.7% were non-resident foreigners, 14.7% non-resident "
                                    "Dominicans and 10.5% residents (acento.com.do).</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p>Un saldo positivo no significa «inmigrantes». En un mes de temporada alta "
                                        "puede deberse a turistas que todavía no han salido. Para hablar de migrantes "
                                        "probables hace falta seguir a las personas durante 12 meses o más.</p>"
                                    ),
                                    en=(
                                        '<p>A positive net figure does not mean "immigrants". In a high-season month '
                                        "it may come from tourists who have not left yet. Talking about probable "
                                        "migrants requires following people for 12 months or more.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Panamá, enero a agosto de 2019: 2 264 688 entradas y 2 027 951 salidas. ¿Cuál "
                                        "es el saldo del periodo?"
                                    ),
                                    en=(
                                        "Panama, January to August 2019: 2,264,688 entries and 2,027,951 exits. What "
                                        "is the net figure for the period?"
                                    ),
                                ),
                                "options": [
                                    option(T(es="236 737", en="236,737"), correct=True),
                                    option(T(es="4 292 639", en="4,292,639")),
                                    option(T(es="2 027 951", en="2,027,951")),
                                    option(T(es="-236 737", en="-236,737")),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Saldo = entradas - salidas = 2 264 688 - 2 027 951 = <b>236 737</b>. La "
                                        "suma, 4 292 639, es el total de movimientos.</p>"
                                    ),
                                    en=(
                                        "<p>Net = entries - exits = 2,264,688 - 2,027,951 = <b>236,737</b>. The sum, "
                                        "4,292,639, is the total number of movements.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 20,
                    "is_required": True,
                    "title": T(es="Medio de transporte y nacionalidad", en="Transport mode and nationality"),
                    "slug": T(es="medio-de-transporte-y-nacionalidad", en="transport-mode-and-nationality"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(es="Cada país tiene su perfil", en="Each country has its own profile"),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>El reparto por medio de transporte cambia mucho de un país a "
                                    "otro:</p><ul><li>Guatemala, entradas de 2021: 61,6 % por tierra, 38,3 % por aire "
                                    "y 0,1 % por mar (vicepresidencia.gob.gt).</li><li>El Salvador, primer semestre de "
                                    "2024: 67 % por tierra, 32,7 % por aire y 0,5 % por mar "
                                    "(comercioynegocios.org).</li><li>Panamá, enero a agosto de 2019: 90,2 % por aire, "
                                    "8,8 % por tierra y 1,0 % por mar; solo Tocumen concentró el 85 % "
                                    "(laestrella.com.pa).</li></ul>"
                                ),
                                en=(
                                    "<p>The split by transport mode varies a lot from one country to "
                                    "another:</p><ul><li>Guatemala, 2021 entries: 61.6% by land, 38.3% by air and 0.1% "
                                    "by sea (vicepresidencia.gob.gt).</li><li>El Salvador, first half of 2024: 67% by "
                                    "land, 32.7% by air and 0.5% by sea (comercioynegocios.org).</li><li>Panama, "
                                    "January to August 2019: 90.2% by air, 8.8% by land and 1.0% by sea; Tocumen alone "
                                    "accounted for 85% (laestrella.com.pa).</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>La nacionalidad se codifica con los códigos ISO 3166-1 alfa-3 que usa la zona "
                                    "MRZ: GTM, SLV, HND, NIC, CRI, PAN, BLZ, DOM. Los cuadros habituales muestran las "
                                    "diez nacionalidades principales más «otras», y separan nacionales de extranjeros. "
                                    "En Guatemala, las entradas por tierra son sobre todo de salvadoreños, "
                                    "guatemaltecos y hondureños; las aéreas, de guatemaltecos, estadounidenses y "
                                    "mexicanos (vicepresidencia.gob.gt). Costa Rica recibió en 2023 2 471 150 llegadas "
                                    "aéreas de turistas, 1 431 644 de ellas de Estados Unidos, el 58 % "
                                    "(100noticias.com.ni; larepublica.net).</p>"
                                ),
                                en=(
                                    "<p>Nationality is coded with the ISO 3166-1 alpha-3 codes the MRZ uses: GTM, SLV, "
                                    "HND, NIC, CRI, PAN, BLZ, DOM. The usual tables show the top ten nationalities "
                                    'plus "other", and separate nationals from foreigners. In Guatemala, land '
                                    "entries are mostly by Salvadorans, Guatemalans and Hondurans; air entries by "
                                    "Guatemalans, US citizens and Mexicans (vicepresidencia.gob.gt). Costa Rica "
                                    "received 2,471,150 tourist air arrivals in 2023, 1,431,644 of them from the "
                                    "United States, or 58% (100noticias.com.ni; larepublica.net).</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p>Una proporción sin su denominador engaña. El 58 % de Costa Rica es de las "
                                        "llegadas aéreas de turistas, no de todos los movimientos. Y un código mal "
                                        "escrito (GUA en lugar de GTM, SAL en lugar de SLV, un código alfa-2 en un "
                                        "campo alfa-3) parte una misma nacionalidad en dos filas.</p>"
                                    ),
                                    en=(
                                        "<p>A share without its denominator misleads. Costa Rica's 58% is of tourist "
                                        "air arrivals, not of all movements. And a miswritten code (GUA instead of "
                                        "GTM, SAL instead of SLV, an alpha-2 code in an alpha-3 field) splits one "
                                        "nationality into two rows.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "procedure",
                            {
                                "title": T(es="Calcular una proporción", en="Calculate a share"),
                                "steps": [
                                    {
                                        "title": T(es="Defina el universo", en="Define the universe"),
                                        "detail": T(
                                            es="<p>Periodo, país o puesto, sentido y medio.</p>",
                                            en="<p>Period, country or post, direction and mode.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Obtenga el total del universo", en="Get the total of the universe"
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Obtenga la parte que le interesa",
                                            en="Get the part you are interested in",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Divida la parte entre el total y multiplique por 100",
                                            en="Divide the part by the total and multiply by 100",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Redondee a un decimal y escriba siempre el denominador",
                                            en="Round to one decimal place and always state the denominator",
                                        ),
                                        "detail": T(
                                            es="<p>Por ejemplo: «61,6 % de las entradas de 2021».</p>",
                                            en='<p>For example: "61.6% of 2021 entries".</p>',
                                        ),
                                    },
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Un puesto registró en un mes 2 500 entradas: 1 540 por tierra, 950 por aire y "
                                        "10 por mar. ¿Qué porcentaje entró por tierra?"
                                    ),
                                    en=(
                                        "A post recorded 2,500 entries in a month: 1,540 by land, 950 by air and 10 by "
                                        "sea. What percentage entered by land?"
                                    ),
                                ),
                                "options": [
                                    option(T(es="61,6 %", en="61.6%"), correct=True),
                                    option(T(es="38,0 %", en="38.0%")),
                                    option(T(es="15,4 %", en="15.4%")),
                                    option(T(es="1,6 %", en="1.6%")),
                                ],
                                "explanation": T(
                                    es="<p>1 540 ÷ 2 500 × 100 = <b>61,6 %</b>. El aire es 950 ÷ 2 500 = 38,0 %.</p>",
                                    en="<p>1,540 ÷ 2,500 × 100 = <b>61.6%</b>. Air is 950 ÷ 2,500 = 38.0%.</p>",
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
            "title": T(es="Estacionalidad y retornos", en="Seasonality and returns"),
            "slug": T(es="estacionalidad-y-retornos", en="seasonality-and-returns"),
            "summary": T(
                es=(
                    "Los picos del calendario regional, cómo comparar meses sin engañarse y los retornos desde Estados "
                    "Unidos y México."
                ),
                en=(
                    "The peaks of the regional calendar, how to compare months without fooling yourself, and returns "
                    "from the United States and Mexico."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(
                        es="Estacionalidad: los picos del calendario", en="Seasonality: the peaks of the calendar"
                    ),
                    "slug": T(es="estacionalidad-los-picos-del-calendario", en="seasonality-the-peaks-of-the-calendar"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(
                                    es="Un calendario que se ve en los datos", en="A calendar you can see in the data"
                                ),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<ul><li><b>Semana Santa</b> (fecha móvil): en El Salvador, 364 335 registros "
                                    "entre el 24 de marzo y el 2 de abril, 7 % más que el año anterior; Las Chinamas "
                                    "concentró el 24 % y el miércoles fue el día de más movimiento "
                                    "(diariocolatino.com).</li><li><b>Diciembre y enero</b>: los nicaragüenses "
                                    "residentes en Costa Rica salen por Peñas Blancas y regresan en enero "
                                    "(radioometepe.com, 2014); en Guatemala, 169 297 movimientos del 20 al 25 de "
                                    "diciembre, con el pico el 22 (esilapp.com).</li><li><b>Fiestas Agostinas</b> (1 "
                                    "al 6 de agosto): 239 273 movimientos en El Salvador entre el 30 de julio y el 5 "
                                    "de agosto, 91 % más que el año anterior (resistenciasv.com).</li><li><b>Semana "
                                    "Morazánica</b> (inicios de octubre): unas 74 000 salidas de Honduras, El Amatillo "
                                    "el puesto más transitado (elheraldo.hn).</li><li><b>Cristo Negro de "
                                    "Esquipulas</b> (alrededor del 15 de enero): más de 41 000 entradas a Guatemala en "
                                    "4 días, sobre todo de salvadoreños (igm.gob.gt).</li></ul>"
                                ),
                                en=(
                                    "<ul><li><b>Holy Week</b> (a movable feast): in El Salvador, 364,335 records "
                                    "between 24 March and 2 April, 7% more than the year before; Las Chinamas took 24% "
                                    "and Wednesday was the busiest day (diariocolatino.com).</li><li><b>December and "
                                    "January</b>: Nicaraguans resident in Costa Rica leave through Peñas Blancas and "
                                    "come back in January (radioometepe.com, 2014); in Guatemala, 169,297 movements "
                                    "between 20 and 25 December, peaking on the 22nd (esilapp.com).</li><li><b>Fiestas "
                                    "Agostinas</b> (1 to 6 August): 239,273 movements in El Salvador between 30 July "
                                    "and 5 August, 91% more than the year before "
                                    "(resistenciasv.com).</li><li><b>Semana Morazánica</b> (early October): about "
                                    "74,000 exits from Honduras, with El Amatillo the busiest post "
                                    "(elheraldo.hn).</li><li><b>Black Christ of Esquipulas</b> (around 15 January): "
                                    "more than 41,000 entries into Guatemala in 4 days, mostly Salvadorans "
                                    "(igm.gob.gt).</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "statistics-monthly-seasonality.svg",
                                "alt_text": T(
                                    es=(
                                        "Gráfico de barras del índice mensual de llegadas de visitantes a Belice en "
                                        "2023, con una línea en 1.00 y una tabla de meses 01 a 12: 1.10, 1.25, 1.35, "
                                        "1.11, 0.85, 1.00, 1.11, 0.86, 0.51, 0.49, 0.92 y 1.44. Marzo y diciembre "
                                        "destacan en naranja; septiembre y octubre en gris."
                                    ),
                                    en=(
                                        "Bar chart of the monthly index of visitor arrivals in Belize in 2023, with a "
                                        "line at 1.00 and a table of months 01 to 12: 1.10, 1.25, 1.35, 1.11, 0.85, "
                                        "1.00, 1.11, 0.86, 0.51, 0.49, 0.92 and 1.44. March and December stand out in "
                                        "orange; September and October in grey."
                                    ),
                                ),
                                "caption": T(
                                    es=(
                                        "Índice mensual (media = 1,00) de llegadas de visitantes con pernoctación a "
                                        "Belice, 2023, derivado de cifras publicadas por sanpedrosun.com."
                                    ),
                                    en=(
                                        "Monthly index (mean = 1.00) of overnight visitor arrivals in Belize, 2023, "
                                        "derived from figures published by sanpedrosun.com."
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Un índice de 1,44 en diciembre significa un mes 44 % por encima del mes "
                                    "promedio; 0,49 en octubre, un mes a la mitad. Por eso comparar un mes con el "
                                    "anterior (variación mensual) mezcla tendencia y estación. La comparación con el "
                                    "mismo mes del año anterior (variación interanual) elimina buena parte del efecto "
                                    "estacional, <b>salvo cuando la fiesta se mueve</b>: si Semana Santa cayó en marzo "
                                    "un año y en abril el otro, compare marzo y abril juntos, o las semanas santas "
                                    "entre sí.</p>"
                                ),
                                en=(
                                    "<p>An index of 1.44 in December means a month 44% above the average month; 0.49 "
                                    "in October, a month at half. That is why comparing a month with the previous one "
                                    "(month-on-month change) mixes trend and season. Comparing with the same month of "
                                    "the previous year (year-on-year change) removes much of the seasonal effect, "
                                    "<b>except when the holiday moves</b>: if Holy Week fell in March one year and in "
                                    "April the other, compare March and April together, or the Holy Weeks with each "
                                    "other.</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p>Anote en cada informe las fiestas del mes y su fecha. En 2025, por "
                                        "ejemplo, el Jueves Santo fue el 17 de abril y el Viernes Santo el 18 de "
                                        "abril: un abril de 2025 comparado con un abril sin Semana Santa siempre "
                                        "parecerá un salto.</p>"
                                    ),
                                    en=(
                                        "<p>Note the month's holidays and their dates in every report. In 2025, for "
                                        "example, Maundy Thursday was 17 April and Good Friday 18 April: an April 2025 "
                                        "compared with an April without Holy Week will always look like a jump.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Las entradas de marzo suben 35 % respecto de marzo del año anterior. Este año "
                                        "Semana Santa cayó en marzo; el año anterior, en abril. ¿Qué conclusión es "
                                        "correcta?"
                                    ),
                                    en=(
                                        "March entries are up 35% on March of the previous year. This year Holy Week "
                                        "fell in March; the previous year, in April. Which conclusion is correct?"
                                    ),
                                ),
                                "options": [
                                    option(
                                        T(
                                            es="El flujo creció 35 % y conviene reforzar el personal todo el año.",
                                            en="The flow grew by 35% and staff should be reinforced all year.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es=(
                                                "Parte del aumento es efecto de calendario; hay que comparar marzo y "
                                                "abril juntos."
                                            ),
                                            en=(
                                                "Part of the rise is a calendar effect; March and April must be "
                                                "compared together."
                                            ),
                                        ),
                                        correct=True,
                                    ),
                                    option(
                                        T(
                                            es="La variación interanual siempre elimina el efecto de las fiestas.",
                                            en="Year-on-year change always removes the effect of holidays.",
                                        )
                                    ),
                                    option(
                                        T(
                                            es="El dato es un error y debe eliminarse.",
                                            en="The figure is an error and must be deleted.",
                                        )
                                    ),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Semana Santa es una fiesta móvil: el salto de marzo se compensa en parte "
                                        "con un abril más bajo. Comparar <b>marzo y abril juntos</b> separa la "
                                        "tendencia del calendario.</p>"
                                    ),
                                    en=(
                                        "<p>Holy Week is a movable feast: the March jump is partly offset by a lower "
                                        "April. Comparing <b>March and April together</b> separates the trend from the "
                                        "calendar.</p>"
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
                        es="Retornos desde Estados Unidos y México", en="Returns from the United States and Mexico"
                    ),
                    "slug": T(
                        es="retornos-desde-estados-unidos-y-mexico", en="returns-from-the-united-states-and-mexico"
                    ),
                    "body": [
                        (
                            "heading",
                            {"text": T(es="El flujo de los retornos", en="The flow of returns"), "level": "h2"},
                        ),
                        ("glossary_term", {"term": 2}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Los retornos al norte de Centroamérica (El Salvador, Guatemala y Honduras) "
                                    "están bien documentados por la OIM (NTMI), con fuentes de gobierno: DGME de El "
                                    "Salvador, IGM y SBS de Guatemala y CONMIGHO de Honduras.</p><ul><li>2016: unos "
                                    "216 872 (humanitariancompendium.iom.int).</li><li>2021: 124 280 "
                                    "(departamento19.hn).</li><li>2022: 197 216; desde México 106 827, desde Estados "
                                    "Unidos 89 552 y de otros países 837; 35 303 eran NNA (departamento19.hn; "
                                    "paginauno.do).</li><li>Enero a agosto de 2024: 102 689; desde Estados Unidos 82 "
                                    "110 (80 %), desde México 20 238 y de otros países 341 (allworldnews.site, "
                                    "EFE).</li></ul>"
                                ),
                                en=(
                                    "<p>Returns to northern Central America (El Salvador, Guatemala and Honduras) are "
                                    "well documented by IOM (NTMI), with government sources: DGME in El Salvador, IGM "
                                    "and SBS in Guatemala and CONMIGHO in Honduras.</p><ul><li>2016: about 216,872 "
                                    "(humanitariancompendium.iom.int).</li><li>2021: 124,280 "
                                    "(departamento19.hn).</li><li>2022: 197,216; from Mexico 106,827, from the United "
                                    "States 89,552 and from other countries 837; 35,303 were children and adolescents "
                                    "(NNA) (departamento19.hn; paginauno.do).</li><li>January to August 2024: 102,689; "
                                    "from the United States 82,110 (80%), from Mexico 20,238 and from other countries "
                                    "341 (allworldnews.site, EFE).</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "statistics-returns-origin.svg",
                                "alt_text": T(
                                    es=(
                                        "Dos barras horizontales al 100 %. 2022, total 197 216: México 54 % (106 827) "
                                        "y Estados Unidos 45 % (89 552). Enero a agosto de 2024, total 102 689: "
                                        "Estados Unidos 80 % (82 110) y México 20 % (20 238). Los otros países son una "
                                        "franja mínima."
                                    ),
                                    en=(
                                        "Two 100% horizontal bars. 2022, total 197,216: Mexico 54% (106,827) and the "
                                        "United States 45% (89,552). January to August 2024, total 102,689: the United "
                                        "States 80% (82,110) and Mexico 20% (20,238). Other countries are a thin "
                                        "sliver."
                                    ),
                                ),
                                "caption": T(
                                    es="Retornos por país desde el que se retorna: la mezcla se invirtió.",
                                    en="Returns by the country returning people: the mix reversed.",
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Los retornos desde Estados Unidos llegan por aire, en vuelos chárter; los "
                                    "retornos desde México llegan sobre todo por tierra, en autobuses, y una parte por "
                                    "aire. Los cuadros de retornos se desglosan por país receptor, país desde el que "
                                    "se retorna, medio, sexo, personas adultas y NNA, acompañadas o no acompañadas, "
                                    "mes y departamento de origen. De enero a octubre de 2022, el mes con más retornos "
                                    "fue junio, con 22 397 (centroamerica360.com).</p><p>Un ejemplo del detalle: de "
                                    "enero a octubre de 2022, Guatemala recibió 12 869 nacionales en vuelos desde "
                                    "México: 2 873 NNA no acompañados, 263 NNA acompañados y 9 733 personas adultas "
                                    "(elperiodico.com.gt).</p>"
                                ),
                                en=(
                                    "<p>Returns from the United States arrive by air, on charter flights; returns from "
                                    "Mexico arrive mostly by land, on buses, and partly by air. Returns tables are "
                                    "broken down by receiving country, returning country, mode, sex, adults and NNA, "
                                    "accompanied or unaccompanied, month and department of origin. From January to "
                                    "October 2022, the month with most returns was June, with 22,397 "
                                    "(centroamerica360.com).</p><p>An example of the detail: from January to October "
                                    "2022, Guatemala received 12,869 nationals on flights from Mexico: 2,873 "
                                    "unaccompanied children and adolescents, 263 accompanied ones and 9,733 adults "
                                    "(elperiodico.com.gt).</p>"
                                ),
                            ),
                        ),
                        ("glossary_term", {"term": 3}),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "En 2022 hubo 197 216 retornos, de los cuales 35 303 eran NNA. ¿Qué porcentaje "
                                        "representan los NNA, con un decimal?"
                                    ),
                                    en=(
                                        "In 2022 there were 197,216 returns, of which 35,303 were children and "
                                        "adolescents (NNA). What percentage are the NNA, to one decimal place?"
                                    ),
                                ),
                                "options": [
                                    option(T(es="17,9 %", en="17.9%"), correct=True),
                                    option(T(es="35,3 %", en="35.3%")),
                                    option(T(es="82,1 %", en="82.1%")),
                                    option(T(es="5,6 %", en="5.6%")),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>35 303 ÷ 197 216 × 100 = <b>17,9 %</b>. El 82,1 % restante son personas "
                                        "adultas.</p>"
                                    ),
                                    en="<p>35,303 ÷ 197,216 × 100 = <b>17.9%</b>. The remaining 82.1% are adults.</p>",
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
            "title": T(es="Calidad de datos y el informe mensual", en="Data quality and the monthly report"),
            "slug": T(es="calidad-de-datos-y-el-informe-mensual", en="data-quality-and-the-monthly-report"),
            "summary": T(
                es=(
                    "Los controles que se hacen antes de publicar, la elaboración del informe mensual para la OCAM y "
                    "un repaso final con la evaluación del curso."
                ),
                en=(
                    "The checks made before publishing, building the monthly report for OCAM, and a final review with "
                    "the course assessment."
                ),
            ),
            "lessons": [
                {
                    "estimated_minutes": 25,
                    "is_required": True,
                    "title": T(
                        es="Calidad de datos: duplicados, vacíos y fechas imposibles",
                        en="Data quality: duplicates, gaps and impossible dates",
                    ),
                    "slug": T(es="calidad-de-datos", en="data-quality"),
                    "body": [
                        (
                            "heading",
                            {"text": T(es="Los datos reales están sucios", en="Real data is dirty"), "level": "h2"},
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Una auditoría del programa US-VISIT encontró 825 000 casos de un mismo juego "
                                    "de huellas con datos biográficos distintos, un nombre escrito de 17 maneras, 14 "
                                    "fechas de nacimiento para una persona, el año de nacimiento 2049 y registros de "
                                    "prueba como «Mickey Mouse» en producción (fiercegovernmentit.com; "
                                    "immigrationimpact.com). En el programa de controles de salida del Reino Unido, "
                                    "alrededor de 1 de cada 20 personas no tenía registro de salida "
                                    "(ukauthority.com).</p><p>En la región, un taller de la OIM de 2022 con 12 países "
                                    "de Mesoamérica y el Caribe encontró problemas de comparación y de consistencia de "
                                    "los datos, poca capacitación del personal y débil coordinación entre "
                                    "instituciones (rosanjose.iom.int).</p>"
                                ),
                                en=(
                                    "<p>An audit of the US-VISIT programme found 825,000 cases of one fingerprint set "
                                    "with different biographic data, one name spelled 17 ways, 14 dates of birth for "
                                    'one person, the birth year 2049, and test records such as "Mickey Mouse" in '
                                    "production (fiercegovernmentit.com; immigrationimpact.com). In the United "
                                    "Kingdom's exit-check programme, about 1 in 20 people had no departure record "
                                    "(ukauthority.com).</p><p>In the region, a 2022 IOM workshop with 12 countries of "
                                    "Mesoamerica and the Caribbean found data-comparison and consistency problems, "
                                    "weak staff training and poor coordination between institutions "
                                    "(rosanjose.iom.int).</p>"
                                ),
                            ),
                        ),
                        (
                            "image",
                            {
                                "image": "statistics-quality-checks.svg",
                                "alt_text": T(
                                    es=(
                                        "Tabla de seis registros de personas con celdas marcadas: PENA LOPEZ ANA "
                                        "duplica a PEÑA LOPEZ ANA (DUP); fecha de nacimiento 2049-01-15 (DATE); sexo "
                                        "vacío (NULL); nacionalidad SAL en lugar de SLV (ISO); y un registro PRUEBA "
                                        "PRUEBA con fecha 1900-01-01 (TEST)."
                                    ),
                                    en=(
                                        "Table of six person records with flagged cells: PENA LOPEZ ANA duplicates "
                                        "PEÑA LOPEZ ANA (DUP); date of birth 2049-01-15 (DATE); sex empty (NULL); "
                                        "nationality SAL instead of SLV (ISO); and a PRUEBA PRUEBA record dated "
                                        "1900-01-01 (TEST)."
                                    ),
                                ),
                                "caption": T(
                                    es="Cinco familias de defectos en seis registros.",
                                    en="Five families of defects in six records.",
                                ),
                            },
                        ),
                        (
                            "procedure",
                            {
                                "title": T(
                                    es="Controles de calidad antes del informe", en="Quality checks before the report"
                                ),
                                "steps": [
                                    {
                                        "title": T(es="Duplicados de personas", en="Duplicate persons"),
                                        "detail": T(
                                            es=(
                                                "<p>Apellidos invertidos o incompletos, partículas DE/DEL, variantes "
                                                "PEÑA/PENA/PENXXA, día y mes invertidos, mismo documento en dos "
                                                "personas.</p>"
                                            ),
                                            en=(
                                                "<p>Swapped or incomplete surnames, DE/DEL particles, PEÑA/PENA/PENXXA "
                                                "variants, day and month swapped, the same document on two people.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Campos vacíos", en="Missing fields"),
                                        "detail": T(
                                            es=(
                                                "<p>Sexo, nacionalidad, fecha de nacimiento, puesto o medio sin "
                                                "valor.</p>"
                                            ),
                                            en="<p>Sex, nationality, date of birth, post or mode with no value.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(es="Fechas imposibles", en="Impossible dates"),
                                        "detail": T(
                                            es=(
                                                "<p>Nacimientos en el futuro, marcadores como 1900-01-01, una salida "
                                                "anterior a su entrada, horas fuera del horario del puesto, horas "
                                                "guardadas en UTC como si fueran locales.</p>"
                                            ),
                                            en=(
                                                "<p>Births in the future, placeholders such as 1900-01-01, an exit "
                                                "before its entry, times outside the post's opening hours, times "
                                                "stored in UTC as if they were local.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Códigos de país", en="Country codes"),
                                        "detail": T(
                                            es="<p>Solo ISO alfa-3: GTM y no GUA, SLV y no SAL.</p>",
                                            en="<p>ISO alpha-3 only: GTM not GUA, SLV not SAL.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(es="Movimientos sin pareja", en="Unmatched movements"),
                                        "detail": T(
                                            es=(
                                                "<p>Salidas sin entrada y entradas sin salida: pueden ser estancias "
                                                "vencidas o registros que faltan.</p>"
                                            ),
                                            en=(
                                                "<p>Exits without an entry and entries without an exit: they may be "
                                                "overstays or missing records.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Registros de prueba", en="Test records"),
                                        "detail": T(
                                            es="<p>PRUEBA PRUEBA, XXXX y similares.</p>",
                                            en="<p>PRUEBA PRUEBA, XXXX and the like.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Documente lo corregido y lo marcado",
                                            en="Document what was corrected and what was flagged",
                                        ),
                                        "detail": T(
                                            es="<p>Las cifras van al anexo de calidad del informe.</p>",
                                            en="<p>The figures go into the report's data-quality annex.</p>",
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
                                        "<p>No corrija «a ojo» ni borre registros. Cada corrección deja rastro, y una "
                                        "entrada sin salida no se da por estancia vencida sin revisar antes si la "
                                        "salida está en otro puesto o bajo un registro duplicado.</p>"
                                    ),
                                    en=(
                                        '<p>Do not correct "by eye" or delete records. Every correction leaves a '
                                        "trace, and an entry without an exit is not taken as an overstay before "
                                        "checking whether the exit is at another post or under a duplicate record.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "Un registro de persona tiene la fecha de nacimiento 2049-01-15. ¿Qué control "
                                        "lo detecta?"
                                    ),
                                    en="A person record has the date of birth 2049-01-15. Which check catches it?",
                                ),
                                "options": [
                                    option(T(es="Duplicados de personas.", en="Duplicate persons.")),
                                    option(T(es="Campos vacíos.", en="Missing fields.")),
                                    option(T(es="Fechas imposibles.", en="Impossible dates."), correct=True),
                                    option(T(es="Códigos de país.", en="Country codes.")),
                                ],
                                "explanation": T(
                                    es=(
                                        "<p>Una fecha de nacimiento en el futuro es una <b>fecha imposible</b>. El año "
                                        "2049 apareció en la auditoría de US-VISIT.</p>"
                                    ),
                                    en=(
                                        "<p>A date of birth in the future is an <b>impossible date</b>. The year 2049 "
                                        "turned up in the US-VISIT audit.</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 30,
                    "is_required": True,
                    "title": T(es="El informe mensual paso a paso", en="The monthly report step by step"),
                    "slug": T(es="el-informe-mensual-paso-a-paso", en="the-monthly-report-step-by-step"),
                    "body": [
                        (
                            "heading",
                            {
                                "text": T(es="La estructura del informe", en="The structure of the report"),
                                "level": "h2",
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Este curso usa una estructura propuesta para el informe mensual; no es una "
                                    "plantilla oficial de la OCAM:</p><ol><li>Resumen: entradas, salidas y saldo; "
                                    "variación mensual e interanual; retornos; inadmisiones.</li><li>Movimientos por "
                                    "puesto, sentido y medio.</li><li>Movimientos por nacionalidad (diez principales "
                                    "más otras) y sentido; nacionales y extranjeros.</li><li>Movimientos por sexo y "
                                    "grupo de edad.</li><li>Retornos por país desde el que se retorna, medio, sexo y "
                                    "personas adultas o NNA (acompañados o no), y por departamento de "
                                    "origen.</li><li>Inadmisiones por causa y nacionalidad.</li><li>Anexo de calidad: "
                                    "porcentaje de MRZ válidas, salidas sin pareja, duplicados resueltos, registros "
                                    "tardíos.</li><li>Supresión de celdas pequeñas (menos de 5) en toda tabla "
                                    "pública.</li></ol>"
                                ),
                                en=(
                                    "<p>This course uses a proposed structure for the monthly report; it is not an "
                                    "official OCAM template:</p><ol><li>Summary: entries, exits and net; "
                                    "month-on-month and year-on-year change; returns; refusals.</li><li>Movements by "
                                    "post, direction and mode.</li><li>Movements by nationality (top ten plus other) "
                                    "and direction; nationals and foreigners.</li><li>Movements by sex and age "
                                    "group.</li><li>Returns by returning country, mode, sex and adults or NNA "
                                    "(accompanied or not), and by department of origin.</li><li>Refusals by cause and "
                                    "nationality.</li><li>Data-quality annex: percentage of valid MRZs, unmatched "
                                    "exits, duplicates resolved, late records.</li><li>Small-cell suppression (below "
                                    "5) in every public table.</li></ol>"
                                ),
                            ),
                        ),
                        (
                            "procedure",
                            {
                                "title": T(es="Elaborar el informe mensual", en="Build the monthly report"),
                                "steps": [
                                    {
                                        "title": T(
                                            es="Cierre el periodo y fije la fecha de corte",
                                            en="Close the period and set the cut-off date",
                                        ),
                                        "detail": T(
                                            es="<p>Los registros que lleguen después se marcan como tardíos.</p>",
                                            en="<p>Records arriving later are flagged as late.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(es="Ejecute los controles de calidad", en="Run the quality checks"),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(es="Calcule el resumen", en="Calculate the summary"),
                                        "detail": T(
                                            es=(
                                                "<p>Entradas, salidas, saldo, variación mensual e interanual, retornos "
                                                "e inadmisiones.</p>"
                                            ),
                                            en=(
                                                "<p>Entries, exits, net, month-on-month and year-on-year change, "
                                                "returns and refusals.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Prepare las tablas de las secciones 2 a 6",
                                            en="Prepare the tables of sections 2 to 6",
                                        ),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(es="Cuadre los totales", en="Reconcile the totals"),
                                        "detail": T(
                                            es="<p>La suma de cada tabla debe coincidir con el resumen.</p>",
                                            en="<p>Each table must add up to the summary.</p>",
                                        ),
                                    },
                                    {
                                        "title": T(
                                            es="Marque el estado de cada cifra y suprima las celdas pequeñas",
                                            en="Mark each figure's status and suppress small cells",
                                        ),
                                        "detail": T(
                                            es=(
                                                "<p>OBS_STATUS P para el mes en curso; CONF_STATUS C para las celdas "
                                                "menores de 5.</p>"
                                            ),
                                            en=(
                                                "<p>OBS_STATUS P for the current month; CONF_STATUS C for cells below "
                                                "5.</p>"
                                            ),
                                        ),
                                    },
                                    {
                                        "title": T(es="Redacte el anexo de calidad", en="Write the data-quality annex"),
                                        "detail": "",
                                    },
                                    {
                                        "title": T(
                                            es="Exporte en SDMX-CSV y en PDF y envíe",
                                            en="Export to SDMX-CSV and PDF and submit",
                                        ),
                                        "detail": T(
                                            es="<p>A la oficina nacional, a PRIMI y a la OCAM.</p>",
                                            en="<p>To the national office, PRIMI and OCAM.</p>",
                                        ),
                                    },
                                ],
                            },
                        ),
                        ("glossary_term", {"term": 4}),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>En el formato SDMX-CSV 1.0 la primera columna es <b>DATAFLOW</b> (por ejemplo "
                                    "OCAM:DF_MIG_FLOWS(1.0)), seguida de las dimensiones (FREQ, REF_AREA, BCP, FLOW, "
                                    "TRANSPORT, CITIZENSHIP, SEX, AGE), TIME_PERIOD y OBS_VALUE, y luego los "
                                    "atributos. OBS_STATUS indica A (normal), E (estimado) o P (provisional); "
                                    "CONF_STATUS, F (libre) o C (confidencial). Los grupos de edad siguen códigos como "
                                    "Y_LT12, Y12T17, Y18T29, Y30T44, Y45T59 e Y_GE60, y _T es el total.</p>"
                                ),
                                en=(
                                    "<p>In SDMX-CSV 1.0 the first column is <b>DATAFLOW</b> (for example "
                                    "OCAM:DF_MIG_FLOWS(1.0)), followed by the dimensions (FREQ, REF_AREA, BCP, FLOW, "
                                    "TRANSPORT, CITIZENSHIP, SEX, AGE), TIME_PERIOD and OBS_VALUE, then the "
                                    "attributes. OBS_STATUS is A (normal), E (estimated) or P (provisional); "
                                    "CONF_STATUS, F (free) or C (confidential). Age groups follow codes such as "
                                    "Y_LT12, Y12T17, Y18T29, Y30T44, Y45T59 and Y_GE60, and _T is the total.</p>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "text": T(
                                    es=(
                                        "<p>El informe regional lleva <b>solo agregados</b>: los usuarios regionales "
                                        "de la OCAM no ven datos personales. Una celda con 3 NNA no acompañadas de un "
                                        "municipio puede identificar a alguien; se suprime, y también cualquier otra "
                                        "celda que permita deducirla a partir del total.</p>"
                                    ),
                                    en=(
                                        "<p>The regional report carries <b>aggregates only</b>: OCAM's regional users "
                                        "see no personal data. A cell with 3 unaccompanied children from one "
                                        "municipality can identify someone; it is suppressed, and so is any other cell "
                                        "that would let it be worked out from the total.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": T(
                                    es=(
                                        "¿Qué OBS_STATUS lleva una cifra del mes en curso que todavía puede cambiar "
                                        "con registros tardíos?"
                                    ),
                                    en=(
                                        "Which OBS_STATUS does a figure for the current month carry while late records "
                                        "can still change it?"
                                    ),
                                ),
                                "options": [option("A"), option("E"), option("P", correct=True), option("C")],
                                "explanation": T(
                                    es=(
                                        "<p>P significa provisional. C no es un OBS_STATUS: es un valor de CONF_STATUS "
                                        "(confidencial).</p>"
                                    ),
                                    en=(
                                        "<p>P means provisional. C is not an OBS_STATUS: it is a CONF_STATUS value "
                                        "(confidential).</p>"
                                    ),
                                ),
                            },
                        ),
                    ],
                },
                {
                    "estimated_minutes": 35,
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
                                    "<ul><li>Los sistemas fronterizos cuentan movimientos; las personas distintas se "
                                    "cuentan después de depurar duplicados.</li><li>Saldo = entradas - salidas; toda "
                                    "proporción lleva su denominador.</li><li>Compare con el mismo mes del año "
                                    "anterior y cuide las fiestas móviles.</li><li>Los retornos se desglosan por país "
                                    "desde el que se retorna, medio, sexo y NNA acompañados o no.</li><li>Antes de "
                                    "publicar: duplicados, vacíos, fechas imposibles, códigos, movimientos sin pareja "
                                    "y registros de prueba.</li><li>El informe regional lleva solo agregados, con las "
                                    "celdas menores de 5 suprimidas.</li></ul>"
                                ),
                                en=(
                                    "<ul><li>Border systems count movements; distinct people are counted after "
                                    "duplicates are resolved.</li><li>Net = entries - exits; every share carries its "
                                    "denominator.</li><li>Compare with the same month of the previous year and watch "
                                    "movable holidays.</li><li>Returns are broken down by returning country, mode, sex "
                                    "and NNA, accompanied or not.</li><li>Before publishing: duplicates, missing "
                                    "fields, impossible dates, codes, unmatched movements and test "
                                    "records.</li><li>The regional report carries aggregates only, with cells below 5 "
                                    "suppressed.</li></ul>"
                                ),
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "text": T(
                                    es=(
                                        "<p>La evaluación tiene 10 preguntas tomadas al azar del banco del curso, 30 "
                                        "minutos y 3 intentos. Se aprueba con 70 %. Verá las respuestas correctas "
                                        "cuando apruebe o agote los intentos.</p>"
                                    ),
                                    en=(
                                        "<p>The assessment has 10 questions drawn at random from the course's bank, 30 "
                                        "minutes and 3 attempts. The pass mark is 70%. You will see the correct "
                                        "answers once you pass or run out of attempts.</p>"
                                    ),
                                ),
                            },
                        ),
                        (
                            "text",
                            T(
                                es=(
                                    "<p>Tenga a mano una calculadora: varias preguntas piden calcular una proporción, "
                                    "un saldo o una variación. Puede escribir los decimales con punto o con coma.</p>"
                                ),
                                en=(
                                    "<p>Keep a calculator at hand: several questions ask you to calculate a share, a "
                                    "net figure or a change. You may write decimals with a point or a comma.</p>"
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
            "tags": ["movements"],
            "points": 1,
            "prompt": T(
                es="¿Qué cuenta un sistema de control fronterizo?", en="What does a border control system count?"
            ),
            "explanation": T(
                es=(
                    "<p>Cada entrada y cada salida es un movimiento. Las personas y los migrantes se estiman "
                    "después.</p>"
                ),
                en="<p>Every entry and every exit is a movement. People and migrants are estimated afterwards.</p>",
            ),
            "value": {
                "options": [
                    option(
                        T(es="Movimientos: cada entrada y cada salida.", en="Movements: every entry and every exit."),
                        correct=True,
                    ),
                    option(T(es="Personas distintas.", en="Distinct people.")),
                    option(T(es="Migrantes de largo plazo.", en="Long-term migrants.")),
                    option(T(es="Residentes habituales.", en="Usual residents.")),
                ]
            },
        },
        # 2
        {
            "kind": "single_choice",
            "tags": ["data-quality"],
            "points": 1,
            "prompt": T(
                es=(
                    "Un registro de persona muestra como fecha de nacimiento 1900-01-01. ¿Qué tipo de defecto es más "
                    "probable?"
                ),
                en="A person record shows 1900-01-01 as the date of birth. What kind of defect is most likely?",
            ),
            "explanation": T(
                es=(
                    "<p>1900-01-01 es un marcador típico que se escribe cuando falta la fecha real: se trata como "
                    "<b>fecha imposible</b> y se revisa.</p>"
                ),
                en=(
                    "<p>1900-01-01 is a typical placeholder written when the real date is missing: it is treated as an "
                    "<b>impossible date</b> and reviewed.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(
                        T(
                            es="Una persona de más de 120 años que viaja con normalidad.",
                            en="A person over 120 years old travelling normally.",
                        )
                    ),
                    option(
                        T(
                            es="Un marcador de fecha desconocida: una fecha imposible que se debe revisar.",
                            en="A placeholder for an unknown date: an impossible date to be reviewed.",
                        ),
                        correct=True,
                    ),
                    option(T(es="Un código de país equivocado.", en="A wrong country code.")),
                    option(T(es="Un movimiento sin pareja.", en="An unmatched movement.")),
                ]
            },
        },
        # 3
        {
            "kind": "single_choice",
            "tags": ["returns"],
            "points": 1,
            "prompt": T(
                es="En 2022, ¿desde qué país llegaron más personas retornadas a El Salvador, Guatemala y Honduras?",
                en="In 2022, from which country did most returnees arrive in El Salvador, Guatemala and Honduras?",
            ),
            "explanation": T(
                es=(
                    "<p>En 2022, 106 827 desde México y 89 552 desde Estados Unidos (departamento19.hn). En enero a "
                    "agosto de 2024 la mezcla se invirtió: 80 % desde Estados Unidos.</p>"
                ),
                en=(
                    "<p>In 2022, 106,827 from Mexico and 89,552 from the United States (departamento19.hn). In January "
                    "to August 2024 the mix reversed: 80% from the United States.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(T(es="Estados Unidos", en="The United States")),
                    option(T(es="México", en="Mexico"), correct=True),
                    option("Costa Rica"),
                    option(T(es="Panamá", en="Panama")),
                ]
            },
        },
        # 4
        {
            "kind": "single_choice",
            "tags": ["report"],
            "points": 1,
            "prompt": T(
                es="En un archivo SDMX-CSV 1.0, ¿cuál es la primera columna?",
                en="In an SDMX-CSV 1.0 file, which is the first column?",
            ),
            "explanation": T(
                es=(
                    "<p>La primera columna es DATAFLOW, por ejemplo OCAM:DF_MIG_FLOWS(1.0); luego vienen las "
                    "dimensiones, TIME_PERIOD, OBS_VALUE y los atributos.</p>"
                ),
                en=(
                    "<p>The first column is DATAFLOW, for example OCAM:DF_MIG_FLOWS(1.0); then come the dimensions, "
                    "TIME_PERIOD, OBS_VALUE and the attributes.</p>"
                ),
            ),
            "value": {
                "options": [
                    option("DATAFLOW", correct=True),
                    option("OBS_VALUE"),
                    option("TIME_PERIOD"),
                    option("CONF_STATUS"),
                ]
            },
        },
        # 5
        {
            "kind": "multiple_response",
            "tags": ["data-quality"],
            "points": 1,
            "prompt": T(
                es=(
                    "¿Cuáles de estos casos son defectos de calidad que se deben revisar antes del informe? Marque "
                    "todos los que correspondan."
                ),
                en="Which of these cases are quality defects to be reviewed before the report? Tick all that apply.",
            ),
            "explanation": T(
                es=(
                    "<p>El duplicado PEÑA/PENA, el código SAL, el sexo vacío y el registro PRUEBA son defectos. Muchos "
                    "movimientos de una misma persona o entrar por tierra y salir por aire son comportamientos "
                    "normales.</p>"
                ),
                en=(
                    "<p>The PEÑA/PENA duplicate, the SAL code, the missing sex and the PRUEBA record are defects. Many "
                    "movements by one person, or entering by land and leaving by air, are normal behaviour.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(
                        T(
                            es="PEÑA LOPEZ ANA y PENA LOPEZ ANA, misma fecha de nacimiento, como dos personas.",
                            en="PEÑA LOPEZ ANA and PENA LOPEZ ANA, same date of birth, as two people.",
                        ),
                        correct=True,
                    ),
                    option(
                        T(es="Nacionalidad SAL en lugar de SLV.", en="Nationality SAL instead of SLV."), correct=True
                    ),
                    option(T(es="Un registro sin sexo.", en="A record with no sex."), correct=True),
                    option(
                        T(es="Un registro a nombre de PRUEBA PRUEBA.", en="A record in the name of PRUEBA PRUEBA."),
                        correct=True,
                    ),
                    option(
                        T(es="Una persona con 8 movimientos en un mes.", en="A person with 8 movements in a month.")
                    ),
                    option(
                        T(
                            es="Un viajero que entra por tierra y sale por aire.",
                            en="A traveller who enters by land and leaves by air.",
                        )
                    ),
                ],
                "partial_credit": True,
            },
        },
        # 6
        {
            "kind": "multiple_response",
            "tags": ["returns"],
            "points": 1,
            "prompt": T(
                es=(
                    "¿Por cuáles de estas variables se desglosan habitualmente los cuadros de retornos? Marque todas "
                    "las que correspondan."
                ),
                en="By which of these variables are returns tables usually broken down? Tick all that apply.",
            ),
            "explanation": T(
                es=(
                    "<p>Las fuentes desglosan por país desde el que se retorna, medio, sexo, personas adultas y NNA, y "
                    "acompañados o no acompañados. Religión e ingresos no forman parte de esos cuadros.</p>"
                ),
                en=(
                    "<p>The sources break returns down by returning country, mode, sex, adults and NNA, and "
                    "accompanied or unaccompanied. Religion and income are not part of those tables.</p>"
                ),
            ),
            "value": {
                "options": [
                    option(
                        T(
                            es="País desde el que se retorna (Estados Unidos, México, otros).",
                            en="Returning country (United States, Mexico, other).",
                        ),
                        correct=True,
                    ),
                    option(T(es="Medio (aéreo o terrestre).", en="Mode (air or land)."), correct=True),
                    option(T(es="Sexo.", en="Sex."), correct=True),
                    option(
                        T(
                            es="Personas adultas y NNA, acompañados o no acompañados.",
                            en="Adults and NNA, accompanied or unaccompanied.",
                        ),
                        correct=True,
                    ),
                    option(T(es="Religión.", en="Religion.")),
                    option(T(es="Ingresos mensuales.", en="Monthly income.")),
                ],
                "partial_credit": True,
            },
        },
        # 7
        {
            "kind": "true_false",
            "tags": ["movements"],
            "points": 1,
            "prompt": T(
                es="En un año completo, las entradas y las salidas de un país suelen ser de magnitud parecida.",
                en="Over a full year, a country's entries and exits are usually of a similar size.",
            ),
            "explanation": T(
                es=(
                    "<p>Verdadero. Por ejemplo, El Salvador registró unos 3,5 millones de entradas y 3,4 millones de "
                    "salidas en el primer semestre de 2024. En un mes concreto el saldo puede variar mucho por la "
                    "estación.</p>"
                ),
                en=(
                    "<p>True. For example, El Salvador recorded about 3.5 million entries and 3.4 million exits in the "
                    "first half of 2024. In a given month the net figure can vary a lot with the season.</p>"
                ),
            ),
            "value": {"answer": True, "feedback_true": "", "feedback_false": ""},
        },
        # 8
        {
            "kind": "true_false",
            "tags": ["seasonality"],
            "points": 1,
            "prompt": T(
                es="Comparar marzo con marzo del año anterior elimina siempre el efecto de Semana Santa.",
                en="Comparing March with March of the previous year always removes the Holy Week effect.",
            ),
            "explanation": T(
                es=(
                    "<p>Falso. Semana Santa es una fiesta móvil: puede caer en marzo un año y en abril el otro. Hay "
                    "que comparar marzo y abril juntos, o las semanas santas entre sí.</p>"
                ),
                en=(
                    "<p>False. Holy Week is a movable feast: it may fall in March one year and in April the other. "
                    "March and April must be compared together, or the Holy Weeks with each other.</p>"
                ),
            ),
            "value": {"answer": False, "feedback_true": "", "feedback_false": ""},
        },
        # 9
        {
            "kind": "true_false",
            "tags": ["report"],
            "points": 1,
            "prompt": T(
                es=(
                    "Una tabla pública del informe puede mostrar una celda con 3 NNA no acompañados de un municipio, "
                    "siempre que el total sea correcto."
                ),
                en=(
                    "A public table in the report may show a cell with 3 unaccompanied children from one municipality, "
                    "as long as the total is correct."
                ),
            ),
            "explanation": T(
                es=(
                    "<p>Falso. Las celdas menores de 5 se suprimen en toda tabla pública, porque pueden identificar a "
                    "personas.</p>"
                ),
                en=(
                    "<p>False. Cells below 5 are suppressed in every public table, because they can identify "
                    "people.</p>"
                ),
            ),
            "value": {"answer": False, "feedback_true": "", "feedback_false": ""},
        },
        # 10
        {
            "kind": "numeric",
            "tags": ["movements", "data-quality"],
            "points": 1,
            "prompt": T(
                es=(
                    "Registros de una semana en Las Chinamas: (1) PÉREZ LÓPEZ JOSÉ, 1985-03-12, doc. Z1234567, "
                    "entrada; (2) PEREZ LOPEZ JOSE, 1985-03-12, doc. Z1234567, salida; (3) MARTÍNEZ ANA, 1990-07-01, "
                    "doc. Z7654321, entrada; (4) MARTINEZ ANA, 1990-01-07, doc. Z7654321, salida; (5) GARCÍA LUIS, "
                    "2001-11-30, doc. Z5550001, entrada; (6) PÉREZ LÓPEZ JOSÉ, 1985-03-12, doc. Z1234567, entrada. "
                    "¿Cuántas personas distintas hay?"
                ),
                en=(
                    "A week's records at Las Chinamas: (1) PÉREZ LÓPEZ JOSÉ, 1985-03-12, doc. Z1234567, entry; (2) "
                    "PEREZ LOPEZ JOSE, 1985-03-12, doc. Z1234567, exit; (3) MARTÍNEZ ANA, 1990-07-01, doc. Z7654321, "
                    "entry; (4) MARTINEZ ANA, 1990-01-07, doc. Z7654321, exit; (5) GARCÍA LUIS, 2001-11-30, doc. "
                    "Z5550001, entry; (6) PÉREZ LÓPEZ JOSÉ, 1985-03-12, doc. Z1234567, entry. How many distinct people "
                    "are there?"
                ),
            ),
            "explanation": T(
                es=(
                    "<p>Seis movimientos, <b>3 personas</b>: los registros 1, 2 y 6 son la misma persona (solo cambian "
                    "las tildes); 3 y 4 también (mismo documento, día y mes invertidos); 5 es otra.</p>"
                ),
                en=(
                    "<p>Six movements, <b>3 people</b>: records 1, 2 and 6 are the same person (only the accents "
                    "differ); so are 3 and 4 (same document, day and month swapped); 5 is another.</p>"
                ),
            ),
            "value": {"answer": "3", "tolerance": "0", "unit": T(es="personas", en="people")},
        },
        # 11
        {
            "kind": "numeric",
            "tags": ["movements"],
            "points": 1,
            "prompt": T(
                es=(
                    "Entradas de un mes en un país, por medio de transporte: tierra 1 540; aire 950; mar 10. ¿Qué "
                    "porcentaje de las entradas fue por tierra? Responda con un decimal."
                ),
                en=(
                    "One month's entries in a country, by transport mode: land 1,540; air 950; sea 10. What percentage "
                    "of entries was by land? Answer to one decimal place."
                ),
            ),
            "explanation": T(
                es="<p>Total = 1 540 + 950 + 10 = 2 500. Tierra = 1 540 ÷ 2 500 × 100 = <b>61,6 %</b>.</p>",
                en="<p>Total = 1,540 + 950 + 10 = 2,500. Land = 1,540 ÷ 2,500 × 100 = <b>61.6%</b>.</p>",
            ),
            "value": {"answer": "61.6", "tolerance": "0.1", "unit": "%"},
        },
        # 12
        {
            "kind": "numeric",
            "tags": ["seasonality", "report"],
            "points": 1,
            "prompt": T(
                es=(
                    "Movimientos mensuales en Panamá, 2019 (eldigitalpanama.com; migracion.gob.pa): enero 692 806; "
                    "febrero 559 849. ¿Cuál es la variación porcentual de febrero respecto de enero? Responda con un "
                    "decimal y con signo."
                ),
                en=(
                    "Monthly movements in Panama, 2019 (eldigitalpanama.com; migracion.gob.pa): January 692,806; "
                    "February 559,849. What is the percentage change from January to February? Answer to one decimal "
                    "place, with its sign."
                ),
            ),
            "explanation": T(
                es=(
                    "<p>(559 849 - 692 806) ÷ 692 806 × 100 = <b>-19,2 %</b>. Una variación mensual mezcla tendencia y "
                    "estación: compárela también con febrero del año anterior.</p>"
                ),
                en=(
                    "<p>(559,849 - 692,806) ÷ 692,806 × 100 = <b>-19.2%</b>. A month-on-month change mixes trend and "
                    "season: compare it with February of the previous year as well.</p>"
                ),
            ),
            "value": {"answer": "-19.2", "tolerance": "0.1", "unit": "%"},
        },
        # 13
        {
            "kind": "numeric",
            "tags": ["returns"],
            "points": 1,
            "prompt": T(
                es=(
                    "Retornos a El Salvador, Guatemala y Honduras, enero a agosto de 2024 (allworldnews.site, EFE): "
                    "desde Estados Unidos 82 110; desde México 20 238; desde otros países 341; total 102 689. ¿Qué "
                    "porcentaje llegó desde Estados Unidos? Redondee a un número entero."
                ),
                en=(
                    "Returns to El Salvador, Guatemala and Honduras, January to August 2024 (allworldnews.site, EFE): "
                    "from the United States 82,110; from Mexico 20,238; from other countries 341; total 102,689. What "
                    "percentage came from the United States? Round to a whole number."
                ),
            ),
            "explanation": T(
                es="<p>82 110 ÷ 102 689 × 100 = 79,96 %, es decir, <b>80 %</b>.</p>",
                en="<p>82,110 ÷ 102,689 × 100 = 79.96%, that is, <b>80%</b>.</p>",
            ),
            "value": {"answer": "80", "tolerance": "0.5", "unit": "%"},
        },
        # 14
        {
            "kind": "numeric",
            "tags": ["movements"],
            "points": 1,
            "prompt": T(
                es=(
                    "Panamá, enero a agosto de 2019 (laestrella.com.pa): entradas 2 264 688; salidas 2 027 951. ¿Cuál "
                    "es el saldo (entradas menos salidas)?"
                ),
                en=(
                    "Panama, January to August 2019 (laestrella.com.pa): entries 2,264,688; exits 2,027,951. What is "
                    "the net figure (entries minus exits)?"
                ),
            ),
            "explanation": T(
                es="<p>2 264 688 - 2 027 951 = <b>236 737</b>.</p>", en="<p>2,264,688 - 2,027,951 = <b>236,737</b>.</p>"
            ),
            "value": {"answer": "236737", "tolerance": "0", "unit": T(es="movimientos", en="movements")},
        },
        # 15
        {
            "kind": "short_text",
            "tags": ["returns"],
            "points": 1,
            "prompt": T(
                es="¿Qué sigla usan los cuadros de retornos para las niñas, niños y adolescentes?",
                en="Which Spanish abbreviation do returns tables use for children and adolescents?",
            ),
            "explanation": T(
                es="<p><b>NNA</b>: niñas, niños y adolescentes, las personas menores de 18 años.</p>",
                en="<p><b>NNA</b>: niñas, niños y adolescentes (girls, boys and adolescents), people under 18.</p>",
            ),
            "value": {"accepted_answers": ["NNA", "N.N.A.", "niñas, niños y adolescentes"]},
        },
        # 16
        {
            "kind": "short_text",
            "tags": ["data-quality"],
            "points": 1,
            "prompt": T(
                es=(
                    "Un registro tiene la nacionalidad SAL. ¿Cuál es el código ISO 3166-1 alfa-3 correcto de El "
                    "Salvador?"
                ),
                en="A record has the nationality SAL. What is El Salvador's correct ISO 3166-1 alpha-3 code?",
            ),
            "explanation": T(
                es="<p><b>SLV</b>. SAL es el código IATA del aeropuerto de El Salvador, no un código de país.</p>",
                en="<p><b>SLV</b>. SAL is the IATA code of El Salvador's airport, not a country code.</p>",
            ),
            "value": {"accepted_answers": ["SLV"]},
        },
        # 17
        {
            "kind": "matching",
            "tags": ["seasonality"],
            "points": 1,
            "prompt": T(
                es="Relacione cada fiesta con el pico que produce en los datos.",
                en="Match each holiday with the peak it produces in the data.",
            ),
            "explanation": T(
                es=(
                    "<p>Cada fiesta deja su huella en un puesto y en un sentido. Conocerlas evita confundir un pico de "
                    "calendario con una tendencia.</p>"
                ),
                en=(
                    "<p>Each holiday leaves its mark at one post and in one direction. Knowing them avoids mistaking a "
                    "calendar peak for a trend.</p>"
                ),
            ),
            "value": {
                "pairs": [
                    {
                        "prompt": T(es="Semana Santa en El Salvador", en="Holy Week in El Salvador"),
                        "match": T(
                            es="Las Chinamas, con el miércoles como día de más movimiento",
                            en="Las Chinamas, with Wednesday the busiest day",
                        ),
                    },
                    {
                        "prompt": "Fiestas Agostinas",
                        "match": T(
                            es="Primera semana de agosto, movimientos de salvadoreños",
                            en="First week of August, movements of Salvadorans",
                        ),
                    },
                    {
                        "prompt": "Semana Morazánica",
                        "match": T(
                            es="Inicios de octubre, salidas por El Amatillo",
                            en="Early October, exits through El Amatillo",
                        ),
                    },
                    {
                        "prompt": T(es="Cristo Negro de Esquipulas", en="Black Christ of Esquipulas"),
                        "match": T(
                            es="Alrededor del 15 de enero, entradas a Guatemala",
                            en="Around 15 January, entries into Guatemala",
                        ),
                    },
                    {
                        "prompt": T(
                            es="Fin de año de los nicaragüenses en Costa Rica",
                            en="Year end of Nicaraguans living in Costa Rica",
                        ),
                        "match": T(
                            es="Diciembre, salidas por Peñas Blancas con regreso en enero",
                            en="December, exits through Peñas Blancas with return in January",
                        ),
                    },
                ]
            },
        },
        # 18
        {
            "kind": "ordering",
            "tags": ["report"],
            "points": 1,
            "prompt": T(
                es="Ordene los pasos para elaborar el informe mensual, del primero al último.",
                en="Put the steps for building the monthly report in order, from first to last.",
            ),
            "explanation": T(
                es=(
                    "<p>Primero el corte y la calidad, luego las cifras y las tablas, después la supresión y los "
                    "estados, y al final la exportación y el envío.</p>"
                ),
                en=(
                    "<p>First the cut-off and quality, then the figures and tables, then suppression and statuses, and "
                    "last the export and submission.</p>"
                ),
            ),
            "value": {
                "items": [
                    T(es="Cerrar el periodo y fijar la fecha de corte", en="Close the period and set the cut-off date"),
                    T(es="Ejecutar los controles de calidad", en="Run the quality checks"),
                    T(
                        es="Calcular el resumen: entradas, salidas, saldo y variaciones",
                        en="Calculate the summary: entries, exits, net and changes",
                    ),
                    T(
                        es="Preparar y cuadrar las tablas por puesto, medio, nacionalidad, sexo y edad",
                        en="Prepare and reconcile the tables by post, mode, nationality, sex and age",
                    ),
                    T(
                        es="Suprimir las celdas pequeñas y marcar OBS_STATUS",
                        en="Suppress small cells and set OBS_STATUS",
                    ),
                    T(es="Exportar en SDMX-CSV y PDF y enviar", en="Export to SDMX-CSV and PDF and submit"),
                ]
            },
        },
    ],
    # A hands-on exercise in the learner's own sandbox (issue 18), required to complete the course.
    "exercises": [
        {
            "module": 1,
            "lesson": 0,
            "type": "peak_planning",
            "parameters": {},
            "title": T(es="Práctica: planificar el pico de diciembre", en="Practice: planning for the December peak"),
            "instructions": T(
                es=(
                    "<p>Con la vista diaria de las estadísticas de su sandbox, calcule el promedio y el máximo de "
                    "salidas diarias del puesto y del mes indicados, y el día del máximo.</p>"
                ),
                en=(
                    "<p>With the daily view of your sandbox's statistics, work out the average and the peak daily "
                    "exits of the post and month given, and the day of the peak.</p>"
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
        "time_limit_minutes": 30,
        "feedback": "when_done",
        "title": T(
            es="Evaluación: estadísticas migratorias y el informe mensual",
            en="Assessment: migration statistics and the monthly report",
        ),
        "introduction": T(
            es=(
                "<p>Diez preguntas sobre movimientos y personas, estacionalidad, retornos, calidad de datos y el "
                "informe mensual. Tiene 30 minutos; se aprueba con 70 %.</p>"
            ),
            en=(
                "<p>Ten questions on movements and people, seasonality, returns, data quality and the monthly report. "
                "You have 30 minutes; the pass mark is 70%.</p>"
            ),
        ),
    },
}
