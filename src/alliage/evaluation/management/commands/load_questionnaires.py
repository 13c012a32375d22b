"""Load the questionnaires kept in the repository; a changed file becomes a new version."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from alliage.evaluation.questionnaire import QuestionnaireError
from alliage.evaluation.services import questionnaire_sync


class Command(BaseCommand):
    help = "Load the questionnaires in evaluation/questionnaires/ (new content, new version)."

    def handle(self, *args: object, **options: object) -> None:
        try:
            loaded = questionnaire_sync()
        except QuestionnaireError as error:
            raise CommandError(str(error)) from error
        for slug, number, created in loaded:
            state = "new version" if created else "unchanged"
            self.stdout.write(f"{slug}: version {number} ({state})")
