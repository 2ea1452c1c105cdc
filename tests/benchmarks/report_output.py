"""The report benchmark's printed figures (tests/benchmarks/report.py), each target marked
PASS or FAIL."""

from tests.benchmarks.output import mark

MB = 2**20


def _mb(value: int) -> str:
    return f"{value / MB:,.0f} MB"


def job(result: dict) -> None:
    stages, press = result["stages"], result["press"]
    seconds = result["seconds"]
    pieces = press.get("pieces", [])
    typesetting, merge = press.get("typesetting", 0.0), press.get("merge", 0.0)
    # The press's own start, the hand-over of the HTML and of the PDF.
    press_rest = stages.get("press", 0.0) - typesetting - merge
    rest = seconds - stages.get("data", 0.0) - stages.get("html", 0.0) - stages.get("press", 0.0)
    weasyprint_cpu = sum(piece["cpu"] for piece in pieces) + press.get("furniture_cpu", 0.0)
    cpu = result["job_cpu"] + press.get("press_cpu", 0.0) + weasyprint_cpu
    print(f"  state {result['state']}{': ' + result['error'] if result['error'] else ''}")
    print(f"  pages            {result['pages']:,} ({result['bytes'] / MB:.1f} MB of PDF)")
    print(
        f"  end to end       {seconds:.1f} s (report_build; the process with Python and Django "
        f"setup {result['process_seconds']:.1f} s); {cpu:.1f} s of processor in all its processes"
    )
    print(
        f"  stages           data {stages.get('data', 0):.1f} s, HTML "
        f"{stages.get('html', 0):.1f} s ({result['documents']} documents), typesetting "
        f"{typesetting:.1f} s, merge after the last piece {merge:.1f} s, the press's start "
        f"and hand-overs "
        f"{press_rest:.1f} s, saving and the rest {rest:.1f} s"
    )
    print(
        f"  in WeasyPrint    {typesetting / seconds:.0%} of the time: {len(pieces)} pieces (piece "
        f"weight {result['piece_weight']:.0f}) and the furniture kit typeset "
        f"{press.get('typesetters', '?')} at a time, "
        f"{weasyprint_cpu:.1f} s of processor in them, {weasyprint_cpu / cpu:.0%} of the job's "
        f"(its own process {result['job_cpu']:.1f} s, the press {press.get('press_cpu', 0):.1f} s)"
    )
    if pieces:
        pages = [piece["pages"] for piece in pieces]
        print(
            f"  pieces           {min(pages)} to {max(pages)} pages; the largest typesetting "
            f"process peaked at {_mb(max(piece['memory'] for piece in pieces))}"
        )
    before, after = press.get("memory_at_last_piece", 0), press.get("memory_at_end", 0)
    print(
        f"  merge            {merge:.1f} s after the last piece was typeset (each piece is merged "
        f"as it comes, while the others are typeset); the press's peak memory went from "
        f"{_mb(before)} at the last piece to "
        f"{_mb(after)} (+{_mb(after - before)})"
    )
    print(
        f"  peak memory      {_mb(result['tree_peak'])}: the job, the press and its typesetting "
        f"processes summed (up to {result['processes']} processes); the job's own process "
        f"{_mb(result['job_peak'])}"
    )


def alone(result: dict | None, html) -> None:
    if result is None:
        return
    print(
        f"  {result['pages']:,} pages in {result['seconds']:.1f} s ({result['cpu']:.1f} s of "
        f"processor), peak {_mb(result['tree_peak'])}; HTML of {html.stat().st_size / MB:.1f} MB"
    )


def chromium(result: dict | None) -> None:
    if result is None:
        return
    print(
        f"  {result['pages']:,} pages in {result['seconds']:.1f} s ({result['cpu']:.1f} s of "
        f"processor), peak {_mb(result['tree_peak'])} (all its processes)"
    )


def ratios(job_result: dict, alone_result: dict | None, chromium_result: dict | None) -> None:
    parts = []
    if alone_result is not None:
        parts.append(
            f"job / WeasyPrint alone {job_result['seconds'] / alone_result['seconds']:.2f}"
        )
    if chromium_result is not None:
        parts.append(f"job / Chromium {job_result['seconds'] / chromium_result['seconds']:.1f}")
        if alone_result is not None:
            parts.append(
                f"WeasyPrint alone / Chromium "
                f"{alone_result['seconds'] / chromium_result['seconds']:.1f}"
            )
    if parts:
        print(f"  ratios           {'; '.join(parts)}")


def targets(size: int, target: tuple, job_result: dict, alone_result: dict | None) -> bool:
    alone_factor, seconds_limit, memory_limit = target
    seconds = job_result["seconds"]
    checks = []
    if alone_factor is not None:
        if alone_result is None:
            print(f"  (end to end within {alone_factor} x WeasyPrint alone: not measured)")
        else:
            limit = alone_factor * alone_result["seconds"]
            checks.append(
                (
                    f"end to end within {alone_factor} x WeasyPrint alone",
                    f"{seconds:.1f} s <= {limit:.1f} s",
                    seconds <= limit,
                )
            )
    if seconds_limit is not None:
        checks.append(
            (f"end to end under {seconds_limit:.0f} s", f"{seconds:.1f} s", seconds < seconds_limit)
        )
    peak = job_result["tree_peak"]
    checks.append(
        (
            f"peak memory under {memory_limit / 2**30:.0f} GiB",
            f"{_mb(peak)} < {_mb(memory_limit)}",
            peak < memory_limit,
        )
    )
    print(f"  targets at {size:,} measures:")
    width = max(len(name) for name, _figure, _passed in checks)
    for name, figure, passed in checks:
        print(f"    {name.ljust(width)}  {figure}  {mark(passed)}")
    return all(passed for _name, _figure, passed in checks)
