# The Python zygote: `python3 -S -I -c <this file> SOURCE LIBRARY CONTROL_FD`, started by zygote.py inside the
# sandbox's mount and network namespaces (sandbox.c -Z). Never imported by the judge: it runs under the solution's
# interpreter, so it uses the standard library only. No docstring: `__doc__` must stay None as in a fresh start.
#
# It compiles SOURCE once, then for every request on CONTROL_FD (a SOCK_SEQPACKET socket: the helper's options
# as NUL-separated words, with the run's stdin, stdout, stderr, result and kill fds attached) calls
# algoitny_spawn() of LIBRARY (sandbox.c built as a library), which forks the run's init -> program with the same
# namespaces, limits and uid as an exec'd run. In the program, algoitny_spawn() returns 0; this file then
# puts the interpreter back the way a fresh `python3 -S -I` start leaves it and runs SOURCE as __main__.
import sys

TYPE_CHECKING = False  # not `typing`: nothing is imported before the fresh state below is recorded
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_FRESH_MAIN = {k: v for k, v in globals().items() if k.startswith("__")}
_FRESH_MODULES = set(sys.modules)
_FRESH_PATH = list(sys.path)


def _spawn_function(library: str) -> "tuple[Callable[[int, object], int], Any]":
    """algoitny_spawn() of `library`, called holding the GIL (nothing runs during its fork), and the char* type its
    argv array is made of. From _ctypes, the C half of ctypes: the ctypes package itself costs 3-4 ms of every
    zygote's start, in the judge's critical path; ctypes when _ctypes lacks what this needs."""
    try:
        import _ctypes

        class CInt(_ctypes._SimpleCData):
            _type_ = "i"

        class CharP(_ctypes._SimpleCData):
            _type_ = "z"

        class Library:
            _handle = _ctypes.dlopen(library, _ctypes.RTLD_LOCAL)

        class Function(_ctypes.CFuncPtr):
            _flags_ = _ctypes.FUNCFLAG_CDECL | _ctypes.FUNCFLAG_PYTHONAPI
            _restype_ = CInt

        return Function(("algoitny_spawn", Library)), CharP  # type: ignore[arg-type]
    except (ImportError, AttributeError, TypeError):
        import ctypes

        spawn = ctypes.PyDLL(library).algoitny_spawn
        spawn.restype = ctypes.c_int
        return spawn, ctypes.c_char_p


def _warm_start(stdio: "list[tuple[str, str | None]]") -> None:
    """Once in the zygote, what each run does first (see the run's part of _zygote): standard streams opened,
    written, read and flushed over a pipe, the environment changed and put back."""
    import io
    import posix

    r, w = posix.pipe()
    try:
        posix.write(w, b"1 2\n")
        streams = [
            io.TextIOWrapper(open(fd, mode, -1, closefd=False), encoding, errors, "\n", line_buffering=False)  # noqa: SIM115
            for fd, mode, (encoding, errors) in zip((r, w, w), ("rb", "wb", "wb"), stdio, strict=True)
        ]
        streams[0].readline()
        for stream in streams[1:]:
            stream.write("3\n")
            stream.flush()
        del streams
    finally:
        posix.close(r)
        posix.close(w)
    posix.getcwd()
    posix.putenv(b"ALGOITNY_ZYGOTE_WARM", b"1")
    posix.unsetenv(b"ALGOITNY_ZYGOTE_WARM")


def _zygote() -> None:
    import _io
    import _sitebuiltins
    import _socket  # not socket: that one imports enum, selectors... (20+ ms)
    import atexit
    import builtins
    import gc
    import io
    import itertools
    import posix
    import sys

    fresh_main, fresh_modules, fresh_path = _FRESH_MAIN, _FRESH_MODULES, _FRESH_PATH  # globals get cleared
    src, library, control = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(src, "rb") as f:
        text = f.read()
    try:
        code = compile(text, src, "exec", dont_inherit=True)
        error: Exception | None = None
    except (SyntaxError, ValueError) as e:  # ValueError: NUL bytes in the source
        code, error = None, e.with_traceback(None)
    spawn, char_p = _spawn_function(library)  # the library also gives threads their usual stack (sandbox.c)
    # -S drops exit()/quit(), which solutions use: put them back, as the plain (non-zygote) start does
    builtins.exit = _sitebuiltins.Quitter("exit", "Ctrl-D (i.e. EOF)")
    builtins.quit = _sitebuiltins.Quitter("quit", "Ctrl-D (i.e. EOF)")
    stdio = [(s.encoding, s.errors) for s in (sys.stdin, sys.stdout, sys.stderr)]
    sock = _socket.socket(fileno=control)
    sock.send(b"ready")
    fd_space = _socket.CMSG_LEN(5 * 4)
    # A forked run pays a copy-on-write fault (~2.5 us) for every page it writes. What every run would write
    # first is written here once instead: the zygote's own modules leave sys.modules now (this function keeps
    # them), and the standard streams' first start fills the interpreter's caches.
    _kept_modules = {name: sys.modules.pop(name) for name in list(sys.modules) if name not in fresh_modules}
    _warm_start(stdio)
    gc.collect()
    gc.freeze()  # runs neither scan nor copy the zygote's own objects
    while True:
        msg, ancillary, _, _ = sock.recvmsg(1 << 16, fd_space)
        fds = [
            int.from_bytes(data[i : i + 4], sys.byteorder, signed=True)
            for level, kind, data in ancillary
            if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS
            for i in range(0, len(data) - len(data) % 4, 4)
        ]
        if not msg:  # the judge closed the socket: done
            posix._exit(0)
        if len(fds) != 5:
            for fd in fds:
                posix.close(fd)
            continue
        # the message: the helper's options, the program's arguments, and how many arguments there are
        *options, count = msg.split(b"\0")
        program_args = options[len(options) - int(count) :] if int(count) else []
        del options[len(options) - len(program_args) :]
        words = [
            b"zygote",
            b"-i",
            b"%d" % fds[0],
            b"-o",
            b"%d" % fds[1],
            b"-e",
            b"%d" % fds[2],
            b"-r",
            b"%d" % fds[3],
            b"-k",
            b"%d" % fds[4],
            *options,
            b"--",
            b"python3",
        ]
        argv = (char_p * (len(words) + 1))(*words, None)
        if spawn(len(words), argv) == 0:
            break
        for fd in fds:
            posix.close(fd)
        while True:  # reap the inits of finished runs
            try:
                if posix.waitpid(-1, posix.WNOHANG)[0] == 0:
                    break
            except ChildProcessError:
                break

    def system_exit_status(e: SystemExit) -> int:
        """As Python/pythonrun.c _Py_HandleSystemExit: None is 0, an int is itself, anything else printed, 1."""
        code = e.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 0xFF
        try:  # noqa: SIM105 (no contextlib: every import here costs the program time)
            sys.stderr.write(str(code) + "\n")
        except Exception:  # the interpreter ignores it too
            pass
        return 1

    def ignored(e: BaseException, obj: object) -> None:
        """PyErr_WriteUnraisable's message."""
        try:
            import traceback

            sys.stderr.write(f"Exception ignored in: {obj!r}\n")
            traceback.print_exception(e, file=sys.stderr)
        except BaseException:
            pass

    def finish(status: int, interrupted: bool) -> None:
        """The end of Py_RunMain as a program sees it (threads joined, atexit, open files flushed), then _exit():
        tearing the interpreter down in a forked process costs 2-4 ms of copy-on-write faults and none of it
        reaches the output. Objects still alive are not destroyed, so their __del__ does not run."""
        threading = sys.modules.get("threading")
        if threading is not None:
            try:
                threading._shutdown()
            except BaseException as e:
                ignored(e, threading._shutdown)
        atexit._run_exitfuncs()
        # Python/pylifecycle.c flush_std_files: a failing flush makes the exit status 120
        for i, stream in enumerate((sys.stdout, sys.stderr)):
            if stream is not None and not getattr(stream, "closed", False):
                try:
                    stream.flush()
                except BaseException as e:
                    if i == 0:
                        ignored(e, stream)
                    status = 120
        # What finalization would flush by closing them: the solution's own open files. Everything made before
        # the solution ran is frozen, so this sees the solution's objects only; the scan stays at C speed
        # (10**6 live objects: ~25 ms; tearing them down at a normal exit: ~90 ms).
        objects = gc.get_objects()
        kinds = {t for t in set(map(type, objects)) if issubclass(t, _io._IOBase)}
        files = (
            list(itertools.compress(objects, map(kinds.__contains__, map(type, objects)))) if kinds else []
        )
        del objects
        files.sort(key=lambda f: 0 if isinstance(f, _io._TextIOBase) else 1)  # text before its buffer
        for f in files:
            try:
                if not f.closed and f.writable():
                    f.flush()
            except BaseException:  # closing it at exit would not report either
                pass
        del files
        if interrupted:  # as the interpreter does after an uncaught KeyboardInterrupt: die of SIGINT
            import signal

            signal.signal(signal.SIGINT, signal.SIG_DFL)
            posix.kill(posix.getpid(), signal.SIGINT)
        posix._exit(status)

    # The program: limits set, uid dropped, fds 0-2 are the test's, every other fd closed. Undo the zygote.
    sock.detach()  # its fd is already closed (and may be reused by the program): never close it again
    if len(sys.modules) != len(fresh_modules):  # something imported since the zygote started
        for name in list(sys.modules):
            if name not in fresh_modules:
                del sys.modules[name]
    sys.path[:] = fresh_path
    sys.argv[:] = [src, *(a.decode("utf-8", "surrogateescape") for a in program_args)]
    sys.setrecursionlimit(1000)
    cwd = posix.getcwd().encode()  # the run's own directory, as HOME and TMPDIR of an exec'd run are
    for key in (b"HOME", b"TMPDIR"):
        posix.environ[key] = cwd  # a later `import os` builds os.environ from this dict
        posix.putenv(key, cwd)
    # Fresh standard streams, as the interpreter makes them at startup (Python/pylifecycle.c create_stdio)
    streams = []
    for fd, (encoding, errors) in enumerate(stdio):
        buffer = open(fd, "wb" if fd else "rb", -1, closefd=False)  # noqa: SIM115 (lives as sys.std*)
        buffer.raw.name = ("<stdin>", "<stdout>", "<stderr>")[fd]  # type: ignore[attr-defined]
        streams.append(io.TextIOWrapper(buffer, encoding, errors, "\n", line_buffering=fd == 2))
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams  # type: ignore[misc]
    main = vars(sys.modules["__main__"])
    main.clear()
    main.update(fresh_main, __file__=src)
    gc.freeze()  # the fresh start's objects too: finish() looks for the solution's own files only
    if code is None or error is not None:
        assert error is not None
        # printed as a fresh `python3 main.py` prints it (no traceback: the file never ran), exit status 1
        sys.excepthook(type(error), error, None)
        finish(1, False)
    assert code is not None
    try:
        exec(code, main)
    except SystemExit as e:
        finish(system_exit_status(e), False)
    except BaseException as e:
        # the traceback starts at the solution's own frame, as with `python3 main.py`
        tb = e.__traceback__.tb_next if e.__traceback__ is not None else None
        sys.excepthook(type(e), e.with_traceback(tb), tb)
        finish(1, isinstance(e, KeyboardInterrupt))
    finish(0, False)


if __name__ == "__main__":  # run with -c; importing this file does nothing
    _zygote()
