"""Wagtail's and wagtail-localize's admin messages, for the project's Spanish catalogue.

Why this package exists: Wagtail 8.0 and wagtail-localize 1.14 ship Spanish catalogues that lack
a few hundred of their admin's messages (the dashboard's "102 Pages", "Search all pages…",
"Go to the first error", the translation editor's buttons...), so a trainer working in Spanish
saw English mixed in. The project's catalogue (`LOCALE_PATHS`, lms/locale) takes precedence
over every app's, so the missing translations are supplied there; and since the catalogue holds
only what `makemessages` extracts from the project's source, the messages are listed in this
package, character for character as Wagtail writes them (a msgid that differs by one character
translates nothing). Nothing imports this package at run time; `gettext_noop` and
`ngettext_lazy` only mark the strings. tests/core/test_i18n_admin.py checks that each one is still
one of Wagtail's messages and that every message of the installed Wagtail apps reads in Spanish.

`CORRECTED` are messages Wagtail does translate, but wrongly for this platform: "locale" as
"región" (a locale here is a language), generic messages that give a masculine ending to any
model's name ("Pregunta '…' creado"), and a few that lose a space next to a placeholder
("Editando término del glosarioTérmino dos") or misspell a word ("etiquedas").

After upgrading Wagtail or wagtail-localize, tests/core/test_i18n_admin.py lists what is new:
add it to the module of its app, translate it in the fragments, run the catalogue sync.

The JavaScript messages (Wagtail's `djangojs` domain) are in lms/locale/es/LC_MESSAGES/djangojs.po.

The messages, by where they come from:

- `wagtail_admin`: what the Spanish catalogue of `wagtail.admin` lacks;
- `wagtail_apps`: what the other Wagtail apps' and wagtail-localize's catalogues lack;
- `plurals_and_corrections`: plural messages that are missing (`MISSING_PLURALS`), and the
  messages translated wrongly for this platform (`CORRECTED`).
"""
