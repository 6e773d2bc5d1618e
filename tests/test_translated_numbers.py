"""Numbers inside translated sentences are written the language's way ('2,5 s', '83 %'),
while English keeps Python's own formatting digit for digit."""

from __future__ import annotations

from gmi_trainer.i18n import N_, _, ngettext, use_language

TODAY = N_("; today {value:.1f} s")
FALL = N_("{fall:.0%} lower: a substantial fall (at least 50%)")


def test_english_numbers_are_python_s_own() -> None:
    with use_language("en"):
        assert _(TODAY).format(value=2.25) == "; today 2.2 s"
        assert _(FALL).format(fall=0.62) == "62% lower: a substantial fall (at least 50%)"


def test_numbers_in_sentences_follow_the_language() -> None:
    with use_language("de"):
        assert _(TODAY).format(value=2.5) == "; heute 2,5 s"
        assert _(FALL).format(fall=0.62).startswith("62\xa0% niedriger")
    with use_language("fr"):
        assert "2,5 s" in _(TODAY).format(value=2.5)
        assert _(FALL).format(fall=0.62).startswith("62\xa0% plus bas")
    with use_language("ru"):
        assert _(TODAY).format(value=1234.5) == "; сегодня 1234,5 с"  # no grouping in a duration
        text = ngettext("{count} screen saved in {out}", "{count} screens saved in {out}", 3)
        assert text.format(count=3, out="x") == "3 экрана сохранено в x"  # integers untouched


def test_values_a_person_types_keep_the_dot() -> None:
    """A text size or a profile value is typed with a dot in every language."""
    from gmi_trainer.profiles.model import Profile, ProfileError

    with use_language("de"):
        try:
            Profile.from_json({"patient": "P1", "affected_limb": "hand", "affected_side": "left",
                               "text_scale": 9}, "p.json")
        except ProfileError as error:
            assert "text_scale muss eine Zahl von 0.75 bis 1.5 sein" in str(error)
        else:
            raise AssertionError("a text size of 9 was accepted")
