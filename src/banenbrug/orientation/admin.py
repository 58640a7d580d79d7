from django.contrib import admin

from banenbrug.orientation.models import OccupationStory, ReachCount, RoleModel


@admin.register(OccupationStory)
class OccupationStoryAdmin(admin.ModelAdmin):
    list_display = ["occupation_uri", "is_example"]
    list_filter = ["is_example"]
    search_fields = ["occupation_uri", "day_nl"]


@admin.register(RoleModel)
class RoleModelAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "works_part_time", "side_entrant", "is_example",
                    "published"]
    list_filter = ["is_example", "published", "works_part_time", "side_entrant"]
    search_fields = ["name", "job_title", "occupation_uri"]


@admin.register(ReachCount)
class ReachCountAdmin(admin.ModelAdmin):
    """Read-only: the counts are written by the pages only."""

    list_display = ["period", "kind", "route", "occupation_uri", "count"]
    list_filter = ["period", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
