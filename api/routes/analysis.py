"""The analyses as JSON: the figures behind each picture, computed as on the pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from ninja import Router

from analysis import compute, selectors
from analysis.network import Network, network
from api.access import project_for
from api.schemas import READ_ERRORS, PathId
from forcefield.selectors import ForceFieldAnalysis, forcefield
from parties.models import Relation

router = Router(tags=["analyses"])


def _analysis(
    name: str, result_type: type, summary: str | Promise, description: str | Promise
) -> None:
    def view(request: HttpRequest, project_id: PathId):
        return selectors.SELECTORS[name](project_for(request, project_id))

    view.__name__ = f"analysis_{name}"
    router.get(
        f"/{{project_id}}/analysis/{name}",
        response={200: result_type, **READ_ERRORS},
        summary=summary,
        description=description,
        url_name=f"analysis_{name}",
    )(view)


_analysis(
    "grid",
    compute.Grid,
    gettext_lazy("Power/interest grid"),
    gettext_lazy(
        "Each party's latest and previous power and interest, its quadrant at the project's "
        "threshold (a score at or above it is high), and the count per quadrant."
    ),
)
_analysis(
    "salience",
    compute.Salience,
    gettext_lazy("Salience classes"),
    gettext_lazy(
        "Mitchell, Agle and Wood: power, legitimacy and urgency present at 4 or 5; the seven "
        "classes and 'not a stakeholder', with the parties in each."
    ),
)
_analysis(
    "positions",
    compute.Positions,
    gettext_lazy("Position map"),
    gettext_lazy("Parties along the attitude scale −2…+2, with their power, grouped by layer."),
)
_analysis(
    "actors",
    compute.Actors,
    gettext_lazy("Actor map"),
    gettext_lazy(
        "Parties by role towards the project and ring of involvement, as friend, doubter or "
        "opponent."
    ),
)
_analysis(
    "engagement",
    compute.EngagementMatrix,
    gettext_lazy("Engagement matrix"),
    gettext_lazy(
        "Current and desired engagement per party and the gap between them, largest first."
    ),
)
_analysis(
    "feasibility",
    compute.Feasibility,
    gettext_lazy("Feasibility"),
    gettext_lazy(
        "The weight of support, opposition and the non-mobilised: the sum of power × "
        "|attitude| over the latest assessments, a neutral party counting power × 1."
    ),
)
_analysis(
    "coverage",
    compute.Coverage,
    gettext_lazy("Coverage of the target group"),
    gettext_lazy(
        "Per target-group segment the parties that reach it (gaps first), and the "
        "method's warnings."
    ),
)
_analysis(
    "support",
    compute.Support,
    gettext_lazy("Support over time"),
    gettext_lazy(
        "The support index Σ(power × attitude) / Σ(power) per layer and overall at every "
        "assessment date, each party counting with its latest assessment on or before it."
    ),
)


@router.get(
    "/{project_id}/analysis/network",
    response={200: Network, **READ_ERRORS},
    summary=gettext_lazy("Network of relations"),
    url_name="analysis_network",
    description=gettext_lazy(
        "Relations as an undirected graph: degree and exact betweenness per party (normalised "
        "as networkx does), the brokers, connected groups, parties without relations and a "
        "stable layout. `kind` limits it to one kind of relation; a relation whose end date has "
        "passed counts only with `past=true`."
    ),
)
def analysis_network(
    request: HttpRequest,
    project_id: PathId,
    kind: Relation.Kind | None = None,
    past: bool = False,
):
    project = project_for(request, project_id)
    # Exact at any size, as described; the page estimates it above analysis.network.EXACT_UP_TO.
    return network(project, kind.value if kind else None, include_past=past, exact=True)


@router.get(
    "/{project_id}/analysis/forcefield",
    response={200: ForceFieldAnalysis, **READ_ERRORS},
    summary=gettext_lazy("Force field"),
    url_name="analysis_forcefield",
    description=gettext_lazy(
        "Lewin's force field: the change wanted, the driving and restraining forces with their "
        "strength and actions, and the net force (driving minus restraining)."
    ),
)
def analysis_forcefield(request: HttpRequest, project_id: PathId):
    return forcefield(project_for(request, project_id))
