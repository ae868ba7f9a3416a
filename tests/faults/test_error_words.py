"""OS errors in words a person can act on: an article file's problem is said
about the file, a folder of the reader's own about the folder (and what to do)."""

import errno
import os

import pytest

from tuireader.files.errors import describe_os_error, describe_place_error


def err(code: int) -> OSError:
    return OSError(code, os.strerror(code))


@pytest.mark.parametrize(
    ("code", "file_words", "folder_words"),
    [
        (
            errno.ENOENT,
            "no such file (it may have been moved or deleted)",
            "the folder does not exist",
        ),
        (
            errno.EACCES,
            "permission denied",
            "permission denied (check the folder's owner and permissions)",
        ),
        (
            errno.EPERM,
            "permission denied",
            "permission denied (check the folder's owner and permissions)",
        ),
        (
            errno.ENAMETOOLONG,
            "file name too long",
            "a name in the path is too long for the file system",
        ),
        (
            errno.EIO,
            "input/output error",
            "input/output error (is the disk or network share still there?)",
        ),
    ],
)
def test_file_and_folder_words_differ_where_the_advice_does(code, file_words, folder_words):
    assert describe_os_error(err(code)) == file_words
    assert describe_place_error(err(code)) == folder_words


def test_a_full_or_read_only_disk_is_said_so_for_folders():
    assert describe_place_error(err(errno.ENOSPC)) == "the disk is full"
    assert describe_place_error(err(errno.EROFS)) == "the disk is mounted read-only"


def test_errors_without_words_of_their_own_use_the_systems_lowercased():
    system = os.strerror(errno.ENOSPC)
    assert describe_os_error(err(errno.ENOSPC)) == system[:1].lower() + system[1:]


def test_a_file_in_the_way_of_a_folder_is_named(tmp_path):
    blocker = tmp_path / "state"
    blocker.write_text("")
    words = describe_place_error(err(errno.ENOTDIR), blocker / "tuireader")
    assert words == f"{blocker} is a file, not a folder (move it away or rename it)"
