from django.contrib import admin

from banenbrug.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: a job's record is written by its worker alone; admins may delete old ones."""

    list_display = ["id", "kind", "status", "progress", "attempts", "owner", "created_at",
                    "finished_at"]
    list_filter = ["kind", "status"]
    exclude = ["output", "params"]  # a file result and uploaded input are not for the list
    readonly_fields = ["kind", "status", "progress", "message", "result", "result_url",
                       "output_name", "error", "attempts", "owner", "session_key", "created_at",
                       "started_at", "finished_at", "heartbeat_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
