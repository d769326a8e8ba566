"""RQ entry points: job functions, the worker class, and the per-process context."""
