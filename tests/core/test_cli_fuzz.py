"""A fuzz pass over the whole CLI: every subcommand, every option, hostile values. Every run must end with exit
status 0 or 2 and no traceback. The subcommands are found by walking the parser, so new ones are covered too.

Runs in-process (main(argv)) to stay quick on two cores; a few cases that need a real process (bytes that are
not UTF-8 in argv and on stdin, a closed pipe) run as subprocesses."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from desktop.cli import build_parser, main
from tests.core.llm_files import write_tiny_llama

REPO = Path(__file__).resolve().parents[2]
NOT_UTF8 = os.fsdecode(b"caf\xe9 \xff")  # how Python hands over argv bytes that are not UTF-8
HOSTILE = ["", " ", "nan", "inf", "-inf", "1e400", "-1", "0", "9223372036854775808", "1e-300",
           "99999999999999999999999999", NOT_UTF8, "~nosuchuser/x.gguf", "\x00"]


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every leaf subcommand with its parser, e.g. (("cards", "review"), parser)."""
    found = []
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [(prefix, parser)]
    for action in subs:
        for name, child in action.choices.items():
            found += _commands(child, (*prefix, name))
    return found


def _valid_value(action: argparse.Action, tiny: Path) -> str:
    """A value that gets the command past argparse (not necessarily a sensible one)."""
    if action.choices:
        return str(next(iter(action.choices)))
    name = (action.option_strings[-1] if action.option_strings else action.dest).lstrip("-")
    if name in ("model", "path"):
        return str(tiny)
    if name in ("prompt", "text", "name"):
        return "Hello"
    if name in ("rating",):
        return "good"
    if name in ("params",):
        return "7B"
    if name in ("server", "url"):
        return "http://127.0.0.1:9"  # a closed port on loopback: the server commands' "nothing answers" path
    return "1"


def _base(parser: argparse.ArgumentParser, tiny: Path) -> list[tuple[argparse.Action, list[str]]]:
    """Required positionals and options filled in (one of each required mutually exclusive group), as segments
    of argv per action, so one action's words can be swapped for a hostile value."""
    segments: list[tuple[argparse.Action, list[str]]] = []
    in_required_group = set()
    for group in parser._mutually_exclusive_groups:
        if group.required:
            first = group._group_actions[0]
            segments.append((first, [first.option_strings[0], _valid_value(first, tiny)]))
            in_required_group |= {id(a) for a in group._group_actions}
    for action in parser._actions:
        if id(action) in in_required_group or isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            segments.append((action, [_valid_value(action, tiny)]))
        elif action.required:
            segments.append((action, [action.option_strings[0], _valid_value(action, tiny)]))
    # Keep model runs short on a busy two-core machine: one thread, few new tokens.
    for flag, value in (("--threads", "1"), ("--max-new-tokens", "2"), ("--model", str(tiny))):
        action = parser._option_string_actions.get(flag)
        if action is not None and all(a is not action for a, _ in segments):
            segments.append((action, [flag, value]))
    return segments


def _argv(words: tuple[str, ...], segments: list[tuple[argparse.Action, list[str]]], action: argparse.Action | None = None,
          value: str | None = None) -> list[str]:
    argv = list(words)
    replaced = False
    for act, seg in segments:
        if act is action:
            seg = [value] if not act.option_strings else [seg[0], value]
            replaced = True
        argv += seg
    if action is not None and not replaced:
        argv += [action.option_strings[0], value]
    return argv


class _Hung(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Hung


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], limit_s: float = 60.0) -> tuple[int, str]:
    """main(argv) in this process; a run that blocks (say, reading a FIFO) is interrupted after limit_s."""
    timer = hasattr(signal, "setitimer")
    if timer:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limit_s)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: 2 for bad usage, 0 for --help
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except _Hung:
        out = capsys.readouterr()
        return -2, out.out + out.err + f"\n(hung: no answer within {limit_s:.0f} s)"
    except BaseException:  # noqa: BLE001 - this is what the test hunts for
        out = capsys.readouterr()
        return -1, out.out + out.err + traceback.format_exc()
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    out = capsys.readouterr()
    return int(code), out.out + out.err


def test_every_subcommand_and_option_with_hostile_values(tmp_path: Path, capsys, monkeypatch) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)  # a command that writes a file named by a hostile value writes it here
    # A hostile --server value ("nan", "1e400") would be looked up as a host name: nothing here may leave the
    # machine, so any name but loopback fails the way an unknown host does.
    real_getaddrinfo = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    tiny = write_tiny_llama(tmp_path / "tiny.gguf")
    fifo = tmp_path / "fifo.gguf"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    hostile = [*HOSTILE, str(fifo), str(tmp_path / "missing.gguf")]
    failures: list[str] = []
    runs = 0
    for words, parser in _commands(build_parser()):
        segments = _base(parser, tiny)
        base = _argv(words, segments)
        cases = [base, [*base, "--no-such-flag"]]
        if "--json" in parser._option_string_actions:
            cases.append([*base, "--json"])
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction | argparse._VersionAction) or action.nargs == 0:
                continue
            cases += [_argv(words, segments, action, value) for value in hostile]
        for argv in cases:
            runs += 1
            code, output = _run(argv, capsys)
            if code not in (0, 2) or "Traceback" in output:
                failures.append(f"studydesk {' '.join(map(repr, argv))} -> exit {code}\n{output[-1500:]}")
    assert runs > 300
    assert not failures, f"{len(failures)} of {runs} runs failed:\n\n" + "\n\n".join(failures[:8])


# ---- cases that need a real process -------------------------------------------------------------------------------

def _studydesk(args: list[bytes], env_home: Path, stdin: bytes = b"", shell_tail: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "STUDYDESK_HOME": str(env_home), "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    cmd = [os.fsencode(sys.executable), b"-m", b"desktop", *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, env=env, timeout=120)


def test_bytes_that_are_not_utf8_in_argv_and_stdin(tmp_path: Path) -> None:
    tiny = os.fsencode(str(write_tiny_llama(tmp_path / "tiny.gguf")))
    home = tmp_path / "home"
    for args, stdin in (
        ([b"cards", b"review", b"\xff", b"--rating", b"good"], b""),
        ([b"memory", b"--params", b"7B", b"--save", b"\xff"], b""),
        ([b"tokenize", b"-", b"--model", tiny], b"ol\xe1 \xff"),
        ([b"next-token", b"--prompt", b"\xff", b"--model", tiny], b""),
        ([b"scenarios", b"rename", b"1", b"\xffname"], b""),
    ):
        result = _studydesk(args, home, stdin)
        err = result.stderr.decode("utf-8", "replace")
        assert result.returncode == 2, (args, err)
        assert "Traceback" not in err and "error:" in err and "UTF-8" in err, (args, err)


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "STUDYDESK_HOME": str(tmp_path / "home"), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        f"{sys.executable} -m desktop cards list --json | head -c 10", shell=True, capture_output=True, env=env,
        timeout=120,
    )
    assert len(result.stdout) == 10
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr, result.stderr[-800:]


def test_named_regressions(tmp_path: Path, capsys) -> None:
    """The cases of the fault report, each with the message it must give."""
    expected = {
        ("scenarios", "show", "9223372036854775808"): "scenario id",
        ("scenarios", "delete", "9223372036854775808"): "scenario id",
        ("model", "info", "~nosuchuser/x.gguf"): "home folder",
        ("memory", "--params", ""): "Parameters",
        ("memory", "--params", "7B", "--save", ""): "--save",
        ("memory", "--params", "7B", "--dtype", ""): "Precision",
        ("next-token", "--prompt", "Hi", "--model", ""): "--model",
        ("scaling", "--params", "1e-300"): "Parameters",
        ("scaling", "--params", "7B", "--utilization", "nan"): "Utilization",
        ("next-token", "--prompt", "Hi", "--threads", "100000"): "--threads",
        ("generate", "--prompt", "Hi", "--threads", "100000"): "--threads",
    }
    for argv, words in expected.items():
        code, output = _run(list(argv), capsys)
        assert code == 2 and words in output and "Traceback" not in output, (argv, output)
