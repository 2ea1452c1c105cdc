"""Benchmarks: scripts run by hand (python -m tests.benchmarks.dashboard), not pytest tests."""
