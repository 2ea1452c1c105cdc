"""How fast the suggestions answer: POST /api/v1/suggestions/ with a 100-word text in each
language, in-process with Django's test Client on a throwaway PostgreSQL database of this
machine (migrated, the Compact loaded, which builds the index). The median of the timed
requests must stay under 100 ms; the ranking alone (compact/suggestions/) is timed beside it.

    .venv/bin/python -m tests.benchmarks.suggestions [--repeat 30] [--keep]

BENCH_POSTGRES_HOST/PORT/USER/PASSWORD name the server (127.0.0.1:55432, postgres)."""

import argparse
import io
import os
import platform
import statistics
import sys
import time

from tests.benchmarks.database import Server, configure_django

DATABASE = "bench_suggestions"
TARGET_MS = 100
WORDS = 100


def hundred_words(language: str) -> str:
    """The evaluation set's texts of the language, run together and cut at 100 words."""
    from tests.compact.suggestions.evaluate import measures

    words = []
    for row in measures():
        if row["language"] == language:
            words += row["text"].split()
    return " ".join(words[:WORDS])


def _median_ms(call, repeat: int) -> float:
    call()  # the first call may load what the next ones reuse
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _prepare() -> object:
    from django.core.management import call_command
    from rest_framework.test import APIClient

    from tracker.models import User

    call_command("migrate", verbosity=0)
    call_command("loadcompact", stdout=io.StringIO())
    user, _ = User.objects.get_or_create(username="suggestion-benchmark")
    client = APIClient()
    client.force_login(user)
    return client


def run(repeat: int) -> bool:
    from compact.suggestions.index import SuggestionIndex
    from compact.suggestions.selectors import suggestion_index

    client = _prepare()
    index: SuggestionIndex = suggestion_index()
    passed = True
    print(f"{'language':8} {'API median':>11} {'ranking median':>15}  verdict (< {TARGET_MS} ms)")
    for language in ("sv", "nb", "da", "en"):
        text = hundred_words(language)
        payload = {"text": text, "language": language}

        def ask(payload=payload):
            response = client.post("/api/v1/suggestions/", payload, format="json")
            assert response.status_code == 200, response.content

        api_ms = _median_ms(ask, repeat)
        rank_ms = _median_ms(lambda t=text, c=language: index.rank(text=t, language=c), repeat)
        verdict = api_ms < TARGET_MS
        passed &= verdict
        print(
            f"{language:8} {api_ms:>8.1f} ms {rank_ms:>12.1f} ms  {'PASS' if verdict else 'FAIL'}"
        )
    return passed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark's database")
    arguments = parser.parse_args(argv)
    server = Server.from_environment()
    server.refuse_remote()
    print(
        f"Suggestions benchmark, {time.strftime('%Y-%m-%d %H:%M')}: PostgreSQL "
        f"{server.version()}, Python {platform.python_version()} on {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}; {WORDS}-word texts, {arguments.repeat} requests"
    )
    server.recreate(DATABASE)
    configure_django(server, DATABASE)
    try:
        passed = run(arguments.repeat)
    finally:
        from django.db import connections

        connections.close_all()
        if not arguments.keep:
            server.drop(DATABASE)
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
