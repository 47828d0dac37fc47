import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("full", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = "ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)
# Generated trees the proof about walks is held against the reference on: all of them in CI and in
# the full profile; a quicker sample while working.
WALK_TREES = 10_000 if PROFILE in ("ci", "full") else 500

pytest_plugins = ["pytester"]

# The example trees are inputs to the tests, some broken on purpose; the plugin must not collect them.
collect_ignore_glob = ["trees/*.json"]

HERE = Path(__file__).parent
REPO = HERE.parent


@pytest.fixture
def examples() -> Path:
    return HERE / "trees"
