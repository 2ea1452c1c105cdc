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
    cpu = _job_cpu(result)
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


def yardstick(before: dict | None, after: dict | None) -> dict | None:
    """The yardstick around the job: the mean of its runs before and after it (the one that
    ran if the other failed), or None."""
    runs = [run for run in (before, after) if run is not None]
    if not runs:
        return None
    seconds = sum(run["seconds"] for run in runs) / len(runs)
    cpu = sum(run["cpu"] for run in runs) / len(runs)
    if len(runs) == 2:
        print(
            f"  yardstick        {seconds:.1f} s, the mean of {before['seconds']:.1f} s before "
            f"the job and {after['seconds']:.1f} s after it ({cpu:.1f} s of processor)"
        )
    return {"seconds": seconds, "cpu": cpu, "pages": runs[0]["pages"]}


def targets(size: int, target: tuple, job_result: dict, yardstick: dict | None) -> tuple:
    """The job against the issue's targets at `size`, printed; whether it met them all, and
    a line saying so for the summary."""
    factor, memory_limit = target
    seconds, peak = job_result["seconds"], job_result["tree_peak"]
    checks = []
    if yardstick is None:
        print(f"  (end to end within {factor} x the yardstick: the yardstick failed)")
        ratio = None
        checks.append((f"end to end within {factor} x the yardstick", "not measured", False))
    else:
        ratio = seconds / yardstick["seconds"]
        limit = factor * yardstick["seconds"]
        checks.append(
            (
                f"end to end within {factor} x the yardstick",
                f"{seconds:.1f} s <= {limit:.1f} s (ratio {ratio:.2f}; processor "
                f"{_job_cpu(job_result) / yardstick['cpu']:.2f} x the yardstick's)",
                seconds <= limit,
            )
        )
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
    passed = all(passed for _name, _figure, passed in checks)
    line = (
        f"  {size:,} measures: {job_result['pages']:,} pages in {seconds:.1f} s, peak "
        f"{_mb(peak)}; yardstick "
        + ("-" if yardstick is None else f"{yardstick['seconds']:.1f} s, ratio {ratio:.2f}")
        + f" (target {factor}, {memory_limit / 2**30:.0f} GiB)  {mark(passed)}"
    )
    return passed, line


def _job_cpu(result: dict) -> float:
    """Processor seconds of the job in all its processes."""
    press = result["press"]
    pieces = press.get("pieces", [])
    weasyprint_cpu = sum(piece["cpu"] for piece in pieces) + press.get("furniture_cpu", 0.0)
    return result["job_cpu"] + press.get("press_cpu", 0.0) + weasyprint_cpu
