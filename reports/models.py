"""The voluntary national review report: the coordinator's narratives per round table, and the
runs that build the PDF.

A run is built by a Celery worker (reports/tasks.py calling reports/review/services/runs.py); its
row is the single source of truth about the build: state, progress, the file and its checksum, and
which entries in which version it was built from (ReportSource).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compact.languages import LANGUAGE_CHOICES


class RoundTableNarrative(models.Model):
    """What the coordinator writes for one round table of one cycle's report, in one language:
    the report in English carries the English narrative, the Swedish one the Swedish."""

    cycle = models.ForeignKey(
        "tracker.ReviewCycle",
        on_delete=models.PROTECT,
        related_name="narratives",
        verbose_name=_("review cycle"),
    )
    round_table = models.ForeignKey(
        "compact.RoundTable",
        on_delete=models.PROTECT,
        related_name="narratives",
        verbose_name=_("round table"),
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    progress = models.TextField(_("progress"), blank=True)
    challenges = models.TextField(_("challenges and gaps"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "round_table__number", "language"]
        verbose_name = _("round table narrative")
        verbose_name_plural = _("round table narratives")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "round_table", "language"],
                name="one_narrative_per_cycle_round_table_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle}, {self.round_table} ({self.language})"

    @property
    def is_empty(self) -> bool:
        return not (self.progress or self.challenges or self.next_steps)


class ReportState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE_STATES = (ReportState.QUEUED, ReportState.RUNNING)


class ReportStage(models.TextChoices):
    """Where a build is, shown beside its progress bar."""

    WAITING = "waiting", _("Waiting for a worker")
    GATHERING = "gathering", _("Gathering the approved data")
    WRITING = "writing", _("Writing the report's pages")
    TYPESETTING = "typesetting", _("Typesetting the PDF")
    SAVING = "saving", _("Saving the file")
    FINISHED = "finished", _("Finished")
    STOPPED = "stopped", _("Stopped")


class ReportKind(models.TextChoices):
    """Which report a run builds: the same pipeline, another document (ADR 0021)."""

    REVIEW = "review", _("Voluntary national review")
    PACT = "pact", _("EU Pact implementation report")


class ReportRun(models.Model):
    """One request for a cycle's report of one kind in one language, draft or final, and its
    build."""

    cycle = models.ForeignKey(
        "tracker.ReviewCycle",
        on_delete=models.PROTECT,
        related_name="report_runs",
        verbose_name=_("review cycle"),
    )
    report_kind = models.CharField(
        _("report"), max_length=10, choices=ReportKind.choices, default=ReportKind.REVIEW
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    is_final = models.BooleanField(
        _("final"), default=False, help_text=_("A draft carries a DRAFT watermark.")
    )
    # Empty when run from the command line (generate_report).
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (percent)"), default=0, validators=[MaxValueValidator(100)]
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=ReportStage.choices, default=ReportStage.WAITING
    )
    error = models.TextField(_("error"), blank=True)
    # Raised each time a worker starts the build: a message that keeps killing its worker is
    # delivered again and again (acks_late); past the limit the run fails instead.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # Touched at every stage: a running build whose heartbeat is too old has lost its worker.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/", blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    input_sha256 = models.CharField(_("SHA-256 of the input data"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        constraints = [
            # Never two builds of one report at once: a second request joins the first.
            models.UniqueConstraint(
                fields=["cycle", "report_kind", "language", "is_final"],
                condition=Q(state__in=ACTIVE_STATES),
                name="one_active_run_per_report",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        kind = _("final") if self.is_final else _("draft")
        report = self.get_report_kind_display()
        return f"{self.cycle}, {report} ({self.language}, {kind}) #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES


class SourceKind(models.TextChoices):
    MEASURE = "measure", _("Measure")
    PLEDGE = "pledge", _("Pledge")
    UPDATE = "update", _("Progress update")
    NARRATIVE = "narrative", _("Round table narrative")


class ReportSource(models.Model):
    """An entry a run was built from, in the version it had: the answer to "where does this
    line of the report come from". `published_version` numbers the entry's published record
    (tracker/models/published.py) and `history_id` is the history record of that version."""

    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices)
    entry_id = models.PositiveIntegerField(_("entry"))
    version = models.PositiveIntegerField(_("version"))
    history_id = models.PositiveIntegerField(_("history record"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_version = models.PositiveIntegerField(
        _("published version"),
        null=True,
        blank=True,
        help_text=_("The entry's published version the report shows; none for a narrative."),
    )

    class Meta:
        ordering = ["run", "kind", "entry_id"]
        verbose_name = _("report source")
        verbose_name_plural = _("report sources")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "kind", "entry_id"], name="one_source_per_entry_and_run"
            ),
        ]
        indexes = [models.Index(fields=["kind", "entry_id"], name="report_source_entry")]

    def __str__(self) -> str:
        return f"{self.kind} {self.entry_id} v{self.version}"
