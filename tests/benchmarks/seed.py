"""Synthetic national-scale data for the dashboard benchmark, written with bulk_create.

The services are bypassed on purpose: they write a history row per change and check
permissions entry by entry, one query at a time, and the dashboards read neither the history
nor the users. Everything else looks like a real deployment: ~15 organisations, three review
cycles, measures with the demo's texts (titles of 40 to 110 characters, descriptions of 150 to
500), 1 to 3 objectives and 0 to 3 of their actions, ~90 % approved, progress updates for
~60 % of the measures in each cycle, and about one pledge per hundred measures. A fixed seed
makes every run write the same rows.
"""

import datetime
import random
import time
from decimal import Decimal

from django.db import connection

from tests.benchmarks.publish import publish_seeded
from tests.benchmarks.world import (
    ARCHIVED_SHARE,
    BATCH,
    CHUNK,
    FIRST_DAY,
    LANGUAGE_WEIGHTS,
    MEASURE_STATUS_WEIGHTS,
    PLEDGE_OCCASIONS,
    PLEDGE_STATUS_WEIGHTS,
    SEED,
    SEED_NOW,
    UPDATE_SHARE,
    UTC,
    WORKFLOW_WEIGHTS,
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
)


class Seeder:
    """Adds measures (with their links, updates and pledges) up to a target count."""

    def __init__(self, world: World):
        self.world = world
        self.rng = random.Random(SEED)  # noqa: S311 - synthetic data, not secrets
        self.data = demo_data()
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
                publish_seeded()
        with connection.cursor() as cursor:
            # As autovacuum would after such a load: fresh statistics for the planner.
            cursor.execute("ANALYZE")
        report.seconds += time.perf_counter() - started

    def _measure(self) -> Measure:
        rng, data, world = self.rng, self.data, self.world
        base = rng.choice(data.bases)
        region = rng.choice(data.regions)
        variants = data.variants["rule" if base.kind == "legislation" else "programme"]
        variant = rng.choice(variants)
        suffix, suffix_en = variant.title_suffix, variant.title_suffix_en
        title = base.title + suffix.format(sv=region.sv)
        title_en = base.title_en + suffix_en.format(en=region.en)
        description = " ".join(
            [base.description, variant.extra_sentence.format(sv=region.sv)]
            + [rng.choice(data.bases).description for _ in range(rng.randint(0, 2))]
        )
        language = weighted(rng, LANGUAGE_WEIGHTS)
        english = language == "en" or rng.random() < 0.7
        organisation = rng.choices(world.organisations, weights=world.organisation_weights)[0]
        start_date = (FIRST_DAY + datetime.timedelta(days=rng.randrange(2800))).date()
        has_end = rng.random() < 0.6
        has_budget = rng.random() < 0.5
        measure = Measure(
            title=title_en if language == "en" else title,
            description=description,
            language=language,
            title_en=title_en if english else "",
            description_en=base.description_en if english else "",
            lead_organisation_id=organisation.pk,
            kind=base.kind if rng.random() < 0.6 else rng.choice(MeasureKind.values),
            status=weighted(rng, MEASURE_STATUS_WEIGHTS),
            start_date=start_date,
            end_date=start_date + datetime.timedelta(days=rng.randrange(90, 1500))
            if has_end
            else None,
            budget_amount=Decimal(rng.randrange(50, 50_000) * 10_000) if has_budget else None,
            budget_currency="SEK" if has_budget else "",
            target_groups=rng.sample(TargetGroup.values, rng.randint(0, 3)),
            stakeholders=rng.sample(Stakeholder.values, rng.randint(0, 3)),
            created_by_id=world.officers[organisation.pk],
        )
        reviewed(rng, measure, weighted(rng, WORKFLOW_WEIGHTS), world, FIRST_DAY, SEED_NOW)
        if rng.random() < ARCHIVED_SHARE:
            measure.archived_at = moment(rng, measure.updated_at, SEED_NOW)
        return measure

    def _chunk(self, count: int, report: SeedReport) -> None:
        rng, world = self.rng, self.world
        measures = Measure.objects.bulk_create(
            [self._measure() for _ in range(count)], batch_size=BATCH
        )
        links = {name: [] for name in ("objectives", "actions", "principles", "partners")}
        through = {
            "objectives": (Measure.objectives.through, "objective_id"),
            "actions": (Measure.actions.through, "action_id"),
            "principles": (Measure.guiding_principles.through, "guidingprinciple_id"),
            "partners": (Measure.partner_organisations.through, "organisation_id"),
        }
        updates = []
        for measure in measures:
            objectives = rng.sample(world.objectives, rng.choices((1, 2, 3), (50, 35, 15))[0])
            candidates = [a for o in objectives for a in world.actions_of.get(o, [])]
            chosen = {
                "objectives": objectives,
                "actions": rng.sample(candidates, min(len(candidates), rng.randint(0, 3))),
                "principles": rng.sample(world.principles, rng.randint(0, 3)),
                "partners": [
                    o.pk
                    for o in rng.sample(world.organisations, rng.randint(0, 2))
                    if o.pk != measure.lead_organisation_id
                ],
            }
            for name, ids in chosen.items():
                model, column = through[name]
                links[name].extend(model(measure_id=measure.pk, **{column: i}) for i in ids)
            updates.extend(self._updates(measure))
        for name, rows in links.items():
            model = through[name][0]
            model.objects.bulk_create(rows, batch_size=BATCH * 5)
            report.add(f"measure {name} links", len(rows))
        ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
        report.add("measures", len(measures))
        report.add("progress updates", len(updates))

    def _updates(self, measure: Measure) -> list[ProgressUpdate]:
        rng, world, texts = self.rng, self.world, self.data.texts
        updates = []
        for cycle in world.cycles:
            # Only measures that existed in a cycle's period can be reported on in it.
            if measure.created_at.date() > cycle.period_end or rng.random() >= UPDATE_SHARE:
                continue
            status = weighted(rng, MEASURE_STATUS_WEIGHTS)
            text = texts.update_texts[status]
            numbers = {"n": rng.randint(20, 4000), "p": rng.randint(30, 95)}
            challenge = rng.choice(texts.challenges) if rng.random() < 0.4 else None
            update = ProgressUpdate(
                measure_id=measure.pk,
                cycle_id=cycle.pk,
                status=status,
                narrative=text.narrative.format(**numbers),
                results=text.results.format(**numbers),
                challenges=challenge.text if challenge else "",
                narrative_en=text.narrative_en.format(**numbers),
                results_en=text.results_en.format(**numbers),
                challenges_en=challenge.text_en if challenge else "",
                created_by_id=measure.created_by_id,
            )
            window_start = datetime.datetime.combine(
                cycle.period_end - datetime.timedelta(days=120), datetime.time(8), UTC
            )
            window_start = max(window_start, measure.created_at)
            window_end = min(cycle.closed_at or SEED_NOW, SEED_NOW)
            reviewed(rng, update, weighted(rng, WORKFLOW_WEIGHTS), world, window_start, window_end)
            updates.append(update)
        return updates

    def _pledges(self, count: int, report: SeedReport) -> None:
        if count <= 0:
            return
        rng, world = self.rng, self.world
        templates = self.data.pledges.pledges
        pledges = []
        for index in range(count):
            template = rng.choice(templates)
            occasion, made_on = rng.choice(PLEDGE_OCCASIONS)
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
            reviewed(rng, pledge, weighted(rng, WORKFLOW_WEIGHTS), world, made, SEED_NOW)
            pledges.append(pledge)
        pledges = Pledge.objects.bulk_create(pledges, batch_size=BATCH)
        objective_links, co_links, measure_links = [], [], []
        measure_ids = list(Measure.objects.values_list("id", flat=True).order_by("id"))
        for pledge in pledges:
            for objective_id in rng.sample(world.objectives, rng.randint(1, 2)):
                objective_links.append(
                    Pledge.objectives.through(pledge_id=pledge.pk, objective_id=objective_id)
                )
            for organisation in rng.sample(world.organisations, rng.randint(0, 2)):
                if organisation.pk != pledge.lead_organisation_id:
                    co_links.append(
                        Pledge.co_pledging_organisations.through(
                            pledge_id=pledge.pk, organisation_id=organisation.pk
                        )
                    )
            for measure_id in rng.sample(measure_ids, rng.randint(0, 3)):
                measure_links.append(
                    Measure.pledges.through(measure_id=measure_id, pledge_id=pledge.pk)
                )
        Pledge.objectives.through.objects.bulk_create(objective_links, batch_size=BATCH * 5)
        Pledge.co_pledging_organisations.through.objects.bulk_create(co_links, batch_size=BATCH)
        Measure.pledges.through.objects.bulk_create(measure_links, batch_size=BATCH)
        self.pledges += count
        report.add("pledges", count)
        report.add("pledge objective links", len(objective_links))
        report.add("measure pledge links", len(measure_links))
