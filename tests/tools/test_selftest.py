"""'hypctl test' counts every test of every runner into its closing line."""
import json

from hypctl_lib import selftest


def test_meson_counts(tmp_path):
    log = tmp_path / "testlog.json"
    log.write_text("".join(json.dumps({"name": n, "result": r}) + "\n" for n, r in [
        ("a", "OK"), ("b", "FAIL"), ("c", "SKIP"), ("d", "TIMEOUT"), ("e", "OK"),
        ("f", "EXPECTEDFAIL"), ("g", "UNEXPECTEDPASS"), ("h", "ERROR")]) + "\n")
    assert selftest.meson_counts(str(log)) == {"passed": 3, "failed": 4, "skipped": 1}


def test_junit_counts(tmp_path):
    xml = tmp_path / "r.xml"
    xml.write_text('<?xml version="1.0"?><testsuites><testsuite name="pytest" errors="1" '
                   'failures="2" skipped="3" tests="20"/></testsuites>')
    assert selftest.junit_counts(str(xml)) == {"passed": 14, "failed": 3, "skipped": 3}


def test_missing_results_count_as_a_failure(tmp_path, capsys):
    total = {"passed": 0, "failed": 0, "skipped": 0}
    selftest._add(total, str(tmp_path / "none.json"), selftest.meson_counts)
    assert total["failed"] == 1 and "no test results" in capsys.readouterr().err
