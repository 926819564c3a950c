"""Who may do what in policy direct delivery: the bureau's departments write policy items and review
applications (a department head reviews a draft and confirms a no-application list: the maker is never
its checker); leadership and the streets read; an enterprise or a person sees and applies for what was
matched to it and follows its own applications and grants, never another's."""

from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Role
from hrbureau.core.permissions import declare

DEPARTMENT = {Role.DEPT_HEAD, Role.DEPT_STAFF}
READERS = DEPARTMENT | {Role.LEADER, Role.STREET_STAFF}
PARTIES = {Role.ENTERPRISE, Role.INDIVIDUAL}

declare("policies.view_item", _("See the policy library, drafts included"), roles=READERS)
declare("policies.manage_item", _("Write policy items and their claim guides"), roles=DEPARTMENT)
declare(
    "policies.review_item",
    _("Review and publish policy items, expire or withdraw them"),
    roles={Role.DEPT_HEAD},
)
declare("policies.export_item", _("Export the policy library"), roles=READERS)
declare(
    "policies.view_policymatch",
    _("See the policies matched to enterprises and people (one's own, as an enterprise or a person)"),
    roles=READERS | PARTIES,
)
declare("policies.export_policymatch", _("Export policy matches"), roles=DEPARTMENT | {Role.LEADER})
declare(
    "policies.view_policyapplication",
    _("See policy applications (one's own, as an enterprise or a person)"),
    roles=READERS | PARTIES,
)
declare("policies.apply", _("Apply for a policy matched to one"), roles=PARTIES)
declare("policies.review_application", _("Review policy applications and record payouts"), roles=DEPARTMENT)
declare(
    "policies.export_policyapplication", _("Export policy applications"), roles=DEPARTMENT | {Role.LEADER}
)
declare(
    "policies.view_grant", _("See grants (one's own, as an enterprise or a person)"), roles=READERS | PARTIES
)
declare("policies.manage_grant", _("Generate no-application grant lists"), roles=DEPARTMENT)
declare(
    "policies.confirm_grant", _("Confirm and announce no-application grant lists"), roles={Role.DEPT_HEAD}
)
declare("policies.export_grant", _("Export grants"), roles=DEPARTMENT | {Role.LEADER})
