"""`make bench`'s arithmetic: interleaved rounds, the median of the rounds' ratios, the targets."""
import pytest

from bench.run import check_targets, summarise_rounds, table


def measured(p50, p95, p95_twenty, msgs, lost=0):
    return {"one_user": {"p50_ms": p50, "p95_ms": p95, "http_errors": 0, "silent_turns": 0,
                         "lost_turns": lost},
            "twenty_users": {"p50_ms": 10 * p50, "p95_ms": p95_twenty, "msgs_per_s": msgs,
                             "http_errors": 0, "silent_turns": 0, "lost_turns": 0}}


def results(assistant_rounds, baseline_rounds, **project):
    memory = {"rss_mb": 800.0, "peak_rss_mb": 900.0}
    data = {
        "project": {"rounds": assistant_rounds, "rasa_memory": memory, "ready_s": 20.0,
                    "actions_memory": {"rss_mb": 200.0, "peak_rss_mb": 250.0}, **project},
        "baseline": {"rounds": baseline_rounds, "rasa_memory": memory, "ready_s": 30.0,
                     "train_s": 60.0},
        "machine": "test",
    }
    data["measures"] = summarise_rounds(assistant_rounds, baseline_rounds)
    data["targets"] = check_targets(data)
    return data


def test_the_ratio_is_the_median_of_the_rounds_ratios_so_one_noisy_round_decides_nothing():
    mine = [measured(50, 80, 900, 20), measured(200, 400, 3000, 5), measured(45, 70, 800, 22)]
    theirs = [measured(60, 90, 1000, 15)] * 3
    data = results(mine, theirs)
    assert data["measures"]["p50_1"]["ratios"] == [0.83, 3.33, 0.75]
    assert data["measures"]["p50_1"]["ratio"] == 0.83
    assert data["measures"]["msgs_20"]["ratio"] == 1.33
    assert all(holds for _, holds in data["targets"].values())
    report = table(data)
    assert "| 2 | assistant | 200 / 400 |" in report and "0.83, 3.33, 0.75" in report


@pytest.mark.parametrize("change, target", [
    ({"p95": 100}, "p95 1 person ≤ 1.0× baseline"),
    ({"p95_twenty": 1100}, "p95 20 people ≤ 1.0× baseline"),
    ({"msgs": 14}, "msgs/s 20 people ≥ 1.0× baseline"),
    ({"lost": 1}, "rounds: no HTTP errors, no lost turns"),
])
def test_each_target_can_fail(change, target):
    mine = dict(p50=50, p95=80, p95_twenty=900, msgs=20)
    mine.update(change)
    data = results([measured(**mine)] * 3, [measured(60, 90, 1000, 15)] * 3)
    assert [name for name, (_, holds) in data["targets"].items() if not holds] == [target]


def test_a_lost_turn_in_the_crowd_fails_the_crowd_target():
    crowd = {"users": 100, "seconds": 120.0, "turns": 2000, "msgs_per_s": 16.0, "p50_ms": 5000.0,
             "p95_ms": 8000.0, "max_ms": 9000.0, "http_errors": 0, "silent_turns": 1,
             "lost_turns": 0}
    data = results([measured(50, 80, 900, 20)] * 3, [measured(60, 90, 1000, 15)] * 3, crowd=crowd)
    failing = [name for name, (_, holds) in data["targets"].items() if not holds]
    assert failing == ["100 people, 120 s: no HTTP errors, no lost turns"]
