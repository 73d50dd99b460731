"""Which commands a "bedoel je ...?" question offers, in and outside a reflection."""
from core.commands import choices


def test_in_a_reflection_leaving_and_skipping_are_offered():
    assert choices(["stop_exercise", "skip_question"], in_reflection=True) == ["stop_exercise", "skip_question"]
    assert choices(["delete_my_data", "show_reflections"], in_reflection=True) == [
        "delete_my_data", "show_reflections"]


def test_in_a_reflection_a_goodbye_or_go_on_is_an_answer_not_an_option():
    assert choices(["stop_exercise", "goodbye"], in_reflection=True) == ["stop_exercise"]
    assert choices(["continue_exercise", "goodbye"], in_reflection=True) == []


def test_outside_a_reflection_stop_and_skip_do_nothing_and_are_not_offered():
    assert choices(["stop_exercise", "goodbye"], in_reflection=False) == ["goodbye"]
    assert choices(["stop_exercise", "skip_question"], in_reflection=False) == []
    assert choices(["goodbye", "continue_exercise"], in_reflection=False) == ["goodbye", "continue_exercise"]


def test_order_is_kept_and_doubles_and_strangers_dropped():
    assert choices(["export_reflections", "export_reflections", "greet", "show_reflections"],
                   in_reflection=False) == ["export_reflections", "show_reflections"]
