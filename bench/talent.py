"""Talent subsidy benchmarks (issue 18, disbursement and the import's duplicate check).

Loads subsidy applications set-based (``INSERT … SELECT`` over the people the registries part loaded,
every k-th person) of one scheme with two approval levels (1: department staff, 2: department head): the
first 20,000 approved, each with a due instalment; of the rest, one in 16 in review at level 2 (the head's
queue: 5,000 of 100,000), two in 16 at level 1 (the staff's: 10,000), the others submitted, materials
requested or on public notice. Then measures:

- the approval queue (``/talent/applications/queue/``) of the department head and of the staff, page 1
  with its total, beside the raw SQL of the same rows and cells served through the same signed-in request
  (``bench.baseline``; rows checked equal first, measured in turns), ratio ≤ 3;
- building a batch of 20,000 payments (one ``INSERT … SELECT``, one ``UPDATE``), payments/s ≥ 10,000;
- exporting its bank file (xlsx, streamed), rows/s ≥ 10,000;
- reconciling its bank result file (xlsx, 1 % failed), rows/s ≥ 10,000;
- the import's duplicate check (one query per chunk of 1,000 rows) per row with 100,000 applications
  in the register against 10,000: ratio ≤ 1.5 (flat in the size of the register).

Every round starts from the same state: the batches, payments and instalments it made are removed and
the instalments put back as due (raw deletes, outside what is measured)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run import clock, clock_name, median_ms, record

BATCH = 20_000
ROUNDS = 3
CHUNK = 1_000  # rows the import checks against the register per query (core.imports.engine.CHUNK)
SMALL = 10_000
WAITING = 16  # of the applications beyond the batch: i % 16 = 0 waits at level 2, 1 and 2 at level 1
QUEUE_URL = "/talent/applications/queue/"


def _clear() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("talent_payment", "talent_paymentbatch", "talent_instalment", "talent_subsidydecision"):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute("DELETE FROM talent_subsidyapplication")
        cursor.execute(
            "DELETE FROM core_caseevent WHERE case_type IN ('talent.paymentbatch', 'talent.subsidyapplication')"
        )


def _scheme() -> Any:
    """The bench's scheme and its two approval levels: department staff, then the department head."""
    from hrbureau.accounts.choices import Role
    from hrbureau.talent.choices import AmountRule
    from hrbureau.talent.models import SchemeLevel, SubsidyScheme

    scheme, _ = SubsidyScheme.objects.get_or_create(
        code="bench-living",
        defaults={"name": "新引进人才生活补贴（基准）", "amount_rule": AmountRule.BY_DEGREE},
    )
    for number, role, title in ((1, Role.DEPT_STAFF, "科员初审"), (2, Role.DEPT_HEAD, "科长审批")):
        SchemeLevel.objects.update_or_create(
            scheme=scheme, number=number, defaults={"role": role, "title": title}
        )
    return scheme


def _load(scheme: Any, start: int, count: int, people: int, total: int) -> None:
    """Applications ``start`` … ``start + count`` of ``total`` (the person of the i-th is every
    ``people // total``-th), the first ``BATCH`` approved with a due instalment, the others in the states
    and at the levels of the module's description."""
    from django.db import connection, transaction
    from django.utils import timezone

    step = max(1, people // total)
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO talent_subsidyapplication
              (created_at, updated_at, state, version, number, scheme_id, person_id, street_id, channel,
               degree, amount, bank_name, account_name, account_number, statement, levels_approved)
            SELECT %s, %s,
                   CASE WHEN p.i < %s THEN 'approved'
                        WHEN p.i %% %s IN (0, 1, 2) THEN 'in_review'
                        WHEN p.i %% %s = 3 THEN 'on_notice'
                        WHEN p.i %% %s = 4 THEN 'supplement'
                        ELSE 'submitted' END,
                   0, 'TSB' || CAST(p.n AS TEXT), %s, p.id, p.street_id, 'import', 'bachelor', 15000.00,
                   '中国工商银行深圳分行', p.name, '6222' || CAST(1000000000000 + p.n AS TEXT), '',
                   CASE WHEN p.i < %s OR p.i %% %s = 3 THEN 2 WHEN p.i %% %s = 0 THEN 1 ELSE 0 END
              FROM (SELECT id, name, street_id, n, n / %s AS i
                      FROM (SELECT id, name, street_id, (ROW_NUMBER() OVER (ORDER BY id)) - 1 AS n
                              FROM people_person) numbered
                     WHERE n %% %s = 0) p
             WHERE p.i >= %s AND p.i < %s
            """,
            [
                *(now, now, BATCH, WAITING, WAITING, WAITING, scheme.pk, BATCH, WAITING, WAITING),
                *(step, step, start, start + count),
            ],
        )
        cursor.execute(
            """
            INSERT INTO talent_instalment (created_at, updated_at, application_id, number, period, amount,
                                           due_on, state, stop_reason)
            SELECT %s, %s, a.id, 1, %s, a.amount, %s, 'due', ''
              FROM talent_subsidyapplication a
             WHERE a.scheme_id = %s AND a.state = 'approved'
               AND NOT EXISTS (SELECT 1 FROM talent_instalment i WHERE i.application_id = a.id)
            """,
            [now, now, str(today.year), today, scheme.pk],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE talent_subsidyapplication")
            cursor.execute("ANALYZE talent_instalment")


def _reset() -> None:
    """Back to the state before a round: no batch, every instalment due, every application approved."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM talent_payment")
        cursor.execute("DELETE FROM talent_paymentbatch")
        cursor.execute(
            "DELETE FROM core_caseevent WHERE case_type IN ('talent.paymentbatch', 'talent.subsidyapplication')"
        )
        cursor.execute("UPDATE talent_instalment SET state = 'due'")
        cursor.execute("UPDATE talent_subsidyapplication SET state = 'approved' WHERE state = 'completed'")


def _duplicate_check_per_row_ms(scheme: Any) -> float:
    """The import's duplicate check of one chunk (half the rows in the register, half new), per row."""
    from hrbureau.talent.models import SubsidyApplication
    from hrbureau.talent.subsidy_imports import _existing

    held = list(
        SubsidyApplication.objects.filter(scheme=scheme)
        .order_by("?")
        .values_list("person__id_number", flat=True)[: CHUNK // 2]
    )
    keys = [f"{scheme.pk}|{n}" for n in held] + [
        f"{scheme.pk}|44030619900101{i:04d}" for i in range(CHUNK - len(held))
    ]

    def check() -> None:
        found = _existing(keys)
        assert len(found) == len(held)

    return median_ms(check, repeat=15, warmup=3) / CHUNK


def _bench_queue(username: str, who: str) -> None:
    """The approval queue of ``username``, page 1 with its total, beside the raw SQL of the same rows and
    cells (``bench.baseline.queue_view``) through the same signed-in request, measured in turns; beside
    the bare query (informative)."""
    from django.test import override_settings

    from bench import baseline
    from bench.run import BARE, SAME_PATH, _client, paired_medians_ms, row_links
    from hrbureau.accounts.models import User
    from hrbureau.core.lists import EXACT_UP_TO
    from hrbureau.talent.subsidy_applications import approval_queue

    user = User.objects.get(username=username)
    sql, params = baseline.queue_sql(user.role)
    total_sql, total_params = baseline.queue_total_sql(user.role)
    waiting = approval_queue(user).count()
    assert waiting >= 20, (username, waiting)
    assert baseline._total(total_sql, total_params) == min(waiting, EXACT_UP_TO + 1), (username, waiting)
    first = [str(pk) for pk in approval_queue(user).values_list("pk", flat=True)[:20]]
    assert first == [str(row[0]) for row in baseline._rows(sql, params)[:20]], "queue differs from SQL"
    client = _client(username)
    plain = "/bench-baseline/talent-queue"
    with override_settings(ROOT_URLCONF="bench.baseline"):
        for url in (QUEUE_URL, plain):
            assert client.get(url).status_code == 200, url
        # Like with like: both serve the queue's first 20 rows, in its order.
        assert row_links(client.get(QUEUE_URL).content, "talent/applications") == first
        assert row_links(client.get(plain).content, "talent/applications") == first
        t_page, t_base = paired_medians_ms(
            lambda: client.get(QUEUE_URL), lambda: client.get(plain), repeat=21
        )

    def bare() -> Any:
        return baseline._total(total_sql, total_params), baseline._rows(sql, params)

    t_bare = median_ms(bare)
    name = f"talent: approval queue page 1 of the {who}, {waiting:,} waiting"
    record(
        f"{name}, vs {SAME_PATH}",
        t_page,
        t_base,
        "ratio ≤ 3",
        t_page <= 3 * t_base,
        note="20 rows with scheme, applicant, masked ID number and street, and the total",
    )
    record(f"{name}, vs the bare raw SQL query", t_page, t_bare, "ratio ≤ 3", t_page <= 3 * t_bare, note=BARE)


def _result_file(batch: Any, path: Path) -> None:
    import xlsxwriter

    from hrbureau.talent.models import Payment

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["代发业务处理结果"])
    sheet.write_row(1, 0, ["流水号", "收款账号", "金额", "状态", "回单号", "失败原因"])
    for row, (line, account, amount) in enumerate(
        Payment.objects.filter(batch=batch)
        .order_by("line")
        .values_list("line", "account_number", "amount")
        .iterator(),
        start=2,
    ):
        if line % 100 == 7:
            sheet.write_row(row, 0, [line, account, float(amount), "失败", "", "账户已冻结"])
        else:
            sheet.write_row(row, 0, [line, account, float(amount), "成功", f"R{line:08d}", ""])
    book.close()


def run(applications: int) -> None:
    from django.contrib.auth import get_user_model

    from hrbureau.talent import payments
    from hrbureau.talent.bank_file import write_bank_file
    from hrbureau.talent.reconcile import reconcile_batch

    actor = get_user_model().objects.filter(username="talent_staff").first()
    assert actor is not None, "the demo's logins are loaded with the registries"
    from hrbureau.people.models import Person

    people = Person.objects.count()
    total = min(applications, people)
    small = min(SMALL, total)
    _clear()
    scheme = _scheme()
    print(f"loading {total:,} subsidy applications …", flush=True)
    started = time.perf_counter()
    _load(scheme, 0, small, people, total)
    per_row_small = _duplicate_check_per_row_ms(scheme)
    _load(scheme, small, total - small, people, total)
    print(f"  {time.perf_counter() - started:.0f} s", flush=True)
    per_row_large = _duplicate_check_per_row_ms(scheme)
    _bench_queue("talent_head", "department head")
    _bench_queue("talent_staff", "department staff")

    build, export, reconcile = [], [], []
    size = 0
    with tempfile.TemporaryDirectory() as folder:
        for _round in range(ROUNDS):
            _reset()
            began = clock()
            batch = payments.build_batch(actor=actor, limit=BATCH).batch
            build.append(clock() - began)
            size = batch.count
            payments.batch_export(actor=actor, batch=batch)
            began = clock()
            with open(Path(folder) / "bank.xlsx", "wb") as handle:
                written = write_bank_file(handle, batch)
            export.append(clock() - began)
            assert written == size
            result_path = Path(folder) / "result.xlsx"
            _result_file(batch, result_path)
            began = clock()
            result = reconcile_batch(actor=actor, batch=batch, path=result_path)
            reconcile.append(clock() - began)
            assert result.ok, result.errors[:3]
            assert result.reconciled
    # The bench database keeps no applications: the people they name may be reloaded by another run.
    _clear()
    for name, seconds in (
        ("build a batch", build),
        ("export its bank file (xlsx)", export),
        ("reconcile its bank result file (xlsx)", reconcile),
    ):
        median = statistics.median(seconds)
        rate = size / median if median else 0.0
        record(
            f"talent: {name} of {size:,} payments over {total:,} applications, rows/s",
            rate,
            None,
            "≥ 10,000 rows/s",
            rate >= 10_000,
            unit="rows/s",
            note=f"{clock_name()}, median of {ROUNDS}: {median * 1000:.0f} ms",
        )
    ratio_ok = per_row_large <= 1.5 * per_row_small
    record(
        f"talent: import duplicate check per row, {total:,} vs {small:,} applications in the register",
        per_row_large,
        per_row_small,
        "ratio ≤ 1.5",
        ratio_ok,
        note=f"one query per chunk of {CHUNK:,} rows",
    )
