from __future__ import annotations

import hashlib
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import PORTAL_ROLES, ROLE_SCOPE, STAFF_ROLES, OrgUnitKind, Role, ScopeKind
from hrbureau.core import permissions
from hrbureau.core.language import in_language
from hrbureau.core.models import TimeStampedModel
from hrbureau.core.scoping import Scope, ScopedManager, ScopePaths


class OrgUnit(TimeStampedModel):
    """A unit of the organisation tree (组织机构): the bureau and its departments; the district, its
    streets (街道), their communities (社区) and grids (网格).

    ``path`` holds the zero-padded ids from the root down ("/00000001/00000004/"), so a subtree is one prefix query.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrgUnitKind.choices, db_index=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    scope_paths = ScopePaths(unrestricted=True)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "sort_order"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_en)

    def ancestor_of_kind(self, kind: str) -> OrgUnit | None:
        unit: OrgUnit | None = self
        while unit is not None:
            if unit.kind == kind:
                return unit
            unit = unit.parent
        return None

    def subtree(self) -> models.QuerySet[OrgUnit]:
        return OrgUnit.objects.filter(path__startswith=self.path)


class PlatformUserManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        # ``createsuperuser`` makes a system administrator: a superuser without a role would have no
        # place in the permission model.
        extra.setdefault("role", Role.SYSADMIN)
        return super().create_superuser(username, email, password, **extra)


class User(AbstractUser):
    """A person with an account on the platform (用户): staff, street and grid workers, arbitrators,
    enterprise users and individual citizens. What they may do is their ``role``; what they may see is
    their scope, from the role and the unit, enterprise or person the account is bound to.
    """

    role = models.CharField(_("role"), max_length=30, choices=Role.choices, db_index=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="user",
    )
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    # Set by an administrator to keep an account out until then; failed sign-ins lock a user name per
    # client address instead (LoginFailureTally), so that strangers cannot lock the real user out.
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)

    objects: ClassVar[PlatformUserManager] = PlatformUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        # Declared permissions come from the role alone — a superuser flag (which the admin site needs)
        # must not hand a system administrator the portal or an arbitrator's powers.
        if permissions.is_declared(perm):
            return self.is_active and perm in self.get_all_permissions()
        return super().has_perm(perm, obj)

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_portal_role(self) -> bool:
        return self.role in PORTAL_ROLES

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()

    @cached_property
    def department(self) -> str | None:
        """The code of the department this user belongs to, for department roles."""
        unit = self.org_unit
        if unit is None:
            return None
        department = unit.ancestor_of_kind(OrgUnitKind.DEPARTMENT)
        return department.code if department is not None else None

    @cached_property
    def scope(self) -> Scope:
        kind = ROLE_SCOPE.get(self.role, ScopeKind.NOTHING)
        if kind in (ScopeKind.STREET, ScopeKind.GRID):
            expected = OrgUnitKind.STREET if kind == ScopeKind.STREET else OrgUnitKind.GRID
            unit = self.org_unit
            if unit is None or unit.kind != expected:
                # A street worker without a street sees nothing rather than everything.
                return Scope(kind=ScopeKind.NOTHING)
            return Scope(kind=kind, unit_id=unit.pk)
        if kind == ScopeKind.ENTERPRISE:
            return Scope(kind=kind, enterprise_id=self.enterprise_binding_id)
        if kind == ScopeKind.PERSON:
            return Scope(kind=kind, person_id=self.person_binding_id)
        return Scope(kind=kind)

    @property
    def enterprise_binding_id(self) -> int | None:
        return self.enterprise_id

    @property
    def person_binding_id(self) -> int | None:
        return self.person_id


class LoginFailureTally(TimeStampedModel):
    """The failed sign-ins of one user name from one client address (登录失败计数), counted rather than
    listed: one row per (user name, address) for the current run of failures, which ends when a sign-in
    from there succeeds, when its period lapses or when an administrator lifts it (ADR 013).

    At ``LOGIN_MAX_FAILURES`` failures the pair is locked until ``locked_until`` (DOMAIN.md §6); the
    same address keeps every other user name, and the same user name every other address. User names
    are counted whether or not an account has them, so no answer tells which names exist. The audit log
    gets the run's first failure, its lock and, when the run ends, its totals — not one row per guess.
    """

    username = models.CharField(_("user name"), max_length=150)
    address = models.CharField(_("client address"), max_length=64)  # an IPv4 address or an IPv6 /64
    failures = models.PositiveIntegerField(_("failed sign-ins"), default=0)
    refused = models.PositiveIntegerField(_("attempts refused unchecked"), default=0)
    first_failed_at = models.DateTimeField(_("first failure"))
    last_failed_at = models.DateTimeField(_("last failure"), db_index=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("failed sign-in count")
        verbose_name_plural = _("failed sign-in counts")
        ordering = ["-last_failed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["username", "address"], name="loginfailuretally_unique_pair")
        ]
        indexes = [models.Index(fields=["address", "last_failed_at"])]

    def __str__(self) -> str:
        return f"{self.username} @ {self.address}: {self.failures}"


def _token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiToken(TimeStampedModel):
    """A bearer token for an integration account (接口令牌), e.g. the city 12345 platform.

    Only the SHA-256 of the token is stored; the token itself is shown once, when it is created. The
    token is 256 random bits, so a fast hash is enough (no dictionary to guess from).
    """

    PREFIX = "hrb_"

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_prefix = models.CharField(_("key prefix"), max_length=12, db_index=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.user})"

    @classmethod
    def new_secret(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @staticmethod
    def digest_of(secret: str) -> str:
        return _token_digest(secret)
