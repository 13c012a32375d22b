"""Who may do what in discussions; the views declare these and the services re-check them.
The object is a ``Place`` (a thread, existing or not) or a comment fetched with its place."""

from __future__ import annotations

import rules

from .predicates import (
    can_moderate_comment,
    can_read_comment,
    can_read_place,
    can_still_write,
    can_write_place,
    is_comment_author,
    is_live,
)

rules.add_perm("discussions.read_thread", can_read_place)
rules.add_perm("discussions.post_comment", can_write_place)
rules.add_perm("discussions.see_comment", can_read_comment)
rules.add_perm("discussions.edit_comment", is_comment_author & is_live & can_still_write)
rules.add_perm(
    "discussions.delete_comment",
    is_live & can_read_comment & (is_comment_author | can_moderate_comment),
)
