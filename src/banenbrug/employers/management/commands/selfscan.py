import csv
import sys

from django.core.management.base import BaseCommand

from banenbrug.cli_support import print_json
from banenbrug.employers import selfscan
from banenbrug.employers import selfscan_service as service


class Command(BaseCommand):
    help = ("Employer self-scan. `aggregates`: mean theme scores per year, sector and province "
            "in the monitor's indicator format; groups under 10 employers suppressed.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        agg = actions.add_parser("aggregates", help="aggregates for analysts (never one "
                                 "employer's answers)")
        agg.add_argument("--format", choices=["json", "csv"], default="csv")

    def handle(self, *args, action, format="csv", **options):
        result = service.aggregates()
        if format == "json":
            print_json({"example": result.example, "rows": selfscan.aggregate_json(result)})
            return
        csv.writer(sys.stdout, lineterminator="\n").writerows(selfscan.aggregate_rows(result))
