from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json
from banenbrug.monitor import services
from banenbrug.monitor.scenarios import ScenarioError, shipped_scenarios


class Command(BaseCommand):
    help = ("Stock-flow forecast of the technical and ICT workforce with Monte Carlo bands: "
            "yearly median and 5-95% band of demand, supply and gap, the baseline first, then "
            "each scenario. A scenario is a TOML file or the name of a shipped one.")

    def add_arguments(self, parser):
        parser.add_argument("--scenario", action="append", default=[], metavar="FILE",
                            help="scenario TOML file or shipped name; repeatable")
        parser.add_argument("--to", type=int, default=2030, help="last year (2022-2050)")
        parser.add_argument("--runs", type=int, default=10_000, help="Monte Carlo runs")
        parser.add_argument("--seed", type=int, default=2022)
        parser.add_argument("--list-scenarios", action="store_true",
                            help="list the shipped scenarios and stop")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, scenario, to, runs, seed, list_scenarios, format, **options):
        if list_scenarios:
            shipped = shipped_scenarios()
            if format == "json":
                print_json({"scenarios": [{"key": k, "name": s.name,
                                           "levers": s.levers.active()}
                                          for k, s in shipped.items()]})
            else:
                for key, s in shipped.items():
                    self.stdout.write(f"{key:26} {s.name}")
            return
        try:
            services.check_forecast_args(to, runs)
            scenarios = services.resolve_scenarios(scenario)
        except (ValueError, ScenarioError) as exc:
            raise bad_input(str(exc)) from exc
        result = services.forecast_json(services.run_forecast(scenarios, to, runs, seed))
        if format == "json":
            print_json(result)
            return
        for s in result["scenarios"]:
            self.stdout.write(f"\n{s['name']} ({s['key']})")
            self.stdout.write(f"{'year':>6} {'demand':>22} {'supply':>22} {'gap':>24}")
            for y in s["years"]:
                cells = [f"{y[k]['median']:>9,} [{y[k]['p5']:,}–{y[k]['p95']:,}]"
                         for k in ("demand", "supply", "gap")]
                self.stdout.write(f"{y['year']:>6} " + "  ".join(cells))
            for c in s["contributions"]:
                g = c["gap_closed"]
                self.stdout.write(f"  {c['lever']} closes {g['median']:,} of the gap by "
                                  f"{c['year']} (5-95%: {g['p5']:,} to {g['p95']:,})")
