"""What the queue adds: submit -> stored history through a real worker, against calling the judge directly.

Latency, per queue (SQLite, then Redis on a redis-server this script starts on a free loopback port): one
`algoitny worker --workers 2` process; samples in batches. Before the first sample of each batch the worker sits
idle for --idle seconds (60 in the recorded run: the issue's "after a quiet minute"); the other samples of a batch
wait --gap seconds (2 s: far past the consumer's 20 ms polling back-off, so the consumer is as idle as it gets, but
caches are warmer than after a minute). Both groups are reported, and the after-idle samples separately. Right
after each queued sample the same code is judged directly in this process (judge(), same tests, same options):
the difference of the two is what the queue, the job tracking and the store add.

Throughput: N submissions queued while no worker runs, then two worker processes (--workers 2 each) started;
time until every history is stored, and a count of histories by job id (each exactly once). `redis+dynamodb` is the
README's several machines on one host: the Redis queue, DynamoDB Local as the store (`store = "dynamodb"`, a table
made by `algoitny sync`), each worker in its own home (throughput only: `--queues redis+dynamodb`).

    .venv/bin/python bench/worker/run.py                 # the recorded run (about 16 minutes)
    .venv/bin/python bench/worker/run.py --quick         # 2 s idle, fewer samples: a smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

CODE = "a, b = map(int, input().split())\nprint(a + b)\n"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Redis:
    def __init__(self, home: Path) -> None:
        self.port = free_port()
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server not found: apt-get install redis-server")
        self.proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(home),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


class Worker:
    def __init__(self, env: dict[str, str], log: Path, threads: int = 2) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "algoitny_tui", "worker", "--workers", str(threads)],
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            cwd=REPO,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def configure(
    home: Path, queue: str, redis_url: str | None, store: dict[str, str] | None = None
) -> dict[str, str]:
    """Point this process (and the workers it starts) at the bench's own home and queue (and store)."""
    env = {
        "ALGOITNY_HOME": str(home),
        "ALGOITNY_QUEUE": queue,
        "ALGOITNY_BUILTIN_PACK": "false",
        **(store or {}),
    }
    if redis_url:
        env["ALGOITNY_REDIS_URL"] = redis_url
        env["ALGOITNY_QUEUE_SECRET"] = secrets.token_hex(32)  # messages on Redis are signed, as a group's are
    for name in [n for n in os.environ if n.startswith("ALGOITNY_") or n == "GEMINI_API_KEY"]:
        del os.environ[name]
    os.environ.update(env)
    return {**os.environ}


def wait_alive(settings: Any, count: int, timeout: float = 60) -> None:
    from algoitny_tui.worker.liveness import alive_workers
    from algoitny_tui.worker.tasks import tasks_for

    deadline = time.monotonic() + timeout
    while len(alive_workers(tasks_for(settings).huey)) < count:
        if time.monotonic() > deadline:
            raise SystemExit("workers did not start: see the worker logs in the bench home")
        time.sleep(0.05)


def put_problem(repos: Any, number: str, tests: int) -> tuple[Any, list[Any]]:
    from algoitny_tui.domain import Problem, TestCase

    problem = Problem(platform="bench", problem_number=number, title="A+B")
    cases = [
        TestCase(test_case_id=str(i), input=f"{i} {i + 1}\n", expected_output=f"{2 * i + 1}\n")
        for i in range(tests)
    ]
    repos.problems.put_problem(problem, cases)
    found = repos.problems.get_problem_with_testcases("bench", number)
    assert found is not None
    return found


def submit_and_wait(settings: Any, repos: Any, problem_id: str) -> tuple[float, float]:
    """Seconds from submit() to the history stored and readable, and to the job claimed by the worker (the
    queue's own part: enqueue, wake-up, dequeue, claim)."""
    from algoitny_tui.domain import JobStatus
    from algoitny_tui.worker.client import submit

    started = time.perf_counter()
    job = submit(settings, repos, problem_id, CODE, "python3", user_identifier="bench")
    claimed = None
    while True:
        current = repos.jobs.get_job(job.id)
        if claimed is None and current is not None and current.status != JobStatus.PENDING:
            claimed = time.perf_counter() - started
        if current is not None and current.status == JobStatus.COMPLETED:
            break
        if current is not None and current.status == JobStatus.FAILED:
            raise SystemExit(f"job failed: {current.error}")
        time.sleep(0.001)
    assert repos.histories.load_history(current.result["history_id"]) is not None
    done = time.perf_counter() - started
    return done, claimed if claimed is not None else done


def latency(queue: str, home: Path, args: argparse.Namespace, redis_url: str | None) -> dict[str, Any]:
    from algoitny_tui.config import load_settings
    from algoitny_tui.judge import judge
    from algoitny_tui.judge.options import judge_options
    from algoitny_tui.storage.factory import open_repositories

    env = configure(home, queue, redis_url)
    settings = load_settings()
    repos = open_repositories(settings)
    problem, tests = put_problem(repos, "lat", args.tests)
    options = judge_options(settings)
    worker = Worker(env, home / f"worker-{queue}.log")
    try:
        wait_alive(settings, 1)
        submit_and_wait(settings, repos, "bench#lat")  # compile cache and helper built: not a sample
        judge(problem, tests, CODE, "python3", **options)
        queued: list[float] = []
        pickup: list[float] = []
        direct: list[float] = []
        after_idle: list[int] = []
        for n in range(args.samples):
            first = n % args.batch == 0
            time.sleep(args.idle if first else args.gap)
            if first:
                after_idle.append(n)
            total, claimed = submit_and_wait(settings, repos, "bench#lat")
            queued.append(total)
            pickup.append(claimed)
            started = time.perf_counter()
            report = judge(problem, tests, CODE, "python3", **options)
            direct.append(time.perf_counter() - started)
            assert str(report.verdict) == "AC"
            print(
                f"  {queue} sample {n + 1}/{args.samples}{' (after idle)' if first else ''}: "
                f"queued {queued[-1] * 1000:.1f} ms (claimed at {pickup[-1] * 1000:.1f} ms), "
                f"direct {direct[-1] * 1000:.1f} ms",
                flush=True,
            )
    finally:
        worker.stop()
        repos.close()
    return summarize(queue, queued, pickup, direct, after_idle, args)


def summarize(
    queue: str,
    queued: list[float],
    pickup: list[float],
    direct: list[float],
    after_idle: list[int],
    args: argparse.Namespace,
) -> dict[str, Any]:
    ms = [q * 1000 for q in queued]
    dms = [d * 1000 for d in direct]
    added = [q - d for q, d in zip(ms, dms, strict=True)]
    idle_ms = [ms[i] for i in after_idle]
    idle_added = [added[i] for i in after_idle]
    return {
        "queue": queue,
        "samples": len(ms),
        "tests_per_submission": args.tests,
        "queued_p50_ms": percentile(ms, 50),
        "queued_p99_ms": percentile(ms, 99),
        "direct_p50_ms": percentile(dms, 50),
        "direct_p99_ms": percentile(dms, 99),
        "added_p50_ms": percentile(ms, 50) - percentile(dms, 50),
        "added_p99_ms": percentile(ms, 99) - percentile(dms, 99),
        "paired_added_p50_ms": percentile(added, 50),
        "paired_added_p99_ms": percentile(added, 99),
        "claimed_p50_ms": percentile([p * 1000 for p in pickup], 50),
        "claimed_p99_ms": percentile([p * 1000 for p in pickup], 99),
        "after_idle_claimed_max_ms": max(pickup[i] * 1000 for i in after_idle),
        "after_idle_samples": len(idle_ms),
        "after_idle_s": args.idle,
        "after_idle_queued_median_ms": statistics.median(idle_ms),
        "after_idle_queued_max_ms": max(idle_ms),
        "after_idle_added_median_ms": statistics.median(idle_added),
        "after_idle_added_max_ms": max(idle_added),
    }


def throughput(
    queue: str, home: Path, count: int, redis_url: str | None, store: dict[str, str] | None = None
) -> dict[str, Any]:
    from algoitny_tui.config import load_settings
    from algoitny_tui.storage.factory import open_repositories
    from algoitny_tui.worker.client import submit

    env = configure(home, queue.split("+")[0], redis_url, store)
    settings = load_settings()
    if store:  # the README's step 2: one command makes the table
        subprocess.run(
            [sys.executable, "-m", "algoitny_tui", "sync"],
            env=env,
            cwd=REPO,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    repos = open_repositories(settings)
    number = f"tp-{queue}"
    put_problem(repos, number, 1)
    user = f"throughput-{queue}"
    jobs = [
        submit(settings, repos, f"bench#{number}", CODE, "python3", user_identifier=user).id
        for _ in range(count)
    ]
    started = time.perf_counter()
    # With DynamoDB each worker has a home of its own, as on separate machines.
    workers = [
        Worker(
            {**env, "ALGOITNY_HOME": str(home / f"worker-{i}")} if store else env,
            home / f"tp-{queue}-{i}.log",
        )
        for i in range(2)
    ]
    try:
        wait_alive(settings, 2)
        alive = time.perf_counter()
        while True:
            histories = repos.histories.iter_user_histories(user)
            if len(histories) >= count:
                break
            time.sleep(0.2)
        finished = time.perf_counter()
        time.sleep(1.0)  # a late duplicate would show up now
        histories = repos.histories.iter_user_histories(user)
    finally:
        for w in workers:
            w.stop()
        repos.close()
    by_job = Counter(h.job_id for h in histories)
    return {
        "queue": queue,
        "submissions": count,
        "histories": len(histories),
        "every_job_once": set(by_job) == set(jobs) and all(n == 1 for n in by_job.values()),
        "duplicates": sum(n - 1 for n in by_job.values() if n > 1),
        "missing": len(set(jobs) - set(by_job)),
        "seconds_from_start": finished - started,
        "seconds_from_alive": finished - alive,
        "per_second_from_start": count / (finished - started),
        "per_second_from_alive": count / (finished - alive),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="idle 2 s, 10 samples, 200 submissions")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--batch", type=int, default=5, help="samples per batch (idle before the first)")
    parser.add_argument("--idle", type=float, default=60.0, help="seconds idle before each batch")
    parser.add_argument("--gap", type=float, default=2.0, help="seconds between samples of a batch")
    parser.add_argument("--tests", type=int, default=3, help="tests per submission")
    parser.add_argument("--throughput", type=int, default=1000, help="submissions for the throughput run")
    parser.add_argument(
        "--queues", default="sqlite,redis", help="sqlite, redis, redis+dynamodb (comma-separated)"
    )
    parser.add_argument("--throughput-only", action="store_true", help="skip the latency samples")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results.json"))
    args = parser.parse_args()
    if args.quick:
        args.samples, args.idle, args.throughput = 10, 2.0, 200
    home = Path(tempfile.mkdtemp(prefix="algoitny-bench-worker-"))
    redis = Redis(home) if "redis" in args.queues else None
    dynamodb = None
    store: dict[str, str] | None = None
    if "dynamodb" in args.queues:
        from tests.servers import FAKE_AWS_ENV, DynamoDBLocal, dynamodb_local_dir

        dynamodb = DynamoDBLocal(dynamodb_local_dir())
        dynamodb.start()
        store = {
            **FAKE_AWS_ENV,
            "ALGOITNY_STORE": "dynamodb",
            "ALGOITNY_DYNAMODB_ENDPOINT": dynamodb.endpoint,
            "ALGOITNY_DYNAMODB_REGION": "us-east-1",
            "ALGOITNY_DYNAMODB_TABLE": "bench-worker",
        }
    results: dict[str, Any] = {
        "command": " ".join(["bench/worker/run.py", *sys.argv[1:]]),
        "cpus": os.cpu_count(),
        "latency": [],
        "throughput": [],
    }
    try:
        for queue in args.queues.split(","):
            if "+" in queue or args.throughput_only:
                continue  # throughput only
            url = redis.url if redis and queue == "redis" else None
            results["latency"].append(latency(queue, home / f"lat-{queue}", args, url))
            print(json.dumps(results["latency"][-1], indent=1), flush=True)
        for queue in args.queues.split(","):
            url = redis.url if redis and queue.startswith("redis") else None
            results["throughput"].append(
                throughput(
                    queue,
                    home / f"tp-{queue}",
                    args.throughput,
                    url,
                    store if queue.endswith("+dynamodb") else None,
                )
            )
            print(json.dumps(results["throughput"][-1], indent=1), flush=True)
    finally:
        if redis:
            redis.stop()
        if dynamodb:
            dynamodb.stop()
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    shutil.rmtree(home, ignore_errors=True)
    print(f"results in {args.out}")


if __name__ == "__main__":
    main()
