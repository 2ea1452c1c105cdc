"""The indicator pages take the same number of queries for 3 indicators as for 23, and for 4
periods as for 14: the latest values are read in the list's one query, a series in one."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import IndicatorDatasetFactory, IndicatorFactory

pytestmark = pytest.mark.usefixtures("compact")

URLS = [
    "/dashboard/indicators/",
    "/dashboard/indicators/?round_table=1&objective=5&cycle=national-2025",
    "/dashboard/indicators/GCM-5.1/",
    "/dashboard/indicators/GCM-5.1/?by=sex&cycle=national-2023",
    "/dashboard/indicators/GCM-5.1/?by=sex&download=indicator-series&format=xlsx",
    "/dashboard/objectives/5/",
    "/dashboard/round-tables/1/",
]


def grow(indicators, count: int) -> None:
    """`count` more indicators informing objective 5, with ten periods of values by sex, and
    ten more periods of GCM-5.1."""
    sex = indicators.permits.dimensions.get()
    for number in range(count):
        indicator = IndicatorFactory(code=f"GROW-{number}", objectives=[5, 2], dimensions=[sex])
        for period in range(2010, 2020):
            IndicatorDatasetFactory(
                indicator=indicator,
                period=period,
                values={"": period, "sex=female": number, "sex=male": 1},
            )
    for period in range(2005 + count % 5, 2015, 5 if count < 5 else 1):
        if not indicators.permits.datasets.filter(period=period).exists():
            IndicatorDatasetFactory(
                indicator=indicators.permits,
                period=period,
                values={"": period, "sex=female": 1, "sex=male": 2},
            )


def queries(client, url) -> int:
    cache.clear()  # the objective's and round table's measure figures are cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
        b"".join(response) if response.streaming else response.content
    return len(captured)


@pytest.mark.parametrize("url", URLS)
def test_an_indicator_page_takes_the_same_queries_for_few_and_many(
    client, dataset, indicators, url
):
    few = queries(client, url)
    grow(indicators, 20)
    many = queries(client, url)

    assert many == few
    assert few <= 14
