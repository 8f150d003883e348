"""Finding likely duplicates in a 5,000-party register, against scoring every pair.

The register has realistic Dutch and Flemish names (organisation words, places, numbered schools
and teams) with duplicates injected in the ways registers get them: another case, a typo,
punctuation, word order, an abbreviation written out, a shorter name, and contact persons that
share an e-mail address or phone number. Prints the median time of the finder (three queries,
then blocked RapidFuzz comparisons), the time of the naive way (every pair of names scored with
the same scorer from Python, run once) and the ratio, and how many of the injected duplicates
were found.
"""

from __future__ import annotations

import random
import time

from bench.common import median_seconds, report, setup_django

PARTIES = 5000
INJECTED = 300

KINDS = [
    "Basisschool", "Huisartsenpraktijk", "Sportvereniging", "Buurtteam", "Wijkcentrum",
    "Apotheek", "Stichting", "Jeugdhuis", "Bibliotheek", "Kinderopvang", "Fysiotherapie",
    "Woningcorporatie", "Moskee", "Parochie", "Tandartspraktijk", "Thuiszorg", "Dansschool",
    "Voedselbank", "Speeltuinvereniging", "Wijkraad", "Seniorenvereniging", "Muziekschool",
]
NAMES = [
    "De Regenboog", "De Klimop", "Het Anker", "De Linde", "Zonnebloem", "De Horizon", "Sint-Jozef",
    "De Vlinder", "Het Kompas", "De Wilg", "De Eik", "Zeven Zeeën", "De Bron", "Het Baken",
    "De Parel", "Morgenster", "De Toekomst", "Het Palet", "De Brug", "Samen Sterk", "De Duif",
]
PLACES = [
    "Hoogveld", "Gent", "Zwolle", "Deventer", "Brugge", "Kortrijk", "Amersfoort", "Leuven",
    "Tilburg", "Breda", "Aalst", "Hasselt", "Noord", "Zuid", "Oost", "West", "Centrum",
]
AGENCIES = [
    ("GGD {place}", "Gemeentelijke Gezondheidsdienst {place}"),
    ("CAW {place}", "Centrum Algemeen Welzijnswerk {place}"),
    ("OCMW {place}", "Openbaar Centrum voor Maatschappelijk Welzijn {place}"),
    ("CJG {place}", "Centrum voor Jeugd en Gezin {place}"),
]


def _typo(name: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(name) - 1)
    return name[:at] + name[at + 1 :]


def _variant(name: str, rng: random.Random) -> str:
    words = name.split()
    change = rng.choice(["case", "typo", "punctuation", "order", "suffix"])
    if change == "case":
        return name.lower()
    if change == "typo" and len(name) > 12:
        return _typo(name, rng)
    if change == "punctuation":
        return "-".join(words)
    if change == "order" and len(words) > 2:
        return " ".join(words[1:] + words[:1])
    return f"{name} vzw"


def register_names(rng: random.Random) -> tuple[list[str], list[tuple[int, int]]]:
    """PARTIES names, and the positions of the injected duplicate pairs."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < PARTIES - INJECTED:
        name = f"{rng.choice(KINDS)} {rng.choice(NAMES)} {rng.choice(PLACES)}"
        if rng.random() < 0.2:
            name += f" {rng.randint(1, 40)}"
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    pairs = []
    for n in range(INJECTED):
        if n % 6 == 0:
            short, long = rng.choice(AGENCIES)
            place = f"{rng.choice(PLACES)} {n}"
            names.append(short.format(place=place))
            names.append(long.format(place=place))
            pairs.append((len(names) - 2, len(names) - 1))
        else:
            original = rng.randrange(len(names))
            names.append(_variant(names[original], rng))
            pairs.append((original, len(names) - 1))
    return names[:PARTIES], [pair for pair in pairs if pair[1] < PARTIES]


def main() -> None:
    setup_django()
    from rapidfuzz import fuzz

    from accounts.models import User
    from parties.duplicates import NAME_CUTOFF, Register, find_pairs, name_words
    from parties.models import ContactPerson, Party
    from projects.models import Membership, Organisation, Project, Role

    rng = random.Random(12)
    names, injected = register_names(rng)
    owner = User.objects.create_user("dupes", "dupes@example.org", "bench")
    project = Project.objects.create(
        title="Duplicates", organisation=Organisation.objects.create(name="GGD Bench")
    )
    Membership.objects.create(project=project, user=owner, role=Role.OWNER)
    Party.objects.bulk_create(Party(project=project, name=name, sort_name="") for name in names)
    ids = list(Party.objects.filter(project=project).order_by("pk").values_list("pk", flat=True))
    # One contact person on every other party; some share an address or a number.
    ContactPerson.objects.bulk_create(
        ContactPerson(
            party_id=pk,
            name=f"Contact {n}",
            email=f"info{n // 2 if n % 50 == 0 else n}@example.org",
            phone=f"+31 20 {n // 2 if n % 70 == 0 else n:07d}",
        )
        for n, pk in enumerate(ids[::2])
    )
    print(f"Duplicates: {PARTIES} parties, {len(injected)} injected duplicates")

    ours = median_seconds(lambda: find_pairs(Register.of(project)), repeat=3)
    report("find likely duplicates (ours), median", ours, "s", "< 2 s")

    keys = [" ".join(sorted(name_words(name))) for name in names]
    start = time.perf_counter()
    naive = 0
    for i, key in enumerate(keys):
        for other in keys[i + 1 :]:
            if fuzz.ratio(key, other, score_cutoff=NAME_CUTOFF):
                naive += 1
    theirs = time.perf_counter() - start
    report("every pair's names scored from Python (naive), once", theirs, "s")
    report("naive / ours", theirs / ours, "×", "> 1")

    found = {(pair.first.id, pair.second.id) for pair in find_pairs(Register.of(project))}
    hits = sum((ids[a], ids[b]) in found for a, b in injected)
    print(f"  {len(found)} pairs found; {hits} of the {len(injected)} injected duplicates "
          f"among them; {naive} pairs of names alike in the naive way")


if __name__ == "__main__":
    main()
