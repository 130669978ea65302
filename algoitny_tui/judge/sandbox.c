/*
 * algoitny sandbox helper: runs ONE program with limits, then makes sure every process it started is gone.
 *
 * Compiled once by the judge (sandbox.py) into the compile cache and exec'd once per run, so the whole setup
 * (namespaces, mounts, rlimits, uid drop) costs one exec + two forks instead of a chain of unshare/setpriv tools.
 *
 *   algoitny-sandbox [options] -- PROGRAM ARGS...
 *     -d DIR      working directory (bind-mounted read-write; everything else is remounted read-only)
 *     -b PATH     make PATH visible read-only at the same place (needed when it lies under a hidden dir)
 *     -H DIR      hide DIR behind an empty read-only tmpfs (e.g. /root, which also holds toolchains: those are
 *                 exposed again with -b)
 *     -t MS       CPU time limit (ms); the run is killed when its CPU time passes it
 *     -w MS       wall-clock limit (ms)
 *     -m KB       RLIMIT_AS (0: none)
 *     -s KB       RLIMIT_STACK (0: leave)
 *     -p N        RLIMIT_NPROC (0: leave)
 *     -f KB       RLIMIT_FSIZE (0: leave)
 *     -u UID -g GID   user to run as (only when started as root)
 *     -r FD       where to write the result line
 *     -N          keep the network (default: a fresh, empty network namespace)
 *     -n FD       join this (empty) network namespace (an open fd of it) instead of creating one: creating one costs ~0.5-1 ms per
 *                 run, and its loopback is down, so runs sharing it still cannot talk to anything (root only)
 *     -Z          zygote mode (root only): set up the network and mount namespaces and the mounts as above (-d is then the
 *                 directory holding every run's directory), apply -s, and exec PROGRAM in place as root, without an
 *                 init or a uid change. PROGRAM is a warm interpreter that calls algoitny_spawn() once per run.
 *
 * Built a second time with -DALGOITNY_LIB -shared, this file is the library a zygote loads:
 *   int algoitny_spawn(int argc, char **argv)   same options as above (not -Z), plus
 *     -i FD -o FD -e FD   the run's stdin, stdout, stderr      -k FD   kill pipe: readable or closed = kill the run
 *   enters new mount, PID, IPC and UTS namespaces (keeping the zygote's network namespace and read-only mounts),
 *   forks init there and returns to the zygote's own namespaces. Init forks the program as above but, instead of
 *   an exec, returns 0 in it (limits set, uid dropped, every fd but 0-2 closed), so the warm interpreter runs the
 *   solution itself. Init kills the run when the kill pipe becomes readable or closes (no result line then), and
 *   reaps its whole namespace before exiting, so EOF on the result pipe means the run is gone. Returns init's
 *   pid (or -1) in the zygote; init never returns.
 *
 * Process tree: helper (waits) -> init (pid 1 of a new PID namespace; reaps, enforces limits) -> program.
 * When init exits the kernel kills everything left in the namespace, daemons included. The helper and init die
 * with their parent (PR_SET_PDEATHSIG), so killing the helper tears the whole run down.
 *
 * Result line: "<mode> <wait status> <cpu us> <maxrss kb> <wall us> <reason>\n"
 *   mode: ns (namespaces) | userns (unprivileged user namespace) | plain (no namespaces available)
 *   reason: none | cpu | wall | exec:<errno> | setup:<what>
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_BINDS 16

static const char *workdir = NULL;
static char *bind_path[MAX_BINDS], *hide_dir[MAX_BINDS];
static int nbinds = 0, nhides = 0;
static long cpu_ms = 0, wall_ms = 0, as_kb = 0, stack_kb = 0, nproc = 0, fsize_kb = 0;
static long run_uid = -1, run_gid = -1;
static int result_fd = -1, keep_net = 0;
static int netns_fd = -1;
static int zygote_mode = 0, kill_fd = -1, stdio_fd[3] = {-1, -1, -1};
static const char *mode = "ns";

static long long now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void write_result(int status, long long cpu, long maxrss, long long wall, const char *reason) {
    char buf[256];
    int n = snprintf(buf, sizeof buf, "%s %d %lld %ld %lld %s\n", mode, status, cpu, maxrss, wall, reason);
    if (result_fd >= 0 && n > 0) {
        ssize_t w = write(result_fd, buf, (size_t)n);
        (void)w;
    }
}

static void die_setup(const char *what) {
    char reason[128];
    snprintf(reason, sizeof reason, "setup:%s:%d", what, errno);
    write_result(0, 0, 0, 0, reason);
    _exit(120);
}

__attribute__((unused)) static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Flags a read-only remount must keep: in a user namespace the kernel refuses to drop locked ones. */
static unsigned long keep_flags(const char *opts) {
    unsigned long f = 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", opts);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (!strcmp(tok, "nosuid")) f |= MS_NOSUID;
        else if (!strcmp(tok, "nodev")) f |= MS_NODEV;
        else if (!strcmp(tok, "noexec")) f |= MS_NOEXEC;
        else if (!strcmp(tok, "noatime")) f |= MS_NOATIME;
        else if (!strcmp(tok, "nodiratime")) f |= MS_NODIRATIME;
        else if (!strcmp(tok, "relatime")) f |= MS_RELATIME;
    }
    return f;
}

static int is_rw_target(const char *mp) {
    if (workdir && !strcmp(mp, workdir)) return 1;
    return 0;
}

/* Remount every mount read-only except the working directory. Best effort per mount: a failure on an odd
 * mount (e.g. a locked one) must not stop the run, the uid drop still guards it. */
static void make_readonly(void) {
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (!f) return;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        char mp[2048], opts[512];
        /* id parent major:minor root mountpoint options ... */
        if (sscanf(line, "%*d %*d %*s %*s %2047s %511s", mp, opts) != 2) continue;
        if (is_rw_target(mp)) continue;
        int bound = 0;
        (void)bound;
        if (!strncmp(opts, "ro", 2) && (opts[2] == ',' || opts[2] == 0)) continue;
        /* octal escapes (\040) in mount points: leave those mounts alone */
        if (strchr(mp, '\\')) continue;
        mount(NULL, mp, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | keep_flags(opts), NULL);
    }
    fclose(f);
}

static void mkdirs(const char *path) {
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            mkdir(buf, 0755);
            *p = '/';
        }
    }
    mkdir(buf, 0755);
}

/* Bind `path` (opened before the hides covered it) back at the same place. */
static void bind_back(int fd, const char *path) {
    char src[64];
    snprintf(src, sizeof src, "/proc/self/fd/%d", fd);
    struct stat st;
    if (stat(path, &st) < 0) mkdirs(path);
    if (mount(src, path, NULL, MS_BIND | MS_REC, NULL) < 0) die_setup("bind");
    close(fd);
}

static void setup_mounts(void) {
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) die_setup("private");
    int wfd = -1, bfd[MAX_BINDS];
    if (workdir && (wfd = open(workdir, O_PATH | O_CLOEXEC)) < 0) die_setup("open-workdir");
    for (int i = 0; i < nbinds; i++)
        if ((bfd[i] = open(bind_path[i], O_PATH | O_CLOEXEC)) < 0) die_setup("open-bind");
    for (int i = 0; i < nhides; i++)
        if (mount("tmpfs", hide_dir[i], "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755") < 0)
            die_setup("hide");
    for (int i = 0; i < nbinds; i++) bind_back(bfd[i], bind_path[i]);
    if (wfd >= 0) bind_back(wfd, workdir);
    make_readonly();
}

static void set_limit(int res, long long value) {
    struct rlimit rl = {(rlim_t)value, (rlim_t)value};
    setrlimit(res, &rl);
}

/* Everything a program gets before it starts: limits, session, directory, uid. -1 (errno set) on failure. */
static int prepare_program(void) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setsid();
    if (workdir && chdir(workdir) < 0) return -1;
    if (cpu_ms > 0) {
        /* backstop only: init measures CPU precisely and kills at the limit */
        struct rlimit rl = {(rlim_t)(cpu_ms / 1000 + 2), (rlim_t)(cpu_ms / 1000 + 3)};
        setrlimit(RLIMIT_CPU, &rl);
    }
    if (as_kb > 0) set_limit(RLIMIT_AS, (long long)as_kb * 1024);
    if (stack_kb > 0) set_limit(RLIMIT_STACK, (long long)stack_kb * 1024);
    if (fsize_kb > 0) set_limit(RLIMIT_FSIZE, (long long)fsize_kb * 1024);
    set_limit(RLIMIT_CORE, 0);
    if (run_uid >= 0 && geteuid() == 0 && strcmp(mode, "userns") != 0) {
        if (setgroups(0, NULL) < 0) return -1;
        if (setgid((gid_t)run_gid) < 0) return -1;
        if (setuid((uid_t)run_uid) < 0) return -1;
    }
    /* after the uid change: NPROC is checked against the new uid, and setuid clears the death signal */
    if (nproc > 0) set_limit(RLIMIT_NPROC, nproc);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    return 0;
}

static void run_program(char **argv, int errpipe) {
    signal(SIGPIPE, SIG_DFL);
    if (prepare_program() == 0) execvp(argv[0], argv);
    int e = errno;
    ssize_t w = write(errpipe, &e, sizeof e);
    (void)w;
    _exit(127);
}

/* pid 1 of a PID namespace may kill(-1): that is exactly its namespace. Without one, only the group. */
static void kill_all(pid_t pid) {
    if (strcmp(mode, "plain") != 0 && getpid() == 1) kill(-1, SIGKILL);
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

/* Close every fd from 3 up except `a` and `b` (-1: none). In library mode nothing is exec'd, so O_CLOEXEC
 * does not protect the zygote's control socket or the result pipe from the program: they must be closed. */
static void close_all_but(int a, int b) {
    if (a > b) { int t = a; a = b; b = t; }
    int keep[2] = {a, b};
    unsigned lo = 3;
    for (int i = 0; i < 2; i++) {
        if (keep[i] < (int)lo) continue;
        if (keep[i] > (int)lo && syscall(SYS_close_range, lo, (unsigned)keep[i] - 1, 0) < 0)
            for (int fd = (int)lo; fd < keep[i]; fd++) close(fd);
        lo = (unsigned)keep[i] + 1;
    }
    if (syscall(SYS_close_range, lo, ~0U, 0) < 0)
        for (int fd = (int)lo; fd < 65536; fd++) close(fd);
}

/* pid 1 of the namespace: start the program, reap everything, enforce CPU and wall limits. In library mode
 * (lib) the program's process returns 0 from here, set up to run; init itself never returns. */
static int init_main(char **argv, long long start, int lib) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (strcmp(mode, "plain") != 0) {
        /* a /proc of this PID namespace only; failure is harmless */
        if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL) < 0) {
        }
    }
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int chld_fd = kill_fd >= 0 ? signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK) : -1;
    if (kill_fd >= 0 && chld_fd < 0) die_setup("signalfd");

    int ep[2];
    if (pipe2(ep, O_CLOEXEC) < 0) die_setup("pipe");
    pid_t pid = fork();
    if (pid < 0) die_setup("fork");
    if (pid == 0) {
        close(ep[0]);
        if (chld_fd >= 0) close(chld_fd);
        if (!lib) run_program(argv, ep[1]);
        if (prepare_program() < 0) {
            int e = errno;
            ssize_t w = write(ep[1], &e, sizeof e);
            (void)w;
            _exit(127);
        }
        close_all_but(-1, -1); /* the error pipe, the result pipe */
        return 0;
    }
    close(ep[1]);
    int err = 0;
    ssize_t got = read(ep[0], &err, sizeof err);
    close(ep[0]);

    clockid_t cpu_clock;
    int have_clock = clock_getcpuclockid(pid, &cpu_clock) == 0;
    const char *reason = "none";
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    int done = 0, killed = 0;
    while (!done) {
        long long elapsed = now_us() - start;
        long long left_us = wall_ms > 0 ? wall_ms * 1000LL - elapsed : 1000000;
        if (wall_ms > 0 && left_us <= 0 && !killed) {
            reason = "wall";
            kill_all(pid);
            killed = 1;
        }
        if (cpu_ms > 0 && have_clock && !killed) {
            struct timespec ts;
            if (clock_gettime(cpu_clock, &ts) == 0 &&
                (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 > cpu_ms) {
                reason = "cpu";
                kill_all(pid);
                killed = 1;
            }
        }
        /* short waits early so fast programs pay no latency, then 10 ms steps for the CPU check */
        long long step = killed ? 100000 : 10000;
        if (left_us > 0 && left_us < step) step = left_us;
        if (kill_fd >= 0) {
            /* library mode: the judge kills the run by closing (or writing to) the kill pipe */
            struct pollfd p[2] = {{chld_fd, POLLIN, 0}, {kill_fd, POLLIN, 0}};
            if (poll(p, 2, (int)((step + 999) / 1000)) > 0) {
                struct signalfd_siginfo si;
                if (p[0].revents) {
                    ssize_t r = read(chld_fd, &si, sizeof si);
                    (void)r;
                }
                if (p[1].revents) {
                    kill(-1, SIGKILL); /* no result line: the judge asked for it, it reports the run itself */
                    while (waitpid(-1, NULL, __WALL) > 0 || errno == EINTR) {
                    }
                    _exit(0);
                }
            }
        } else {
            struct timespec to = {step / 1000000, (step % 1000000) * 1000};
            sigtimedwait(&chld, NULL, &to);
        }
        for (;;) {
            int st;
            struct rusage r;
            pid_t w = wait4(-1, &st, WNOHANG | __WALL, &r);
            if (w <= 0) break;
            if (w == pid) {
                status = st;
                ru = r;
                done = 1;
            }
        }
    }
    long long wall = now_us() - start;
    if (lib) {
        /* Everything left in the namespace dies and is reaped before the result pipe closes (at exit): EOF on it
         * then means the run is entirely gone, and its uid may be leased again. */
        kill(-1, SIGKILL);
        while (waitpid(-1, NULL, __WALL) > 0 || errno == EINTR) {
        }
    }
    if (got == (ssize_t)sizeof err) {
        char rbuf[64];
        snprintf(rbuf, sizeof rbuf, "exec:%d", err);
        reason = rbuf;
        write_result(status, 0, 0, wall, reason);
    } else {
        long long cpu = (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec +
                        (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
        write_result(status, cpu, ru.ru_maxrss, wall, reason);
    }
    if (strcmp(mode, "plain") == 0) {
        /* no PID namespace: the process group is the best we can do */
        kill(-pid, SIGKILL);
    }
    _exit(0);
}

static int parse_options(int argc, char **argv) {
    int opt;
    while ((opt = getopt(argc, argv, "+d:b:H:t:w:m:s:p:f:u:g:r:Nn:Zk:i:o:e:")) != -1) {
        switch (opt) {
        case 'd': workdir = optarg; break;
        case 'b':
            if (nbinds >= MAX_BINDS) return 125;
            bind_path[nbinds++] = optarg;
            break;
        case 'H':
            if (nhides >= MAX_BINDS) return 125;
            hide_dir[nhides++] = optarg;
            break;
        case 't': cpu_ms = atol(optarg); break;
        case 'w': wall_ms = atol(optarg); break;
        case 'm': as_kb = atol(optarg); break;
        case 's': stack_kb = atol(optarg); break;
        case 'p': nproc = atol(optarg); break;
        case 'f': fsize_kb = atol(optarg); break;
        case 'u': run_uid = atol(optarg); break;
        case 'g': run_gid = atol(optarg); break;
        case 'r': result_fd = atoi(optarg); break;
        case 'N': keep_net = 1; break;
        case 'n': netns_fd = atoi(optarg); break;
        case 'Z': zygote_mode = 1; break;
        case 'k': kill_fd = atoi(optarg); break;
        case 'i': stdio_fd[0] = atoi(optarg); break;
        case 'o': stdio_fd[1] = atoi(optarg); break;
        case 'e': stdio_fd[2] = atoi(optarg); break;
        default: return 125;
        }
    }
    if (run_gid < 0) run_gid = run_uid;
    return optind >= argc ? 125 : 0;
}

/* -Z: one mount namespace (read-only but for -d) and the shared network namespace for a whole judge; each run
 * then only unshares what is cheap (see algoitny_spawn). */
__attribute__((unused)) static int zygote_main(char **argv) {
    if (geteuid() != 0) {
        errno = EPERM;
        die_setup("zygote-needs-root");
    }
    if (netns_fd >= 0 && !keep_net) {
        if (setns(netns_fd, CLONE_NEWNET) < 0) die_setup("setns");
    } else if (!keep_net && unshare(CLONE_NEWNET) < 0) {
        die_setup("netns");
    }
    if (unshare(CLONE_NEWNS) < 0) die_setup("unshare");
    setup_mounts();
    if (workdir && chdir(workdir) < 0) die_setup("chdir");
    /* the stack limit before the exec: the kernel places mmap_base below a gap of this size, so a forked run's
     * main thread can grow its stack to the limit (glibc also sizes default thread stacks from it) */
    if (stack_kb > 0) set_limit(RLIMIT_STACK, (long long)stack_kb * 1024);
    set_limit(RLIMIT_CORE, 0);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    execvp(argv[0], argv);
    char reason[64];
    snprintf(reason, sizeof reason, "exec:%d", errno);
    write_result(0, 0, 0, 0, reason);
    return 127;
}

#ifdef ALGOITNY_LIB
/* The zygote's own namespaces, to return to after each run's unshare. */
static const int ns_kinds[4] = {CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWPID};
static const char *ns_files[4] = {"/proc/self/ns/mnt", "/proc/self/ns/ipc", "/proc/self/ns/uts", "/proc/self/ns/pid"};
static int own_ns[4] = {-1, -1, -1, -1};

/* Called by the zygote (single-threaded, holding the GIL): see the top of this file. The zygote itself enters
 * the run's new namespaces, forks init there (pid 1 of the new PID namespace) and goes back to its own; no
 * helper process is needed in between. Returns init's pid (or -1) in the zygote, 0 in the program. */
int algoitny_spawn(int argc, char **argv) {
    for (int i = 0; i < 4; i++)
        if (own_ns[i] < 0 && (own_ns[i] = open(ns_files[i], O_RDONLY | O_CLOEXEC)) < 0) return -1;
    if (unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS) < 0) return -1;
    pid_t init = fork();
    if (init == 0) {
        long long start = now_us();
        optind = 0; /* glibc: a full getopt reset */
        if (parse_options(argc, argv) != 0) _exit(125);
        /* No getppid() check here: the zygote lies outside this PID namespace (getppid() is 0). Should it die
         * before this line, init still ends the run at its wall limit. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        for (int i = 0; i < 3; i++)
            if (stdio_fd[i] >= 0 && stdio_fd[i] != i && dup2(stdio_fd[i], i) < 0) die_setup("dup2");
        close_all_but(result_fd, kill_fd);
        return init_main(argv + optind, start, 1); /* 0, in the program only */
    }
    for (int i = 0; i < 4; i++) {
        if (setns(own_ns[i], ns_kinds[i]) < 0) {
            /* stuck in the run's namespaces: this zygote must not start another run (the judge falls back) */
            if (init > 0) kill(init, SIGKILL);
            _exit(125);
        }
    }
    return init;
}
#else
int main(int argc, char **argv) {
    long long start = now_us();
    int rc = parse_options(argc, argv);
    if (rc != 0) return rc;
    if (result_fd >= 0) fcntl(result_fd, F_SETFD, FD_CLOEXEC);
    if (netns_fd >= 0) fcntl(netns_fd, F_SETFD, FD_CLOEXEC); /* never reaches the program */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (zygote_mode) return zygote_main(argv + optind);

    int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | (keep_net ? 0 : CLONE_NEWNET);
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (uid == 0) {
        if (netns_fd >= 0 && !keep_net && setns(netns_fd, CLONE_NEWNET) == 0) flags &= ~CLONE_NEWNET;
        if (unshare(flags) < 0) mode = "plain";
    } else if (unshare(flags | CLONE_NEWUSER) == 0) {
        /* map ourselves to root inside, so we may mount; we have no privilege outside */
        char map[64];
        mode = "userns";
        write_file("/proc/self/setgroups", "deny");
        snprintf(map, sizeof map, "0 %u 1", uid);
        if (write_file("/proc/self/uid_map", map) < 0) die_setup("uid_map");
        snprintf(map, sizeof map, "0 %u 1", gid);
        if (write_file("/proc/self/gid_map", map) < 0) die_setup("gid_map");
    } else {
        mode = "plain";
    }
    if (strcmp(mode, "plain") != 0) setup_mounts();

    signal(SIGPIPE, SIG_IGN);
    pid_t init = fork();
    if (init < 0) die_setup("fork-init");
    if (init == 0) init_main(argv + optind, start, 0);
    int st;
    while (waitpid(init, &st, 0) < 0 && errno == EINTR) {
    }
    return 0;
}
#endif
