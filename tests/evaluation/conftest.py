"""The example initiatives, shared by the tests of this package that only read them."""

import pytest
from django.db import transaction

from banenbrug.evaluation.estimators import Options
from banenbrug.evaluation.examples import example_csv
from banenbrug.evaluation.import_service import import_outcomes
from banenbrug.evaluation.models import Initiative

FAST = Options(bootstrap=50)


@pytest.fixture(scope="class")
def examples(django_db_setup, django_db_blocker):
    """The three example initiatives, imported once for the tests that only read them (the
    import computes three full reports, seconds each) and rolled back after the last one."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            import_outcomes(example_csv(), "voorbeelden.csv", example=True, options=FAST)
            yield Initiative.objects.all()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
