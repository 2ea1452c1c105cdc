from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from compact.extraction import ExtractionError, extract_pact, render_fixture
from compact.services import pact_fixture_path


class Command(BaseCommand):
    help = (
        "Extract the EU Pact on Migration and Asylum (parts, numbered sections, sub-headings and "
        "the legal acts) from the Commission's 2024 communication into the fixture that "
        "loadcompact loads. Deterministic: the same document gives a byte-identical fixture."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=settings.GCM_SEEDS_DIR)
        parser.add_argument("--output", type=Path, default=pact_fixture_path())

    def handle(self, *args, seeds: Path, output: Path, **options):
        if not seeds.is_dir():
            raise CommandError(f"--seeds: {seeds} is not a directory of source documents")
        try:
            data = extract_pact(seeds)
        except ExtractionError as error:
            raise CommandError(f"Extraction failed: {error}") from error
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(render_fixture(data), encoding="utf-8")
        sections = [section for part in data["parts"] for section in part["sections"]]
        subheadings = sum(len(part["subheadings"]) for part in data["parts"]) + sum(
            len(section["subheadings"]) for section in sections
        )
        self.stdout.write(
            f"Wrote {output}: {len(data['parts'])} parts, {len(sections)} sections, "
            f"{subheadings} sub-headings, {len(data['acts'])} legal acts."
        )
