"""Upload validation: type, size and names that try to leave the upload directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.web.uploads import UploadRefused, check_upload, discard, safe_filename, stage_upload

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "injection" / "gesprek-injectie.html"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("verslag-gesprek-II.txt", "verslag-gesprek-II.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\win.ini.txt", "win.ini.txt"),
        ("/etc/cron.d/job.md", "job.md"),
        ("C:\\Users\\a\\gesprek.DOCX", "gesprek.docx"),
        (".bashrc.txt", "bashrc.txt"),
        ("..", ""),
        ("...", ""),
        ("", ""),
        (".txt", "txt"),  # a dot-file: no suffix left, so refused as a type
        ("a<b>|c?.html", "a_b__c.html"),
        ("nul\x00byte.txt", "nulbyte.txt"),
        ("regel\neinde.txt", "regeleinde.txt"),
        ("gesprek één.md", "gesprek één.md"),
        ("dubbel..punt....pdf", "dubbel.punt.pdf"),
        ("zonder-extensie", "zonder-extensie"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    safe = safe_filename(name)
    assert safe == expected
    assert "/" not in safe and "\\" not in safe and not safe.startswith(".")


def make(
    tmp_path: Path, name: str, data: bytes = b"Verslag gesprek visie sociaal domein IX\n"
) -> Path:
    p = tmp_path / "in" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("name", "size", "max_bytes", "reason"),
    [
        ("virus.exe", 10, 1000, "bestandstype .exe wordt niet ondersteund"),
        ("data.xyz", 10, 1000, "bestandstype .xyz wordt niet ondersteund"),
        ("zonder-extensie", 10, 1000, "bestandstype (geen) wordt niet ondersteund"),
        ("../../etc/passwd", 10, 1000, "bestandstype (geen)"),
        ("...", 10, 1000, "onbruikbaar"),
        ("groot.pdf", 2_500_000, 1_000_000, "2,5 MB, groter dan de grens van 1,0 MB"),
        ("leeg.txt", 0, 1000, "leeg"),
    ],
)
def test_refused(tmp_path: Path, name: str, size: int, max_bytes: int, reason: str) -> None:
    src = make(tmp_path, "upload.bin", b"x" * size)
    with pytest.raises(UploadRefused) as err:
        check_upload(src, name, max_bytes)
    assert reason in err.value.reason
    uploads = tmp_path / "store" / "uploads"
    with pytest.raises(UploadRefused):
        stage_upload(src, name, uploads, max_bytes)
    assert not uploads.exists() or not any(uploads.iterdir())  # nothing written


def test_accepted_types_case_insensitive(tmp_path: Path) -> None:
    src = make(tmp_path, "a.bin")
    for name in ("a.txt", "b.MD", "c.html", "d.docx", "e.pdf"):
        assert check_upload(src, name, 1000) == safe_filename(name)


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.txt", "../../../../tmp/evil.html", "..\\..\\x.md", "/abs/y.txt"]
)
def test_staged_copy_stays_inside_the_upload_dir(tmp_path: Path, name: str) -> None:
    uploads = tmp_path / "store" / "uploads"
    src = make(tmp_path, "upload.bin")
    staged = stage_upload(src, name, uploads, 10_000)
    assert staged.resolve().is_relative_to(uploads.resolve())
    assert staged.parent.parent == uploads.resolve()
    assert staged.name == safe_filename(name)
    assert staged.read_bytes() == src.read_bytes()
    assert oct(staged.parent.stat().st_mode & 0o777) == "0o700"
    assert not (tmp_path / "etc").exists() and not Path("/etc/passwd.txt").exists()
    discard(staged)
    assert not staged.parent.exists() and uploads.is_dir()


def test_two_uploads_with_the_same_name_do_not_collide(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    a = stage_upload(make(tmp_path, "a.bin", b"een"), "gesprek.txt", uploads, 100)
    b = stage_upload(make(tmp_path, "b.bin", b"twee"), "gesprek.txt", uploads, 100)
    assert a != b and a.read_bytes() == b"een" and b.read_bytes() == b"twee"


def test_injection_fixture_is_a_supported_verslag() -> None:
    assert check_upload(FIXTURE, FIXTURE.name, 1_000_000) == "gesprek-injectie.html"
