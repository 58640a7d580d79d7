"""The example catalogue and schemes: invented, every row marked as an example ("voorbeeld").

They exist so that a plan can be built on a fresh installation; the real catalogue and the real
schemes (with their sources) are imported the same way, from files in the same format.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from banenbrug.plans.exchange import CATALOGUE, SCHEMES, import_file
from banenbrug.registry.exchange import ImportReport

DATA = Path(__file__).parent / "data"
CATALOGUE_FILE = DATA / "example_catalogue.csv"
SCHEMES_FILE = DATA / "example_schemes.csv"


@transaction.atomic
def load_examples(catalogue: Path = CATALOGUE_FILE, schemes: Path = SCHEMES_FILE
                  ) -> dict[str, ImportReport]:
    """Both files or neither (idempotent: records are matched on their keys)."""
    return {"modules": import_file(CATALOGUE, catalogue),
            "schemes": import_file(SCHEMES, schemes)}
