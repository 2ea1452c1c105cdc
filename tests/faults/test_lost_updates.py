"""A hundred edits of one measure at once, through a live server on PostgreSQL, each carrying
the version it read (half with If-Match, half with the `version` field): exactly the accepted
ones are applied, each raising the version by one, and every refused one is told so (412 or
409) and changes nothing. No edit silently overwrites another."""

import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from tests.factories import MeasureFactory, OrganisationFactory, officer
from tests.faults.client import call
from tracker.models import Measure

pytestmark = pytest.mark.django_db(transaction=True)

EDITS = 100
THREADS = 10


@dataclass(frozen=True)
class Edit:
    title: str
    by_header: bool
    read_version: int
    status: int | None
    version_after: int | None  # the version the answer gives: the new one, or the current one


def _edit(base, token: str, url: str, number: int) -> Edit:
    read = call(base, "GET", url, token=token)
    assert read.status == 200, read
    version, title, by_header = read.body["version"], f"Edit {number:03}", number % 2 == 0
    if by_header:
        answer = call(
            base,
            "PATCH",
            url,
            token=token,
            body={"title": title},
            headers={"If-Match": read.headers["ETag"]},
        )
    else:
        answer = call(base, "PATCH", url, token=token, body={"title": title, "version": version})
    if answer.status == 200:
        version_after = answer.body["version"]
    elif answer.status in (409, 412):
        version_after = answer.body["current_version"]
    else:
        version_after = None
    return Edit(title, by_header, version, answer.status, version_after)


def test_a_hundred_concurrent_edits_apply_exactly_the_accepted_ones(compact, live_server):
    if connection.vendor != "postgresql":
        pytest.skip("the row lock that serialises the saves is PostgreSQL's, as in production")
    ministry = OrganisationFactory(code="MOJ")
    tokens = [
        Token.objects.create(user=officer(ministry, username=f"officer-{n}")).key
        for n in range(THREADS)
    ]
    measure = MeasureFactory(lead_organisation=ministry, title="Original")
    history_at_start = measure.history.count()
    split = urlsplit(live_server.url)
    base, url = (split.hostname, split.port), f"/api/v1/measures/{measure.pk}/"
    start, edits = threading.Barrier(THREADS), []

    def editor(thread: int) -> None:
        start.wait(timeout=30)
        for number in range(thread, EDITS, THREADS):
            edits.append(_edit(base, tokens[thread], url, number))

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    accepted = [edit for edit in edits if edit.status == 200]
    refused = [edit for edit in edits if edit.status != 200]
    print(
        f"{len(edits)} concurrent edits: {len(accepted)} accepted, {len(refused)} refused "
        f"({sum(edit.status == 412 for edit in refused)} by If-Match, "
        f"{sum(edit.status == 409 for edit in refused)} by version)"
    )
    assert len(edits) == EDITS
    assert [
        (edit.title, edit.status)
        for edit in refused
        if edit.status != (412 if edit.by_header else 409)
    ] == []
    assert accepted
    assert refused, "no two edits raced: the test proved nothing"
    # Each accepted edit raised the version it read by one, and no two share a version.
    assert all(edit.version_after == edit.read_version + 1 for edit in accepted)
    assert sorted(edit.version_after for edit in accepted) == list(range(2, 2 + len(accepted)))
    # A refused edit was told a version at least as new as the one that beat it.
    assert all(edit.version_after > edit.read_version for edit in refused)
    stored = Measure.objects.get(pk=measure.pk)
    assert stored.version == 1 + len(accepted)
    history = {
        record.version: record.title
        for record in stored.history.order_by("history_id")[history_at_start:]
    }
    assert len(history) == stored.history.count() - history_at_start == len(accepted)
    assert history == {edit.version_after: edit.title for edit in accepted}
    assert stored.title == history[stored.version]
