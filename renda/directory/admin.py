from django.contrib import admin

from renda.directory.models import (
    CollectionPoint,
    Deputy,
    Expert,
    ExpertLedgerEntry,
    InformationOfficer,
    Organization,
    ProfessionalGroup,
    Station,
)


@admin.register(Deputy)
class DeputyAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "term", "station", "status", "congress"]
    list_filter = ["level", "status", "congress"]
    search_fields = ["name", "name_initials", "name_pinyin"]
    readonly_fields = ["public_code", "name_initials", "name_pinyin"]
    exclude = ["phone", "id_number"]  # personal data: staff pages mask it and log reveals


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "congress", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    readonly_fields = ["public_code"]


class OfficerInline(admin.TabularInline):
    model = InformationOfficer
    extra = 0
    exclude = ["phone"]


@admin.register(CollectionPoint)
class CollectionPointAdmin(admin.ModelAdmin):
    list_display = ["name", "congress", "is_active"]
    inlines = [OfficerInline]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["name", "field", "status", "appointed_on", "term_ends_on"]
    list_filter = ["status", "field"]
    exclude = ["phone"]


admin.site.register(ProfessionalGroup)
admin.site.register(Organization)
admin.site.register(ExpertLedgerEntry)
