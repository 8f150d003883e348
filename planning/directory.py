"""The shipped directory of organisations that help, as the JSON file holds it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HELPERS_FILE = Path(__file__).resolve().parent / "data" / "helpers.json"


def shipped_helpers(path: Path = HELPERS_FILE) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as file:
        return json.load(file)["helpers"]
