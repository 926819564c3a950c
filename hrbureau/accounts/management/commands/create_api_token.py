from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hrbureau.accounts import services
from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User


class Command(BaseCommand):
    help = "Create an API token for an integration account and print it (it is stored only as a hash)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for, e.g. 'city 12345 platform'")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if user.role != Role.INTEGRATION:
            raise CommandError(
                f"{username!r} has role {user.role!r}; tokens are only for integration accounts."
            )
        if not user.is_active:
            raise CommandError(f"{username!r} is deactivated.")
        secret = services.api_token_create(user=user, name=name)
        self.stdout.write(secret)
        self.stderr.write(
            "Keep this token now: it cannot be shown again. Send it as 'Authorization: Bearer <token>'."
        )
