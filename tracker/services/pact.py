"""An entry's EU Pact items (compact.PactItem), as measures and pledges take them: items, or
their codes such as "III.2" or "ACT-04"."""

from django.utils.translation import gettext as _

from compact.models import PactItem


def pact_items_checked(values, errors: dict) -> list[PactItem]:
    """The EU Pact items of `values`, looked up in one query, each once in the order given. Codes
    no item has are named in `errors["pact_items"]`, for the caller to raise with the rest."""
    values = list(values or [])
    codes = [str(value).strip() for value in values if not isinstance(value, PactItem)]
    found = {item.code: item for item in PactItem.objects.filter(code__in=codes)}
    items = [
        value if isinstance(value, PactItem) else found.get(str(value).strip()) for value in values
    ]
    unknown = [code for code in codes if code not in found]
    if unknown:
        errors["pact_items"] = [
            _("Not an item of the EU Pact: %(codes)s. Give codes such as III.2 or ACT-04.")
            % {"codes": ", ".join(unknown)}
        ]
    return list(dict.fromkeys(item for item in items if item is not None))
