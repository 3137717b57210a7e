"""In-process counters, grouped in a registry that can be dumped."""


class Counter:
    """A monotonically increasing count of events."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.value = 0

    def inc(self, amount: int = 1) -> None:
        """Count ``amount`` more events."""
        if amount < 0:
            raise ValueError(f"counter {self.name} cannot go down")
        self.value += amount


class Registry:
    """Counters by name, created on first use."""

    def __init__(self) -> None:
        self._counters: dict[str, Counter] = {}

    def counter(self, name: str) -> Counter:
        """The counter called ``name``, created at zero if new."""
        if name not in self._counters:
            self._counters[name] = Counter(name)
        return self._counters[name]

    def snapshot(self) -> dict[str, int]:
        """Current value of every counter, by name."""
        return {name: c.value for name, c in sorted(self._counters.items())}
