"""What the benchmarks share that is no benchmark itself: every ``bench/*.py`` is one, and runs in the tests."""
