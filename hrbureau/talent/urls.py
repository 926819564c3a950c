"""Talent services' pages, one block per part of the line."""

from django.urls import path

app_name = "talent"

urlpatterns: list = []

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
