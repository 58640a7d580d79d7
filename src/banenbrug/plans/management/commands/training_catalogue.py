"""`banenbrug training-catalogue import FILE | export FILE [--format csv|json]`."""

from banenbrug.plans import exchange
from banenbrug.plans.management.commands._dataset_command import DatasetCommand


class Command(DatasetCommand):
    help = "Import or export the training catalogue (modules and the ESCO skills they teach)."
    dataset = exchange.CATALOGUE
    what = "modules"
