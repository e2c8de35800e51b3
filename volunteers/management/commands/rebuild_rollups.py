import time

from django.core.management.base import BaseCommand

from volunteers.events.counts import counts_check
from volunteers.participation.services.rollups import RebuildProgress, rollups_rebuild

# Tables walked in at least this many chunks (millions of records) report every tenth.
PROGRESS_FROM = 100


class Command(BaseCommand):
    help = (
        "Check the totals of approved hours and report figures against the records and "
        "correct them, then the stored sign-up and member counts. Approvals go on meanwhile."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        shown = {}

        def progress(step: RebuildProgress) -> None:
            if step.finished:
                self.stdout.write(f"{step.table} rollups: {_counts(vars(step))}")
                return
            tenth = step.chunks_done * 10 // step.chunks_total
            if step.chunks_total < PROGRESS_FROM or step.chunks_done >= step.chunks_total:
                return
            if tenth > shown.get(step.table, 0):
                shown[step.table] = tenth
                self.stdout.write(f"{step.table} rollups: {tenth * 10} % … {_counts(vars(step))}")

        report = rollups_rebuild(on_chunk=progress)
        corrected = sum(counts["corrected"] for counts in report.values())
        busy = sum(counts["busy"] for counts in report.values())
        self.stdout.write(
            f"Rollups rebuilt in {time.monotonic() - started:.1f} s: {corrected:,} corrected"
            + (
                f", {busy:,} held by approvals in progress (the next rebuild checks them)."
                if busy
                else "."
            )
        )
        wrong = counts_check()
        self.stdout.write(
            f"Stored counts checked: {_number(wrong['events'], 'event')} and "
            f"{_number(wrong['teams'], 'team')} corrected."
        )


def _number(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _counts(counts: dict) -> str:
    text = f"{counts['checked']:,} checked, {counts['corrected']:,} corrected"
    return text + (f", {counts['busy']:,} busy" if counts["busy"] else "")
