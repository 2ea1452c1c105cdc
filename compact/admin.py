from django.contrib import admin

from compact.models import Action, GuidingPrinciple, Objective, PactItem, PactPart, RoundTable


class ReadOnlyAdmin(admin.ModelAdmin):
    """The Compact comes from the source documents through extract_compact and loadcompact;
    editing it by hand would be overwritten by the next load."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["letter", "text_en", "text_sv", "text_nb", "text_da"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Objective)
class ObjectiveAdmin(ReadOnlyAdmin):
    list_display = ["number", "title_en", "round_table"]
    list_filter = ["round_table"]
    inlines = [ActionInline]


@admin.register(RoundTable)
class RoundTableAdmin(ReadOnlyAdmin):
    list_display = ["number"]


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(ReadOnlyAdmin):
    list_display = ["position", "code", "name_en"]


@admin.register(PactPart)
class PactPartAdmin(ReadOnlyAdmin):
    list_display = ["code", "title_sv"]


@admin.register(PactItem)
class PactItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "kind", "title_sv", "note_sv"]
    list_filter = ["kind", "part"]
