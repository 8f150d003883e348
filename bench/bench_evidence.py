"""Scanning a policy document.

Scanning a 300-page text PDF (reading every page, storing the text, finding the terms and
storing the passages), as a ratio to reading the text of the same file with pypdfium2 alone.
Goal: at most 1.5, in wall-clock time. The ratio in CPU time is printed beside it: it is
steadier on a busy machine, and it shows the work the scan adds (the wall-clock ratio can be
lower, as the pages are searched while PDFium reads the next ones).

Run: .venv/bin/python -m bench.bench_evidence
"""

from __future__ import annotations

import statistics
import sys
import time

from bench.common import report, setup_django

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
    runs: dict[str, list[float]] = {"alone": [], "alone_cpu": [], "scan": [], "scan_cpu": []}
    for _ in range(RUNS):
        for name, action in (("alone", extraction_alone), ("scan", scan)):
            wall, cpu = time.perf_counter(), time.process_time()
            action()
            runs[name].append(time.perf_counter() - wall)
            runs[f"{name}_cpu"].append(time.process_time() - cpu)
    m = {name: statistics.median(values) for name, values in runs.items()}
    document = PolicyDocument.objects.get(pk=document.pk)
    report(f"pypdfium2 text of {PAGES} pages", m["alone"] * 1000, "ms")
    report(f"scan of {PAGES} pages ({document.passages.count()} passages)", m["scan"] * 1000,
           "ms")
    ratio = m["scan"] / m["alone"]
    report("scan / pypdfium2 alone", ratio, "×", goal="≤ 1.5")
    report("scan / pypdfium2 alone, in CPU time", m["scan_cpu"] / m["alone_cpu"], "×")
    return 0 if ratio <= 1.5 and document.status == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
