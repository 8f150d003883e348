"""After a change to what the analyses read, the worker prepares every analysis's figures and
drawing for the new version, so the first visit after the change usually finds them ready.

`analysis.cache.inputs_changed` queues the task once the change commits, at most one per
project at a time. A visit that comes before the task has run computes its own page, as it
would without the worker: the entries are keyed by the version, so neither can be stale.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from django_tasks import task

from analysis import network as analysis_network
from analysis import prepared, selectors
from analysis.cache import (
    CACHE_ALIAS,
    SAME_IN_EVERY_LANGUAGE,
    current_token_and_version,
    keep_version,
    lookup,
    queued_key,
    store,
)
from analysis.network_views import network_entries
from analysis.views import ANALYSES
from projects.models import Project


@task()
def analyses_refresh_task(project_id: int) -> None:
    # First: a change committed from now on queues the next refresh.
    caches[CACHE_ALIAS].delete(queued_key(project_id))
    project = Project.objects.filter(pk=project_id).first()
    if project is not None:
        analyses_prepare(project)


def analyses_prepare(project: Project) -> list[str]:
    """Keep every analysis page, the overview and the network (all relations, current ones)
    for the project's current version, in every language; returns the languages prepared
    (none when all were ready, as after a change the analyses do not read)."""
    token, version = current_token_and_version(project)
    languages = [
        code
        for code, _name in settings.LANGUAGES
        if _missing(project, version, code)
    ]
    if not languages:
        return []
    data = selectors.everything(project)
    net = analysis_network.network(project)
    kept: list[str] = []
    for code in languages:
        with translation.override(code):
            entries: dict[tuple[object, ...], object] = {}
            for analysis in ANALYSES:
                entries |= prepared.page_entries(project, analysis.name, data[analysis.name])
            entries[("overview",)] = prepared.overview_entry(project, data["overview"])
            entries |= network_entries(project, net, None, False)
            if kept:  # the plain figures are the same in every language: kept once
                entries = {
                    name: value
                    for name, value in entries.items()
                    if str(name[0]) not in SAME_IN_EVERY_LANGUAGE
                }
            kept += store(project, version, entries)
    # Computing took a while: the first visit should still find the version without taking it.
    keep_version(project, token, version)
    return languages


def _missing(project: Project, version: str, language: str) -> bool:
    with translation.override(language):
        found = lookup(project, version, ("page", "grid"), ("overview",), ("network", None, False))
    return any(entry is None for entry in found)
