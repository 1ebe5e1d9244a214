"""What the reliability benchmarks share: the built server copied aside, a throwaway PostgreSQL
15 cluster, a fresh database with the demo seeded and a server on it, and their clean-up."""
import datetime
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / ".build" / "debug" / "opora"
PG_BIN = "/usr/lib/postgresql/15/bin"


def sh(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def tail(path, lines):
    try:
        return "".join(open(path, errors="replace").readlines()[-lines:])
    except OSError:
        return ""


def free_port(start):
    for port in range(start, start + 40):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError(f"no free port in {start}-{start + 39}")


class Server:
    """One `opora serve` on a fixed database: started, killed, restarted; a log file per life."""

    def __init__(self, binary, env, port, logs):
        self.binary, self.env, self.port, self.logs = binary, env, port, logs
        self.base = f"http://127.0.0.1:{port}"
        self.proc, self.lives, self.start_seconds = None, 0, []

    def command(self, *args, timeout=900):
        return sh([str(self.binary), *args], cwd=ROOT, env=self.env, timeout=timeout)

    def log(self, life):
        return self.logs / f"serve-{life:02d}.log"

    def start(self):
        """Start and wait for /healthz to answer "ok"."""
        self.lives += 1
        began = time.monotonic()
        with open(self.log(self.lives), "w") as out:
            self.proc = subprocess.Popen([str(self.binary), "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                         cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        while time.monotonic() - began < 180:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited ({self.proc.returncode}) on start:\n" + tail(self.log(self.lives), 30))
            try:
                if requests.get(self.base + "/healthz", timeout=2).text.strip() == "ok":
                    self.start_seconds.append(time.monotonic() - began)
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError("/healthz did not answer ok within 180 s:\n" + tail(self.log(self.lives), 30))

    def kill9(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Postgres:
    """A throwaway PostgreSQL 15 cluster (fsync on) in its own temporary folder."""

    def __init__(self, port):
        self.port, self.dir, self.started = port, Path(tempfile.mkdtemp(prefix="opora-kill9-pg-")), False
        self.url = f"postgres://opora@127.0.0.1:{port}/opora_rel"

    def start(self):
        shutil.chown(self.dir, "postgres")   # initdb refuses root
        as_postgres = ["runuser", "-u", "postgres", "--"]
        for name, step in [
            ("initdb", as_postgres + [f"{PG_BIN}/initdb", "-D", f"{self.dir}/data", "-U", "opora", "--auth=trust",
                                      "-E", "UTF8", "--locale=C.UTF-8"]),
            ("pg_ctl start", as_postgres + [f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/pg.log", "-w",
                                            "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir}", "start"]),
            ("createdb", ["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "opora", "opora_rel"]),
        ]:
            self.started = self.started or name == "pg_ctl start"
            r = sh(step)
            if r.returncode:
                raise RuntimeError(f"{name}: {r.stdout}{r.stderr}{tail(self.dir / 'pg.log', 20)}")

    def stop(self, keep):
        if self.started:
            sh(["runuser", "-u", "postgres", "--", f"{PG_BIN}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop"])
        if not keep:
            shutil.rmtree(self.dir, ignore_errors=True)


def loadavg():
    return " ".join(open("/proc/loadavg").read().split()[:3])


@contextmanager
def staged_binary(binary, prefix):
    """The server copied aside, since the build may be replaced while a run goes on; yields the
    copy, when it was built, and the start of its sha256."""
    scratch = Path(tempfile.mkdtemp(prefix=f"{prefix}-bin-"))
    try:
        staged = scratch / "opora"
        shutil.copy2(binary, staged)
        built_at = datetime.datetime.fromtimestamp(staged.stat().st_mtime, datetime.timezone.utc)
        yield staged, built_at, hashlib.sha256(staged.read_bytes()).hexdigest()[:12]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def stand(name, staged, port, pg_port, prefix, keep=False):
    """A fresh data folder (and for PostgreSQL a throwaway cluster) with the demo seeded and a
    server on it, not yet started; yields (data folder, environment, cluster or None, server) and
    removes everything afterwards unless `keep`. `server.seed_seconds` is how long seeding took."""
    data = Path(tempfile.mkdtemp(prefix=f"{prefix}-{name}-"))
    (data / "logs").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPORA_") and k != "DATABASE_URL"}
    env.update(OPORA_DATA_DIR=str(data / "data"), LOG_LEVEL="info")
    postgres = Postgres(pg_port) if name == "postgres" else None
    server = None
    try:
        if postgres:
            postgres.start()
            env["DATABASE_URL"] = postgres.url
        server = Server(staged, env, free_port(port), data / "logs")
        began = time.monotonic()
        r = server.command("seed", "--demo")
        (data / "logs" / "seed.log").write_text(r.stdout + r.stderr)
        if r.returncode:
            raise RuntimeError(f"seed --demo failed ({r.returncode}):\n{(r.stdout + r.stderr)[-3000:]}")
        server.seed_seconds = time.monotonic() - began
        yield data, env, postgres, server
        if keep:
            print(f"  {name}: kept {data}" + (f" and {postgres.dir}" if postgres else ""))
    finally:
        if server:
            server.stop()
        if postgres:
            postgres.stop(keep)
        if not keep:
            shutil.rmtree(data, ignore_errors=True)
