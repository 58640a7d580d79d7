"""The job state machine and the progress arithmetic (pure)."""

import pytest

from banenbrug.jobs import states
from banenbrug.jobs.kinds import Steps


def test_a_job_goes_queued_running_done():
    status = states.next_status(states.QUEUED, "claim")
    assert status == states.RUNNING
    assert states.next_status(status, "finish") == states.DONE


@pytest.mark.parametrize("status", [states.QUEUED, states.RUNNING])
def test_an_unfinished_job_can_fail(status):
    assert states.next_status(status, "fail") == states.FAILED


@pytest.mark.parametrize(("status", "event"), [
    (states.DONE, "claim"), (states.DONE, "fail"), (states.FAILED, "claim"),
    (states.FAILED, "finish"), (states.QUEUED, "finish"), (states.DONE, "finish"),
])
def test_final_states_stay_final_and_nothing_skips_running(status, event):
    with pytest.raises(states.IllegalTransition, match=f"a {status} job cannot {event}"):
        states.next_status(status, event)


def test_a_running_job_is_taken_over_only_when_its_heartbeat_is_stale():
    assert states.may_claim(states.QUEUED, None, 60)
    assert not states.may_claim(states.RUNNING, 5.0, 60)  # its worker lives
    assert states.may_claim(states.RUNNING, 61.0, 60)  # its worker went silent
    assert not states.may_claim(states.DONE, 1000.0, 60)
    assert not states.may_claim(states.FAILED, None, 60)


def test_progress_is_clamped_to_0_1():
    assert states.clamp_progress(-0.5) == 0.0
    assert states.clamp_progress(1.7) == 1.0
    assert states.clamp_progress(float("nan")) == 0.0
    assert states.clamp_progress(0.25) == 0.25


def test_steps_map_an_importers_start_advance_onto_one_forward_bar():
    seen = []
    steps = Steps(lambda fraction, message="": seen.append((round(fraction, 3), message)),
                  [1, 3])
    steps.start("lezen", 10)
    steps.advance(5)
    steps.advance(5)
    steps.start("schrijven", 4)
    steps.advance(2)
    steps.advance(2)
    assert seen == [(0.0, "lezen"), (0.125, "lezen"), (0.25, "lezen"),
                    (0.25, "schrijven"), (0.625, "schrijven"), (1.0, "schrijven")]
    steps.start("nog een", 1)  # more steps than declared: the last share repeats, never > 1
    steps.advance(1)
    assert all(0.0 <= f <= 1.0 for f, _ in seen)
