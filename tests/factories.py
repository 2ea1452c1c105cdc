"""Factories for the tracker's data. The Compact itself is loaded once per test session."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from compact.models import Objective
from tracker.models import (
    Category,
    CycleKind,
    Dimension,
    Indicator,
    IndicatorDataset,
    IndicatorValue,
    Measure,
    MeasureKind,
    MeasureStatus,
    Organisation,
    OrganisationKind,
    Pledge,
    PledgeType,
    ProgressUpdate,
    ReviewCycle,
    Role,
    User,
    ValueStatus,
    WorkflowState,
)
from tracker.models.indicators import category_key, key_categories
from tracker.services.publication import entry_publish


def publish_if_approved(entry):
    """Give an entry arranged as approved the published record an approval writes (a
    withdrawn one's marked withdrawn), as the approval service would."""
    if entry.workflow_state == WorkflowState.APPROVED and entry.published_id is None:
        entry_publish(
            entry=entry,
            actor=None,
            approved_at=entry.reviewed_at or timezone.now(),
            withdrawn=getattr(entry, "archived_at", None) is not None,
        )
        type(entry).objects.filter(pk=entry.pk).update(published=entry.published)
    return entry


def republish(entry):
    """Publish an approved entry again after the test changed it directly, as approving the
    change would: the public sees what the test arranged."""
    entry.version += 1
    type(entry).objects.filter(pk=entry.pk).update(version=entry.version)
    entry.published = None
    return publish_if_approved(entry)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ORG{n}")
    name_en = factory.LazyAttribute(lambda o: f"Ministry {o.code}")
    name_sv = factory.LazyAttribute(lambda o: f"Departementet {o.code}")
    kind = OrganisationKind.MINISTRY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.DESK_OFFICER
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", "secret-password")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


def officer(organisation=None, **kwargs) -> User:
    return UserFactory(
        role=Role.DESK_OFFICER, organisation=organisation or OrganisationFactory(), **kwargs
    )


def coordinator(**kwargs) -> User:
    return UserFactory(role=Role.COORDINATOR, **kwargs)


def committee_reader(**kwargs) -> User:
    return UserFactory(role=Role.COMMITTEE_READER, organisation=None, **kwargs)


def administrator(**kwargs) -> User:
    return UserFactory(role=Role.ADMINISTRATOR, organisation=None, **kwargs)


class ReviewCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCycle
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"National review {2024 + n}")
    slug = factory.Sequence(lambda n: f"national-{2024 + n}")
    kind = CycleKind.NATIONAL
    period_start = datetime.date(2024, 1, 1)
    period_end = datetime.date(2025, 12, 31)
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


class MeasureFactory(factory.django.DjangoModelFactory):
    """A measure saved directly, bypassing the services: for arranging a test's data."""

    class Meta:
        model = Measure
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Measure {n}")
    description = "What the ministry does."
    language = "sv"
    lead_organisation = factory.SubFactory(OrganisationFactory)
    kind = MeasureKind.PROGRAMME
    status = MeasureStatus.ONGOING

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create:
            numbers = extracted or [1]
            self.objectives.set(Objective.objects.filter(number__in=numbers))

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        # Last: an entry made approved gets its published record (publish=False leaves it to
        # the test, to publish once its other relations are set).
        if create and extracted is not False:
            publish_if_approved(self)


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge
        skip_postgeneration_save = True

    text = factory.Sequence(lambda n: f"We pledge to do thing {n}.")
    language = "en"
    lead_organisation = factory.SubFactory(OrganisationFactory)
    pledge_type = PledgeType.POLICY_ORIENTED
    made_on = datetime.date(2022, 5, 20)
    occasion = "IMRF 2022"

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create:
            self.objectives.set(Objective.objects.filter(number__in=extracted or [1]))

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        # Last: an entry made approved gets its published record (publish=False leaves it to
        # the test, to publish once its other relations are set).
        if create and extracted is not False:
            publish_if_approved(self)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate
        skip_postgeneration_save = True

    measure = factory.SubFactory(MeasureFactory)
    cycle = factory.SubFactory(ReviewCycleFactory)
    status = MeasureStatus.ONGOING
    narrative = "Progress was made."

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        # Last: an entry made approved gets its published record (publish=False leaves it to
        # the test, to publish once its other relations are set).
        if create and extracted is not False:
            publish_if_approved(self)


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dimension-{n}")
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("dimension", "code")

    dimension = factory.SubFactory(DimensionFactory)
    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


def sex_dimension() -> Dimension:
    """The dimension sex with its categories female and male."""
    sex = DimensionFactory(code="sex", name="Sex", name_sv="Kön")
    CategoryFactory(dimension=sex, code="female", name="Female", name_sv="Kvinnor", order=1)
    CategoryFactory(dimension=sex, code="male", name="Male", name_sv="Män", order=2)
    return sex


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator recorded by an agency, informing objective 1 unless told (objectives=[...]),
    carrying the dimensions given (dimensions=[...])."""

    class Meta:
        model = Indicator
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"T-{n}")
    name = factory.LazyAttribute(lambda o: f"Indicator {o.code}")
    definition = "What is counted, and how."
    unit = "persons"
    source_organisation = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.AGENCY,
        code=factory.Sequence(lambda n: f"STAT{n}"),
    )
    source_name = "Statistics office"
    source_url = "https://statistics.example/table"

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create:
            self.objectives.set(Objective.objects.filter(number__in=extracted or [1]))

    @factory.post_generation
    def dimensions(self, create, extracted, **kwargs):
        if create and extracted:
            self.dimensions.set(extracted)


def value_rows(dataset: IndicatorDataset, values: dict) -> list[IndicatorValue]:
    """Working values of `dataset` from {key: value} ("" is the total, "sex=female" ...); a
    value may be a dict of the value's fields instead of a number."""
    rows = []
    for key, given in values.items():
        fields = given if isinstance(given, dict) else {"value": given}
        key, dimensions = category_key(key_categories(key))
        rows.append(
            IndicatorValue(
                dataset=dataset,
                key=key,
                dimensions=dimensions,
                **{"status": ValueStatus.FINAL, **fields, "value": Decimal(str(fields["value"]))},
            )
        )
    return IndicatorValue.objects.bulk_create(rows)


class IndicatorDatasetFactory(factory.django.DjangoModelFactory):
    """An indicator's values for a period, recorded by its source organisation, approved and
    published with its values unless told otherwise (workflow_state=..., values={key: value})."""

    class Meta:
        model = IndicatorDataset
        skip_postgeneration_save = True

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.Sequence(lambda n: 2000 + n)
    organisation = factory.LazyAttribute(lambda o: o.indicator.source_organisation)
    workflow_state = WorkflowState.APPROVED
    reviewed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def values(self, create, extracted, **kwargs):
        if create:
            value_rows(self, {"": 100} if extracted is None else extracted)

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if create and extracted is not False:
            publish_if_approved(self)
