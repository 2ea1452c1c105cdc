from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from compact.extraction import ExtractionError, extract_compact, render_fixture


class Command(BaseCommand):
    help = (
        "Extract the Compact's objectives, actions, round tables and guiding principles from the "
        "source documents into the fixture that loadcompact loads. Deterministic: the same "
        "documents give a byte-identical fixture."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=settings.GCM_SEEDS_DIR)
        parser.add_argument("--output", type=Path, default=settings.COMPACT_FIXTURE)

    def handle(self, *args, seeds: Path, output: Path, **options):
        if not seeds.is_dir():
            raise CommandError(f"--seeds: {seeds} is not a directory of source documents")
        try:
            data = extract_compact(seeds)
        except ExtractionError as error:
            raise CommandError(f"Extraction failed: {error}") from error
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(render_fixture(data), encoding="utf-8")
        actions = sum(len(objective["actions"]) for objective in data["objectives"])
        self.stdout.write(
            f"Wrote {output}: {len(data['objectives'])} objectives, {actions} actions, "
            f"{len(data['round_tables'])} round tables, "
            f"{len(data['guiding_principles'])} guiding principles."
        )
