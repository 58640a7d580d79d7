"""`banenbrug registry search|find|overlaps|fragmentation|import|export|regions|examples`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from banenbrug.atlas import LABOUR_MARKET, PROVINCE, RES, AtlasError
from banenbrug.cli_support import bad_input, print_json, stderr
from banenbrug.registry import service
from banenbrug.registry.examples import load_examples
from banenbrug.registry.exchange import export_file, import_file
from banenbrug.registry.models import Region
from banenbrug.registry.regions import atlas, load_regions
from banenbrug.registry.vocab import FUNDING_TYPES, KINDS, STATUSES, TARGET_GROUPS, THEME_CODES
from banenbrug.tables.errors import RowsInvalid

FORMAT = {"choices": ["text", "json"], "default": "text"}


class Command(BaseCommand):
    help = "The registry of initiatives, tables and pledges: search, finder, overlaps, " \
           "fragmentation, import and export."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("search", help="faceted search; free text understands place names,"
                                          " target groups and themes")
        s.add_argument("text", nargs="*")
        s.add_argument("--kind", action="append", choices=KINDS, default=[])
        s.add_argument("--target-group", action="append", choices=TARGET_GROUPS, default=[])
        s.add_argument("--status", action="append", choices=STATUSES, default=[])
        s.add_argument("--funding", action="append", choices=FUNDING_TYPES, default=[])
        s.add_argument("--theme", action="append", choices=THEME_CODES, default=[])
        s.add_argument("--region", action="append", default=[],
                       help="GM/AM/ES/PV code or NL; repeatable")
        s.add_argument("--type", action="append", choices=["initiative", "table"], default=[])
        s.add_argument("--isco", action="append", default=[], help="ISCO-08 code prefix")
        s.add_argument("--with-outcomes", action="store_true")
        s.add_argument("--limit", type=int, default=50)
        s.add_argument("--format", **FORMAT)
        f = sub.add_parser("find", help="which table is mine: tables and initiatives for a "
                                        "place, theme and target group")
        f.add_argument("place", help="municipality, region code or name")
        f.add_argument("--theme", choices=THEME_CODES)
        f.add_argument("--target-group", choices=TARGET_GROUPS)
        f.add_argument("--format", **FORMAT)
        o = sub.add_parser("overlaps", help="initiatives that serve the same region, target "
                                            "group and occupation cluster")
        o.add_argument("--digits", type=int, choices=[2, 3, 4], default=3)
        o.add_argument("--format", **FORMAT)
        g = sub.add_parser("fragmentation", help="fragmentation indicators per region")
        g.add_argument("--kind", choices=[LABOUR_MARKET, RES, PROVINCE], default=LABOUR_MARKET)
        g.add_argument("--format", **FORMAT)
        i = sub.add_parser("import", help="import initiatives (CSV or JSON); all or nothing")
        i.add_argument("file")
        i.add_argument("--format", **FORMAT)
        e = sub.add_parser("export", help="export (.csv: initiatives; .json: everything)")
        e.add_argument("file")
        e.add_argument("--format", **FORMAT)
        r = sub.add_parser("regions", help="load the regions from the data dir")
        r.add_argument("--data-dir")
        r.add_argument("--format", **FORMAT)
        x = sub.add_parser("examples", help="load the example set")
        x.add_argument("--format", **FORMAT)

    def handle(self, *args, action, **options):
        if action not in ("regions",) and not Region.objects.exists():
            raise bad_input("no regions in the database: run `banenbrug registry regions` "
                            "(or `banenbrug setup`)")
        result = getattr(self, f"do_{action}")(**options)
        if options["format"] == "json":
            print_json(result)

    # --- subcommands: each returns the JSON answer and prints text when asked ---------------
    def do_search(self, text, kind, target_group, status, funding, theme, region, type, isco,
                  with_outcomes, limit, format, **_):
        if limit < 1:
            raise bad_input("--limit must be at least 1")
        known = atlas()
        unknown = [c for c in region if c.upper() != "NL" and known.place(c.upper()) is None]
        if unknown:
            raise bad_input(f"unknown region code(s): {', '.join(unknown)}")
        result = service.search(service.SearchRequest(
            text=" ".join(text).strip(), kinds=tuple(kind), target_groups=tuple(target_group),
            statuses=tuple(status), funding_types=tuple(funding), themes=tuple(theme),
            regions=tuple(c.upper() for c in region), types=tuple(type), isco=tuple(isco),
            has_outcomes=True if with_outcomes else None, limit=limit))
        if format == "text":
            self._interpretation(result["interpretation"])
            self.stdout.write(f"{result['total']} found")
            for hit in result["results"]:
                where = "landelijk" if hit["national"] else ", ".join(
                    r["name"] for r in hit["regions"])
                example = " [voorbeeld]" if hit["is_example"] else ""
                self.stdout.write(f"  {hit['type']:<10} {hit['name']} ({where}){example}")
        return result

    def _interpretation(self, parsed):
        parts = [f"{p['kind_label']} {p['name']}" for p in parsed["places"]]
        parts += [g["label"] for g in parsed["target_groups"] + parsed["kinds"]
                  + parsed["themes"]]
        parts += [f'"{t}"' for t in parsed["terms"]]
        if parts:
            self.stdout.write("understood: " + " · ".join(parts))

    def do_find(self, place, theme, target_group, format, **_):
        code = _place_code(place)
        result = service.finder(code, theme, target_group)
        if format == "text":
            self.stdout.write(f"Tables for {result['place']['name']}:")
            for t in result["tables"]:
                self.stdout.write(f"  {t['score']:.1f}  {t['name']}  ({', '.join(t['reasons'])})")
            self.stdout.write("Initiatives that could reinforce each other:")
            for i in result["initiatives"]:
                self.stdout.write(f"  {i['score']:.1f}  {i['name']}")
        return result

    def do_overlaps(self, digits, format, **_):
        result = service.overlaps(digits)
        if format == "text":
            for g in result["groups"]:
                names = "; ".join(i["name"] for i in g["initiatives"])
                self.stdout.write(f"{g['region']['name']} · {g['target_group']['label']} · "
                                  f"ISCO {','.join(g['clusters']) or '*'}: {names}")
        return result

    def do_fragmentation(self, kind, format, **_):
        result = service.fragmentation(kind)
        if format == "text":
            for r in result["regions"]:
                self.stdout.write(f"{r['code']} {r['name']:<32} initiatives {r['initiatives']:>3}"
                                  f"  tables {r['tables']:>2}  overlaps {r['overlap_groups']}")
            for gap in result["res_mismatch"]:
                self.stdout.write(f"RES gap: {gap['code']} {gap['name']}")
        return result

    def do_import(self, file, format, **_):
        path = Path(file)
        if not path.is_file():
            raise bad_input(f"{file}: no such file")
        try:
            report = import_file(path).as_dict()
        except RowsInvalid as exc:
            raise bad_input(f"{exc}. Nothing was imported.") from exc
        if format == "text":
            stderr.print(f"[green]Imported[/] {path.name}: {report}")
        return {"file": str(path), **report}

    def do_export(self, file, format, **_):
        path = Path(file)
        if not path.parent.is_dir():
            raise bad_input(f"{path.parent}: no such folder")
        counts = export_file(path)
        if format == "text":
            stderr.print(f"[green]Exported[/] {counts} to {path}")
        return {"file": str(path), "counts": counts}

    def do_regions(self, data_dir, format, **_):
        try:
            counts = load_regions(Path(data_dir) if data_dir else None)
        except AtlasError as exc:
            raise bad_input(f"{exc}. Nothing was imported.") from exc
        if format == "text":
            stderr.print(f"[green]Regions ready[/]: {counts}")
        return counts

    def do_examples(self, format, **_):
        try:
            report = load_examples().as_dict()
        except RowsInvalid as exc:
            raise bad_input(f"example set: {exc}") from exc
        if format == "text":
            stderr.print(f"[green]Examples ready[/]: {report}")
        return report


def _place_code(text: str) -> str:
    code = service.resolve_place(text)
    if code is None:
        raise bad_input(f"unknown place {text!r}: give a municipality or region name or code")
    return code
