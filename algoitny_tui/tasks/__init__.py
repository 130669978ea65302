"""The libraries under the worker's tasks: each does one task's work on the store (worker/tasks.py runs them)."""
