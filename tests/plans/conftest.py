import pytest

from tests.plans.world import make_plans_world


@pytest.fixture
def plans_world(esco_world):
    return make_plans_world(esco_world)
