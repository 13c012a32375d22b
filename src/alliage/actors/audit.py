"""What the actors app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    ACCOUNT_CREATED = "account.created", _("Account created")
    ORGANISATION_CREATED = "organisation.created", _("Organisation created")
    ORGANISATION_UPDATED = "organisation.updated", _("Organisation updated")
    ORGANISATIONS_MERGED = "organisation.merged", _("Duplicate organisations merged")
    PERSON_CREATED = "person.created", _("Person created by the team")
    PERSON_UPDATED = "person.updated", _("Person updated by the team")
    PEOPLE_MERGED = "person.merged", _("Duplicate people merged")
    MEMBERSHIP_SAVED = "membership.saved", _("Membership saved")
    MEMBERSHIP_RENEWED = "membership.renewed", _("Membership renewed")
    MEMBERSHIP_APPLIED = "membership.applied", _("Membership applied for")
    MEMBERSHIP_WITHDRAWN = "membership.withdrawn", _("Membership application withdrawn")
    MEMBERSHIP_ACCEPTED = "membership.accepted", _("Membership application accepted")
    MEMBERSHIP_DECLINED = "membership.declined", _("Membership application declined")
    MEMBERSHIP_REPRESENTATIVE_DESIGNATED = (
        "membership.representative",
        _("Person voting for a member organisation designated"),
    )
    PAYMENT_RECORDED = "payment.recorded", _("Membership payment recorded")
    PAYMENT_REMOVED = "payment.removed", _("Membership payment removed")
    TIER_CREATED = "tier.created", _("Membership tier created")
    TIER_UPDATED = "tier.updated", _("Membership tier updated")
    TIER_DELETED = "tier.deleted", _("Membership tier deleted")
    AFFILIATION_REQUEST_ANSWERED = (
        "affiliation_request.answered",
        _("Request to join an organisation answered"),
    )
