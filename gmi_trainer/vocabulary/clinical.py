"""The clinical picture: the patient's condition, the kinds of pain asked before and after a
session, non-painful phantom sensations, the weekly outcome measures and the other
treatments a therapist records. One table per idea, read by the plan loader, the profile,
the session's questions, progress, the report and the exports.

Phantom limb pain (felt in the missing part), residual (stump) limb pain and non-painful
phantom sensations have different causes and treatments and are recorded apart (Kuffler,
"Origins of phantom limb pain", Mol Neurobiol 2018; a 2025 series of 539 amputees found
postamputation pain in 55%). A patient with CRPS has no amputation and rates one pain.

Weekly measures: the Brief Pain Inventory's seven interference items, each 0-10 (Cleeland &
Ryan 1994), and the Patient Global Impression of Change, 7 points (Guy 1976; Farrar et al.
2001). Meaningful change (IMMPACT, Dworkin et al. 2008, J Pain 9:105): a 30% fall in pain is
moderate, 50% substantial; a 1-point fall in BPI interference is meaningful."""

from __future__ import annotations

from gmi_trainer.i18n import N_






# The patient's condition (profile.json `condition`).
CONDITIONS: tuple[str, ...] = ("amputation", "crps")
CONDITION_WORDS = {"amputation": N_("amputation (phantom and residual limb pain)"),
                   "crps": N_("CRPS (no amputation)")}

# Pain kinds: id -> (short name, the question's words before / after). "crps" is the one
# scale a patient without an amputation gets.
PAIN_KINDS: dict[str, str] = {
    "phantom": N_("phantom limb pain"),
    "residual": N_("residual limb pain"),
    "crps": N_("pain"),
}
PAIN_QUESTIONS: dict[str, str] = {
    "phantom": N_("How strong is your phantom limb pain {when}?"),
    "residual": N_("How strong is the pain in your residual limb (stump) {when}?"),
    "crps": N_("How strong is the pain in your {limb} {when}?"),
}
PAIN_HINTS: dict[str, str] = {
    "phantom": N_("Pain felt in the part of the limb that is no longer there."),
    "residual": N_("Pain in what remains of the limb: the stump or the scar."),
    "crps": N_("The pain of your CRPS, in the limb it affects."),
}
# What a plan's `[pain] ask` may list, in the order the questions come.
ASK_CHOICES: tuple[str, ...] = ("phantom", "residual", "sensations")
DEFAULT_ASK: tuple[str, ...] = ("phantom", "residual", "sensations")

# Non-painful phantom sensations: (id, words), in the order shown; "other" asks for words.
SENSATION_ITEMS: tuple[tuple[str, str], ...] = (
    ("tingling", N_("Tingling or pins and needles")),
    ("itching", N_("Itching")),
    ("warm_cold", N_("Warmth or cold")),
    ("position", N_("The limb in a position, or moving")),
    ("shorter", N_("The limb feels shorter (telescoping)")),
    ("other", N_("Something else")),
)
SENSATION_WORDS: dict[str, str] = dict(SENSATION_ITEMS)

# The Brief Pain Inventory's interference items (id, "how much has pain interfered with ...").
BPI_ITEMS: tuple[tuple[str, str], ...] = (
    ("general_activity", N_("your general activity")),
    ("mood", N_("your mood")),
    ("walking", N_("your walking ability")),
    ("work", N_("your normal work (both outside the home and housework)")),
    ("relations", N_("your relations with other people")),
    ("sleep", N_("your sleep")),
    ("enjoyment", N_("your enjoyment of life")),
)
BPI_IDS: tuple[str, ...] = tuple(item for item, _ in BPI_ITEMS)
# The Patient Global Impression of Change, 1-7 (1 = very much improved).
PGIC_CHOICES: tuple[str, ...] = (
    N_("Very much improved"), N_("Much improved"), N_("Minimally improved"), N_("No change"),
    N_("Minimally worse"), N_("Much worse"), N_("Very much worse"),
)
WEEKLY_INTERVAL_DAYS = 7
# Thresholds for a meaningful change (IMMPACT).
PAIN_FALL_MODERATE = 0.30
PAIN_FALL_SUBSTANTIAL = 0.50
BPI_MEANINGFUL_POINTS = 1.0

# Other treatments a therapist records: id -> (words, FHIR resource it exports as).
TREATMENT_KINDS: dict[str, tuple[str, str]] = {
    "medicine_started": (N_("Medicine started"), "MedicationStatement"),
    "medicine_changed": (N_("Medicine changed"), "MedicationStatement"),
    "medicine_stopped": (N_("Medicine stopped"), "MedicationStatement"),
    "tens": (N_("TENS"), "Procedure"),
    "nerve_block": (N_("Nerve block"), "Procedure"),
    "surgery": (N_("Surgery (e.g. targeted muscle reinnervation)"), "Procedure"),
    "psychological": (N_("Psychological therapy (e.g. CBT)"), "Procedure"),
    "prosthesis": (N_("New prosthesis"), "Procedure"),
}
MEDICINE_KINDS: tuple[str, ...] = ("medicine_started", "medicine_changed", "medicine_stopped")
