"""Plans tests reuse the matching world: users of every role, the tiny ESCO fixture, people."""

from tests.matching.conftest import esco_world, world  # noqa: F401  (fixtures)
