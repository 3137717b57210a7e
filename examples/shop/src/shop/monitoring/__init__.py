"""Monitoring: counters, timers and health checks.

PLANTED DEFECT (heavy-init): this ``__init__`` imports every submodule, so
importing any one of them (say ``shop.monitoring.timing``) loads them all.
"""

from shop.monitoring import health, metrics, timing

__all__ = ["health", "metrics", "timing"]
