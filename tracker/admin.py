"""The admin is for administrators: organisations and users, and the API tokens and login
records they look after. What they may do there comes from tracker/rules.py, like everywhere
else; entries are edited through the pages and the API."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy
from rules.contrib.admin import ObjectPermissionsModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from tracker.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["code", "name_en", "name_sv", "kind", "parent", "language"]
    list_filter = ["kind", "language"]
    search_fields = ["code", "name_en", "name_sv", "name_nb", "name_da"]
    list_select_related = ["parent"]


@admin.register(User)
class TrackerUserAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin, UserAdmin):
    list_display = ["username", "get_full_name", "email", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    list_select_related = ["organisation"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Organisation and role"), {"fields": ["organisation", "role", "preferred_language"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Organisation and role"), {"fields": ["organisation", "role", "preferred_language"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        """An administrator gives roles; only a superuser can grant powers beyond the roles."""
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["is_superuser", "groups", "user_permissions", "last_login", "date_joined"]


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TrackerTokenAdmin(TokenAdmin):
    """DRF's token pages, with the list showing only the start of each key: enough to tell
    tokens apart, not enough to call the API as their owners."""

    list_display = ["key_start", "user", "created"]

    @admin.display(description=_("Key"))
    def key_start(self, token) -> str:
        return f"{token.key[:6]}…"
