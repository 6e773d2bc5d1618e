"""The real services behind the shell: profiles, plans, pictures and records on disk.

The picture set, the record writer and therapist mode's storage are adapters handed in by
the composition root (`app/root.py`); this module only uses them."""

from __future__ import annotations

import errno
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Sequence

from gmi_trainer.core.context import Picture, RecordingFailed, SessionContext
from gmi_trainer.core.picture_source import pictures_for
from gmi_trainer.core.session import SessionFlow
from gmi_trainer.core.shell import HomeInfo, StartError
from gmi_trainer.core.therapist import TherapistFlow, TherapistServices
from gmi_trainer.core.views import ProgressView
from gmi_trainer.i18n import SOURCE_LANGUAGE, _, check_language, plan_text, set_language
from gmi_trainer.plans.model import Plan
from gmi_trainer.profiles.model import LIMB_CHOICES, Profile, ProfileError
from gmi_trainer.profiles.store import load_profile, save_profile
from gmi_trainer.core.stages import StageDecision, one_off_stage, stage_for
from gmi_trainer.core.progress import SessionFacts, progress_view
from gmi_trainer.core.weekly import WeeklyDue, weekly_due
from gmi_trainer.records.history import block_history, done_count, session_facts, sessions_on, weekly_days
from gmi_trainer.records.reader import SessionRecord, read_patient
from gmi_trainer.records.treatments import read_treatments, treatment_facts
from gmi_trainer.records.writer import SPACE_NEEDED_MB, RecordsError, SessionRecorder, check_writable


@dataclass(frozen=True)
class Adapters:
    """What the services read and write through, as the composition root chose it."""

    # The picture set, or None and a message saying what is wrong and what to do.
    pictures: Callable[[], tuple[Sequence[Picture] | None, str]]
    create_recorder: Callable[..., SessionRecorder]  # SessionRecorder.create's signature
    therapist: Callable[[Callable[[str], ProgressView]], TherapistServices]
    camera_details: Callable[[], dict[str, Any] | None]  # for the manifest, at session end
    # The patient's own hand pictures (`gmi-trainer capture`), and a problem reading them.
    own_pictures: Callable[[str], tuple[Sequence[Picture], str]] = lambda patient: ((), "")
    # The capture of own pictures for a patient's profile (core/capture.py's flow); raises
    # ValueError with a message when it cannot open. None: not offered (tests, headless).
    capture: Callable[[str, Profile], Any] | None = None


@dataclass
class RunSettings:
    data_dir: Path
    patient: str
    plan: Plan
    seed: int | None
    clock_name: str  # "monotonic" or "simulated"
    autopilot: str | None
    screen: Callable[[], dict[str, Any]]  # asked when a session starts
    stage: str = ""  # run --stage: this stage for this run only, whatever the records say
    # What the profile keeps to find the plan again: a name in exercises/, or the absolute
    # path of a plan given by path.
    plan_ref: str = ""
    count_as_patient: bool = False  # an autopilot run counts like the patient's own
    sound: bool = True  # tones can be heard (eyes-closed imagery)
    language: str = ""  # run --language: this language for this run, whatever the profile says
    default_language: str = SOURCE_LANGUAGE  # when neither --language nor the profile says


class AppServices:
    def __init__(self, settings: RunSettings, clock_now: Callable[[], float],
                 adapters: Adapters,
                 wall_clock: Callable[[], datetime] = lambda: datetime.now().astimezone()) -> None:
        self.settings = settings
        self.adapters = adapters
        self.clock_now = clock_now
        self.wall_clock = wall_clock
        self.profile_problem = ""
        self.profile = self._load_profile()
        self.chosen_language = ""  # chosen on the first-start screen, kept in the new profile
        self.apply_language()
        self.recorder: SessionRecorder | None = None
        self.last_session: SessionFlow | None = None
        self.sessions_run = 0

    def _load_profile(self) -> Profile | None:
        self.profile_problem = ""
        try:
            return load_profile(self.settings.data_dir, self.settings.patient)
        except ProfileError as error:
            self.profile_problem = str(error)
            return None

    @property
    def patient_dir(self) -> Path:
        return self.settings.data_dir / self.settings.patient

    def stage(self, sessions: Sequence[SessionRecord]) -> StageDecision:
        """The programme stage the next session runs (plans without stages: none): run
        --stage for this run only, else the therapist's, else what the records say."""
        if self.settings.stage and self.settings.plan.stage(self.settings.stage):
            return one_off_stage(self.settings.plan, self.settings.stage)
        override = self.profile.stage_override if self.profile else ""
        return stage_for(self.settings.plan, [session_facts(s) for s in sessions],
                         self.wall_clock().date(), override or None)

    def apply_language(self) -> None:
        """The run's language: --language, else the profile's, else the environment's."""
        profile_language = self.profile.language if self.profile else self.chosen_language
        set_language(self.settings.language or profile_language or self.settings.default_language)

    def choose_language(self, code: str) -> None:
        """The first-start screen's choice: spoken from now on, kept in the new profile."""
        self.chosen_language = check_language(code)
        self.apply_language()

    def home_info(self) -> HomeInfo:
        self.profile = self._load_profile()  # therapist mode may have changed it
        self.apply_language()
        # Manifests only: today's count and the stage need no trial rows.
        sessions, warnings = read_patient(self.settings.data_dir, self.settings.patient,
                                          rows=False)
        today = sessions_on(sessions, self.wall_clock().date())
        today_facts = [session_facts(s) for s in today]
        stage = self.stage(sessions)
        plan = self.settings.plan.for_stage(stage.stage)  # this stage's length, not the full plan's
        problem = self.profile_problem
        if not problem:
            try:
                check_writable(self.patient_dir)
            except RecordsError as error:
                problem = str(error)
        profile = self.profile
        return HomeInfo(
            patient=self.settings.patient,
            display_name=profile.display_name if profile else "",
            has_profile=profile is not None or bool(self.profile_problem),
            ask_language=profile is None and not self.profile_problem and not self.settings.language
            and not self.chosen_language,
            affected=profile.affected_words() if profile else _("not set"),
            plan_title=plan_text(plan.title), plan_minutes=plan.planned_minutes,
            sessions_today=done_count(today), sessions_planned=plan.sessions_per_day,
            incomplete_today=sum(1 for s in today if s.status == "incomplete"),
            start_problem=problem, warnings=tuple(warnings),
            stage=stage.headline, stage_reason=stage.reason,
            not_counted_today=sum(1 for f in today_facts if f.by_person
                                  and f.status != "incomplete" and not f.counts),
            alert=self._alert_today(today_facts))

    def _alert_today(self, today: Sequence[SessionFacts]) -> str:
        """Today's latest pain alert, for the top of the home screen ('' if none)."""
        flagged = [f for f in today if f.by_person and f.pain_alert]
        if not flagged:
            return ""
        latest = flagged[-1]
        safety = self.settings.plan.safety
        return (_("Your session at {started_at:%H:%M} ended with advice to stop for "
                "today. {contact}").format(started_at=latest.started_at, contact=plan_text(safety.contact)))

    def save_affected_limb(self, choice: str) -> None:
        limb, side = LIMB_CHOICES[choice]
        profile = self.profile or Profile(self.settings.patient, limb, side,
                                          plan=self.settings.plan_ref or self.settings.plan.name)
        self.profile = replace(profile, affected_limb=limb, affected_side=side,
                               language=profile.language or self.chosen_language)
        save_profile(self.settings.data_dir, self.profile)

    def start_session(self, now_s: float) -> SessionFlow:
        if self.profile is None:
            raise StartError(self.profile_problem or _("Choose the affected limb first."))
        settings = self.settings
        sessions, _damaged = read_patient(settings.data_dir, settings.patient, rows=False)
        stage = self.stage(sessions)
        seed = settings.seed if settings.seed is not None and self.sessions_run == 0 \
            else secrets.randbelow(2**31)
        pictures, problem = self.adapters.pictures()
        # A staged programme runs only the current stage's phases (still in GMI order).
        plan = settings.plan.for_stage(stage.stage)
        own, own_problem = self.adapters.own_pictures(settings.patient) \
            if plan.pictures != "rendered" else ((), "")
        pictures, notice = pictures_for(plan.pictures, pictures, own)
        if own_problem:
            notice = _("{problem} The drawn pictures are used today.").format(problem=own_problem)
        planned_s = plan.planned_minutes * 60
        extra = {"stage_source": stage.source if stage.stage else None,
                 "planned_s": planned_s,
                 "min_active_s": round(planned_s * plan.min_active_fraction, 1),
                 "counts_as_patient": bool(settings.autopilot and settings.count_as_patient),
                 "pictures": {"source": plan.pictures, "own": len(own), "notice": notice or None}}
        try:
            recorder = self.adapters.create_recorder(
                self.patient_dir, started_at=self.wall_clock(), patient=settings.patient,
                plan={"name": plan.name, "title": plan.title, "file": plan.source_path,
                      "sha256": plan.source_sha256, "sessions_per_day": plan.sessions_per_day,
                      "content": plan.source_text},
                seed=seed, clock=settings.clock_name, autopilot=settings.autopilot,
                profile=self.profile.to_json(), screen=settings.screen(),
                stage=stage.stage.name if stage.stage else None, extra=extra)
        except OSError as error:
            full = error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
            raise StartError(_("Cannot save records in {patient_dir}: "
                             "{value}. Nothing was started.").format(patient_dir=self.patient_dir, value=error.strerror or error)
                             + (_(" Free at least {SPACE_NEEDED_MB} MB on that disk, then start "
                                "again.").format(SPACE_NEEDED_MB=SPACE_NEEDED_MB) if full else "")) from None
        self.recorder = recorder
        self.sessions_run += 1
        # The weekly measures are the patient's: an autopilot run is not asked them.
        weekly = weekly_due(*weekly_days(sessions), self.wall_clock().date()) \
            if not settings.autopilot or settings.count_as_patient else WeeklyDue()
        ctx = SessionContext(plan=plan, profile=self.profile, recorder=recorder,
                             origin_s=now_s, seed=seed, wall_clock=self.wall_clock,
                             pictures=pictures, pictures_problem=problem, pictures_notice=notice,
                             history=block_history(sessions), sound=settings.sound,
                             weekly_due=weekly.due, weekly_pgic=weekly.ask_pgic)
        return SessionFlow(ctx, now_s)

    def progress(self) -> ProgressView:
        return self.progress_for(self.settings.patient)

    def progress_for(self, patient: str) -> ProgressView:
        """Any patient's progress (therapist mode shows others'; a patient sees their own)."""
        # Manifests only: the charts and the table draw on each session's summary.
        sessions, warnings = read_patient(self.settings.data_dir, patient, rows=False)
        try:
            profile = load_profile(self.settings.data_dir, patient)
        except ProfileError:
            profile = None
        treatments, treatment_warnings = read_treatments(self.settings.data_dir / patient)
        return progress_view([session_facts(s) for s in sessions],
                             [*warnings, *treatment_warnings], patient,
                             self.settings.plan.sessions_per_day,
                             profile.affected_side if profile else "", self.wall_clock().date(),
                             treatment_facts(treatments))

    def session_ended(self, flow: SessionFlow) -> None:
        self.last_session = flow
        self._keep_mirror_line(flow)
        if self.recorder is not None:
            camera = self.adapters.camera_details()
            try:
                if camera is not None and not flow.failure:
                    self.recorder.update(camera=camera)
            except RecordingFailed:
                pass  # the trials are safe; only the camera's description is missing
            self.recorder.close()
            self.recorder = None

    def _keep_mirror_line(self, flow: SessionFlow) -> None:
        """A fixed mirror line the patient moved is where it starts next time."""
        lines = [b["mirror_line_x_norm"] for b in flow.summary.get("blocks", [])
                 if b.get("phase") == "mirror" and "mirror_line_x_norm" in b]
        if self.profile is not None and lines and lines[-1] != self.profile.mirror_line_x_norm:
            self.profile = replace(self.profile, mirror_line_x_norm=lines[-1])
            save_profile(self.settings.data_dir, self.profile)

    def therapist(self) -> TherapistFlow:
        return TherapistFlow(self.adapters.therapist(self.progress_for))

    def capture(self) -> Any:
        if self.profile is None:
            raise StartError(self.profile_problem or _("Choose the affected limb first."))
        if self.adapters.capture is None:
            raise StartError(_("Taking your own pictures needs a camera and a window."))
        try:
            return self.adapters.capture(self.settings.patient, self.profile)
        except ValueError as error:
            raise StartError(str(error)) from None

    def session_folder(self) -> Path | None:
        """The running session's folder, or None between sessions."""
        return self.recorder.folder if self.recorder is not None else None

    def close(self) -> None:
        """The program is ending: close a session that is still open, keeping its rows."""
        if self.recorder is not None:
            self.recorder.close()
            self.recorder = None
