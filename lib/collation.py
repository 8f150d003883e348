"""Sorting names the way people read them: case- and accent-insensitive, on every database.

Each sortable name has a stored key (`sort_key`), indexed with its project, so a list sorted by
name reads its page straight from the index instead of sorting the whole register.
"""

from __future__ import annotations

import unicodedata


def sort_key(text: str) -> str:
    """ "École" → "ecole", "'t Klavertje" → "t klavertje": accents and case removed, leading
    punctuation ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.casefold().lstrip(" '\"‘’“”(-.").strip()[:200]
