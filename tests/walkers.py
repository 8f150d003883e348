"""One object of every kind in a project, for the tests that walk every page and API route."""

from __future__ import annotations

from datetime import date

from evidence import services as evidence
from forcefield.services import action_create, force_create
from governance.services import decision_create, profile_create
from history.services import versions_of
from parties.services import party_delete, relation_create
from planning import services as planning
from projects.models import Role
from reports.models import BoardReport
from tests.engagement.factories import make_commitment, make_moment, make_review
from tests.evidence.factories import make_document
from tests.factories import add_member, assess, make_contact, make_party, make_segment, make_user
from transfer.models import ImportBatch


def project_object_ids(team) -> dict[str, int | str]:
    """Values for every URL parameter of the project's pages and API routes."""
    project = team.project
    party = make_party(project, name="Huis van het Kind")
    other = make_party(project, name="School")
    binned = make_party(project, name="In de prullenbak")
    party_delete(party=binned)
    segment = make_segment(project)
    force = force_create(project=project, data={"description": "Steun", "strength": 3})
    action = planning.plan_action_create(project=project, data={"title": "Folder maken"})
    success = planning.success_create(
        project=project,
        data={"title": "Eerste mondzorgdag", "achieved_on": date(2026, 3, 1)},
        parties=[party],
    )
    board = make_party(project, name="Wethouder Zorg", layer="board")
    document = make_document(project)
    passage = document.passages.first()
    profile = profile_create(party=board, data={"portfolios": "Zorg en welzijn"})
    return {
        "project_id": project.pk,
        "party_id": party.pk,
        "contact_id": make_contact(party).pk,
        "relation_id": relation_create(project=project, data={"source": party, "target": other}).pk,
        "assessment_id": assess(party).pk,
        "segment_id": segment.pk,
        "member_id": add_member(project, make_user("extra"), Role.VIEWER).pk,
        "invitation_id": project.invitations.create(email="new@example.org").pk,
        "version_id": versions_of(party).last().pk,
        "kind": "party",
        "object_id": binned.pk,
        "batch_id": ImportBatch.objects.create(
            project=project, user=team.owner, kind="party", filename="p.csv", content=b""
        ).pk,
        "force_id": force.pk,
        "force_action_id": action_create(force=force, data={"description": "Begroting"}).pk,
        "moment_id": make_moment(project, [party]).pk,
        "commitment_id": make_commitment(party).pk,
        "review_id": make_review(project).pk,
        "action_id": action.pk,
        "precondition_id": planning.precondition_create(
            action=action, data={"kind": "hours", "amount": 8}
        ).pk,
        "contribution_id": planning.contribution_create(
            project=project, data={"party": party, "contributes": "Lokaal"}
        ).pk,
        "activity_id": planning.participation_create(
            project=project,
            data={
                "title": "Gesprekken in de wachtzaal",
                "segment": segment,
                "starts_on": date(2026, 2, 1),
            },
        ).pk,
        "success_id": success.pk,
        "message_id": planning.success_message_create(
            project=project,
            data={"title": "Bericht", "text": "Goed nieuws"},
            successes=[success],
        ).pk,
        "item_key": "core-partners",
        # Stored files are what the report was issued with; any bytes do for walking the URLs.
        "report_id": BoardReport.objects.create(
            project=project, title="Rapportage", period_end=date(2026, 3, 1),
            pdf=b"%PDF-1.7", docx=b"PK",
        ).pk,
        "board_id": board.pk,
        "profile_id": profile.pk,
        "document_id": document.pk,
        "passage_id": passage.pk,
        "mark_id": evidence.mark_create(passage=passage, data={"note": "Kern"}).pk,
        "family_id": evidence.vocabulary(project=project)[0].pk,
        **_figure_ids(team),
        **_brief_ids(project),
        "decision_id": decision_create(
            project=project, data={"date": date(2026, 11, 5), "body": board}
        ).pk,
    }


def _brief_ids(project) -> dict[str, int]:
    # Stored files are what the brief was issued with; any bytes do for walking the URLs.
    from django.utils import timezone

    from evidence.brief import brief_create
    from evidence.models import IssuedBrief

    draft = brief_create(project=project, data={})
    issued = IssuedBrief.objects.create(
        brief=draft, project=project, title=draft.title, audience=draft.audience,
        issued_at=timezone.now(), pdf=b"%PDF-1.7", docx=b"PK",
    )
    return {"brief_id": draft.pk, "issued_id": issued.pk}



def _figure_ids(team) -> dict[str, int | str]:
    from evidence.figures.models import CbsRun, FigureImport
    from tests.evidence.test_figures_import import GGD_CSV, _run

    _run(team.project, team.owner, GGD_CSV.encode())
    indicator = team.project.indicators.get()
    pending = FigureImport.objects.create(
        project=team.project, user=team.owner, filename="f.csv", content=GGD_CSV.encode()
    )
    # A finished CBS fetch, so its page is walked with a result to show.
    run = CbsRun.objects.create(project=team.project, table_id="85012NED",
                                region_codes=["GM0363"], state=CbsRun.State.DONE,
                                figures_added=2, requested_by=team.owner)
    return {
        "indicator_id": indicator.pk, "figure_import_id": pending.pk, "region_code": "WK036300",
        "figure_id": indicator.figures.first().pk, "cbs_fetch_id": run.pk,
    }
