"""Reading drafts and writing fixes: bad files get one clear error naming the file (and the
others are still checked, exit code 2 at the end); a fix is written atomically, keeps the
encoding, BOM, line endings, mode and symbolic links, and never leaves a half-written file or a
temporary file behind."""

from __future__ import annotations

import codecs
import errno
import os

import pytest
from click.testing import CliRunner

from replylint import files as files_mod
from replylint.cli import cli
from replylint.errors import InputError
from replylint.files import MAX_FILE_BYTES, SourceFile, read_source, write_atomic

DRAFT = "Hola Ana, lamentamos el retraso!! Le escribimos en https://ex.com/a?b=1 con {{folio}}.\n"


def run(*args):
    return CliRunner().invoke(cli, ["check", "--isolated", "--lang", "es", "--channel", "chat", *map(str, args)])


def leftovers(folder) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(".replylint-")]


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("replylint: error:")]


def test_binary_file_is_named(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Hola\n\x00\x01\x02")
    with pytest.raises(InputError, match="binary") as info:
        read_source(str(path))
    assert str(info.value).startswith(f"{path}:2:")


def test_wrong_encoding_names_the_file_and_the_option(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Hola, ¿qué tal?\nAdiós\n".encode("latin-1"))
    result = run(path)
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert f"{path}:1:" in line and "--encoding" in line
    result = run("--encoding", "latin-1", path)
    assert result.exit_code in (0, 1) and not error_lines(result.output)


def test_unknown_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Hola", encoding="utf-8")
    result = run("--encoding", "klingon", path)
    assert result.exit_code == 2 and "unknown encoding" in result.output


def test_utf8_bom_is_kept_by_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Gracias!!\r\nHasta luego\r\n".encode())
    source = read_source(str(path))
    assert not source.text.startswith("\ufeff")
    run("--fix", path)
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and b"!!" not in data and b"\r\n" in data
    assert data.count(b"\r\n") == 2


def test_latin1_file_is_fixed_in_latin1(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Adiós!!\n".encode("latin-1"))
    run("--encoding", "latin-1", "--fix", path)
    assert path.read_bytes().decode("latin-1").count("!") == 1


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    real_open = open

    def fake_open(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(files_mod, "open", fake_open, raising=False)
    with pytest.raises(InputError, match="permission denied"):
        read_source(str(path))


def test_a_folder_with_bad_files_checks_the_others_and_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text("Gracias!!\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x00binary")
    (tmp_path / "c.txt").write_bytes("Adiós!!\n".encode("latin-1"))
    (tmp_path / "d.txt").write_text("Le escribimos pronto!!\n", encoding="utf-8")
    result = run(tmp_path)
    assert result.exit_code == 2
    errors = error_lines(result.output)
    assert len(errors) == 2 and "b.txt" in errors[0] and "c.txt" in errors[1]
    assert "a.txt:1:" in result.output and "d.txt:1:" in result.output


def test_missing_file_among_others(tmp_path):
    (tmp_path / "a.txt").write_text("Gracias!!\n", encoding="utf-8")
    result = run(tmp_path / "a.txt", tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert "nope.txt: no such file" in result.output and "a.txt:1:" in result.output


def test_read_only_file_with_fix_is_untouched(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Gracias!!\n", encoding="utf-8")
    os.chmod(path, 0o444)
    try:
        result = run("--fix", path)
        assert result.exit_code == 2
        (line,) = error_lines(result.output)
        assert str(path) in line and "read-only" in line
        assert path.read_text(encoding="utf-8") == "Gracias!!\n"
        assert "exclamation-stack" in result.output  # still reported on what the file holds
        assert not leftovers(tmp_path)
    finally:
        os.chmod(path, 0o644)


@pytest.mark.parametrize("failure", ["replace", "write", "fsync", "chmod"])
def test_interrupted_write_leaves_the_original(tmp_path, monkeypatch, failure):
    path = tmp_path / "a.txt"
    path.write_text("Gracias!!\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Adiós!!\n", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if failure == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(files_mod.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(files_mod.os, failure, disk_full)
    result = run("--fix", path, tmp_path / "b.txt")
    assert result.exit_code == 2
    assert all("the file is unchanged" in line for line in error_lines(result.output))
    assert path.read_text(encoding="utf-8") == "Gracias!!\n"
    assert not leftovers(tmp_path)


def test_interrupt_during_write_leaves_the_original(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("Gracias!!\n", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files_mod.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(read_source(str(path)), "Gracias!\n")
    assert path.read_text(encoding="utf-8") == "Gracias!!\n"
    assert not leftovers(tmp_path)


def test_symlink_target_is_fixed_and_link_kept(tmp_path):
    target = tmp_path / "real" / "a.txt"
    target.parent.mkdir()
    target.write_text("Gracias!!\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = run("--fix", link)
    assert result.exit_code in (0, 1)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "¡Gracias!\n"
    assert not leftovers(tmp_path) and not leftovers(target.parent)


def test_fix_keeps_mode_and_line_endings(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Gracias!!\r\nAdios\rHola\n")
    os.chmod(path, 0o640)
    run("--fix", path)
    assert path.read_bytes().count(b"\r\n") == 1 and b"\rHola" in path.read_bytes()
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_fix_never_touches_protected_text_in_a_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    run("--fix", path)
    fixed = path.read_text(encoding="utf-8")
    for piece in ("https://ex.com/a?b=1", "{{folio}}", "Ana"):
        assert piece in fixed


def test_too_large_file_is_refused_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used

    def no_read(*args, **kwargs):
        raise AssertionError("read a file over the limit")

    monkeypatch.setattr(files_mod, "open", no_read, raising=False)
    with pytest.raises(InputError, match="over the limit") as info:
        read_source(str(path))
    assert str(info.value).startswith(str(path))


def test_directory_and_fifo_named_as_files(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_source(str(tmp_path))
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_source(str(fifo))


def test_write_atomic_refuses_a_vanished_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    source = read_source(str(path))
    path.unlink()
    with pytest.raises(InputError):
        write_atomic(source, "y")
    assert not leftovers(tmp_path)


def test_unencodable_fix_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Hola\n")
    source = SourceFile(str(path), "Hola\n", "ascii")
    with pytest.raises(InputError, match="cannot be written"):
        write_atomic(source, "¡Hola!\n")
    assert path.read_bytes() == b"Hola\n"
