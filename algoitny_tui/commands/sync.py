"""`algoitny sync [--json]`: make sure the DynamoDB table exists with the right schema; then, with the SQLite store,
push local changes and pull what changed there.

With `store = "dynamodb"` there is nothing to push or pull (the store is the table), but the command still creates
the table when it is missing and checks an existing one: it is the one step that makes the table for every setup.
"""

from __future__ import annotations

import argparse

from algoitny_tui.commands.common import EXIT_BAD_INPUT, EXIT_OK, CommandError, print_json, settings_or_exit

EXIT_PENDING = 1


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="create or check the DynamoDB table; push and pull history and problems with it (SQLite store)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the report: pushed, pulled, created_table, errors, pending"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    if not settings.dynamodb_table.strip() or not settings.dynamodb_region.strip():
        raise CommandError(
            "sync needs a DynamoDB table and region: set dynamodb_table and dynamodb_region "
            "(ALGOITNY_DYNAMODB_TABLE, ALGOITNY_DYNAMODB_REGION)",
            EXIT_BAD_INPUT,
        )
    import boto3

    if boto3.Session().get_credentials() is None:
        raise CommandError(
            "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
            "AWS_PROFILE (a profile in ~/.aws)",
            EXIT_BAD_INPUT,
        )
    from algoitny_tui.storage.dynamodb_table import SchemaMismatch
    from algoitny_tui.storage.table import StoreError
    from algoitny_tui.sync.engine import SyncReport, ensure_table, open_remote, sync_once

    where = f"{settings.dynamodb_table} ({settings.dynamodb_endpoint or settings.dynamodb_region})"
    remote = open_remote(settings)
    try:
        created = False
        try:
            # Checked first, for both stores: a table with another schema stops here, before anything is written.
            created = ensure_table(remote)
        except SchemaMismatch as exc:
            raise CommandError(str(exc), EXIT_BAD_INPUT) from exc
        except StoreError as exc:
            if settings.store == "dynamodb":
                raise CommandError(
                    f"{exc}; try `algoitny sync` again when DynamoDB answers", EXIT_PENDING
                ) from exc
            # SQLite store: the sync below tries again and reports what failed, as every sync does.
        if settings.store == "dynamodb":
            report = SyncReport(created_table=created)
        else:
            from algoitny_tui.storage.sqlite_table import SQLiteTable

            local = SQLiteTable(settings.locations.store_file)
            try:
                report = sync_once(settings, local, remote, table_created=created)
            finally:
                local.close()
    finally:
        remote.close()
    if args.json:
        print_json({**report.to_json(), "store": settings.store})
    else:
        if report.created_table:
            print(f"created DynamoDB table {where} with its indexes")
        if settings.store == "dynamodb":
            if not report.created_table:
                print(
                    f"DynamoDB table {where} is ready: its key schema and indexes are the ones this app needs"
                )
            print('the store is DynamoDB itself (store = "dynamodb"): nothing to push or pull')
        else:
            print(
                f"pushed {report.pushed}, pulled {report.pulled} with {where}"
                + (
                    f"; {report.conflicts} newer remote versions replaced local changes"
                    if report.conflicts
                    else ""
                )
            )
        for error in report.errors:
            print(f"error: {error}")
        if report.pending:
            print(f"{report.pending} local changes still to push: they are retried on the next sync")
    return EXIT_OK if report.ok else EXIT_PENDING
