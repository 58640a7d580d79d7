"""Admin editing; Django's LogEntry keeps the history of every change ("Geschiedenis")."""

from django.contrib import admin

from banenbrug.registry.models import (
    EnergyTarget,
    Initiative,
    Outcome,
    Pledge,
    Region,
    Table,
    TableMember,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "labour_market_region", "res_region", "province"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "kind", "labour_market_region", "res_region", "province"]


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0


class PledgeInline(admin.TabularInline):
    model = Pledge
    extra = 0
    autocomplete_fields = ["occupation", "table"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "status", "funding_type", "national",
                    "is_example"]
    list_filter = ["kind", "status", "funding_type", "national", "is_example"]
    search_fields = ["name", "organisation", "key", "description"]
    filter_horizontal = ["regions"]
    autocomplete_fields = ["occupations"]
    inlines = [OutcomeInline, PledgeInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "regions":
            kwargs["queryset"] = Region.objects.order_by("kind", "name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class MemberInline(admin.TabularInline):
    model = TableMember
    extra = 1


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    list_display = ["name", "organiser", "rhythm", "national", "is_example"]
    list_filter = ["rhythm", "national", "is_example"]
    search_fields = ["name", "organiser", "key"]
    filter_horizontal = ["regions"]
    autocomplete_fields = ["occupations"]
    inlines = [MemberInline]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["employer", "initiative", "jobs_pledged", "jobs_delivered", "deadline",
                    "is_example"]
    search_fields = ["employer", "key"]
    autocomplete_fields = ["initiative", "table", "occupation"]


@admin.register(EnergyTarget)
class EnergyTargetAdmin(admin.ModelAdmin):
    list_display = ["region", "description", "is_example"]
