"""`algoitny sync [--json]`: push local changes to DynamoDB and pull what changed there; creates the table."""

from __future__ import annotations

import argparse

from algoitny_tui.commands.common import EXIT_BAD_INPUT, EXIT_OK, CommandError, print_json, settings_or_exit

EXIT_PENDING = 1


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("sync", help="push and pull history and problems with DynamoDB")
    parser.add_argument("--json", action="store_true",
                        help="print the report: pushed, pulled, created_table, errors, pending")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    if settings.store != "sqlite":
        raise CommandError("the store is DynamoDB itself (store = \"dynamodb\"): there is nothing to sync")
    if not settings.dynamodb_table.strip() or not settings.dynamodb_region.strip():
        raise CommandError("sync needs a DynamoDB table and region: set dynamodb_table and dynamodb_region "
                           "(ALGOITNY_DYNAMODB_TABLE, ALGOITNY_DYNAMODB_REGION)", EXIT_BAD_INPUT)
    import boto3

    if boto3.Session().get_credentials() is None:
        raise CommandError("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
                           "AWS_PROFILE (a profile in ~/.aws)", EXIT_BAD_INPUT)
    from algoitny_tui.storage.sqlite_table import SQLiteTable
    from algoitny_tui.sync.engine import open_remote, sync_once

    local = SQLiteTable(settings.locations.store_file)
    remote = open_remote(settings)
    try:
        report = sync_once(settings, local, remote)
    finally:
        remote.close()
        local.close()
    if args.json:
        print_json(report.to_json())
    else:
        where = f"{settings.dynamodb_table} ({settings.dynamodb_endpoint or settings.dynamodb_region})"
        if report.created_table:
            print(f"created DynamoDB table {where} with its indexes")
        print(f"pushed {report.pushed}, pulled {report.pulled} with {where}"
              + (f"; {report.conflicts} newer remote versions replaced local changes" if report.conflicts else ""))
        for error in report.errors:
            print(f"error: {error}")
        if report.pending:
            print(f"{report.pending} local changes still to push: they are retried on the next sync")
    return EXIT_OK if report.ok else EXIT_PENDING
