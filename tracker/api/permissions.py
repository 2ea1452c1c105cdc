from rest_framework.permissions import SAFE_METHODS, BasePermission


class RulesPermission(BasePermission):
    """Asks tracker/rules.py whether the user may do the view's action, before any input is
    validated, so that a refusal is a 403 and not a list of field errors. The services ask
    the same rules again before they change anything.

    The view names the rules in `action_permissions`: {action: rule} for rules about a model
    (such as adding a measure) and `object_permissions`: {action: rule} for rules about the
    entry the request is on; `default_permission` is the rule of every action not named in
    `action_permissions`, for a view that nobody but some roles may use at all. A rule is asked
    whether the action reads or changes; an action without one is open to anyone for reading
    (the selectors scope what is read instead: not found is 404). Changing needs a login.
    """

    def has_permission(self, request, view) -> bool:
        if request.method not in SAFE_METHODS and not request.user.is_authenticated:
            return False
        rule = action_rule(view)
        return rule is None or request.user.has_perm(rule)

    def has_object_permission(self, request, view, obj) -> bool:
        rule = getattr(view, "object_permissions", {}).get(view.action)
        return rule is None or request.user.has_perm(rule, obj)


def action_rule(view) -> str | None:
    """The rule the view names for the action it is doing, if any."""
    default = getattr(view, "default_permission", None)
    return getattr(view, "action_permissions", {}).get(getattr(view, "action", None), default)
