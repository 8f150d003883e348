"""Parties that are probably the same: the pairs of a project's register, strongest first, each
with a score out of 100 and the reasons it was found.

Names are compared on the key of `parties.similarity` (case, accents and punctuation removed),
with common abbreviations written out the same way and the words sorted, so "GGD Hollands
Noorden", "Gemeentelijke Gezondheidsdienst Hollands-Noorden" and "Noorden Hollands GGD" meet.
Beside names: the same official code, or the same e-mail address or phone number on a contact
person.

Scoring every pair of a 5,000-party register one by one would take many seconds, so the
comparisons are blocked: RapidFuzz scores each name in C++ only against names of a length that
can still reach the cutoff, and names that contain or abbreviate each other are found by looking
their parts up in a dictionary instead of comparing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from parties.models import ContactPerson, DuplicateDismissal, Party
from parties.similarity import _key
from projects.models import Project
from projects.vocabulary import NETHERLANDS, project_country

# A name ratio (after sorting the words) from here on counts: a typo or two in a name of ten
# letters or more; as on the party form.
NAME_CUTOFF = 88
# The words in which two names alike differ must be alike at least this much: a misspelt word,
# not another one.
OWN_WORDS_CUTOFF = 75
# The score of a pair found by its official code, a contact's e-mail address or phone number.
CODE_SCORE = 100
EMAIL_SCORE = 95
PHONE_SCORE = 90
ABBREVIATION_SCORE = 90
# A name that is part of the other ("CAW Oost", "CAW Oost-Vlaanderen") scores between these,
# higher the more of the longer name it covers.
CONTAINED_LOW, CONTAINED_HIGH = 80, 95
# Two reasons together make a pair stronger than either alone.
SECOND_REASON_BONUS = 5
# An address or number shared by more parties than this is a switchboard or a shared inbox,
# not a sign of a duplicate.
MAX_SHARED = 20

# Long forms written as their usual abbreviation before comparing (keys: lower case, no
# accents or punctuation).
PHRASES = {
    "gemeentelijke gezondheidsdienst": "ggd",
    "centrum algemeen welzijnswerk": "caw",
    "openbaar centrum voor maatschappelijk welzijn": "ocmw",
    "centrum voor jeugd en gezin": "cjg",
    "centrum voor leerlingenbegeleiding": "clb",
    "jeugd gezondheidszorg": "jgz",
}
WORDS = {
    "jeugdgezondheidszorg": "jgz",
    "st": "sint",
    "stg": "stichting",
    "gem": "gemeente",
}
# Legal forms say nothing about which party it is.
LEGAL_FORMS = {"vzw", "bv", "nv", "cv", "vof", "bvba", "asbl", "ev"}
# Left out of initials: "Centrum voor Jeugd en Gezin" is CJG.
SMALL_WORDS = {"voor", "en", "van", "de", "het", "der", "den", "in", "op", "te", "of", "and"}
_PHRASE = re.compile(r"\b(" + "|".join(re.escape(p) for p in PHRASES) + r")\b")


class Reason:
    """Why a pair was found; `str()` says it in words."""

    CODE = "code"
    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"
    CONTAINED = "contained"
    ABBREVIATION = "abbreviation"


@dataclass(frozen=True)
class Found:
    kind: str
    score: int

    def __str__(self) -> str:
        if self.kind == Reason.CODE:
            return _("same official code")
        if self.kind == Reason.EMAIL:
            return _("same e-mail address on a contact person")
        if self.kind == Reason.PHONE:
            return _("same phone number on a contact person")
        if self.kind == Reason.ABBREVIATION:
            return _("one name abbreviates the other")
        if self.kind == Reason.CONTAINED:
            return _("one name is part of the other")
        return _("names alike: %(score)s") % {"score": self.score}


@dataclass(frozen=True)
class PartyRef:
    id: int
    name: str


@dataclass
class DuplicatePair:
    first: PartyRef  # the lower id
    second: PartyRef
    reasons: list[Found] = field(default_factory=list)

    @property
    def score(self) -> int:
        scores = sorted((reason.score for reason in self.reasons), reverse=True)
        bonus = SECOND_REASON_BONUS if len({r.kind for r in self.reasons}) > 1 else 0
        return min(100, scores[0] + bonus)


# Keys -------------------------------------------------------------------------------------


def name_words(name: str) -> tuple[str, ...]:
    """The name's words as compared: lower case, no accents or punctuation, abbreviations
    written one way, legal forms left out."""
    text = _PHRASE.sub(lambda match: PHRASES[match.group(1)], _key(name))
    words = (WORDS.get(word, word) for word in text.split())
    return tuple(word for word in words if word not in LEGAL_FORMS)


def _initials(words: Iterable[str]) -> str:
    return "".join(word[0] for word in words if word not in SMALL_WORDS)


def email_key(email: str) -> str:
    return email.strip().casefold()


def phone_key(phone: str, country: str = "NL") -> str:
    """Digits only, with the country code: "+31 (0)20-123 45 67", "0031 20 1234567" and
    "020 123 4567" are one number in the Netherlands; +32 and a Belgian 0 alike."""
    digits = re.sub(r"\D", "", phone.replace("(0)", ""))
    if not phone.strip().startswith("+"):
        if digits.startswith("00"):
            digits = digits[2:]
        elif digits.startswith("0"):
            digits = ("32" if country.upper() == "BE" else "31") + digits[1:]
    if digits[:3] in ("310", "320"):  # "+31 020 …": the trunk 0 kept after the country code
        digits = digits[:2] + digits[3:]
    return digits if len(digits) >= 9 else ""


def code_key(code: str) -> str:
    """ "BE 0123.456.789" and "123456789" are one KBO number; KvK numbers are digits too."""
    text = re.sub(r"[^0-9A-Za-z]", "", code).upper().removeprefix("BE")
    return "0" + text if len(text) == 9 and text.isdigit() else text


# Names ------------------------------------------------------------------------------------


class NameIndex:
    """The names of a register, ready to be compared with each other or with a new name."""

    def __init__(self, names: dict[int, str]) -> None:
        self.words = {pk: name_words(name) for pk, name in names.items()}
        self.ids = sorted(
            (pk for pk, words in self.words.items() if words),
            key=lambda pk: (len(self._sorted(pk)), pk),
        )
        self.keys = [self._sorted(pk) for pk in self.ids]
        self.lengths = [len(key) for key in self.keys]
        self.exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for pk, words in self.words.items():
            if words:
                self.exact[words].append(pk)

    @cached_property
    def longer(self) -> dict[tuple[str, ...], list[tuple[int, tuple[str, ...], str]]]:
        """The shorter forms of the register's names, each with the names it stands for."""
        forms = defaultdict(list)
        for pk, words in self.words.items():
            for shorter, kind in _runs(words):
                forms[shorter].append((pk, words, kind))
        return forms

    def _sorted(self, pk: int) -> str:
        return " ".join(sorted(self.words[pk]))

    def alike(self) -> Iterator[tuple[int, int, int]]:
        """(id, id, score) of names alike after sorting their words; each pair once."""
        for position, key in enumerate(self.keys):
            # No name longer than this can reach the cutoff against `key`: the ratio of two
            # strings is at most 2 * shorter / (both lengths).
            longest = len(key) * (200 - NAME_CUTOFF) // NAME_CUTOFF
            end = bisect_right(self.lengths, longest, lo=position + 1)
            if end <= position + 1:
                continue
            found = process.extract(
                key,
                self.keys[position + 1 : end],
                scorer=fuzz.ratio,
                score_cutoff=NAME_CUTOFF,
                limit=None,
                processor=None,
            )
            for _choice, score, offset in found:
                first, second = self.ids[position], self.ids[position + 1 + offset]
                if _same_party(self.words[first], self.words[second]):
                    yield first, second, round(score)

    def parts(self) -> Iterator[tuple[int, int, Found]]:
        """(id, id, reason) of a name that is a run of the other's words, or that the other
        abbreviates: found by looking up the runs of each name, not by comparing pairs."""
        exact = self.exact
        for pk, words in self.words.items():
            numbers = _numbers(words)
            for shorter, kind in _runs(words):
                others = exact.get(shorter)
                if not others:
                    continue
                if numbers and kind == Reason.CONTAINED and _numbers(shorter) != numbers:
                    continue  # "Basisschool De Wilg 2" is not part of the Basisschool De Wilg
                for other in others:
                    if other != pk:
                        yield pk, other, _part_reason(kind, shorter, words)

    def closest(self, name: str) -> tuple[int, Found] | None:
        """The register's name closest to `name`, if any is close enough."""
        words = name_words(name)
        if not words:
            return None
        if words in self.exact:
            return self.exact[words][0], Found(Reason.NAME, 100)
        numbers = _numbers(words)
        for shorter, kind in _runs(words):
            if shorter in self.exact and (kind != Reason.CONTAINED or _numbers(shorter) == numbers):
                return self.exact[shorter][0], _part_reason(kind, shorter, words)
        for pk, longer, kind in self.longer.get(words, ()):  # the new name inside theirs
            if kind != Reason.CONTAINED or _numbers(longer) == numbers:
                return pk, _part_reason(kind, words, longer)
        hit = process.extractOne(
            " ".join(sorted(words)),
            self.keys,
            scorer=fuzz.ratio,
            score_cutoff=NAME_CUTOFF,
            processor=None,
        )
        if hit is None or not _same_party(self.words[self.ids[hit[2]]], words):
            return None
        return self.ids[hit[2]], Found(Reason.NAME, round(hit[1]))


def _numbers(words: tuple[str, ...]) -> list[str]:
    return sorted(word for word in words if any(char.isdigit() for char in word))


def _same_party(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two names that are alike letter for letter may name one party: not when they
    differ in a number ("Wijkteam 3", "Wijkteam 4") or in a whole word ("Buurtteam De Wilg
    Noord", "Buurtteam De Wilg Zuid"), only in its spelling ("Holands", "Hollands")."""
    if _numbers(one) != _numbers(other):
        return False
    left = sorted(set(one) - set(other))
    right = sorted(set(other) - set(one))
    if not left or not right:
        return True
    return fuzz.ratio(" ".join(left), " ".join(right)) >= OWN_WORDS_CUTOFF


def _runs(words: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """The shorter names `words` may be written as: a run of two or more of its words (CAW Oost
    in CAW Oost Vlaanderen), or the name with a run of words replaced by their initials (CJG
    Hoogveld for Centrum voor Jeugd en Gezin Hoogveld)."""
    count = len(words)
    for start in range(count):
        for end in range(start + 2, count + 1):
            if end - start < count:
                yield words[start:end], Reason.CONTAINED
            run = words[start:end]
            # "CJG" leaves out the small words, "HvhK" (Huis van het Kind) keeps them.
            for initials in {_initials(run), "".join(word[0] for word in run)}:
                if len(initials) >= 2:
                    yield words[:start] + (initials,) + words[end:], Reason.ABBREVIATION


def _part_reason(kind: str, shorter: tuple[str, ...], longer: tuple[str, ...]) -> Found:
    if kind == Reason.ABBREVIATION:
        return Found(kind, ABBREVIATION_SCORE)
    covered = len(" ".join(shorter)) / len(" ".join(longer))
    return Found(kind, round(CONTAINED_LOW + (CONTAINED_HIGH - CONTAINED_LOW) * covered))


# Pairs ------------------------------------------------------------------------------------


def _shared(groups: dict[str, set[int]]) -> Iterator[tuple[int, int]]:
    for ids in groups.values():
        if 1 < len(ids) <= MAX_SHARED:
            ordered = sorted(ids)
            for i, first in enumerate(ordered):
                for second in ordered[i + 1 :]:
                    yield first, second


@dataclass
class Register:
    """What the finder needs of a project's register, read in three queries."""

    names: dict[int, str]
    codes: dict[int, str]
    contacts: list[tuple[int, str, str]]  # party id, e-mail address, phone
    dismissed: set[tuple[int, int]]
    country: str = "NL"

    @classmethod
    def of(cls, project: Project) -> Register:
        parties = Party.objects.filter(project=project).values_list("pk", "name", "official_code")
        names, codes = {}, {}
        for pk, name, code in parties:
            names[pk] = name
            if code:
                codes[pk] = code
        contacts = (
            ContactPerson.objects.filter(party__project=project, party__deleted_at__isnull=True)
            .filter(~Q(email="") | ~Q(phone=""))
            .values_list("party_id", "email", "phone")
        )
        dismissed = DuplicateDismissal.objects.filter(project=project).values_list(
            "party_low_id", "party_high_id"
        )
        # A local number is read in the project's country; the Netherlands when it has none.
        country = project_country(project) or NETHERLANDS
        return cls(names, codes, list(contacts), set(dismissed), country)


def find_pairs(register: Register) -> list[DuplicatePair]:
    """Every likely duplicate pair of the register that nobody dismissed, strongest first."""
    pairs: dict[tuple[int, int], DuplicatePair] = {}
    names = register.names

    def add(a: int, b: int, reason: Found) -> None:
        key = (a, b) if a < b else (b, a)
        if key in register.dismissed or a == b:
            return
        pair = pairs.get(key)
        if pair is None:
            pair = pairs[key] = DuplicatePair(
                PartyRef(key[0], names[key[0]]), PartyRef(key[1], names[key[1]])
            )
        same = next((r for r in pair.reasons if r.kind == reason.kind), None)
        if same is None:
            pair.reasons.append(reason)
        elif same.score < reason.score:
            pair.reasons[pair.reasons.index(same)] = reason

    index = NameIndex(names)
    for a, b, score in index.alike():
        add(a, b, Found(Reason.NAME, score))
    for a, b, reason in index.parts():
        add(a, b, reason)
    codes: dict[str, set[int]] = defaultdict(set)
    for pk, code in register.codes.items():
        if key := code_key(code):
            codes[key].add(pk)
    emails: dict[str, set[int]] = defaultdict(set)
    phones: dict[str, set[int]] = defaultdict(set)
    for pk, email, phone in register.contacts:
        if pk not in names:
            continue
        if email := email_key(email):
            emails[email].add(pk)
        if phone := phone_key(phone, register.country):
            phones[phone].add(pk)
    for groups, kind, score in (
        (codes, Reason.CODE, CODE_SCORE),
        (emails, Reason.EMAIL, EMAIL_SCORE),
        (phones, Reason.PHONE, PHONE_SCORE),
    ):
        for a, b in _shared(groups):
            add(a, b, Found(kind, score))
    for pair in pairs.values():
        pair.reasons.sort(key=lambda reason: -reason.score)
    return sorted(
        pairs.values(),
        key=lambda pair: (-pair.score, pair.first.name.casefold(), pair.second.name.casefold()),
    )


def duplicate_pairs(*, project: Project) -> list[DuplicatePair]:
    """The project's likely duplicates, strongest first; parties in the bin left out."""
    return find_pairs(Register.of(project))


# Dismissing -------------------------------------------------------------------------------


def duplicate_dismiss(*, project: Project, party_ids: tuple[int, int], user) -> DuplicateDismissal:
    """Remember that two of the project's parties are not the same; saying it twice is once.
    Raises Party.DoesNotExist when either is not a party of the project outside the bin."""
    low, high = sorted(party_ids)
    if low == high or Party.objects.filter(project=project, pk__in=(low, high)).count() != 2:
        raise Party.DoesNotExist
    dismissal, _created = DuplicateDismissal.objects.get_or_create(
        project=project, party_low_id=low, party_high_id=high, defaults={"dismissed_by": user}
    )
    return dismissal
