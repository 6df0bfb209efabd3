"""Benchmarks: certificate PDFs (issue 5).

Each row runs in a child process (`python -m bench.certificates ROW`) with the bench settings
(production) and collected static files in a temporary LMS_VAR_DIR, as the HTTP rows' servers
do: Django and WeasyPrint start there once, and the child times the operations alone and
prints one JSON line. Add a row by adding its measurement to MEASUREMENTS and its Benchmark to
BENCHMARKS.

- **certificate render, shared font configuration**: `foundation.pdf.rendering.render_pdf` of the
  sample certificate (`certificates.drawing.layout.sample_layout("es")`, with a payload in its
  metadata), against a naive render of the same HTML: `weasyprint.HTML(...).write_pdf()` with
  WeasyPrint's default URL fetcher (the static URLs pointed at the collected files as file://
  URLs) and so a new FontConfiguration each time, which fetches and decodes every @font-face
  again. Both must give one page with the learner's name, set in the vendored Noto Sans.

The rows on Celery workers (a certificate issued by a warm worker, a batch on two workers) are
in `bench/certificates_worker/`, on PostgreSQL and Redis; BENCHMARKS lists them after these.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from io import BytesIO
from pathlib import Path

from bench import certificates_worker
from bench.core import Benchmark, BenchmarkFailed, Result, interleaved
from bench.server import bench_environment, child_result, manage_py

ROUNDS = 15
PER_ROUND = 2
WARMUP = 3
SAMPLE_PAYLOAD = "v1.eyJjb2RlIjoiN0syTTlRWFA0VE5IIn0.c2lnbmF0dXJlLW9mLXRoZS1zYW1wbGU"


def run_row(row: str) -> Result:
    """Run measurement `row` in a child process under the bench settings, with collected static files."""
    with tempfile.TemporaryDirectory(prefix="lms-bench-certificates-") as tmp:
        env = bench_environment(Path(tmp))
        if not env.get("CERTIFICATES_SIGNING_KEY_FILE"):
            env["CERTIFICATES_SIGNING_KEY_FILE"] = str(_throwaway_signing_key(Path(tmp)))
        manage_py(env, "collectstatic", "--noinput", "--verbosity", "0")
        return Result(**child_result("bench.certificates", row, env))


def _throwaway_signing_key(folder: Path) -> Path:
    """An Ed25519 key for the production settings, which refuse to start without one; nothing is signed with it."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = folder / "signing-key.pem"
    path.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return path


def _font_names(data: bytes) -> set[str]:
    from pypdf import PdfReader

    fonts = PdfReader(BytesIO(data)).pages[0]["/Resources"]["/Font"]
    return {str(font.get_object()["/BaseFont"]).partition("+")[2] for font in fonts.values()}


def _check(data: bytes, name: str, side: str) -> None:
    from certificates.drawing.layout import CSS_FAMILY_PREFIX
    from foundation.pdf.reading import page_count, pdf_text

    # The certificate declares the vendored Noto Sans files under its own family names
    # ("OCAM certificate Noto Sans"), which the PDF writes with hyphens.
    own = CSS_FAMILY_PREFIX.replace(" ", "-")
    pages, fonts = page_count(data), _font_names(data)
    noto = all(font.removeprefix(own).startswith("Noto") for font in fonts)
    if pages != 1 or name not in pdf_text(data) or not fonts or not noto:
        raise BenchmarkFailed(f"{side}: {pages} page(s), fonts {sorted(fonts)}, name found: {name in pdf_text(data)}")


def shared_font_configuration() -> Result:
    from django.conf import settings
    from weasyprint import HTML

    from certificates.drawing.html_to_pdf import PAYLOAD_METADATA_KEY
    from certificates.drawing.layout import sample_layout
    from certificates.drawing.layout_to_html import layout_html
    from certificates.drawing.pdf_reading import payload_from_pdf
    from foundation.pdf.rendering import render_pdf

    layout = sample_layout("es")
    html = layout_html(layout)
    static_files = Path(settings.STATIC_ROOT).resolve().as_uri() + "/"
    naive_html = html.replace(f'"{settings.STATIC_URL}', f'"{static_files}')
    if naive_html == html:
        raise BenchmarkFailed("the certificate's HTML names no static file")

    def naive() -> bytes:
        return HTML(string=naive_html, base_url=static_files).write_pdf()

    def ours() -> bytes:
        return render_pdf(html, metadata={PAYLOAD_METADATA_KEY: SAMPLE_PAYLOAD})

    _check(naive(), layout.learner_name, "naive render")
    data = ours()
    _check(data, layout.learner_name, "render_pdf")
    if payload_from_pdf(data) != SAMPLE_PAYLOAD:
        raise BenchmarkFailed("render_pdf lost the payload")
    return interleaved(naive, ours, rounds=ROUNDS, per_round=PER_ROUND, warmup=WARMUP)


# The measurements the child process can run, by row name.
MEASUREMENTS: dict[str, Callable[[], Result]] = {
    "shared_font_configuration": shared_font_configuration,
}

BENCHMARKS = [
    Benchmark(
        name="certificate render, shared font configuration",
        baseline="naive render (new FontConfiguration and default fetcher each time)",
        run=lambda: run_row("shared_font_configuration"),
        bound=0.75,
    ),
    *certificates_worker.BENCHMARKS,
]


def main(row: str) -> None:
    import django

    django.setup()
    result = MEASUREMENTS[row]()
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main(sys.argv[1])
