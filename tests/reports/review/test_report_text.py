"""The report's texts are wrapped in an element only when they are in another language than the
report's (reports/templatetags/report_text.py): every element costs WeasyPrint time on every
page of a large report."""

import re

from django.template import Context, Template

from compact.languages import LocalizedText
from reports.review.document.data import report_data
from reports.review.document.render import report_html


def _render(source: str, text: LocalizedText) -> str:
    return Template("{% load report_text %}" + source).render(Context({"text": text}))


def test_a_text_in_the_reports_language_is_printed_bare_and_escaped():
    text = LocalizedText("Legal aid & counsel\nfor all", "en", "en")
    assert _render("{{ text|marked }}", text) == "Legal aid &amp; counsel\nfor all"
    assert _render("{{ text|marked_lines }}", text) == "Legal aid &amp; counsel<br>for all"
    assert _render("{{ text|in_language }}", text) == "Legal aid &amp; counsel\nfor all"


def test_a_text_in_another_language_carries_its_lang_and_its_mark():
    text = LocalizedText("Rättshjälp <för> alla", "sv", "en")
    assert _render("{{ text|marked }}", text) == (
        '<span lang="sv">Rättshjälp &lt;för&gt; alla</span> <span class="language-mark">(sv)</span>'
    )
    assert _render("{{ text|in_language }}", text) == (
        '<span lang="sv">Rättshjälp &lt;för&gt; alla</span>'
    )


# A measure's full entry, its one-line references and the annex's rows.
MEASURE_HTML = re.compile(
    r'<article class="measure".*?</article>|<p class="measure-reference">.*?</p>'
    r'|<table class="data annex">.*?</table>',
    re.S,
)


def test_no_measure_is_printed_with_a_span_without_attributes(dataset):
    data = report_data(cycle=dataset.cycles.new, language="en", is_final=False)
    html = "".join(report_html(data).documents)
    printed = MEASURE_HTML.findall(html)
    assert sum(entry.startswith("<article") for entry in printed) == len(data.measures)
    assert any(entry.startswith("<table") for entry in printed)
    assert not [entry for entry in printed if "<span>" in entry]
