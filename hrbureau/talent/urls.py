"""Talent services' pages, one block per part of the line."""

from django.urls import path

app_name = "talent"

urlpatterns: list = []

# --- registers ---
from hrbureau.talent import registers_views as rv  # noqa: E402
from hrbureau.talent.registers_lists import (  # noqa: E402
    ACTIONS,
    AGREEMENTS,
    CONTESTS,
    ENTRANTS,
    PARK,
    POSTDOCS,
    STATIONS,
)

urlpatterns += [
    path("stations/", STATIONS.view, name="stations"),
    path("stations/new/", rv.station_create, name="station_create"),
    path("stations/<int:pk>/", rv.station_detail, name="station"),
    path("stations/<int:pk>/edit/", rv.station_edit, name="station_edit"),
    path("stations/<int:pk>/postdocs/new/", rv.postdoc_create, name="postdoc_create"),
    path("stations/<int:pk>/assessments/new/", rv.assessment_create, name="assessment_create"),
    path("postdocs/", POSTDOCS.view, name="postdocs"),
    path("postdocs/<int:pk>/edit/", rv.postdoc_edit, name="postdoc_edit"),
    path("park/", PARK.view, name="park"),
    path("park/new/", rv.park_create, name="park_create"),
    path("park/<int:pk>/", rv.park_detail, name="park_residency"),
    path("park/<int:pk>/edit/", rv.park_edit, name="park_edit"),
    path("portal/park/", rv.portal_park, name="portal_park"),
    path("agreements/", AGREEMENTS.view, name="agreements"),
    path("agreements/new/", rv.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", rv.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", rv.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/actions/new/", rv.action_create, name="action_create"),
    path("actions/", ACTIONS.view, name="actions"),
    path("actions/<int:pk>/", rv.action_detail, name="action"),
    path("actions/<int:pk>/edit/", rv.action_edit, name="action_edit"),
    path("actions/<int:pk>/progress/", rv.action_progress, name="action_progress"),
    path("contests/", CONTESTS.view, name="contests"),
    path("contests/new/", rv.contest_create, name="contest_create"),
    path("contests/<int:pk>/", rv.contest_detail, name="contest"),
    path("contests/<int:pk>/edit/", rv.contest_edit, name="contest_edit"),
    path("contests/<int:pk>/rounds/new/", rv.round_create, name="round_create"),
    path("contests/<int:pk>/entrants/new/", rv.entrant_create, name="entrant_create"),
    path("entrants/", ENTRANTS.view, name="entrants"),
    path("entrants/<int:pk>/", rv.entrant_detail, name="entrant"),
    path("entrants/<int:pk>/edit/", rv.entrant_edit, name="entrant_edit"),
    path("registers/<slug:kind>/<int:pk>/delete/", rv.register_delete, name="register_delete"),
]

# --- internship ---
from hrbureau.talent import internship_views  # noqa: E402
from hrbureau.talent.internship_lists import BASES, INTERNSHIPS  # noqa: E402

urlpatterns += [
    path("internship/bases/", BASES.view, name="internship_bases"),
    path("internship/bases/new/", internship_views.base_create, name="internship_base_create"),
    path("internships/", INTERNSHIPS.view, name="internships"),
    path("internships/new/", internship_views.register, name="internship_register"),
    path("internships/<int:pk>/", internship_views.internship_detail, name="internship"),
    path("internships/<int:pk>/months/", internship_views.month_record, name="internship_month_record"),
    path(
        "internships/months/<int:pk>/approve/",
        internship_views.month_approve,
        name="internship_month_approve",
    ),
    path("my/internships/", internship_views.portal, name="internship_portal"),
    path("my/internships/import/", internship_views.portal_import, name="internship_portal_import"),
]

# --- certification ---
from hrbureau.talent import certification_views  # noqa: E402
from hrbureau.talent.certification_lists import CATEGORIES, CERTIFICATIONS, INTAKES, REGISTER  # noqa: E402

urlpatterns += [
    path("intakes/", INTAKES.view, name="intakes"),
    path("intakes/<int:pk>/", certification_views.intake_detail, name="intake"),
    path("my/intakes/", certification_views.portal_intakes, name="portal_intakes"),
    path("my/intakes/new/", certification_views.intake_apply, name="intake_apply"),
    path("my/intakes/<int:pk>/", certification_views.portal_intake, name="portal_intake"),
    path("certifications/", CERTIFICATIONS.view, name="certifications"),
    path("certifications/<int:pk>/", certification_views.certification_detail, name="certification"),
    path("certifications/expert/", certification_views.expert_reviews, name="expert_reviews"),
    path("categories/", CATEGORIES.view, name="categories"),
    path("categories/new/", certification_views.category_create, name="category_create"),
    path("categories/<int:pk>/", certification_views.category_edit, name="category_edit"),
    path("register/", REGISTER.view, name="register"),
    path("register/figures/", certification_views.register_figures, name="register_figures"),
    path("my/certifications/", certification_views.portal_certifications, name="portal_certifications"),
    path("my/certifications/new/", certification_views.certification_apply, name="certification_apply"),
    path(
        "my/certifications/<int:pk>/", certification_views.portal_certification, name="portal_certification"
    ),
]

# --- subsidies ---
from hrbureau.talent import subsidy_views  # noqa: E402
from hrbureau.talent.subsidy_lists import APPLICATIONS, QUEUE, SCHEMES  # noqa: E402

urlpatterns += [
    path("schemes/", SCHEMES.view, name="schemes"),
    path("schemes/new/", subsidy_views.scheme_create, name="scheme_create"),
    path("schemes/<int:pk>/", subsidy_views.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/edit/", subsidy_views.scheme_edit, name="scheme_edit"),
    path("applications/", APPLICATIONS.view, name="applications"),
    path("applications/queue/", QUEUE.view, name="queue"),
    path("applications/counter/", subsidy_views.counter_apply, name="counter_apply"),
    path("applications/<int:pk>/", subsidy_views.application_detail, name="application"),
    path("instalments/<int:pk>/reverify/", subsidy_views.instalment_reverify, name="instalment_reverify"),
    path("my/schemes/", subsidy_views.portal_schemes, name="portal_schemes"),
    path("my/schemes/<int:pk>/apply/", subsidy_views.portal_apply, name="portal_apply"),
    path("my/applications/", subsidy_views.portal_applications, name="portal_applications"),
    path("my/applications/<int:pk>/", subsidy_views.portal_application, name="portal_application"),
    path("my/confirmations/", subsidy_views.portal_confirmations, name="portal_confirmations"),
]

# --- payments ---
from hrbureau.talent import payment_views  # noqa: E402
from hrbureau.talent.payment_lists import BATCH_PAGE, BATCHES, PAYMENTS  # noqa: E402

urlpatterns += [
    path("batches/", BATCHES.view, name="batches"),
    path("batches/new/", payment_views.batch_build, name="batch_build"),
    path("batches/<int:pk>/", BATCH_PAGE.view, name="batch"),
    path("batches/<int:pk>/bank-file/", payment_views.bank_file, name="bank_file"),
    path("batches/<int:pk>/result/", payment_views.result_upload, name="batch_result"),
    path("payments/", PAYMENTS.view, name="payments"),
    path("payments/totals/", payment_views.payment_totals, name="payment_totals"),
]
