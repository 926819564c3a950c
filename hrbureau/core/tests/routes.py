"""Import routes for the permission matrix. Jobs belong to the standard department staff member."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, STAFF, Route

IMPORTERS = {Role.SYSADMIN, Role.DEPT_HEAD, Role.DEPT_STAFF}
# Who sees the job: its uploader, staff who may import enterprises too (to run a failed one again), and
# the system administrator.
JOB_READERS = IMPORTERS


def _job(world: Any) -> int:
    """An uploaded (not yet imported) enterprise file of the department staff member."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile

    from hrbureau.core.exports import write_xlsx
    from hrbureau.core.imports.services import import_job_create
    from hrbureau.core.imports.spec import get_spec

    if "job" not in world.enterprises:
        buffer = BytesIO()
        write_xlsx(
            buffer,
            columns=["统一社会信用代码", "企业名称"],
            rows=[["91350100M000100Y43", "导入测试有限公司"]],
            text_columns={0},
        )
        upload = SimpleUploadedFile("firms.xlsx", buffer.getvalue())
        spec = get_spec("enterprises")
        assert spec is not None
        world.enterprises["job"] = import_job_create(
            actor=world.users["dept_staff"], spec=spec, upload=upload, mode="reject"
        )
    return int(world.enterprises["job"].pk)


def _notice(world: Any) -> int:
    """A notice to the individual about nothing in particular: only they open it (others: not found)."""
    from hrbureau.core.models import Notification
    from hrbureau.core.notifications import notify

    if "notice" not in world.enterprises:
        notify(title="请补充材料", url="/portal/", users=[world.users["individual"]])
        world.enterprises["notice"] = Notification.objects.get(title="请补充材料")
    return int(world.enterprises["notice"].pk)


ROUTES = [
    # The service guides are public; a notice opens (302 to its page) only for its receiver.
    Route("core:guides", "/core/guides/", allowed=ALL_ROLES | {ANONYMOUS}),
    Route("core:guide", "/core/guides/arbitration_apply/", allowed=ALL_ROLES | {ANONYMOUS}),
    Route(
        "core:notice_open",
        lambda w: f"/core/inbox/{_notice(w)}/open/",
        allowed={Role.INDIVIDUAL},
        ok_status=302,
    ),
    Route("imports:list", "/imports/", allowed=STAFF),
    Route("imports:upload", "/imports/enterprises/", allowed=IMPORTERS, label="enterprises"),
    Route("imports:upload", "/imports/people/", allowed=IMPORTERS, label="people"),
    Route("imports:template", "/imports/enterprises/template.xlsx", allowed=IMPORTERS),
    Route("imports:job", lambda w: f"/imports/jobs/{_job(w)}/", allowed=JOB_READERS),
    Route(
        "imports:job_commit",
        lambda w: f"/imports/jobs/{_job(w)}/commit/",
        method="POST",
        allowed={Role.DEPT_STAFF},
        ok_status=302,
    ),
    Route(
        "imports:job_cancel",
        lambda w: f"/imports/jobs/{_job(w)}/cancel/",
        method="POST",
        allowed={Role.DEPT_STAFF},
        ok_status=302,
    ),
    Route(
        "imports:job_header",
        lambda w: f"/imports/jobs/{_job(w)}/header/",
        method="POST",
        data={"row": 1},
        allowed={Role.DEPT_STAFF},
        ok_status=302,
    ),
    # Not failed: the readers who may run it again get the page back with the reason (a redirect).
    Route(
        "imports:job_retry",
        lambda w: f"/imports/jobs/{_job(w)}/retry/",
        method="POST",
        allowed=JOB_READERS,
        ok_status=302,
    ),
    # No rejected rows, no error file: nobody gets a 200, and outsiders get a refusal, not a 404 hint.
    Route("imports:job_errors", lambda w: f"/imports/jobs/{_job(w)}/errors.xlsx", allowed=set()),
    # Without a file: importers reach the validation (422), everyone else is refused first.
    Route(
        "api:import_upload",
        "/api/v1/imports/enterprises",
        method="POST",
        allowed=IMPORTERS | {Role.INTEGRATION},
        ok_status=422,
        api=True,
        label="no file",
    ),
    Route(
        "api:import_job",
        lambda w: f"/api/v1/imports/jobs/{_job(w)}",
        allowed=JOB_READERS,
        api=True,
    ),
    Route(
        "api:import_header",
        lambda w: f"/api/v1/imports/jobs/{_job(w)}/header",
        method="POST",
        data={"header_row": 1},
        json=True,
        allowed={Role.DEPT_STAFF},
        api=True,
    ),
    # Not failed: those who may run it again are told why not (422); everyone else is refused.
    Route(
        "api:import_retry",
        lambda w: f"/api/v1/imports/jobs/{_job(w)}/retry",
        method="POST",
        allowed=JOB_READERS,
        ok_status=422,
        api=True,
    ),
    Route(
        "api:import_commit",
        lambda w: f"/api/v1/imports/jobs/{_job(w)}/commit",
        method="POST",
        allowed={Role.DEPT_STAFF},
        api=True,
    ),
    Route("api:import_errors", lambda w: f"/api/v1/imports/jobs/{_job(w)}/errors", allowed=set(), api=True),
]
