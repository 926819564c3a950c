"""makemessages without fuzzy matching: msgmerge's guesses ("Import" → "导出") are worse than nothing,
and `make lint` treats a fuzzy entry as untranslated anyway."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
