from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext

from banenbrug.conf.paths import data_dir
from banenbrug.jobs import service as jobs
from banenbrug.taxonomy.models import ImportRun, IscoGroup, Occupation, Skill, SkillGroup


class ConceptAdmin(admin.ModelAdmin):
    search_fields = ["label_en", "label_nl", "uri"]
    list_display = ["label_en", "label_nl", "uri"]


class SkillAdmin(ConceptAdmin):
    list_display = [*ConceptAdmin.list_display, "labels_nl_source"]
    list_filter = ["labels_nl_source"]


admin.site.register(Occupation, ConceptAdmin)
admin.site.register(Skill, SkillAdmin)
admin.site.register(IscoGroup, ConceptAdmin)
admin.site.register(SkillGroup, ConceptAdmin)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["id", "finished_at"]
    readonly_fields = ["finished_at", "files", "summary"]
    change_list_template = "admin/taxonomy/importrun/change_list.html"

    def get_urls(self):
        start = path("importeren/", self.admin_site.admin_view(self.start_import),
                     name="taxonomy_importrun_start")
        return [start, *super().get_urls()]

    def start_import(self, request: HttpRequest) -> HttpResponse:
        """Import the data folder's ESCO files as a background job (POST only). The folder is
        the configured one, never a path typed into a form."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("accounts.manage_taxonomy"):
            raise PermissionDenied
        base = data_dir()
        if base is None or not (base / "esco").is_dir():
            messages.error(request, gettext("ESCO-gegevens niet gevonden: zet "
                                            "BANENBRUG_DATA_DIR op de map met esco/."))
            return redirect("admin:taxonomy_importrun_changelist")
        return redirect(jobs.start("esco_import", {"paths": [str(base / "esco")]}, request.user))
