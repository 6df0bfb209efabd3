"""The base template: landmarks, skip link, role-dependent navigation, light pages."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import client_for, make_role_user

pytestmark = pytest.mark.django_db


def _nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'href="([^"]+)"', nav)


def test_base_template_has_skip_link_landmarks_and_one_h1():
    html = Client().get("/").content.decode()
    assert html.index('class="skip-link" href="#main"') < html.index("<header")
    assert '<main id="main"' in html
    assert '<nav class="main-nav" aria-label="Principal">' in html
    assert "<footer" in html
    assert html.count("<h1") == 1
    assert 'name="viewport"' in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["/"]),
        ("learner", ["/", "/courses/my-learning/", "/sandbox/", "/account/"]),
        ("focal_point", ["/", "/courses/my-learning/", "/tracking/", "/account/"]),
        ("regional_coordinator", ["/", "/courses/my-learning/", "/tracking/", "/account/"]),
        ("trainer", ["/", "/courses/my-learning/", "/sandbox/", "/account/", "/admin/"]),
        ("administrator", ["/", "/courses/my-learning/", "/sandbox/", "/tracking/", "/account/", "/admin/"]),
    ],
)
def test_navigation_depends_on_the_role(role, expected):
    html = client_for(make_role_user(role)).get("/").content.decode()
    assert _nav_links(html) == expected


def test_navigation_links_the_course_catalogue_in_the_page_language():
    from tests.courses.factories import catalogue

    spanish, english = catalogue("es"), catalogue("en")
    assert _nav_links(Client().get("/").content.decode()) == ["/", spanish.url]
    assert _nav_links(Client().get("/en/").content.decode()) == ["/en/", english.url]
    assert f'<h3><a href="{spanish.url}">Cursos</a></h3>' in Client().get("/").content.decode()


def test_current_page_is_marked_for_screen_readers():
    html = client_for(make_role_user("learner")).get("/account/").content.decode()
    assert '<a href="/account/" aria-current="page">' in html


def _current_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)" aria-current="page">', nav)


@pytest.mark.parametrize("language", ["es", "en"])
def test_exactly_one_navigation_item_is_current_in_either_language(language):
    """The catalogue (/en/courses/) starts the path of My learning (/en/courses/my-learning/): only
    the longest match is current, and the home page only on itself."""
    from tests.courses.factories import catalogue

    prefix = "" if language == "es" else "/en"
    catalogue_url = catalogue(language).url
    client = client_for(make_role_user("administrator"))
    expected = {
        f"{prefix}/": f"{prefix}/",
        catalogue_url: catalogue_url,
        f"{prefix}/courses/my-learning/": f"{prefix}/courses/my-learning/",
        f"{prefix}/account/": f"{prefix}/account/",
        f"{prefix}/account/password/": f"{prefix}/account/",
        # My certificates is a part of My learning (its last section links to it).
        f"{prefix}/certificates/": f"{prefix}/courses/my-learning/",
        f"{prefix}/sandbox/": f"{prefix}/sandbox/",
        f"{prefix}/tracking/": f"{prefix}/tracking/",
    }
    current = {path: _current_links(client.get(path, follow=True).content.decode()) for path in expected}
    assert current == {path: [link] for path, link in expected.items()}


def test_the_public_verification_pages_belong_to_no_navigation_item():
    client = client_for(make_role_user("learner"))
    for path in ("/certificates/verify/", "/en/certificates/verify/"):
        assert _current_links(client.get(path).content.decode()) == [], path


def test_signed_in_pages_show_who_is_signed_in_and_a_logout_button():
    html = client_for(make_role_user("focal_point")).get("/").content.decode()
    assert 'action="/account/logout/"' in html
    assert "Punto focal de país" in html


def test_pages_load_nothing_from_another_origin():
    html = Client().get("/").content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http://", "https://", "//")), url


def test_home_page_with_everything_it_loads_stays_under_300_kb():
    from django.contrib.staticfiles import finders

    html = Client().get("/").content.decode()
    assets = [url.removeprefix("/static/") for url in re.findall(r'(?:src|href)="(/static/[^"]+)"', html)]
    for css in [a for a in assets if a.endswith(".css")]:
        text = Path(finders.find(css)).read_text(encoding="utf-8")
        assets += [f"{Path(css).parent.parent}/{u}".lstrip("./") for u in re.findall(r'url\("\.\./([^"]+)"\)', text)]
    total = len(html.encode()) + sum(Path(finders.find(asset)).stat().st_size for asset in assets)
    assert total < 300 * 1024, total


def test_stylesheet_and_fonts_are_vendored_static_files():
    from django.contrib.staticfiles import finders

    css = finders.find("css/site.css")
    assert css
    text = Path(css).read_text(encoding="utf-8")
    fonts = re.findall(r'url\("\.\./(fonts/[^"]+)"\)', text)
    assert fonts
    for font in fonts:
        assert finders.find(font), font


def test_every_page_title_names_the_page_and_the_platform():
    assert (
        "<title>Iniciar sesión · Plataforma de capacitación OCAM</title>"
        in Client().get("/account/login/").content.decode()
    )
    not_found = Client().get("/no-such-page/").content.decode()
    assert "<title>Página no encontrada · Plataforma de capacitación OCAM</title>" in not_found
    assert "<title>Plataforma de capacitación OCAM</title>" in Client().get("/").content.decode()


@pytest.mark.parametrize(("role", "most"), [("anonymous", 5), ("learner", 10)])
def test_home_page_query_count_stays_small(role, most, django_assert_max_num_queries):
    client = client_for(make_role_user(role))
    client.get("/")
    with django_assert_max_num_queries(most):
        assert client.get("/").status_code == 200


def test_uploads_are_served_by_django_only_in_debug(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "note.txt").write_text("hola", encoding="utf-8")
    settings.DEBUG = False
    assert Client().get("/media/note.txt").status_code == 404
    settings.DEBUG = True
    assert b"".join(Client().get("/media/note.txt").streaming_content) == b"hola"
