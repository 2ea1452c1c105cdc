from rest_framework.permissions import SAFE_METHODS, BasePermission


class RulesPermission(BasePermission):
    """Asks tracker/rules.py whether the user may do the view's action, before any input is
    validated, so that a refusal is a 403 and not a list of field errors. The services ask
    the same rules again before they change anything.

    The view names the rules in `action_permissions`: {action: rule} for rules about a model
    (such as adding a measure) and `object_permissions`: {action: rule} for rules about the
    entry the request is on. Reading is scoped by the selectors instead (not found is 404).
    """

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        rule = getattr(view, "action_permissions", {}).get(view.action)
        return rule is None or request.user.has_perm(rule)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        rule = getattr(view, "object_permissions", {}).get(view.action)
        return rule is None or request.user.has_perm(rule, obj)
