"""`banenbrug funding-schemes import FILE | export FILE [--format csv|json]`."""

from banenbrug.plans import exchange
from banenbrug.plans.management.commands._dataset_command import DatasetCommand


class Command(DatasetCommand):
    help = "Import or export the funding schemes (eligibility rules, amounts, stacking)."
    dataset = exchange.SCHEMES
    what = "schemes"
