"""The indicator pages' figures, cached under the data's version like the other pages'
(reports.dashboards.cache, whose version includes the indicator datasets' latest save): an
indicator's series, and a list of indicators rendered once per address and language. The
reading itself is tracker/selectors/indicator_series.py's."""

from django.template.loader import render_to_string

from reports.dashboards.cache import cached_figures
from tracker.models import Indicator, ReviewCycle
from tracker.selectors import indicator_series as selectors


@cached_figures
def series_figures(
    *, indicator: Indicator, dimensions: str, cycle: ReviewCycle | None
) -> selectors.Series:
    return selectors.indicator_series(indicator=indicator, dimensions=dimensions, cycle=cycle)


@cached_figures(unkeyed=("request", "rows"))
def indicator_table(
    *, request, rows, scope: str, language: str, cycle: ReviewCycle | None, caption: str
) -> tuple[int, str]:
    """How many indicators `rows()` gives, and their table as HTML: the same for every
    reader of the address `scope` in `language` until a dataset is saved, so rendered once,
    then reused. `rows` is called only when the table is not cached."""
    shown = rows()
    html = render_to_string(
        "reports/dashboards/_indicator_table.html",
        {"indicator_rows": shown, "table_id": f"indicators-{scope}"[:60], "caption": caption},
        request,
    )
    return len(shown), html
