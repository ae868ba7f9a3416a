"""Settings shared by the whole suite."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# The suite runs on loaded machines (CI shares two CPUs with other jobs): a
# property test is about what the code returns, never how fast it returns it.
# No per-example deadline, and no health check on slow data generation; speed
# is measured in benchmarks/. Loaded before the test modules, so a test's own
# @settings(...) inherits these unless it says otherwise.
settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("suite")
