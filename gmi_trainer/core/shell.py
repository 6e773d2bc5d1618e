"""The program around a session: first-time setup, home, progress, and the session itself.

What it needs from the outside world (records, profiles, starting a recorder) comes in
through `ShellServices`, so the whole program can be driven by a test with no window."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping, Protocol, Sequence

from gmi_trainer.core import inputs as act
from gmi_trainer.core.choice import pause_choice, pause_options, pick
from gmi_trainer.core.inputs import Input
from gmi_trainer.core.progress import browse
from gmi_trainer.core.session import SessionFlow
from gmi_trainer.core.steps import Due
from gmi_trainer.core.views import ChoiceView, HomeView, Option, PausedView, ProgressView, Screen
from gmi_trainer.i18n import LANGUAGES, N_, _
from gmi_trainer.profiles.model import DEFAULT_KEYS, spoken_keys
from gmi_trainer.vocabulary import AFFECTED_CHOICES

# One option per (body part, side) in the body-part table: "Left hand or arm", ...
LIMB_OPTIONS = tuple(
    Option(choice, affected.words().capitalize(), str(number))
    for number, (choice, affected) in enumerate(AFFECTED_CHOICES.items(), start=1)
)
LANGUAGE_OPTIONS = tuple(Option(code, name, str(number))
                         for number, (code, name) in enumerate(LANGUAGES.items(), start=1))
HOME_OPTIONS = ("start", "progress", "quit")
# The home screen's shortcuts, and the option each one chooses.
HOME_SHORTCUTS = {act.START: "start", act.PROGRESS: "progress", act.EXIT: "quit",
                  act.THERAPIST: "therapist", act.PICTURES: "pictures"}


@dataclass(frozen=True)
class HomeInfo:
    patient: str
    display_name: str
    has_profile: bool
    affected: str
    plan_title: str
    plan_minutes: float
    sessions_today: int
    sessions_planned: int
    incomplete_today: int
    start_problem: str = ""  # why Start cannot work now (plan broken, folder not writable)
    warnings: tuple[str, ...] = ()
    stage: str = ""  # e.g. "Stage 2 of 3: Imagined movement"; empty for plans without stages
    stage_reason: str = ""
    not_counted_today: int = 0  # finished today but too short to count
    alert: str = ""  # today's pain alert: stop for today, and whom to contact
    ask_language: bool = False  # first start with no language given: ask for one first


class StartError(Exception):
    """A session cannot start; the message says why and what to do."""


class ShellServices(Protocol):
    def home_info(self) -> HomeInfo: ...

    def save_affected_limb(self, choice: str) -> None: ...

    def choose_language(self, code: str) -> None: ...

    def start_session(self, now_s: float) -> SessionFlow: ...

    def progress(self) -> ProgressView: ...

    def session_ended(self, flow: SessionFlow) -> None: ...

    def therapist(self) -> Any:
        """Therapist mode (a flow like a session's), opened from the home screen."""
        ...

    def capture(self) -> Any:
        """Taking the patient's own pictures (core/capture.py's flow); StartError when it
        cannot open (no profile yet, no picture set)."""
        ...


class Shell:
    def __init__(self, services: ShellServices,
                 keys: Mapping[str, Sequence[str]] = DEFAULT_KEYS) -> None:
        self.services = services
        self.keys = keys  # the patient's key map: the home screen names its shortcuts' keys
        self.info = services.home_info()
        self.mode = "home" if self.info.has_profile else "language" if self.info.ask_language else "setup"
        self.focus = self._home_focus()
        self.message = ""
        self.start_asked = False  # Start chosen once on a day with a pain alert
        self.paused = False
        self.pause_focus = 0
        self.progress_view: ProgressView | None = None
        self.session: SessionFlow | None = None
        self.therapist: Any = None
        self.capture: Any = None  # taking own pictures, opened from the home screen
        self.finished = False

    def screen(self, now_s: float) -> Screen:
        if self.session is not None:
            return self.session.screen(now_s)
        if self.therapist is not None:
            return self.therapist.screen(now_s)
        if self.capture is not None:
            return self.capture.screen(now_s)
        view: Any
        if self.mode == "language":
            # Each language named in its own words, so a patient finds theirs whatever is shown.
            view = ChoiceView("Language / Язык / Мова / Idioma / Sprache / Langue", "",
                              LANGUAGE_OPTIONS, self.focus, token="language")
        elif self.mode == "setup":
            view = ChoiceView(
                _("Welcome. Which limb is affected?"),
                _("This sets which side the pictures and the mirror work on. "
                "Your therapist can change it later."), tuple(replace(o, label=AFFECTED_CHOICES[o.id].words().capitalize()) for o in LIMB_OPTIONS), self.focus, token="setup")
        elif self.mode == "progress":
            assert self.progress_view is not None
            view = self.progress_view
        else:
            info = self.info
            view = HomeView(
                patient=info.patient, display_name=info.display_name, affected=info.affected,
                plan_title=info.plan_title, plan_minutes=info.plan_minutes,
                sessions_today=info.sessions_today, sessions_planned=info.sessions_planned,
                incomplete_today=info.incomplete_today,
                options=(Option("start", _("Start anyway") if info.alert else _("Start session"),
                                self._home_keys(1, act.START),
                                enabled=not info.start_problem),
                         Option("progress", _("Progress"), self._home_keys(2, act.PROGRESS)),
                         Option("quit", _("Quit"), self._home_keys(3, act.EXIT))),
                focus=self.focus, message=self.message or info.start_problem,
                warnings=info.warnings, stage=info.stage, stage_reason=info.stage_reason,
                not_counted_today=info.not_counted_today, alert=info.alert,
                start_asks_again=self.start_asked,
                token=("home", self.start_asked))
        if self.paused:
            quit_label = _("Back to home") if self.mode == "progress" else _("Quit the program")
            view = PausedView(view, _("Paused"), pause_options(self.keys, quit_label), self.pause_focus)
        return Screen(view)

    def _home_focus(self) -> int:
        """Where the focus starts on home: Start, or Progress on a day with a pain alert
        (so Enter alone never starts a session the patient was advised against)."""
        return list(HOME_OPTIONS).index("progress") if self.info.alert else 0

    def _home_keys(self, number: int, action: str) -> str:
        """'1 or S': a home button's number key (they choose by position) and its shortcut.
        Enter is not named: it chooses whichever button has the focus."""
        return spoken_keys((str(number), *self.keys.get(action, ())[:1]))

    def handle(self, inp: Input) -> None:
        if self.session is not None:
            self.session.handle(inp)
            if inp.action == act.QUIT:
                # The window was closed: the flow has saved the session as ended early.
                self.session.finished = True
                self.finished = True
            self._after_session()
            return
        if self.therapist is not None and inp.action != act.QUIT:
            self.therapist.handle(inp)
            if self.therapist.finished:
                self.therapist = None
                self.info = self.services.home_info()  # settings may have changed
                self.mode, self.focus = "home", self._home_focus()
            return
        if self.capture is not None and inp.action != act.QUIT:
            self.capture.handle(inp)
            if self.capture.finished:
                self.capture = None
                self.info = self.services.home_info()
                self.mode, self.focus = "home", self._home_focus()
            return
        if inp.action == act.QUIT:
            self.finished = True
        elif self.paused:
            self._handle_paused(inp)
        elif inp.action == act.PAUSE:
            self.paused, self.pause_focus = True, 0
        elif self.mode == "language":
            self._handle_language(inp)
        elif self.mode == "setup":
            self._handle_setup(inp)
        elif self.mode == "progress":
            self._handle_progress(inp)
        else:
            self._handle_home(inp)

    def tick(self, now_s: float) -> None:
        if self.session is not None:
            self.session.tick(now_s)
            self._after_session()
        if self.capture is not None:
            self.capture.tick(now_s)

    def shown(self, screen: Screen, flip_s: float) -> None:
        if self.session is not None:
            self.session.shown(screen, flip_s)

    def next_due(self) -> Due | None:
        return self.session.next_due() if self.session is not None else None

    # -- screens ----------------------------------------------------------------------------
    def _handle_paused(self, inp: Input) -> None:
        self.pause_focus, choice = pause_choice(inp, self.pause_focus)
        if choice == "resume":
            self.paused = False
        elif choice == "end":
            self.paused = False
            if self.mode == "progress":
                self.mode = "home"
            else:
                self.finished = True

    def _handle_language(self, inp: Input) -> None:
        choice = self._choose(inp, [o.id for o in LANGUAGE_OPTIONS])
        if choice:
            self.services.choose_language(choice)
            self.mode, self.focus = "setup", 0

    def _handle_setup(self, inp: Input) -> None:
        choice = self._choose(inp, [o.id for o in LIMB_OPTIONS])
        if choice:
            self.services.save_affected_limb(choice)
            self.info = self.services.home_info()
            self.mode, self.focus = "home", self._home_focus()

    def _handle_home(self, inp: Input) -> None:
        choice = HOME_SHORTCUTS.get(inp.action) or self._choose(inp, list(HOME_OPTIONS))
        if choice == "therapist":
            self.therapist = self.services.therapist()
            return
        if choice == "pictures":
            try:
                self.capture = self.services.capture()
            except StartError as error:
                self.message = str(error)
            return
        if choice == "start":
            if self.info.start_problem:
                self.message = self.info.start_problem
                return
            if self.info.alert and not self.start_asked:
                # Rest is the advice after an alert: practising anyway is the patient's
                # choice, made twice, never by a stray Enter.
                self.start_asked = True
                self.message = _("Today's answers mean rest and a word with your therapist. "
                                 "If you still want to practise, choose Start anyway again.")
                return
            self.start_asked = False
            try:
                self.session = self.services.start_session(inp.t_s)
            except StartError as error:
                self.message = str(error)
        elif choice == "progress":
            self.progress_view = self.services.progress()
            self.mode = "progress"
        elif choice == "quit":
            self.finished = True

    def _handle_progress(self, inp: Input) -> None:
        assert self.progress_view is not None
        self.progress_view, leave = browse(self.progress_view, inp)
        if leave:
            self.mode = "home"

    def _choose(self, inp: Input, ids: list[str]) -> str | None:
        self.focus, choice = pick(inp, ids, self.focus)
        return choice

    def _after_session(self) -> None:
        if self.session is not None and self.session.finished:
            self.services.session_ended(self.session)
            self.session = None
            self.info = self.services.home_info()
            self.start_asked = False
            self.mode, self.focus, self.message = "home", self._home_focus(), ""


PLAN_PROBLEM_OPTIONS = (Option("default", N_("Use the default plan today"), "1"),
                        Option("quit", N_("Quit"), "2"))


class PlanProblem:
    """The patient's plan cannot be opened at start: say so in a window (a patient starting
    from a shortcut would otherwise see nothing) and offer the default plan or quitting.
    Pause works here as everywhere."""

    def __init__(self, problems: Sequence[str], keys: Mapping[str, Sequence[str]] = DEFAULT_KEYS,
                 default_available: bool = True) -> None:
        self.problems = tuple(problems)
        self.keys = keys
        self.options = tuple(replace(o, label=_(o.label)) for o in PLAN_PROBLEM_OPTIONS)[
            0 if default_available else 1:]
        self.focus = 0
        self.paused = False
        self.pause_focus = 0
        self.choice = ""
        self.finished = False

    def screen(self, now_s: float) -> Screen:
        shown = "\n".join(self.problems[:3]) + (
            _("\n... and {value} more.").format(value=len(self.problems) - 3) if len(self.problems) > 3 else "")
        view: Any = ChoiceView(
            _("Your exercise plan could not be opened"),
            _("{shown}\nPlease tell your therapist. You can practise with the default plan "
            "today (your records show which plan was used), or quit.").format(shown=shown),
            self.options, self.focus, token="plan-problem")
        if self.paused:
            view = PausedView(view, _("Paused"), pause_options(self.keys, _("Quit the program")),
                              self.pause_focus)
        return Screen(view)

    def handle(self, inp: Input) -> None:
        if inp.action == act.QUIT:
            self.choice, self.finished = "quit", True
        elif self.paused:
            self.pause_focus, choice = pause_choice(inp, self.pause_focus)
            if choice == "resume":
                self.paused = False
            elif choice == "end":
                self.choice, self.finished = "quit", True
        elif inp.action == act.PAUSE:
            self.paused, self.pause_focus = True, 0
        else:
            self.focus, choice = pick(inp, [o.id for o in self.options], self.focus)
            if choice:
                self.choice, self.finished = choice, True

    def tick(self, now_s: float) -> None:
        pass

    def shown(self, screen: Screen, flip_s: float) -> None:
        pass
