"""Sync between the local SQLite store and DynamoDB: an outbox pushed in batches, changes pulled through gsi2.

Import `algoitny_tui.sync.engine` for `sync_once` / `sync_status`; this package's import stays light (no boto3).
"""
