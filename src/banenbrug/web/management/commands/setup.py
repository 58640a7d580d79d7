from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from banenbrug.cli_support import RichProgress, bad_input, stderr
from banenbrug.conf.paths import data_dir as default_data_dir
from banenbrug.taxonomy.esco_files import EscoInputError
from banenbrug.taxonomy.esco_import import import_esco
from banenbrug.taxonomy.management.commands.import_esco import summarise
from banenbrug.web.i18n import compile_messages


class Command(BaseCommand):
    help = ("Migrate, import ESCO with Dutch labels, load example data, compile translations. "
            "Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help="folder with esco/ (default BANENBRUG_DATA_DIR "
                                               "or ../shared/data)")

    def handle(self, *args, data_dir=None, **options):
        compile_messages()
        call_command("migrate", interactive=False, verbosity=0)
        stderr.print("[green]Database ready[/] (migrations applied).")
        base = Path(data_dir) if data_dir else default_data_dir()
        esco = base / "esco" if base else None
        if esco is None or not esco.is_dir():
            raise bad_input(
                "ESCO data not found: set BANENBRUG_DATA_DIR to the folder that holds esco/ "
                "(see README: where to download ESCO)")
        try:
            with RichProgress() as progress:
                report = import_esco([esco], progress=progress)
        except EscoInputError as exc:
            raise bad_input(f"{exc}. Nothing was imported.") from exc
        summarise(report)
        # Text-model vectors before anything builds an engine that reads them (minutes the
        # first time, seconds after: the cache is keyed by text).
        call_command("build_vectors")
        # Pillars load their example data through commands named in their AppConfig.
        for config in apps.get_app_configs():
            for command in getattr(config, "setup_commands", ()):
                call_command(command)
