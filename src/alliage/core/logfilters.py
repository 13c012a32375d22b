"""A logging filter that lets the same error through once per interval.

During an outage every request fails the same way: one traceback per request filled 54 MB of
log in 32 s and would send as many e-mails to ADMINS. The filter lets the first record of a
kind through, drops its repeats for ``seconds``, and the next one that passes says how many
were dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

_DECISION = "_alliage_repeat_decision"


class RepeatFilter(logging.Filter):
    """Records are "the same" when they share logger, level, message template and exception
    type, or the ``repeat_key`` a caller gives in ``extra`` (the path or the connection's
    details may differ). Several handlers may share one
    instance: a record is judged once and every handler follows that judgement."""

    def __init__(self, seconds: float = 60, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.seconds = float(seconds)
        self.clock = clock
        self._lock = threading.Lock()
        # key -> [when the last record passed, how many were dropped since]
        self._seen: dict[tuple, list[float | int]] = {}

    @staticmethod
    def _key(record: logging.LogRecord) -> tuple:
        exc_type = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        extra = str(getattr(record, "repeat_key", ""))
        return (record.name, record.levelno, str(record.msg), exc_type, extra)

    def filter(self, record: logging.LogRecord) -> bool:
        decision = getattr(record, _DECISION, None)
        if decision is not None:
            return decision
        if self.seconds <= 0:
            setattr(record, _DECISION, True)
            return True
        key = self._key(record)
        now = self.clock()
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen[0] < self.seconds:
                seen[1] += 1
                setattr(record, _DECISION, False)
                return False
            dropped = int(seen[1]) if seen is not None else 0
            self._seen[key] = [now, 0]
            if len(self._seen) > 10_000:  # a flood of distinct messages must not grow forever
                self._seen = {key: self._seen[key]}
        if dropped:
            record.msg = f"{record.msg} [{dropped} similar messages suppressed]"
        record.repeats_suppressed = dropped
        setattr(record, _DECISION, True)
        return True
