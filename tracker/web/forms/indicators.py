"""The forms of indicators and their disaggregations, saved through
tracker.services.indicators (administrators and coordinators)."""

from django import forms
from django.core.validators import validate_slug
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from compact.common.language import reader_language
from compact.models import Objective
from tracker.models import Category, Dimension, Indicator, Organisation, ValueStatus
from tracker.services.indicators import INDICATOR_FIELDS, NAME_FIELDS
from tracker.web.forms.common import ObjectiveChoicesMixin

TEXTS = ("name", "definition")
LANGUAGES = (("", "en"), ("_sv", "sv"), ("_nb", "nb"), ("_da", "da"))
CATEGORY_SEPARATOR = "|"


class NameChoiceField(forms.ModelMultipleChoiceField):
    """Dimensions offered by their name in the reader's language, with their code."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return f"{obj.name_in(reader_language()).text} ({obj.code})"


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name(reader_language())


def _mark_languages(form: forms.Form, names) -> None:
    for name in names:
        for suffix, language in LANGUAGES:
            form.fields[f"{name}{suffix}"].widget.attrs["lang"] = language


class IndicatorForm(ObjectiveChoicesMixin, forms.ModelForm):
    """The objectives are offered grouped by round table (tracker/_objective_choices.html)."""

    objectives = forms.ModelMultipleChoiceField(
        Objective.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Objectives"),
        help_text=_("Choose every objective the indicator informs."),
    )
    dimensions = NameChoiceField(
        Dimension.objects.all(),
        required=False,
        label=capfirst(Indicator._meta.get_field("dimensions").verbose_name),
    )
    source_organisation = OrganisationField(
        Organisation.objects.all(),
        required=False,
        label=capfirst(Indicator._meta.get_field("source_organisation").verbose_name),
    )
    source_url = forms.URLField(
        label=capfirst(Indicator._meta.get_field("source_url").verbose_name),
        max_length=1000,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        widgets = {
            f"definition{suffix}": forms.Textarea(attrs={"rows": 3}) for suffix, _l in LANGUAGES
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_organisation"].help_text = Indicator._meta.get_field(
            "source_organisation"
        ).help_text
        _mark_languages(self, TEXTS)

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class DimensionForm(forms.ModelForm):
    """A disaggregation with its categories, one per line as “code | name”, the name in
    English and then, if given, in Swedish, Norwegian and Danish."""

    categories = forms.CharField(
        label=_("Categories"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One category per line: its code and English name, then its Swedish, Norwegian "
            "and Danish names if you have them, separated by |: female | Female | Kvinnor | "
            "Kvinner | Kvinder."
        ),
        error_messages={"required": _("Give at least one category.")},
    )

    class Meta:
        model = Dimension
        fields = ["code", *NAME_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _mark_languages(self, ["name"])

    def clean_categories(self) -> list[dict]:
        categories, seen = [], set()
        for number, line in enumerate(self.cleaned_data["categories"].splitlines(), start=1):
            if not line.strip():
                continue
            category, problem = _category_line(line, seen)
            if problem:
                raise forms.ValidationError(
                    _("Line %(number)s: %(problem)s") % {"number": number, "problem": problem}
                )
            seen.add(category["code"])
            categories.append(category)
        if not categories:
            raise forms.ValidationError(_("Give at least one category."))
        return categories

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class DimensionEditForm(DimensionForm):
    """A disaggregation's names and its categories, listed as in DimensionForm; the codes of
    the disaggregation and of its categories stay as they are."""

    class Meta(DimensionForm.Meta):
        fields = list(NAME_FIELDS)

    def __init__(self, *args, instance: Dimension, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        self.fields["categories"].help_text = _(
            "One category per line, as when the disaggregation was created. Change a name, add "
            "a line for a new category, or delete the line of a category no value uses. The "
            "codes stay: they are the import files' cells."
        )
        self.initial["categories"] = "\n".join(
            f" {CATEGORY_SEPARATOR} ".join(_category_parts(category))
            for category in instance.categories.all()
        )


def _category_parts(category: Category) -> list[str]:
    """A category's code and names as its line lists them, without empty trailing names."""
    parts = [category.code, *(getattr(category, name) for name in NAME_FIELDS)]
    while parts and not parts[-1]:
        parts.pop()
    return parts


def _category_line(line: str, seen: set[str]) -> tuple[dict, str | None]:
    """A line's category {"code": ..., "name": ..., "name_sv": ...}, and what is wrong with it."""
    parts = [part.strip() for part in line.split(CATEGORY_SEPARATOR)]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return {}, _("write the category's code and name separated by |.")
    if len(parts) > 1 + len(NAME_FIELDS):
        return {}, _("give at most the code and the English, Swedish, Norwegian and Danish names.")
    code = parts[0]
    # A name left out is empty: the line lists all of a category's names.
    names = parts[1:] + [""] * (1 + len(NAME_FIELDS) - len(parts))
    category = {"code": code, **dict(zip(NAME_FIELDS, names, strict=True))}
    try:
        validate_slug(code)
    except forms.ValidationError:
        return {}, _("the code may contain only letters, digits, hyphens and underscores.")
    code_length = Category._meta.get_field("code").max_length
    name_length = Category._meta.get_field("name").max_length
    if len(code) > code_length or any(len(parts[i]) > name_length for i in range(1, len(parts))):
        return {}, _("the code or a name is too long.")
    if code in seen:
        return {}, _("the code %(code)s is given twice.") % {"code": code}
    return category, None


class ValueCorrectionForm(forms.Form):
    """One value of a dataset corrected by its desk officer; the dataset goes back to review."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)
    status = forms.ChoiceField(label=_("Status"), choices=ValueStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 3}))
