"""Who is asking: every write and every scoped read names an Actor."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    username: str
    role: str
    user_id: int | None = None
    district_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def district_list(self) -> list[int]:
        return sorted(self.district_ids)


# The administrator's command line, migrations and the demo generator act as this actor.
SYSTEM = Actor(username="system", role="admin")
