from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderSent(models.Model):
    """An officer was reminded on a day of the progress updates missing in a review cycle.

    The daily reminder job records what it sends here, so that a second run on the same day
    (a retry, or an operator's run) mails nobody twice."""

    cycle = models.ForeignKey(
        "tracker.ReviewCycle",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("review cycle"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("officer"),
    )
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            # sent_on first: the job looks up the day's reminders.
            models.UniqueConstraint(
                fields=["sent_on", "officer", "cycle"],
                name="one_reminder_per_officer_cycle_and_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer} ({self.cycle}, {self.sent_on})"
