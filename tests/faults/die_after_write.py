"""python -m tests.faults.die_after_write RUN_ID: build report run RUN_ID and die by SIGKILL
right after its PDF is written to storage, before the run records the file: the narrowest
moment for a worker to die in. A process of its own, with its own database connection (a
fork of the test process would share the test's connection and leave its transaction open)."""

import os
import signal
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from reports.models import ReportRun
    from reports.review.services.runs import report_build

    storage = ReportRun._meta.get_field("file").storage
    write = storage.save

    def write_then_die(*args, **kwargs):
        write(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)

    storage.save = write_then_die
    report_build(run_id=int(sys.argv[1]))


if __name__ == "__main__":
    main()
