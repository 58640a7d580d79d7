from django.contrib import admin

from banenbrug.taxonomy.models import ImportRun, IscoGroup, Occupation, Skill, SkillGroup


class ConceptAdmin(admin.ModelAdmin):
    search_fields = ["label_en", "label_nl", "uri"]
    list_display = ["label_en", "label_nl", "uri"]


admin.site.register(Occupation, ConceptAdmin)
admin.site.register(Skill, ConceptAdmin)
admin.site.register(IscoGroup, ConceptAdmin)
admin.site.register(SkillGroup, ConceptAdmin)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["id", "finished_at"]
    readonly_fields = ["finished_at", "files", "summary"]
