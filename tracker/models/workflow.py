from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkflowState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class FieldConstraintsMixin:
    """Django reports a violated check constraint as an error of the whole form; constraints
    that are about one field name it in `constraint_fields` (constraint name -> field), so
    that the person entering data sees the error beside that field. Each such constraint sets
    violation_error_code to its own name."""

    constraint_fields: dict[str, str] = {}

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            by_field: dict[str, list] = {}
            for field, errors in error.error_dict.items():
                for item in errors:
                    target = self.constraint_fields.get(item.code, field)
                    by_field.setdefault(target, []).append(item)
            raise ValidationError(by_field) from None


class ReviewedEntry(FieldConstraintsMixin, models.Model):
    """What measures, pledges and progress updates share: the review workflow, a version for
    refusing concurrent edits, and when and by whom they were made.

    The transitions live in tracker/services/workflow.py; only approved entries are public.
    """

    workflow_state = models.CharField(
        _("workflow state"),
        max_length=10,
        choices=WorkflowState.choices,
        default=WorkflowState.DRAFT,
        db_index=True,
    )
    review_comment = models.TextField(
        _("review comment"),
        blank=True,
        help_text=_("The coordinator's comment when the entry was last returned or approved."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised by every save; a save based on an older version is refused."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        abstract = True

    @property
    def is_approved(self) -> bool:
        return self.workflow_state == WorkflowState.APPROVED
