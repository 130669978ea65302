"""Solved, attempts and acceptance; by language and by tag; activity over time and verdicts by tag as charts; the
streaks and "back to it". What it shows is the user's `UserStats` (worker/stats.py: stored when fresh, else
computed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from algoitny_tui.models import UserStats
from algoitny_tui.screens.base import AppScreen
from algoitny_tui.widgets.charts import bar, stacked_bar
from algoitny_tui.widgets.key_footer import KeyFooter
from algoitny_tui.widgets.status_bar import StatusBar

ACTIVITY_DAYS = 60
TOP_TAGS = 15


def today() -> dt.date:
    return dt.date.today()


def activity_series(stats: UserStats, days: int = ACTIVITY_DAYS, end: dt.date | None = None) -> list[float]:
    end = end or today()
    return [
        float(stats.per_day.get((end - dt.timedelta(days=days - 1 - i)).isoformat(), 0)) for i in range(days)
    ]


def summary_text(stats: UserStats) -> Text:
    return Text.assemble(
        ("Solved ", "bold"),
        (str(stats.solved), "bold green"),
        "   ",
        ("Tried, not solved ", "bold"),
        (str(stats.tried), "bold yellow"),
        "   ",
        ("Attempts ", "bold"),
        str(stats.attempts),
        "   ",
        ("Acceptance ", "bold"),
        f"{stats.acceptance_rate:.0%}",
    )


def streak_text(stats: UserStats) -> Text:
    current, longest = stats.streak_days, stats.longest_streak
    days = "day" if current == 1 else "days"
    return Text.assemble(
        ("Streak ", "bold"),
        (f"{current} {days}", "bold magenta" if current else "dim"),
        "   ",
        ("Longest ", "bold"),
        f"{longest} {'day' if longest == 1 else 'days'}",
        ("   (days with an accepted submission)", "dim"),
    )


def back_to_it_options(stats: UserStats) -> list[Option]:
    options = []
    for entry in stats.back_to_it:
        problem_id, title, at = str(entry["problem_id"]), str(entry["title"]), int(entry["at"] or 0)
        when = dt.datetime.fromtimestamp(at).strftime("%Y-%m-%d") if at else "?"
        label = Text.assemble((title, "bold"), f"  {problem_id}", (f"  last tried {when}", "dim"))
        options.append(Option(label, id=problem_id))
    return options


def language_table(stats: UserStats) -> Table:
    table = Table(title="By language", title_justify="left", expand=False, box=None, padding=(0, 2, 0, 0))
    for column in ("language", "attempts", "accepted", "rate", ""):
        table.add_column(column)
    most = max((c.get("attempts", 0) for c in stats.by_language.values()), default=0)
    for name, counts in sorted(stats.by_language.items(), key=lambda kv: -kv[1].get("attempts", 0)):
        total, accepted = counts.get("attempts", 0), counts.get("accepted", 0)
        table.add_row(
            name,
            str(total),
            str(accepted),
            f"{accepted / total:.0%}" if total else "0%",
            Text(bar(total, most, 20), style="cyan"),
        )
    return table


def tag_table(stats: UserStats) -> Table:
    table = Table(title="Verdicts by tag", title_justify="left", expand=False, box=None, padding=(0, 2, 0, 0))
    for column in ("tag", "attempts", "AC", "verdicts (green: accepted)"):
        table.add_column(column)
    ranked = sorted(stats.by_tag.items(), key=lambda kv: -kv[1].get("attempts", 0))[:TOP_TAGS]
    most = max((c.get("attempts", 0) for _, c in ranked), default=0)
    for tag, counts in ranked:
        table.add_row(
            tag,
            str(counts.get("attempts", 0)),
            str(counts.get("accepted", 0)),
            stacked_bar(stats.verdicts_by_tag.get(tag, {}), most, 30),
        )
    return table


WORKER_WAIT_S = 60


class StatsScreen(AppScreen):
    BINDINGS = [Binding("ctrl+r", "reload", "Reload")]
    DEFAULT_CSS = """
    #stats-back { height: auto; max-height: 7; border: none; padding: 0; margin-bottom: 1; }
    #stats-streak { margin-bottom: 1; }
    """

    @dataclass
    class Computed(Message):
        stats: UserStats

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats"):
            yield Static("computing…", id="stats-summary")
            yield Static("", id="stats-streak")
            yield Static("Back to it: tried, not solved yet, the latest first (enter opens)", id="back-title")
            yield OptionList(id="stats-back")
            yield Static(f"Activity, last {ACTIVITY_DAYS} days", id="activity-title")
            yield Sparkline([0.0] * ACTIVITY_DAYS, id="activity")
            yield Static("", id="stats-languages")
            yield Static("", id="stats-tags")
        yield StatusBar()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.compute()
        self.watch(self.app, "histories_version", self._histories_changed, init=False)

    def _histories_changed(self) -> None:
        self.compute()

    def action_reload(self) -> None:
        """With a worker alive, the worker recomputes and caches the statistics (warm_user_stats_cache_task) and
        the screen shows them once stored; without one, they are computed here."""
        self.compute(through_worker=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats")
    def compute(self, through_worker: bool = False) -> None:
        from algoitny_tui.tasks.stats import current_user_stats
        from algoitny_tui.worker.launcher import worker_alive

        app = self.algoitny
        if through_worker and worker_alive(app.settings):
            from algoitny_tui.worker.cache_requests import queue_warm, wait_until_done

            self.app.call_from_thread(self._summary, Text("recomputing in the worker…", "dim"))
            try:
                wait_until_done(queue_warm(app.settings, app.repos, "stats"), WORKER_WAIT_S)
            except TimeoutError as exc:
                self.app.call_from_thread(self.notify, f"computed here: {exc}", severity="warning")
            else:
                stored = app.repos.stats.get_stats(app.settings.user)
                if stored is not None:
                    self.post_message(self.Computed(stored))
                    self.app.call_from_thread(self.notify, "statistics recomputed by the worker")
                    return
        self.post_message(self.Computed(current_user_stats(app.repos, app.settings.user, today=today())))

    def _summary(self, text: Text) -> None:
        self.query_one("#stats-summary", Static).update(text)

    def on_stats_screen_computed(self, message: Computed) -> None:
        stats = message.stats
        self.query_one("#stats-summary", Static).update(summary_text(stats))
        self.query_one("#stats-streak", Static).update(streak_text(stats))
        back = self.query_one("#stats-back", OptionList)
        back.clear_options()
        options = back_to_it_options(stats)
        back.add_options(
            options
            or [Option(Text("nothing: every problem you tried is solved", style="dim"), disabled=True)]
        )
        series = activity_series(stats)
        self.query_one("#activity", Sparkline).data = series
        self.query_one("#activity-title", Static).update(
            f"Activity, last {ACTIVITY_DAYS} days: {int(sum(series))} submissions, busiest day {int(max(series))}"
        )
        self.query_one("#stats-languages", Static).update(language_table(stats))
        self.query_one("#stats-tags", Static).update(tag_table(stats))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.algoitny.open_problem(event.option.id)
