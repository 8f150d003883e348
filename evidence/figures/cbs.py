"""CBS open data (StatLine's OData feed): one table's figures for the project's region codes,
read into the same table shape as an uploaded StatLine export, so the import checks and stores
them as it does a file (all or nothing, an error per row).

Off unless `DRAAGVLAK_CBS_ODATA_URL` names the feed (e.g. https://odata4.cbs.nl/CBS). The
worker fetches; a page never waits on CBS. Each answer of `TypedDataSet` and `Properties` is
a JSON object with `value` (a list of rows) and, while more rows wait, `@odata.nextLink`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from governance.connectors.http import Client, SourceError, malformed
from transfer.reading import Table

LABEL = "CBS open data"
# CBS asks clients to keep to a few requests a second.
INTERVAL = 0.5
MAX_PAGES = 200
_TABLE_ID = re.compile(r"^[0-9]{5}[A-Z]{3}$")
_CODE = re.compile(r"^[A-Z]{2}[0-9]{2,8}$")


def base_url() -> str:
    """The feed's address, or "" when the connector is off."""
    return settings.CBS_ODATA_URL.rstrip("/")


def check_request(table_id: str, region_codes: Iterable[str]) -> tuple[str, list[str]]:
    """The table's id and the region codes, refused with a message when CBS writes no such
    thing (so nothing unexpected goes into the request)."""
    table_id = table_id.strip().upper()
    if not _TABLE_ID.match(table_id):
        raise SourceError(_("“%(table)s” is not a CBS table id (e.g. 85012NED).") % {
            "table": table_id[:20]
        })
    codes = sorted({code.strip().upper() for code in region_codes if code.strip()})
    wrong = [code for code in codes if not _CODE.match(code)]
    if wrong or not codes:
        raise SourceError(_("Give the CBS region codes of the place (e.g. GM0363)."))
    return table_id, codes


def _pages(client: Client, path: str, params: dict[str, str] | None) -> Iterator[list[dict]]:
    for _page in range(MAX_PAGES):
        answer = client.get_json(path, params=params)
        if not isinstance(answer, dict) or not isinstance(answer.get("value"), list):
            raise malformed(LABEL)
        yield [row for row in answer["value"] if isinstance(row, dict)]
        link = answer.get("@odata.nextLink")
        if not link:
            return
        if not isinstance(link, str) or not link.startswith(str(client.http.base_url)):
            raise malformed(LABEL)
        path, params = link, None
    raise SourceError(_("%(source)s answered with more data than expected; nothing was changed.")
                      % {"source": LABEL})


def table_from(properties: list[dict[str, Any]], rows: list[dict[str, Any]]) -> Table:
    """CBS's rows as a StatLine export: region code, period, a column per topic with its
    unit in brackets (what `plan_import` reads as a wide table)."""
    region = next((p.get("Key") for p in properties if p.get("Type") == "GeoDimension"), None)
    period = next((p.get("Key") for p in properties if p.get("Type") == "TimeDimension"), None)
    topics = [p for p in properties if p.get("Type") == "Topic" and p.get("Key")]
    if not region or not period or not topics:
        raise malformed(LABEL)
    headers = ["Codering (code)", "Perioden"]
    for topic in topics:
        title = str(topic.get("Title") or topic["Key"])[:250]
        unit = str(topic.get("Unit") or "").strip()[:40]
        headers.append(f"{title} ({unit})" if unit else title)
    table = Table(headers=headers)
    for number, row in enumerate(rows, 2):
        table.rows.append((number, [row.get(region), row.get(period),
                                    *(row.get(t["Key"]) for t in topics)]))
    return table


def fetch(*, table_id: str, region_codes: Iterable[str], url: str | None = None,
          transport=None) -> Table:
    """The table's figures for the given regions; `SourceError` with a message for the page
    when CBS cannot give them. An empty answer is an empty table."""
    url = base_url() if url is None else url
    if not url:
        raise SourceError(_("The CBS connector is not configured on this server."))
    table_id, codes = check_request(table_id, region_codes)
    with Client(source="cbs", label=LABEL, base_url=url + "/", interval=INTERVAL,
                transport=transport) as client:
        properties = [p for page in _pages(client, f"{table_id}/Properties", None) for p in page]
        region = next((p.get("Key") for p in properties if p.get("Type") == "GeoDimension"), "")
        wanted = " or ".join(f"{region} eq '{code}'" for code in codes)
        rows = [r for page in _pages(client, f"{table_id}/TypedDataSet", {"$filter": wanted})
                for r in page]
    return table_from(properties, rows)


SOURCE = "CBS StatLine, table %(table)s"
# CBS publishes its open data under CC BY 4.0 and asks to be named as the source.
LICENCE = "CC BY 4.0, Centraal Bureau voor de Statistiek (CBS)"


def cbs_import(*, project, user, table_id: str, region_codes: Iterable[str], transport=None):
    """Fetch and store a CBS table's figures for the project through the import's checks:
    all or nothing. The plan says what was stored or what was wrong; the batch is the import
    record of what was stored (None when nothing was)."""
    from evidence.figures.importing import Role, apply_import, plan_import
    from evidence.figures.models import FigureImport

    table = fetch(table_id=table_id, region_codes=region_codes, transport=transport)
    table_id = table_id.strip().upper()
    roles = [Role.REGION_CODE, Role.PERIOD] + [Role.VALUES] * (len(table.headers) - 2)
    plan = plan_import(table, roles)
    batch = None
    if plan.ok:
        with transaction.atomic():
            batch = FigureImport.objects.create(
                project=project, user=user, filename=f"CBS {table_id}", content=b"",
                source=SOURCE % {"table": table_id}, licence=LICENCE,
            )
            apply_import(batch=batch, plan=plan)
    return plan, batch
