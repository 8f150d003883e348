"""CBS open data (StatLine's OData feed, the one the `cbsodata` package reads): one table's
figures for the project's region codes, read into the same table shape as an uploaded file, so
the import checks and stores them as it does a file (all or nothing, an error per row).

Off unless `DRAAGVLAK_CBS_ODATA_URL` names the feed (https://opendata.cbs.nl/ODataApi/odata).
The worker fetches; a page never waits on CBS. A table answers at `<id>/DataProperties` (its
dimensions and topics: `Type` GeoDimension, TimeDimension, Dimension or Topic, with `Key`,
`Title`, `Unit`), `<id>/<dimension key>` (a dimension's categories, `Key` and `Title`) and
`<id>/TypedDataSet` (a row per combination, a column per topic). Every answer is a JSON object
with `value` (a list) and, while more rows wait, `odata.nextLink`. Region keys are padded with
spaces ("GM0363    ").

A table with more dimensions than region and period (age, sex …) gives an indicator per topic
and category, named after both. The dimension of margins that CBS's health tables carry
(`MW00000` value, `MOG0095` and `MBG0095` the 95% bounds) gives each figure its confidence
bounds instead.
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


def check_table(table_id: str) -> str:
    """The table's id as CBS writes it, or `SourceError` (nothing unexpected goes into a
    request)."""
    table_id = table_id.strip().upper()
    if not _TABLE_ID.match(table_id):
        raise SourceError(_("“%(table)s” is not a CBS table id (e.g. 85012NED).") % {
            "table": table_id[:20]
        })
    return table_id


def check_codes(region_codes: Iterable[str]) -> list[str]:
    """The region codes, sorted and without repeats, or `SourceError`."""
    codes = sorted({code.strip().upper() for code in region_codes if code.strip()})
    wrong = [code for code in codes if not _CODE.match(code)]
    if wrong or not codes:
        raise SourceError(_("Give the CBS region codes of the place (e.g. GM0363)."))
    return codes


def check_request(table_id: str, region_codes: Iterable[str]) -> tuple[str, list[str]]:
    return check_table(table_id), check_codes(region_codes)


def _pages(client: Client, path: str, params: dict[str, str] | None) -> Iterator[list[dict]]:
    for _page in range(MAX_PAGES):
        answer = client.get_json(path, params=params)
        if not isinstance(answer, dict) or not isinstance(answer.get("value"), list):
            raise malformed(LABEL)
        yield [row for row in answer["value"] if isinstance(row, dict)]
        # OData 3 (StatLine) names the next page so; OData 4 with an "@" in front
        link = answer.get("odata.nextLink") or answer.get("@odata.nextLink")
        if not link:
            return
        if not isinstance(link, str) or not link.startswith(str(client.http.base_url)):
            raise malformed(LABEL)
        path, params = link, None
    raise SourceError(_("%(source)s answered with more data than expected; nothing was changed.")
                      % {"source": LABEL})


# The categories of CBS's dimension of margins: the value and its 95% confidence bounds.
MARGINS = {"MW00000": "value", "MOG0095": "lower", "MBG0095": "upper"}
HEADERS = ["Indicator", "Unit", "Codering (code)", "Perioden", "Value", "Lower", "Upper"]


def _clean(value: Any) -> str:
    return str(value or "").strip()


def table_from(properties: list[dict[str, Any]], rows: list[dict[str, Any]],
               categories: dict[str, dict[str, str]] | None = None,
               codes: Iterable[str] = ()) -> Table:
    """CBS's rows as a long table: an indicator per topic (and category of any further
    dimension), its unit, the region code, the period, the value and, from the dimension of
    margins, its bounds. Only the rows of the asked codes are kept."""
    categories = categories or {}
    region = next((p.get("Key") for p in properties if p.get("Type") == "GeoDimension"), None)
    period = next((p.get("Key") for p in properties if p.get("Type") == "TimeDimension"), None)
    topics = [p for p in properties if p.get("Type") == "Topic" and p.get("Key")]
    dimensions = [p.get("Key") for p in properties
                  if p.get("Type") == "Dimension" and p.get("Key")]
    if not region or not period or not topics:
        raise malformed(LABEL)
    margins = next((key for key in dimensions
                    if set(categories.get(key, {})) & set(MARGINS)), None)
    others = [key for key in dimensions if key != margins]
    wanted = set(codes)
    figures: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        code = _clean(row.get(region)).upper()
        if wanted and code not in wanted:
            continue
        part = MARGINS.get(_clean(row.get(margins))) if margins else "value"
        if part is None:
            continue  # a margin other than the 95% bounds
        names = [categories.get(key, {}).get(_clean(row.get(key)), _clean(row.get(key)))
                 for key in others]
        for topic in topics:
            key = (topic["Key"], *names, code, _clean(row.get(period)))
            figures.setdefault(key, {})[part] = row.get(topic["Key"])
    table = Table(headers=list(HEADERS))
    titles = {t["Key"]: str(t.get("Title") or t["Key"]).strip() for t in topics}
    units = {t["Key"]: str(t.get("Unit") or "").strip()[:40] for t in topics}
    for number, ((topic, *rest), parts) in enumerate(figures.items(), 2):
        *names, code, when = rest
        name = titles[topic]
        if names:
            name = f"{name} ({', '.join(n for n in names if n)})"
        table.rows.append((number, [name[:300], units[topic], code, when, parts.get("value"),
                                    parts.get("lower"), parts.get("upper")]))
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
        properties = [p for page in _pages(client, f"{table_id}/DataProperties", None)
                      for p in page]
        region = next((p.get("Key") for p in properties if p.get("Type") == "GeoDimension"), "")
        if not isinstance(region, str) or not re.match(r"^\w+$", region):
            raise malformed(LABEL)
        categories: dict[str, dict[str, str]] = {}
        for prop in properties:
            key = prop.get("Key")
            if prop.get("Type") == "Dimension" and isinstance(key, str) and re.match(r"^\w+$", key):
                categories[key] = {
                    _clean(c.get("Key")): _clean(c.get("Title"))
                    for page in _pages(client, f"{table_id}/{key}", None) for c in page
                }
        # CBS pads region keys with spaces to a width that differs per table, so the codes are
        # asked as substrings and the rows of other codes dropped (no full code holds another).
        wanted = " or ".join(f"substringof('{code}',{region})" for code in codes)
        rows = [r for page in _pages(client, f"{table_id}/TypedDataSet", {"$filter": wanted})
                for r in page]
    return table_from(properties, rows, categories, codes)


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
    roles = [Role.INDICATOR, Role.UNIT, Role.REGION_CODE, Role.PERIOD, Role.VALUE, Role.LOWER,
             Role.UPPER]
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
