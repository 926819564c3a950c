"""The enterprise tags every district uses, so that a new installation has them (administrators add,
rename and delete tags in the admin). Installing them again leaves existing tags as they are; the
reverse keeps them (they may already be attached to enterprises)."""

from django.db import migrations

TAGS = (
    ("key-enterprise", "重点企业", "Key enterprise"),
    ("little-giant", "专精特新“小巨人”", "Specialised 'little giant'"),
    ("postdoc-station", "博士后工作站设站单位", "Postdoc workstation"),
    ("hr-service-reporting", "人力资源服务业纳统企业", "HR-service industry reporting enterprise"),
    ("high-tech", "国家高新技术企业", "National high-tech enterprise"),
)


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    tag = apps.get_model("enterprises", "EnterpriseTag")
    for code, name, name_en in TAGS:
        tag.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0003_lean_indexes")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
