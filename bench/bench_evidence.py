"""Scanning a policy document.

Scanning a 300-page text PDF (reading every page, storing the text, finding the terms and
storing the passages), as a ratio to reading the text of the same file with pypdfium2 alone.
Goal: at most 1.5.

Run: .venv/bin/python -m bench.bench_evidence
"""

from __future__ import annotations

import statistics
import sys

from bench.common import median_seconds, report, setup_django

PAGES = 300
RUNS = 7


def _pdf() -> bytes:
    from tests.evidence.pdfs import make_pdf

    filler = (
        "De gemeente werkt aan een gezonde wijk waar iedereen meedoet en waar bewoners elkaar "
        "kennen. Het college legt elk jaar verantwoording af aan de raad over de voortgang."
    )
    hit = (
        "Wij willen de gezondheidsachterstanden verkleinen en de armoede bestrijden met "
        "proportioneel universalisme. Kwetsbare groepjes krijgen voorrang."
    )
    pages = []
    for number in range(PAGES):
        lines = [filler[i:i + 90] for i in range(0, len(filler), 90)] * 20
        if number % 3 == 0:
            lines.insert(10, hit[:90])
            lines.insert(11, hit[90:])
        pages.append("\n".join(lines))
    return make_pdf(pages)


def main() -> int:
    setup_django()
    import pypdfium2 as pdfium

    from evidence import services
    from evidence.models import PolicyDocument
    from tests.factories import make_project, make_user

    content = _pdf()

    def extraction_alone() -> None:
        pdf = pdfium.PdfDocument(content)
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()

    project = make_project(make_user("bench-evidence"))
    document = services.document_upload(
        project=project, data={"title": "Meerjarenplan"}, filename="plan.pdf", content=content
    )

    def scan() -> None:
        services.document_scan(document_id=document.pk)

    # The two are timed in turns, so a machine that gets busier or quieter during the run
    # weighs on both alike.
    extraction_alone()
    scan()
    baselines, scans = [], []
    for _ in range(RUNS):
        baselines.append(median_seconds(extraction_alone, repeat=1, warmup=0))
        scans.append(median_seconds(scan, repeat=1, warmup=0))
    baseline, scanned = statistics.median(baselines), statistics.median(scans)
    document = PolicyDocument.objects.get(pk=document.pk)
    report(f"pypdfium2 text of {PAGES} pages", baseline * 1000, "ms")
    report(f"scan of {PAGES} pages ({document.passages.count()} passages)", scanned * 1000, "ms")
    ratio = scanned / baseline
    report("scan / pypdfium2 alone", ratio, "×", goal="≤ 1.5")
    return 0 if ratio <= 1.5 and document.status == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
