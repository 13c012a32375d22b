"""Alliage: run an impact programme built on coalitions of heterogeneous actors."""

from __future__ import annotations

__version__ = "0.1.0"
