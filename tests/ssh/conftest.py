"""A throwaway OpenSSH server on the loopback address, for the SSH test.

Host key, user key, authorized_keys, config and pid file all live in a temporary
directory; the server is killed by the fixture's finalizer whatever happens.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SSHD = "/usr/sbin/sshd"


@dataclass
class SshServer:
    port: int
    user: str
    key: Path

    def command(self, remote: str) -> list[str]:
        """ssh argv that runs ``remote`` on the server with a terminal (-tt)."""
        return [
            "ssh",
            "-tt",
            "-i",
            str(self.key),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-F",
            "/dev/null",
            "-p",
            str(self.port),
            f"{self.user}@127.0.0.1",
            remote,
        ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _missing() -> str | None:
    if not (os.path.isfile(SSHD) and os.access(SSHD, os.X_OK)):
        return f"OpenSSH server not installed ({SSHD} missing; apt-get install openssh-server)"
    for tool in ("ssh", "ssh-keygen"):
        if shutil.which(tool) is None:
            return f"{tool} not installed (apt-get install openssh-client)"
    return None


def _keygen(path: Path, kind: str = "ed25519") -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", kind, "-N", "", "-f", str(path)],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def ssh_server(tmp_path_factory: pytest.TempPathFactory):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    d = tmp_path_factory.mktemp("sshd")
    _keygen(d / "host_key")
    _keygen(d / "user_key")
    (d / "authorized_keys").write_text((d / "user_key.pub").read_text())
    os.chmod(d / "authorized_keys", 0o600)
    if os.geteuid() == 0:
        # privilege separation directory; sshd refuses to start without it
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
    port = _free_port()
    config = d / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"HostKey {d / 'host_key'}",
                f"AuthorizedKeysFile {d / 'authorized_keys'}",
                f"PidFile {d / 'sshd.pid'}",
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "StrictModes no",
                "UsePAM no",
                "PrintMotd no",
                "PrintLastLog no",
                "AcceptEnv LANG LC_*",
                "",
            ]
        )
    )
    log = open(d / "sshd.log", "wb")  # noqa: SIM115 - closed in the finalizer
    proc = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(config), "-p", str(port), "-o", "ListenAddress=127.0.0.1"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60  # a hang guard: slow when the machine is busy
        while True:
            if proc.poll() is not None:
                pytest.fail(f"sshd exited: {(d / 'sshd.log').read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("sshd did not start listening")
                time.sleep(0.1)
        yield SshServer(port=port, user=getpass.getuser(), key=d / "user_key")
    finally:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        log.close()
