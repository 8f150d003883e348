"""The markup that lets pages fit a phone: contact persons as cards with erasure kept apart,
the project menu as a disclosure, wide tables in their own scrolling box, and long choice
lists marked for the filter box. The browser audit (tests/browser/test_page_audit.py) checks
how these look and behave; these checks hold without a browser."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.factories import make_contact, make_party


def _html(client, url: str) -> str:
    client.cookies["draagvlak_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_erasing_a_contact_person_is_apart_from_the_everyday_actions(client, team):
    party = make_party(team.project, name="OCMW")
    contact = make_contact(party, name="An Claes", email="an.claes@example.org")
    client.force_login(team.editor)
    html = _html(client, reverse("parties:detail", args=[team.project.pk, party.pk]))

    card = re.search(r'<li class="card">.*?</li>', html, re.S).group(0)
    actions = re.search(r'<p class="card-actions">.*?</p>', card, re.S).group(0)
    privacy = re.search(r'<p class="card-privacy">.*?</p>', card, re.S).group(0)
    erase = reverse("parties:contact_erase", args=[team.project.pk, party.pk, contact.pk])
    delete = reverse("parties:contact_delete", args=[team.project.pk, party.pk, contact.pk])
    assert delete in actions and erase not in actions
    assert erase in privacy and delete not in privacy
    assert "Move to the bin" in actions  # says what the everyday delete does

    confirmation = _html(client, erase)
    assert "This cannot be undone." in confirmation
    assert "Name, function, e-mail address and phone number are removed" in confirmation


def test_a_contributor_moves_a_person_to_the_bin_but_sees_no_erasure(client, team):
    party = make_party(team.project)
    contact = make_contact(party, name="An Claes")
    client.force_login(team.contributor)
    html = _html(client, reverse("parties:detail", args=[team.project.pk, party.pk]))
    assert reverse("parties:contact_delete", args=[team.project.pk, party.pk, contact.pk]) in html
    assert "card-privacy" not in html


def test_the_project_menu_folds_into_one_button(client, team):
    client.force_login(team.owner)
    html = _html(client, reverse("projects:dashboard", args=[team.project.pk]))
    menu = re.search(
        r'<details class="project-menu">\s*<summary>(.*?)</summary>(.*?)</details>', html, re.S
    )
    assert menu is not None
    assert menu.group(1) == "Project menu"
    assert reverse("parties:list", args=[team.project.pk]) in menu.group(2)


def test_wide_tables_scroll_in_their_own_box(client, team):
    party = make_party(team.project, name="OCMW")
    make_contact(party, name="An Claes")
    client.force_login(team.owner)
    for url in (
        reverse("projects:list"),
        reverse("projects:members", args=[team.project.pk]),
        reverse("parties:history", args=[team.project.pk, party.pk]),
    ):
        html = _html(client, url)
        tables = html.count("<table")
        assert tables and html.count('<div class="table-wrap"><table') == tables, url


def test_long_choice_lists_are_marked_for_the_filter_box(client, team):
    party = make_party(team.project, name="OCMW")
    person = make_contact(party, name="An Claes")
    client.force_login(team.editor)
    html = _html(client, reverse("engagement:moment_create", args=[team.project.pk]))
    assert html.count('class="field choices') == 3  # parties, people, members
    # Each person names the party, so the list can narrow to the chosen parties.
    assert re.search(rf'data-party="{party.pk}"[^>]*id="id_contact_persons_0"', html) or re.search(
        rf'id="id_contact_persons_0"[^>]*data-party="{party.pk}"', html
    ), person
