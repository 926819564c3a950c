from django.contrib import admin

from hrbureau.core.admin import DatedTimeLimitAdmin
from hrbureau.policies.models import PolicyDocument, PolicyPackage, TimeLimit

admin.site.register(TimeLimit, DatedTimeLimitAdmin)


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "doc_number", "issuer", "issued_on")
    search_fields = ("title", "doc_number")


@admin.register(PolicyPackage)
class PolicyPackageAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "short_name", "announced_items")
