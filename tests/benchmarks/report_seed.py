"""Synthetic approved measures for the report benchmark, written with bulk_create.

Every measure is approved, active in the national review cycle and has an approved progress
update for it, each published as approval publishes it (publish.py: the report reads published
records only), so that the report shows all of them; lengths are those of a real report: a title
of about ten words, a description of about sixty and results of about thirty, made of the demo
government's sentences. One measure in ten has no English version and shows in Swedish. Each
serves one to three objectives, as in seed.py, so it appears under each of them. About one
pledge per hundred measures. A fixed seed makes every run write the same rows.
"""

import datetime
import random
import time

from django.db import connection

from tests.benchmarks.publish import publish_seeded
from tests.benchmarks.world import (
    BATCH,
    MEASURE_STATUS_WEIGHTS,
    PLEDGE_OCCASIONS,
    PLEDGE_STATUS_WEIGHTS,
    SEED,
    SEED_NOW,
    UTC,
    SeedReport,
    World,
    explicit_timestamps,
    fast_writes,
    moment,
    reviewed,
    weighted,
)
from tracker.demo.data import demo_data
from tracker.models import (
    Measure,
    MeasureKind,
    Pledge,
    PledgeStatus,
    PledgeType,
    ProgressUpdate,
    Stakeholder,
    TargetGroup,
    WorkflowState,
)

CYCLE_SLUG = "national-2025-2026"
# Measures are written 2,000 at a time, each batch with its links and updates: the first 2,000
# (the yardstick's, report.py) are then the same rows whatever size is seeded (with batches of
# 5,000 a run straight to 10,000 gave them other results, and a yardstick of 470 pages, not 422).
CHUNK = 2_000
UNTRANSLATED_SHARE = 0.1


def _words(text: str) -> int:
    return len(text.split())


class ReportSeeder:
    """Adds approved measures of the national cycle, with their updates, up to a count."""

    def __init__(self, world: World):
        self.world = world
        self.cycle = next(cycle for cycle in world.cycles if cycle.slug == CYCLE_SLUG)
        self.rng = random.Random(SEED)  # noqa: S311 - synthetic data, not secrets
        data = demo_data()
        self.data = data
        self.results = [
            (texts.results, texts.results_en)
            for texts in data.texts.update_texts.values()
            if texts.results
        ]
        self.measures = 0
        self.pledges = 0

    def seed_to(self, target: int, report: SeedReport) -> None:
        started = time.perf_counter()
        with explicit_timestamps(Measure, ProgressUpdate, Pledge):
            while self.measures < target:
                count = min(CHUNK, target - self.measures)
                with fast_writes():
                    self._chunk(count, report)
                self.measures += count
            with fast_writes():
                self._pledges(max(1, target // 100) - self.pledges, report)
                # The report reads published records only.
                publish_seeded()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        report.seconds += time.perf_counter() - started

    def mean_words(self) -> dict[str, float]:
        """The mean length in words of the English texts seeded so far."""
        measures = Measure.objects.exclude(title_en="").values_list("title_en", "description_en")
        results = ProgressUpdate.objects.exclude(results_en="").values_list("results_en", flat=True)
        titles, descriptions = zip(*measures, strict=True) if measures else ((), ())
        return {
            name: sum(map(_words, texts)) / max(1, len(texts))
            for name, texts in (
                ("title", titles),
                ("description", descriptions),
                ("results", list(results)),
            )
        }

    def _sentences(self, pick, target_words: int) -> tuple[str, str]:
        """Sentences in Swedish and English from `pick()`, at least one, as close to
        `target_words` English words as whole sentences come: a sentence that would overshoot
        the target by more than it is still short is left out, so that lengths average the
        target (adding sentences until it is reached overshot it by half a sentence, 35% for
        results of about thirty words)."""
        swedish, english, words = [], [], 0
        while True:
            sv, en = pick()
            if english and words + _words(en) - target_words > target_words - words:
                return " ".join(swedish), " ".join(english)
            swedish.append(sv)
            english.append(en)
            words += _words(en)

    def _measure(self) -> Measure:
        rng, data, world, cycle = self.rng, self.data, self.world, self.cycle
        base = rng.choice(data.bases)
        region = rng.choice(data.regions)
        variant = rng.choice(data.variants["rule" if base.kind == "legislation" else "programme"])
        title = base.title + variant.title_suffix.format(sv=region.sv)
        title_en = base.title_en + variant.title_suffix_en.format(en=region.en)

        def description_sentence():
            other = rng.choice(data.bases)
            return other.description, other.description_en

        extra = (
            variant.extra_sentence.format(sv=region.sv),
            variant.extra_sentence_en.format(en=region.en),
        )
        opening = _words(base.description_en) + _words(extra[1])
        more, more_en = self._sentences(description_sentence, rng.randint(50, 70) - opening)
        description = " ".join([base.description, extra[0], more])
        description_en = " ".join([base.description_en, extra[1], more_en])
        translated = rng.random() >= UNTRANSLATED_SHARE
        organisation = rng.choices(world.organisations, weights=world.organisation_weights)[0]
        start_date = cycle.period_start - datetime.timedelta(days=rng.randrange(0, 1500))
        measure = Measure(
            title=title,
            description=description,
            language="sv",
            title_en=title_en if translated else "",
            description_en=description_en if translated else "",
            lead_organisation_id=organisation.pk,
            kind=base.kind if rng.random() < 0.6 else rng.choice(MeasureKind.values),
            status=weighted(rng, MEASURE_STATUS_WEIGHTS),
            start_date=start_date,
            end_date=cycle.period_end + datetime.timedelta(days=rng.randrange(0, 900))
            if rng.random() < 0.6
            else None,
            target_groups=rng.sample(TargetGroup.values, rng.randint(0, 3)),
            stakeholders=rng.sample(Stakeholder.values, rng.randint(0, 3)),
            created_by_id=world.officers[organisation.pk],
        )
        created_from = datetime.datetime.combine(start_date, datetime.time(8), UTC)
        reviewed(rng, measure, WorkflowState.APPROVED, world, created_from, SEED_NOW)
        return measure

    def _update(self, measure: Measure) -> ProgressUpdate:
        rng, cycle = self.rng, self.cycle

        def result_sentence():
            numbers = {"n": rng.randint(20, 4000), "p": rng.randint(30, 95)}
            results, results_en = rng.choice(self.results)
            return results.format(**numbers), results_en.format(**numbers)

        results, results_en = self._sentences(result_sentence, rng.randint(20, 40))
        status = weighted(rng, MEASURE_STATUS_WEIGHTS)
        update = ProgressUpdate(
            measure_id=measure.pk,
            cycle_id=cycle.pk,
            status=status,
            narrative=self.data.texts.update_texts[status].narrative,
            narrative_en=self.data.texts.update_texts[status].narrative_en,
            results=results,
            results_en=results_en if measure.title_en else "",
            created_by_id=measure.created_by_id,
        )
        reviewed(rng, update, WorkflowState.APPROVED, self.world, measure.created_at, SEED_NOW)
        return update

    def _chunk(self, count: int, report: SeedReport) -> None:
        rng, world = self.rng, self.world
        measures = Measure.objects.bulk_create(
            [self._measure() for _ in range(count)], batch_size=BATCH
        )
        objective_links, principle_links = [], []
        for measure in measures:
            for objective_id in rng.sample(
                world.objectives, rng.choices((1, 2, 3), (50, 35, 15))[0]
            ):
                objective_links.append(
                    Measure.objectives.through(measure_id=measure.pk, objective_id=objective_id)
                )
            for principle_id in rng.sample(world.principles, rng.randint(0, 3)):
                principle_links.append(
                    Measure.guiding_principles.through(
                        measure_id=measure.pk, guidingprinciple_id=principle_id
                    )
                )
        Measure.objectives.through.objects.bulk_create(objective_links, batch_size=BATCH * 5)
        Measure.guiding_principles.through.objects.bulk_create(
            principle_links, batch_size=BATCH * 5
        )
        updates = ProgressUpdate.objects.bulk_create(
            [self._update(measure) for measure in measures], batch_size=BATCH
        )
        report.add("measures", len(measures))
        report.add("measure objective links", len(objective_links))
        report.add("progress updates", len(updates))

    def _pledges(self, count: int, report: SeedReport) -> None:
        if count <= 0:
            return
        rng, world = self.rng, self.world
        pledges = []
        for index in range(count):
            template = rng.choice(self.data.pledges.pledges)
            occasion, made_on = rng.choice(PLEDGE_OCCASIONS[:2])
            organisation = rng.choices(world.organisations, weights=world.organisation_weights)[0]
            made = datetime.datetime.combine(made_on, datetime.time(9), UTC)
            status = weighted(rng, PLEDGE_STATUS_WEIGHTS)
            pledge = Pledge(
                text=template.text,
                language="sv",
                text_en=template.text_en,
                lead_organisation_id=organisation.pk,
                pledge_type=rng.choice(PledgeType.values),
                made_on=made_on,
                occasion=occasion,
                network_reference=f"GCM-PLEDGE-{made_on.year}-{self.pledges + index + 1:05d}",
                status=status,
                status_narrative=template.status_narrative,
                status_updated_on=moment(rng, made, SEED_NOW).date()
                if status != PledgeStatus.NOT_STARTED
                else None,
                created_by_id=world.officers[organisation.pk],
            )
            reviewed(rng, pledge, WorkflowState.APPROVED, world, made, SEED_NOW)
            pledges.append(pledge)
        pledges = Pledge.objects.bulk_create(pledges, batch_size=BATCH)
        Pledge.objectives.through.objects.bulk_create(
            [
                Pledge.objectives.through(pledge_id=pledge.pk, objective_id=objective_id)
                for pledge in pledges
                for objective_id in rng.sample(world.objectives, rng.randint(1, 2))
            ],
            batch_size=BATCH,
        )
        self.pledges += count
        report.add("pledges", count)
