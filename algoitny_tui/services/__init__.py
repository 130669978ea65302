"""App services: what the screens use that is not a widget or a screen (the companion listener, drafts, the
problem list's rows and filter, queueing runs and reading them back). Stored items are read and written only
through the repositories of `algoitny_tui.storage`."""
