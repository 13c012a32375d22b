"""The site-wide search's form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alliage.core.search import MAX_QUERY

from .selectors import search_query


class SearchForm(forms.Form):
    """One box. A query longer than the search reads is cut rather than refused: the page
    still answers what its first words find."""

    q = forms.CharField(
        label=_("Search the site"),
        required=False,
        strip=True,
        widget=forms.SearchInput(attrs={"maxlength": MAX_QUERY, "autocomplete": "off"}),
    )

    def query(self) -> str:
        """The query to search (empty when there is none or it holds no word)."""
        if not self.is_valid():
            return ""
        return search_query(self.cleaned_data["q"])
