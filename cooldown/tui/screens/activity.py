"""Statement 3: withdraw and calm down, and say what you will do."""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from cooldown.core.returntime import format_wait
from cooldown.core.settings import NAME_LIMIT, Activity
from cooldown.tui.screens.breakpoints import FitsHeight
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.limited_input import LimitedInput
from cooldown.tui.widgets.statement_card import StatementCard

SOMETHING_ELSE = "something-else"

PICK_BINDINGS = [
    Binding(
        str(number),
        f"pick({number})",
        "Pick",
        show=number == 1,
        key_display="1-9",
        tooltip="Pick the activity with this number",
        id=f"pick-{number}",
    )
    for number in range(1, 10)
]


class ActivityList(OptionList):
    """The activities; Enter on the highlighted one is shown in the footer."""

    BINDINGS = [
        Binding(
            "enter", "select", "Choose", key_display="↑↓ ⏎", tooltip="Choose the highlighted activity", id="choose"
        ),
    ]


class ActivityInput(LimitedInput):
    """Free text for something else to do; Enter uses it. A paste too long is cut, said in the message line."""

    SHOWS_NOTE = False

    BINDINGS = [
        Binding("enter", "submit", "Use this", tooltip="Use what you typed", id="use-activity"),
    ]


class ActivityScreen(FitsHeight, StepScreen):
    """Pick an activity with its number key, or arrows and Enter, or type your own."""

    DEFAULT_CSS = """
    ActivityScreen {
        #activities {
            width: 100%;
            height: auto;
            max-height: 9;
            margin-top: 1;
            border: none;
            background: $surface;
        }
        #own-activity {
            width: 100%;
            margin-top: 1;
        }
        #own-activity-message {
            width: 100%;
            height: 1;
            padding: 0 1;
            color: $text-warning;
        }
        /* A short terminal: the statement stays in view and the list scrolls in the room left */
        &.-short {
            #step-label { margin-bottom: 0; }
            #body { height: 1fr; }
            StatementCard { padding: 0 1; }
            #hint { margin-top: 0; }
            #activities { height: 1fr; min-height: 2; margin-top: 0; }
            #own-activity { margin-top: 0; }
        }
    }
    """

    LEAVE_KEYS = False
    """h and S stay out of the way (and out of the footer) while choosing or typing here."""

    step_label = "3 of 4 · say it out loud"

    BINDINGS = [
        *PICK_BINDINGS,
        Binding("o", "something_else", "Something else", tooltip="Type your own activity", id="other"),
        Binding("escape", "back", "Back", tooltip="Back to the previous statement", id="back"),
    ]

    def compose_body(self) -> ComposeResult:
        self._activities = self.run.settings.activities  # the list shown is the list the keys pick from
        yield StatementCard(self.run.statement(3), id="statement")
        yield Static("What will you do?", id="hint")
        yield ActivityList(*self._options(), id="activities")
        yield ActivityInput(placeholder="e.g. make a cup of tea", id="own-activity", max_length=NAME_LIMIT)
        yield Static("", id="own-activity-message", markup=False)

    def _options(self) -> list[Option]:
        options = [
            Option(
                Content.assemble(
                    (f" {number} ", "bold"),
                    f"  {activity.label}",
                    (f"  · {format_wait(timedelta(minutes=activity.minutes))}", "dim"),
                ),
                id=f"activity-{number}",
            )
            for number, activity in enumerate(self.activities, start=1)
        ]
        options.append(Option(Content.assemble((" o ", "bold"), "  Something else…"), id=SOMETHING_ELSE))
        return options

    @property
    def activities(self) -> tuple[Activity, ...]:
        return self._activities

    def on_mount(self) -> None:
        self.query_one("#own-activity").display = False
        activities = self.query_one("#activities", OptionList)
        activities.highlighted = self._chosen_before()
        activities.focus()

    def _chosen_before(self) -> int | None:
        """The activity already chosen for the episode in hand (carried on, or back from statement 4),
        else the default one."""
        chosen = self.run.episode.activity if self.run.episode is not None and not self.run.over else None
        names = [activity.name for activity in self.activities]
        if chosen in names:
            return names.index(chosen)
        if chosen:  # one typed in: it waits under "Something else"
            self.query_one("#own-activity", Input).value = chosen
            return len(names)
        return self.run.settings.default_activity

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            (number,) = parameters
            return isinstance(number, int) and number <= len(self.activities)
        return True

    def action_pick(self, number: int) -> None:
        if number <= len(self.activities):
            activity = self.activities[number - 1]
            self._choose(activity.name, activity.minutes)

    @on(OptionList.OptionSelected, "#activities")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == SOMETHING_ELSE:
            self.action_something_else()
        else:
            self.action_pick(event.option_index + 1)

    def action_something_else(self) -> None:
        own = self.query_one("#own-activity", Input)
        own.display = True
        own.focus()

    @on(Input.Submitted, "#own-activity")
    def _own_activity(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        message = self.query_one("#own-activity-message", Static)
        if not name:
            message.update("Type what you'll do, or press Escape to pick from the list.")
            return
        message.update("")
        self._choose(name, self.run.settings.cooldown.default_minutes)

    @on(Input.Changed, "#own-activity")
    def _own_activity_typed(self, event: Input.Changed) -> None:
        full = len(event.value) >= NAME_LIMIT
        message = f"That's as long as an activity can be ({NAME_LIMIT} characters)." if full else ""
        self.query_one("#own-activity-message", Static).update(message)

    @on(LimitedInput.Trimmed, "#own-activity")
    def _own_activity_cut(self, event: LimitedInput.Trimmed) -> None:
        self.query_one("#own-activity-message", Static).update(event.words)

    def action_back(self) -> None:
        own = self.query_one("#own-activity", Input)
        if own.display:
            own.display = False
            self.query_one("#own-activity-message", Static).update("")
            self.query_one("#activities", OptionList).focus()
        else:
            self.back()

    def _choose(self, name: str, minutes: int) -> None:
        self.run.choose_activity(name, minutes)
        self.forward()
