"""Finding the project's terms in the text of a page, whatever form the words take.

Words and terms are compared by their Dutch Snowball stem (snowballstemmer), so plurals,
diminutives and inflections meet: *achterstanden* and *achterstand* share the stem
*achterstand*, *groepjes* and *groepen* the stem *groep*.

Dutch writes compounds as one word, so a stemmed term also matches as the tail or the head of a
longer stemmed word: *gezondheidsachterstand* holds *achterstand* at its end, *armoedebeleid*
*armoede* at its start. Only a stem of at least MIN_COMPOUND letters matches that way, so a short
stem does not turn up inside unrelated words. A term of several words matches the same number
of words in a row: the first may end in the term's first stem (*lage-sociaaleconomische*), the
last may start with the term's last stem, the words between match exactly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import snowballstemmer

MIN_COMPOUND = 5
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


@dataclass(frozen=True)
class Term:
    family: str
    words: tuple[str, ...]  # stems


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    family: str


class Stemmer:
    """Dutch stems, remembered: a document repeats its words, so each is stemmed once."""

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("dutch")
        self._known: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._known.get(word)
        if stem is None:
            stem = self._known[word] = self._stemmer.stemWord(word.replace("-", ""))
        return stem


def words_of(text: str) -> list[str]:
    return [m.group().lower() for m in _WORD.finditer(text)]


@dataclass
class Matcher:
    """The terms of a project, ready to be found in page after page."""

    families: dict[str, list[str]]
    stemmer: Stemmer = field(default_factory=Stemmer)

    def __post_init__(self) -> None:
        self.single: dict[str, set[str]] = {}  # stem -> families
        self.multi: dict[str, list[Term]] = {}  # first stem -> terms of several words
        for family, terms in self.families.items():
            for term in terms:
                stems = tuple(self.stemmer(w) for w in words_of(term))
                if not stems:
                    continue
                if len(stems) == 1:
                    self.single.setdefault(stems[0], set()).add(family)
                else:
                    self.multi.setdefault(stems[0], []).append(Term(family, stems))
        self._single_of: dict[str, frozenset[str]] = {}
        self._first_of: dict[str, tuple[Term, ...]] = {}
        # per whitespace-separated piece of text: the words in it that start a term
        self._piece_firsts: dict[str, tuple[str, ...]] = {}
        self._seen: set[str] = set()  # every piece looked at
        self._with_firsts: set[str] = set()  # the pieces that hold a word starting a term
        self._starts: dict[frozenset[str], re.Pattern[str]] = {}
        self._seconds: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
        self._continues: dict[tuple[str, str], bool] = {}
        # per word that starts a term: its stem, the terms of several words it may start and
        # the families of the one-word terms it is
        self._word_info: dict[str, tuple[str, tuple[Term, ...], list[str]]] = {}

    def _families_of(self, stem: str) -> frozenset[str]:
        """The families of the one-word terms this stemmed word is, or ends or starts with."""
        found = self._single_of.get(stem)
        if found is None:
            families: set[str] = set(self.single.get(stem, ()))
            for cut in range(1, len(stem) - MIN_COMPOUND + 1):
                families.update(self.single.get(stem[cut:], ()))  # tail of a compound
                families.update(self.single.get(stem[:-cut], ()))  # head of a compound
            found = self._single_of[stem] = frozenset(families)
        return found

    def _terms_starting(self, stem: str) -> tuple[Term, ...]:
        found = self._first_of.get(stem)
        if found is None:
            terms = list(self.multi.get(stem, ()))
            for cut in range(1, len(stem) - MIN_COMPOUND + 1):
                terms.extend(self.multi.get(stem[cut:], ()))
            found = self._first_of[stem] = tuple(terms)
        return found

    def _may_continue(self, stem: str, terms: tuple[Term, ...], following: str) -> bool:
        """Whether the next word can be the second word of one of the terms: a frequent word
        that starts a term (*gezonde* for *gezonde leefstijl*) mostly does not go on to it,
        and this answers that (once per pair of words) without stemming the words after it."""
        key = (stem, following)
        found = self._continues.get(key)
        if found is None:
            seconds = self._seconds.get(stem)
            if seconds is None:
                exact = frozenset(term.words[1] for term in terms)
                heads = tuple(
                    term.words[1] for term in terms
                    if len(term.words) == 2 and len(term.words[1]) >= MIN_COMPOUND
                )
                seconds = self._seconds[stem] = (exact, heads)
            second = self.stemmer(following)
            found = self._continues[key] = second in seconds[0] or second.startswith(seconds[1])
        return found

    def _relevant(self, word: str) -> bool:
        stem = self.stemmer(word)
        return bool(self._families_of(stem) or self._terms_starting(stem))

    def _firsts(self, lower: str) -> frozenset[str]:
        """The words of the text that start a term. A word never spans white space, so the
        text's distinct pieces between spaces (far fewer than its words, and cut apart by the
        fast str.split) are each looked at once per document; after the first pages, set
        operations (in C) leave only the few pieces new to the document, and the few that
        hold a term, to look at."""
        pieces = set(lower.split())
        new = pieces - self._seen
        if new:
            for piece in new:
                found = tuple(
                    word for word in _WORD.findall(piece) if self._relevant(word.lower())
                )
                if found:
                    self._piece_firsts[piece] = found
                    self._with_firsts.add(piece)
            self._seen |= new
        firsts: set[str] = set()
        known = self._piece_firsts
        for piece in pieces & self._with_firsts:
            firsts.update(known[piece])
        return frozenset(firsts)

    def _starts_of(self, firsts: frozenset[str]) -> re.Pattern[str]:
        pattern = self._starts.get(firsts)
        if pattern is None:
            words = "|".join(re.escape(w) for w in sorted(firsts, key=len, reverse=True))
            # No look-behind in front: the engine then jumps to the words' first letters
            # instead of trying every position. find() checks the letter before in Python.
            # The word after it is captured ahead (without taking it), for _may_continue.
            pattern = self._starts[firsts] = re.compile(
                r"(?:" + words + r")(?![^\W_])(?!-[^\W_])"
                r"(?:(?=[\W_]*([^\W_]+(?:-[^\W_]+)*)))?"
            )
        return pattern

    def find(self, text: str) -> list[Hit]:
        """Every term found in the text, as character ranges, in order. The page's distinct
        words are looked at first; only those that start a term are then found in place."""
        lower = text.lower()
        if len(lower) != len(text):  # a rare letter whose lower case is longer
            lower = text
        firsts = self._firsts(lower)
        if not firsts:
            return []
        starts = self._starts_of(firsts)
        hits: list[Hit] = []
        covered = -1
        word_info = self._word_info
        for match in starts.finditer(lower):
            start, end = match.span()
            if start and (lower[start - 1].isalnum() or lower[start - 1] == "-"):
                # inside a longer word; no word can start before this match's end either,
                # since every letter of it is a letter or hyphen
                continue
            word = match.group()
            info = word_info.get(word)
            if info is None:
                stem = self.stemmer(word.lower())
                info = word_info[word] = (
                    stem, self._terms_starting(stem), sorted(self._families_of(stem))
                )
            stem, terms, families = info
            following = match.group(1)
            if terms and following and self._may_continue(stem, terms, following):
                # the words that follow, stemmed once for all the terms starting here
                longest = max(len(term.words) for term in terms)
                tokens = [(start, end, stem)]
                for token in _WORD.finditer(lower, end):
                    tokens.append((token.start(), token.end(), self.stemmer(token.group())))
                    if len(tokens) == longest:
                        break
                for term in terms:
                    size = len(term.words)
                    if len(tokens) < size or not _rest_matches(term.words, tokens, 0):
                        continue
                    hits.append(Hit(start, tokens[size - 1][1], term.family))
                    covered = max(covered, tokens[size - 1][1])
            if start < covered:
                continue
            for family in families:
                hits.append(Hit(start, end, family))
        return sorted(set(hits), key=lambda h: (h.start, -h.end, h.family))


def _rest_matches(words: tuple[str, ...], tokens: list[tuple[int, int, str]], index: int) -> bool:
    for offset, word in enumerate(words[1:], 1):
        stem = tokens[index + offset][2]
        is_last = offset == len(words) - 1
        if stem != word and not (is_last and len(word) >= MIN_COMPOUND and stem.startswith(word)):
            return False
    return True


@dataclass(frozen=True)
class Found:
    """A passage of a page: a sentence with terms, with the sentence before and after it."""

    text: str
    hits: list[tuple[int, int, str]]

    @property
    def families(self) -> list[str]:
        return sorted({family for _s, _e, family in self.hits})


MAX_SENTENCE = 600
# Sentences with terms one after the other make one passage, up to this many sentences.
MAX_SENTENCES = 5


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges; a run-on without full stops (a table, a list) is cut in pieces."""
    ranges, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    if start < len(text):
        ranges.append((start, len(text)))
    pieces = []
    for first, last in ranges:
        while last - first > MAX_SENTENCE:
            cut = text.rfind(" ", first, first + MAX_SENTENCE)
            cut = cut if cut > first else first + MAX_SENTENCE
            pieces.append((first, cut))
            first = cut + 1
        if last > first:
            pieces.append((first, last))
    return pieces


def passages(text: str, hits: Iterable[Hit]) -> list[Found]:
    """The page's passages: each sentence with a hit and its neighbours; passages that touch
    are joined, so a quote never repeats a sentence."""
    hits = list(hits)
    if not hits:
        return []
    sentences = _sentences(text)
    starts = [s for s, _e in sentences]
    windows: list[list[int]] = []
    for hit in hits:
        index = max(0, bisect.bisect_right(starts, hit.start) - 1)
        low, high = max(0, index - 1), min(len(sentences) - 1, index + 1)
        if windows and index <= windows[-1][1] + 1 and high - windows[-1][0] < MAX_SENTENCES:
            windows[-1][1] = max(windows[-1][1], high)  # in or next to the passage: it joins
            continue
        if windows and index <= windows[-1][1]:
            continue  # its sentence is quoted already
        windows.append([max(low, windows[-1][1] + 1) if windows else low, high])
    found = []
    for low, high in windows:
        begin, end = sentences[low][0], sentences[high][1]
        inside = [
            (h.start - begin, h.end - begin, h.family)
            for h in hits
            if h.start >= begin and h.end <= end
        ]
        found.append(Found(text[begin:end], inside))
    return found
