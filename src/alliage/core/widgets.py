"""Widgets every app's forms share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext, ngettext


class DatePicker(forms.DateInput):
    """The browser's date picker. Its value is always written ISO 8601 (``2026-12-04``), the
    only format an ``<input type="date">`` reads: in the site's format ("04/12/2026") a form
    opened again would show an empty date, and saving it would erase the date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CheckboxList(forms.CheckboxSelectMultiple):
    """Several choices among many, for fingers as well as a mouse: one checkbox per choice in a
    box of bounded height that scrolls, instead of a ``<select multiple>`` that needs Ctrl or
    Cmd. ``core/_field.html`` puts it in a fieldset whose legend is the field's label. The
    ticked choices come first, so that a form opened again shows them without scrolling; the
    others keep their order.

    ``alliage/checklist.js`` adds a filter box above the list (case and accents do not count;
    ticked choices stay in view) and the count of ticked choices. Without the script the whole
    list shows and works."""

    template_name = "core/widgets/checkbox_list.html"

    class Media:
        js = (forms.Script("alliage/checklist.js", defer=True),)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        # Choices without a group are each a group of one: sorting the groups by their first
        # option, once each group is sorted, puts every ticked choice first.
        groups = context["widget"]["optgroups"]
        for _name, options, _index in groups:
            options.sort(key=lambda option: not option["selected"])
        groups.sort(key=lambda group: not (group[1] and group[1][0]["selected"]))
        # The script picks the form by the count; French and English both use the singular
        # for one and the plural from two, so these three cover every count.
        context["widget"]["counts"] = {
            "none": gettext("None selected"),
            "one": ngettext("%(count)s selected", "%(count)s selected", 1),
            "many": ngettext("%(count)s selected", "%(count)s selected", 2),
        }
        return context
