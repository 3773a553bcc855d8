"""Retrying an unreachable central database: exponential backoff with jitter, resumed by itself."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Waits of base·2ⁿ seconds up to ``cap``, each drawn between half and all of it ("equal jitter"), so
    that a whole office coming back online does not knock on the server at the same instant."""

    base: float = 1.0
    cap: float = 60.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def next_wait(self) -> float:
        ceiling = min(self.cap, self.base * 2**self.failures)
        self.failures += 1
        return float(ceiling / 2 + self.rng.uniform(0, ceiling / 2))

    def reset(self) -> None:
        self.failures = 0
