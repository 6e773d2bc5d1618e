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


def test_differences_grouped_counts_and_days_follow_the_language() -> None:
    """A difference keeps its sign ('+0,25 s'), a grouped count its language's separator
    ('1.361', '1 361'), and a day its language's words and order."""
    from datetime import datetime

    from gmi_trainer.i18n import Text, format_day_month, format_moment

    moment = datetime(2026, 3, 2, 9, 5)
    with use_language("en"):
        assert Text("{d:+.2f} s; {n:,}").format(d=0.25, n=1361) == "+0.25 s; 1,361"
        assert format_moment(moment) == "Mon, Mar 2, 2026, 09:05"
        assert format_day_month(moment) == "Mar 2"
    with use_language("de"):
        assert Text("{d:+.2f} s; {e:+.2f}; {n:,}").format(d=0.25, e=-0.5, n=1361) == \
            "+0,25 s; -0,50; 1.361"
        assert format_moment(moment) == "Mo., 2. März 2026, 09:05"
        assert format_moment(moment, weekday=False, year=False) == "2. März, 09:05"
    with use_language("ru"):
        assert Text("{n:,}").format(n=1361) == "1\xa0361"
        assert format_moment(moment) == "пн, 2 мар. 2026\u202fг., 09:05"
        assert format_day_month(moment) == "2 мар."
