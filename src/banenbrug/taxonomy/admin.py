from django.contrib import admin

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
