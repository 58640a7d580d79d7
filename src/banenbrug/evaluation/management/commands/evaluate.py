from django.core.management.base import BaseCommand
from django.utils import translation

from banenbrug.cli_support import bad_input, print_json
from banenbrug.evaluation.estimators import METHODS
from banenbrug.evaluation.evaluate_file import evaluate_file
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.messages import error_text, warning_text
from banenbrug.evaluation.report_json import evaluation_json


class Command(BaseCommand):
    help = ("Estimate the effect of a programme on its participants (ATT) from a CSV file, with "
            "a 95% interval, covariate balance and warnings.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (comma or semicolon separated, header row)")
        parser.add_argument("--treatment", required=True,
                            help="column with 1 for participants, 0 for the comparison group")
        parser.add_argument("--outcome", required=True, help="numeric outcome column")
        parser.add_argument("--covariates", default="",
                            help="comma-separated terms: COL, COL^2, COL==0, COL*COL")
        parser.add_argument("--method", choices=METHODS,
                            help="default: aipw with covariates, dim without (did with --pre)")
        parser.add_argument("--pre", help="outcome before the start (difference-in-differences)")
        parser.add_argument("--bootstrap", type=int, default=500, help="replications (500)")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--caliper", type=float, default=0.2,
                            help="psm: SDs of the logit propensity score (0.2; 0 = none)")
        parser.add_argument("--no-trim", action="store_true",
                            help="psm/ipw/aipw: do not restrict to the common support")
        parser.add_argument("--placebo-outcome",
                            help="outcome measured before the start, for the placebo test")
        parser.add_argument("--groups", default="",
                            help="comma-separated text columns: effects per group")
        parser.add_argument("--no-refute", action="store_true",
                            help="skip the refutation tests")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, file, format, lang, **opts):
        with translation.override(lang):
            if opts["bootstrap"] < 50:
                raise bad_input("--bootstrap must be at least 50")
            try:
                ev = evaluate_file(file, treatment=opts["treatment"], outcome=opts["outcome"],
                                   covariates=opts["covariates"], method=opts["method"],
                                   pre=opts["pre"], bootstrap=opts["bootstrap"],
                                   seed=opts["seed"], caliper=opts["caliper"],
                                   trim=not opts["no_trim"], refute=not opts["no_refute"],
                                   placebo_outcome=opts["placebo_outcome"],
                                   groups=opts["groups"])
            except EvaluationError as exc:
                raise bad_input(error_text(exc)) from exc
            data = evaluation_json(ev)
            if format == "json":
                print_json(data)
                return
            est = ev.estimate
            self.stdout.write(
                f"{est.method}: {est.estimate:,.2f}  95%: [{est.ci_low:,.2f}, {est.ci_high:,.2f}]"
                f"  ({est.interval}; n = {est.n_treated} / {est.n_control}, "
                f"used {est.n_treated_used})")
            for row in ev.balance:
                after = "" if row.smd_after is None else f" -> {row.smd_after:+.3f}"
                self.stdout.write(f"  SMD {row.covariate:>14}: {row.smd_before:+.3f}{after}")
            for issue in ev.warnings:
                self.stdout.write(f"! {warning_text(issue)}")
            self.stdout.write(data["sensitivity"]["message"])
            for r in data["refutations"]:
                self.stdout.write(f"  [{r['verdict_label']}] {r['label']}: {r['message']}")
            for column in data["groups"]:
                p = column["p_value"]
                self.stdout.write(f"{column['column']} (Q = {column['q'] or 0:.2f}, "
                                  f"p = {'-' if p is None else f'{p:.3f}'})")
                for g in column["groups"]:
                    shown = (g["error"]["message"] if "error" in g else
                             f"{g['estimate']:,.2f}  [{g['ci_low']:,.2f}, {g['ci_high']:,.2f}]")
                    self.stdout.write(f"  {g['value']:>14}: {shown}")
