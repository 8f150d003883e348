"""`make bench`: every benchmark in one run, each reporting ratios against its own baseline."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    failed = 0
    for name in names:
        print(f"\n== {name}", flush=True)
        # each benchmark in its own process, with its own scratch database
        result = subprocess.run([sys.executable, "-m", f"bench.{name}"], check=False)
        failed += result.returncode != 0
    importlib.invalidate_caches()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
