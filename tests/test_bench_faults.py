"""The camera-fault benchmark runs, and the states it drives end where a patient should be.
Timing figures are printed by the benchmark, never asserted."""

from __future__ import annotations

import argparse
import json

from gmi_trainer.bench.faults import run_faults_bench


def test_faults_bench_reaches_each_state_and_reports_figures(capsys) -> None:
    assert run_faults_bench(argparse.Namespace(seconds=3.0)) == 0
    results = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert results["live (practice picture)"]["screen"] == "MirrorView"
    assert results["no camera"]["screen"] == "CameraProblemView"
    stops = results["camera stops"]
    assert stops["camera_events"][0] == "live" and stops["camera_events"][-1] == "failed"
    assert "reconnecting" in stops["camera_events"]
    assert stops["message_after_stop_ms"] is not None
    for figures in results.values():
        assert figures["loop_turns_per_s"] > 0 and figures["longest_gap_ms"] > 0
