"""Build a cycle's report synchronously, with the same service the worker uses."""

import shutil
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from compact.languages import LANGUAGE_CODES
from reports.models import ReportKind, ReportState
from reports.review.services.runs import report_build, report_request
from tracker.models import ReviewCycle


class Command(BaseCommand):
    help = (
        "Build a review cycle's report as PDF now, in this process, and write it to --out: the "
        "voluntary national review, or with --kind pact the EU Pact implementation report."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cycle", required=True, help="The review cycle's slug.")
        parser.add_argument("--lang", required=True, choices=LANGUAGE_CODES)
        parser.add_argument(
            "--kind",
            choices=ReportKind.values,
            default=ReportKind.REVIEW,
            help="Which report: the voluntary national review (review, the default) or the EU "
            "Pact implementation report (pact).",
        )
        parser.add_argument(
            "--final", action="store_true", help="A final report (approved data only)."
        )
        parser.add_argument("--out", required=True, type=Path, help="Where to write the PDF.")

    def handle(self, *args, cycle, lang, kind, final, out, **options):
        try:
            review_cycle = ReviewCycle.objects.get(slug=cycle)
        except ReviewCycle.DoesNotExist:
            slugs = ", ".join(ReviewCycle.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(
                f"There is no review cycle '{cycle}' (there are: {slugs})."
            ) from None
        try:
            requested = report_request(
                actor=None,
                cycle=review_cycle,
                language=lang,
                is_final=final,
                report_kind=kind,
                enqueue=False,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if requested.joined:
            raise CommandError(
                f"Run {requested.run.pk} is already building this report; wait for it or "
                "download its file when it is done."
            )
        run = report_build(run_id=requested.run.pk)
        if run.state != ReportState.DONE:
            raise CommandError(f"Run {run.pk} failed: {run.error}")
        with run.file.open("rb") as source, out.open("wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(
            f"Run {run.pk}: {run.pages} pages written to {out} (SHA-256 {run.file_sha256})."
        )
