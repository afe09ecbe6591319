"""The protocol's order, in one table, and every move through it.

Each step names the screen that shows it. Steps before the cool-down stack up,
so Escape goes back one; from the cool-down on, a step is shown alone, with the
statements left behind. `resumes` says which stage of an episode a step picks
up: on launch, when another window moved the episode on, and on coming back to
the protocol from the history or the settings.

Adding a step is one entry here and one screen module: the screen posts
`StepScreen.Forward` when its step is done, and the next entry is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module
from typing import TYPE_CHECKING, Any

from cooldown.core.episode import Episode
from cooldown.core.instant import elapsed, format_clock
from cooldown.session.protocol import ProtocolRun
from cooldown.session.status import Stage, stage_of

if TYPE_CHECKING:
    from textual.app import App

    from cooldown.tui.screens.step import StepScreen


@dataclass(frozen=True)
class Step:
    """One step of the protocol and the screen that shows it."""

    name: str
    screen: str
    """"module:Class" under cooldown.tui.screens, imported when first shown."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """Keyword arguments for the screen."""
    alone: bool = False
    """Shown on its own, with the statements left behind (no going back into them)."""
    resumes: tuple[Stage, ...] = ()
    """Stages of an episode this step picks up (on launch, or to follow a change)."""
    holds: tuple[Stage, ...] = ()
    """Further stages during which this step, once on show, stays (the cool-down when its time comes)."""

    def shows(self, stage: Stage) -> bool:
        return stage in self.resumes or stage in self.holds

    def build(self, run: ProtocolRun, *, resumed: bool = False) -> StepScreen:
        module, name = self.screen.split(":")
        screen_type = getattr(import_module(f"cooldown.tui.screens.{module}"), name)
        return screen_type(run, step=self.name, resumed=resumed, **self.options)


STEPS: tuple[Step, ...] = (
    Step("statement-1", "statement:StatementScreen", {"number": 1}),
    Step("statement-2", "statement:StatementScreen", {"number": 2}),
    Step("activity", "activity:ActivityScreen"),
    Step("return-time", "return_time:ReturnTimeScreen"),
    Step("say-it", "say_it:SayItScreen", holds=(Stage.COOLING, Stage.DUE)),
    Step("cool-down", "cooldown:CoolDownScreen", alone=True, resumes=(Stage.COOLING,), holds=(Stage.DUE,)),
    Step("coming-back", "coming_back:ComingBackScreen", alone=True, holds=(Stage.RETURNED, Stage.TALK_DUE)),
    Step("talk-later", "talk_later:TalkLaterScreen", alone=True, resumes=(Stage.TALK_LATER,)),
    Step("outcome", "outcome:OutcomeScreen", alone=True, resumes=(Stage.DUE, Stage.RETURNED, Stage.TALK_DUE)),
    Step("reflect", "reflect:ReflectScreen", alone=True, holds=(Stage.DONE,)),
    Step("notice", "notice:NoticeScreen", alone=True, holds=(Stage.DONE,)),
    Step("done", "summary:SummaryScreen", alone=True, resumes=(Stage.DONE,)),
)
"""The protocol, in order."""

BY_NAME = {step.name: step for step in STEPS}


CARRY_ON_AT = {1: "statement-2", 2: "activity", 3: "return-time"}
"""The step that carries on statements left half done, by the last statement confirmed."""

ASK_AFTER = timedelta(hours=1)
"""A launch this soon after the return time shows the cool-down's alert (back, or more time);
a later one asks how the talk went."""


def _back_lately(episode: Episode, now: datetime) -> bool:
    """Back within `ASK_AFTER`: a launch shows the coming-back card (the talk may not have started);
    later, it asks how the talk went."""
    return episode.returned_at is not None and elapsed(episode.returned_at, now) < ASK_AFTER


def step_for(stage: Stage) -> Step | None:
    """The step that picks up an episode at `stage`, if one does."""
    return next((step for step in STEPS if stage in step.resumes), None)


class Navigator:
    """Moves through the protocol's screens, reading the order from `STEPS`."""

    MODE = "protocol"

    def __init__(self, app: App[Any], run: ProtocolRun) -> None:
        self.app = app
        self.run = run
        self.started = False

    def first(self) -> StepScreen:
        """Statement 1: the protocol mode's base screen."""
        return STEPS[0].build(self.run)

    @property
    def current(self) -> str | None:
        """The step on show in the protocol mode (under any dialog), if the protocol is on screen."""
        if self.app.current_mode != self.MODE:
            return None
        for screen in reversed(self.app.screen_stack):
            step = getattr(screen, "step", None)
            if step is not None:
                return str(step)
        return None

    # Moves

    def forward(self, name: str) -> None:
        """Step `name` is done: show the next one (unless `name` is no longer the step on show)."""
        if self.current != name:
            return
        index = STEPS.index(BY_NAME[name])
        if index + 1 < len(STEPS):
            self.go(STEPS[index + 1].name)

    def back(self) -> None:
        """Back one step (never past statement 1)."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def go(self, name: str, *, resumed: bool = False) -> None:
        """Show step `name`: stacked on the one before, or alone."""
        step = BY_NAME[name]
        if step is STEPS[0] or step.alone:
            while len(self.app.screen_stack) > 1:
                self.app.pop_screen()
        if step is not STEPS[0]:
            self.app.push_screen(step.build(self.run, resumed=resumed))

    # Following the episode

    def start(self) -> None:
        """Once per launch, on entering the protocol: pick up a cool-down left running, or start afresh."""
        if self.started:
            return
        self.started = True
        self.run.abandon_stale_statements()
        episode = self.run.resume()
        if episode is None:
            return
        if self.run.carried_on:
            self._carry_on(episode)
        else:
            self.sync(episode, resumed=True)

    def _carry_on(self, episode: Episode) -> None:
        """Statements an earlier launch left half done: stack the steps up to the first one not confirmed,
        with what was confirmed filled in, so Escape still goes back through them."""
        next_step = CARRY_ON_AT.get(episode.statement, "statement-2")
        for step in STEPS[1 : STEPS.index(BY_NAME[next_step]) + 1]:
            self.app.push_screen(step.build(self.run, resumed=step.name == next_step))
        started = format_clock(episode.started_at, self.run.clock())
        self.app.notify(
            f"Carrying on from {started}, where you left off. To start afresh, go back to statement 1 (Escape).",
            timeout=8,
        )

    def sync(self, episode: Episode | None = None, *, resumed: bool = False) -> bool:
        """Show the step that picks up the episode where it stands, unless it is on show already.

        Returns True if the step on show already was the right one (it may need to redraw).
        """
        episode = episode or self.run.episode
        if episode is None or self.app.current_mode != self.MODE:
            return False
        stage = stage_of(episode, self.run.clock())
        on_show = BY_NAME.get(self.current or "")
        if on_show is not None and on_show.shows(stage):
            return True
        step = step_for(stage)
        if (
            stage is Stage.DUE
            and episode.return_at is not None
            and elapsed(episode.return_at, self.run.clock()) < ASK_AFTER
        ):
            step = BY_NAME["cool-down"]  # just past the time: "I'm back" or more time, as the alert offered
        elif stage is Stage.RETURNED and (not resumed or _back_lately(episode, self.run.clock())):
            step = BY_NAME["coming-back"]  # back just now (`cooldown back`, another window, a closed terminal)
        if step is None:
            return False
        self.go(step.name, resumed=resumed)
        return False

    def follow(self, episode: Episode) -> None:
        """Another window moved this episode on: show it as it now stands."""
        self.app.notify("This cool-down was changed elsewhere (another window, or cooldown back).", timeout=8)
        if self.sync(episode):
            from cooldown.tui.screens.step import StepScreen

            self.app.screen.post_message(StepScreen.EpisodeMoved())
