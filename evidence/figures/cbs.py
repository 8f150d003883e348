"""CBS open data (StatLine), read through the `cbsodata` package: one table's figures for the
project's region codes, read into the same table shape as an uploaded file, so the import
checks and stores them as it does a file (all or nothing, an error per row).

Off unless `DRAAGVLAK_CBS_ODATA_URL` names the feed (https://opendata.cbs.nl/ODataApi/odata).
Its scheme and host are what count: cbsodata builds the paths itself, on StatLine's bulk feed
(`<host>/ODataFeed/odata/<table>/…`); anything in the path before `ODataApi/odata` or
`ODataFeed/odata` is kept, for a feed behind a proxy. The worker fetches; a page never waits on
CBS. A table answers at `<id>/DataProperties` (its dimensions and topics: `Type` GeoDimension,
TimeDimension, Dimension or Topic, with `Key`, `Title`, `Unit`), `<id>/<dimension key>` (a
dimension's categories, `Key` and `Title`) and `<id>/TypedDataSet` (a row per combination, a
column per topic). Region keys are padded with spaces ("GM0363    ").

cbsodata follows the feed's `odata.nextLink` pages itself, with no bound on their number and no
hook to add one, and it reads each answer whole. What bounds a fetch is therefore the request:
the data rows are asked for the chosen region codes only (at most a few hundred codes, by the
page's and the API's limits), every request has a time-out and no redirect is followed, and an
answer with more rows than `MAX_ROWS` is refused before anything is read into the import.
`get_data` is not used: it swaps every key (region code, period, margin) for its title and
fetches every dimension, the full list of regions too; `get_meta` fetches one part of a table
and hands its `filters` to the same download.

A table with more dimensions than region and period (age, sex …) gives an indicator per topic
and category, named after both. The dimension of margins that CBS's health tables carry
(`MW00000` value, `MOG0095` and `MBG0095` the 95% bounds) gives each figure its confidence
bounds instead.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import cbsodata
import requests
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from governance.connectors import http
from governance.connectors.http import SourceError, malformed
from transfer.reading import Table

LABEL = "CBS open data"
# CBS asks clients to keep to a few requests a second. cbsodata fetches a part's pages one
# after the other on its own; the pace holds between the parts.
INTERVAL = 0.5
# (connect, read) in seconds, as the other connectors; requests has no time-out unless given.
TIMEOUT = (http.TIMEOUT.connect, http.TIMEOUT.read)
# Far above what a place's codes give in any StatLine table (a row per region, period and
# category); a larger answer is not what was asked.
MAX_ROWS = 100_000
_TABLE_ID = re.compile(r"^[0-9]{5}[A-Z]{3}$")
_CODE = re.compile(r"^[A-Z]{2}[0-9]{2,8}$")
_FEED_PATH = re.compile(r"/?(ODataApi|ODataFeed)/odata/?$", re.IGNORECASE)
# cbsodata keeps http or https in a module-wide option; it is set for each download under
# this lock, which also keeps the worker's threads to one CBS download at a time.
_options_lock = threading.Lock()


def base_url() -> str:
    """The feed's address, or "" when the connector is off."""
    return settings.CBS_ODATA_URL.rstrip("/")


def catalog(url: str) -> tuple[bool, str]:
    """Whether to use https, and the host (with any path before the feed's own) in the form
    cbsodata takes as `catalog_url`; `SourceError` when the address is not one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise SourceError(_("The CBS connector is not configured on this server."))
    prefix = _FEED_PATH.sub("", parts.path).rstrip("/")
    return parts.scheme == "https", parts.netloc + prefix


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


def _response(error: requests.HTTPError) -> requests.Response | None:
    # cbsodata raises a new HTTPError of its own, with the one requests raised as its cause.
    if error.response is not None:
        return error.response
    return getattr(error.__cause__, "response", None)


def _download(host: tuple[bool, str], table_id: str, part: str,
              filters: str | None = None) -> list[dict]:
    """One part of a table, all its pages, through cbsodata: a 429 waited out as its
    `Retry-After` asks (the part is asked again from its first page), every failure one of the
    connectors' messages."""
    use_https, catalog_url = host
    pace = http.pace_for("cbs", INTERVAL)
    for _attempt in range(http.MAX_RETRIES + 1):
        pace.wait()
        try:
            with _options_lock:
                if cbsodata.options.use_https != use_https:
                    cbsodata.options.use_https = use_https
                rows = cbsodata.get_meta(
                    table_id, part, catalog_url=catalog_url, filters=filters,
                    timeout=TIMEOUT, allow_redirects=False,
                )
        except requests.HTTPError as error:
            response = _response(error)
            status = response.status_code if response is not None else 0
            if status == 429:
                wait = http.retry_after_seconds(response.headers.get("Retry-After"))
                if wait is None or wait > http.MAX_RETRY_AFTER:
                    raise SourceError(
                        _("%(source)s asks to wait before the next request; nothing was "
                          "changed. Try again in a few minutes.") % {"source": LABEL}
                    ) from error
                http._sleep(wait)  # the connectors' one clock, which the tests replace
                continue
            if status >= 500:
                raise SourceError(
                    _("%(source)s has a fault of its own (HTTP %(status)d); nothing was "
                      "changed. Try again later.") % {"source": LABEL, "status": status}
                ) from error
            raise SourceError(
                _("%(source)s refused the request (HTTP %(status)d); nothing was changed.")
                % {"source": LABEL, "status": status}
            ) from error
        except requests.Timeout as error:
            raise SourceError(
                _("%(source)s did not answer in time; nothing was changed. Try again later.")
                % {"source": LABEL}
            ) from error
        except json.JSONDecodeError as error:
            raise SourceError(
                _("%(source)s answered with something that is not JSON; nothing was changed.")
                % {"source": LABEL}
            ) from error
        except requests.RequestException as error:
            raise SourceError(
                _("%(source)s could not be reached; nothing was changed. Try again later.")
                % {"source": LABEL}
            ) from error
        except (KeyError, TypeError) as error:
            # JSON, but no list of `value`s; a redirect, which is not followed, ends here or
            # as not JSON
            raise malformed(LABEL) from error
        if not isinstance(rows, list):
            raise malformed(LABEL)
        if len(rows) > MAX_ROWS:
            raise SourceError(
                _("%(source)s answered with more data than expected; nothing was changed.")
                % {"source": LABEL}
            )
        return [row for row in rows if isinstance(row, dict)]
    raise SourceError(
        _("%(source)s kept asking to wait; nothing was changed. Try again in a few minutes.")
        % {"source": LABEL}
    )


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


def fetch(*, table_id: str, region_codes: Iterable[str], url: str | None = None) -> Table:
    """The table's figures for the given regions; `SourceError` with a message for the page
    when CBS cannot give them. An empty answer is an empty table."""
    url = base_url() if url is None else url
    if not url:
        raise SourceError(_("The CBS connector is not configured on this server."))
    host = catalog(url)
    table_id, codes = check_request(table_id, region_codes)
    properties = _download(host, table_id, "DataProperties")
    region = next((p.get("Key") for p in properties if p.get("Type") == "GeoDimension"), "")
    if not isinstance(region, str) or not re.match(r"^\w+$", region):
        raise malformed(LABEL)
    categories: dict[str, dict[str, str]] = {}
    for prop in properties:
        key = prop.get("Key")
        if prop.get("Type") == "Dimension" and isinstance(key, str) and re.match(r"^\w+$", key):
            categories[key] = {_clean(c.get("Key")): _clean(c.get("Title"))
                               for c in _download(host, table_id, key)}
    # CBS pads region keys with spaces to a width that differs per table, so the codes are
    # asked as substrings and the rows of other codes dropped (no full code holds another).
    # Asking for the place's codes only is also what keeps the answer small (see above).
    wanted = " or ".join(f"substringof('{code}',{region})" for code in codes)
    rows = _download(host, table_id, "TypedDataSet", filters=wanted)
    return table_from(properties, rows, categories, codes)


SOURCE = "CBS StatLine, table %(table)s"
# CBS publishes its open data under CC BY 4.0 and asks to be named as the source.
LICENCE = "CC BY 4.0, Centraal Bureau voor de Statistiek (CBS)"


def cbs_import(*, project, user, table_id: str, region_codes: Iterable[str]):
    """Fetch and store a CBS table's figures for the project through the import's checks:
    all or nothing. The plan says what was stored or what was wrong; the batch is the import
    record of what was stored (None when nothing was)."""
    from evidence.figures.importing import Role, apply_import, plan_import
    from evidence.figures.models import FigureImport

    table = fetch(table_id=table_id, region_codes=region_codes)
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
