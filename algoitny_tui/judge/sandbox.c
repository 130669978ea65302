/*
 * algoitny sandbox helper: runs ONE untrusted program with limits, then makes sure every process it started is gone.
 *
 * Compiled once by the judge (sandbox.py) into the compile cache and exec'd once per run, so the whole setup costs
 * one exec + two forks instead of a chain of unshare/setpriv tools.
 *
 *   algoitny-sandbox [options] -- PROGRAM ARGS...
 *     -d DIR      the run's own directory: the only place it may write
 *     -R PATH     make PATH (a directory or a file) readable (and executable): system directories, toolchains,
 *                 artifacts. Nothing else of the file system is visible: not $HOME, not /tmp, not the judge's files.
 *     -t MS       CPU time limit (ms) of the whole run: every process it starts counts, orphans included
 *     -w MS       wall-clock limit (ms)
 *     -m KB       RLIMIT_AS (0: none)
 *     -s KB       RLIMIT_STACK (0: leave)
 *     -p N        processes (and threads) the run may have (0: leave)
 *     -f KB       RLIMIT_FSIZE (0: leave)
 *     -D KB       size of what the run may keep in its directory (0: no limit); more ends it with reason "disk"
 *     -u UID -g GID   user to run as (only when started as root)
 *     -r FD       where to write the result line
 *     -N          keep the network (default: none: an empty network namespace and socket() refused)
 *     -n FD       join this (empty) network namespace instead of creating one (root only; cheaper per run)
 *     -U          unsandboxed (the user opted in with judge_sandbox = "none"): limits only
 *     -B          batch mode: one sandbox, many cases (stress tests). After `--` come the programs of a case, each
 *                 NAME CPU_MS WALL_MS AS_KB STACK_KB NPROC FSIZE_KB DISK_KB OUTPUT_LIMIT SEED_AT ARGC ARG...; init
 *                 reads one seed per line on stdin and runs them in order, each a run of its own (see batch_main),
 *                 reporting each on the result pipe. The per-run limit options are then unused.
 *     -Z          zygote mode (root only): set up the network and mount namespaces and the file system view as above
 *                 (-d is then the directory holding every run's directory), apply -s, and exec PROGRAM in place as
 *                 root, without an init or a uid change. PROGRAM is a warm interpreter that calls algoitny_spawn().
 *
 * Built a second time with -DALGOITNY_LIB -shared, this file is the library a zygote loads:
 *   int algoitny_spawn(int argc, char **argv)   same options as above (not -Z), plus
 *     -i FD -o FD -e FD   the run's stdin, stdout, stderr      -k FD   kill pipe: readable or closed = kill the run
 *   enters new mount, PID, IPC and UTS namespaces (keeping the zygote's network namespace and file system view),
 *   forks init there and returns to the zygote's own namespaces. Init forks the program as above but, instead of
 *   an exec, returns 0 in it (locked down exactly as before an exec, every fd but 0-2 closed), so the warm
 *   interpreter runs the solution itself.
 *
 * Layers, each used where the kernel allows it (a run reports which ones held):
 *   namespaces  user (when not root), mount, PID, IPC, UTS, network. The file system is a new root (tmpfs) holding
 *               read-only binds of the -R paths and the read-write run directory, nothing else.
 *   landlock    the same file system view as rules (read/execute on -R paths, everything in the run directory),
 *               no TCP (ABI 4), no abstract unix sockets or signals outside the run (ABI 6). Needs no privilege:
 *               it is what keeps files safe where mounting is refused (Ubuntu 24.04+) or namespaces are.
 *   seccomp     mount, ptrace, namespaces, keyrings, bpf, perf, module and kexec calls, io_uring and socket()
 *               are refused; without a PID namespace, signals to processes other than itself too.
 *   always      no capabilities, no_new_privs, a non-zero uid, rlimits, init as a subreaper (or pid 1) that
 *               counts the CPU time of every descendant and kills them all at the end.
 * A run where neither mounts nor Landlock can protect the file system is refused (reason setup:unsafe:...),
 * never run unprotected, unless -U.
 *
 * Process tree: helper (waits) -> init (pid 1 of a new PID namespace, or a subreaper) -> program. The helper and
 * init die with their parent (PR_SET_PDEATHSIG); SIGTERM to the helper ends the run cleanly (init kills and reaps
 * every process of the run and reports).
 *
 * Result line: "<mode> <wait status> <cpu us> <maxrss kb> <wall us> <reason> <isolation>\n"
 *   mode: namespaces | landlock | none
 *   reason: none | cpu | wall | disk | killed | exec:<errno> | setup:<what>:<errno> | setup:unsafe:<missing>
 *   isolation: comma-separated layers that held (e.g. userns,pidns,netns,mountns,landlock-fs,seccomp,no-caps,...)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PATHS 64
#define MAX_SERVERS 4 /* = MAX_BATCH: the fork servers of a batch, alive beside each case (same uid) */
#define MAX_PIDS 4096
#define NEWROOT "/tmp"
#define STDERR_KEEP (64 * 1024)

static const char *workdir = NULL;
static char *ro_path[MAX_PATHS];
static int nro = 0;
static long cpu_ms = 0, wall_ms = 0, as_kb = 0, stack_kb = 0, nproc = 0, fsize_kb = 0, disk_kb = 0;
static long run_uid = -1, run_gid = -1;
static int result_fd = -1, keep_net = 0, unsafe_ok = 0;
static int netns_fd = -1;
static int batch_mode = 0, zygote_mode = 0, kill_fd = -1, stdio_fd[3] = {-1, -1, -1};

/* What this run got; reported on the result line. */
static const char *mode = "namespaces";

/* The devices every run may read and write (in the new root, and as Landlock rules). */
static const char *devices[] = {"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"};
#define NDEVICES (sizeof devices / sizeof devices[0])
static int have_userns = 0, have_pidns = 0, have_netns = 0, have_mounts = 0, have_uid = 0;
static int landlock_abi = 0, have_seccomp = 0;
static int init_locked = 0; /* batch mode: init holds the bounding set and seccomp filter its programs inherit */
static int starting_server = 0; /* batch mode: the program being set up is a fork server (see start_server) */

/* ------------------------------------------------------------------------------------------------ result */

static long long now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void isolation_list(char *buf, size_t size) {
    buf[0] = 0;
    struct { int on; const char *name; } layers[] = {
        {have_userns, "userns"}, {have_pidns, "pidns"}, {have_netns, "netns"}, {have_mounts, "mountns"},
        {have_uid, "uid"}, {landlock_abi > 0, "landlock-fs"}, {landlock_abi >= 4, "landlock-tcp"},
        {landlock_abi >= 6, "landlock-scope"}, {have_seccomp, "seccomp"},
        {!unsafe_ok, "no-caps"}, {!unsafe_ok, "no-new-privs"}, {!unsafe_ok && !keep_net, "no-network"},
        {1, "rlimits"}, {1, "reaper"},
    };
    for (size_t i = 0; i < sizeof layers / sizeof layers[0]; i++) {
        if (!layers[i].on) continue;
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, "%s%s", n ? "," : "", layers[i].name);
    }
    if (!buf[0]) snprintf(buf, size, "-");
}

/* The result line into `buf`; its length. */
static int format_result(char *buf, size_t size, int status, long long cpu, long maxrss, long long wall,
                         const char *reason) {
    char iso[256];
    isolation_list(iso, sizeof iso);
    int n = snprintf(buf, size, "%s %d %lld %ld %lld %s %s\n", mode, status, cpu, maxrss, wall, reason, iso);
    return n < 0 ? 0 : n >= (int)size ? (int)size - 1 : n;
}

static void write_result(int status, long long cpu, long maxrss, long long wall, const char *reason) {
    char buf[512];
    int n = format_result(buf, sizeof buf, status, cpu, maxrss, wall, reason);
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

static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void set_limit(int res, long long value) {
    struct rlimit rl = {(rlim_t)value, (rlim_t)value};
    setrlimit(res, &rl);
}

/* The start of a small file (a /proc entry) as a string; its length, or -1. */
static ssize_t read_small(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    return n;
}

/* ------------------------------------------------------------------------------------ file system: mounts */

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

/* Remount every mount of the (new) root read-only except the run directory. */
static void make_readonly(void) {
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (!f) return;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        char mp[2048], opts[512];
        if (sscanf(line, "%*d %*d %*s %*s %2047s %511s", mp, opts) != 2) continue;
        if (workdir && !strcmp(mp, workdir)) continue;
        if (!strncmp(opts, "ro", 2) && (opts[2] == ',' || opts[2] == 0)) continue;
        if (strchr(mp, '\\')) continue; /* octal escapes: not one of ours */
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

/* Make the directories above `path`. */
static void mkdirs_above(const char *path) {
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", path);
    char *slash = strrchr(parent, '/');
    if (!slash || slash == parent) return;
    *slash = 0;
    mkdirs(parent);
}

/* Bind what `fd` (opened before the new root covered it) points at to `path` inside the new root. */
static void bind_into_root(int fd, const char *path, int is_dir, int writable) {
    char src[64], dst[4096];
    snprintf(src, sizeof src, "/proc/self/fd/%d", fd);
    snprintf(dst, sizeof dst, NEWROOT "%s", path);
    if (is_dir) {
        mkdirs(dst);
    } else {
        mkdirs_above(dst);
        int f = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (f >= 0) close(f);
    }
    if (mount(src, dst, NULL, MS_BIND | (writable ? 0 : MS_REC), NULL) < 0) die_setup("bind");
}

static int covered(int upto, const char *p) {
    for (int i = 0; i < upto; i++) {
        size_t n = strlen(ro_path[i]);
        if (!strncmp(ro_path[i], p, n) && (p[n] == '/' || p[n] == 0)) return 1;
    }
    return 0;
}

/* The new root: an empty tmpfs with the -R paths (read-only), the run directory (read-write), a few devices and
 * /proc. 0: done; -1: mounting is refused here (the caller falls back to Landlock); setup errors end the run. */
static int setup_newroot(void) {
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) return -1;
    int ro_fd[MAX_PATHS], ro_dir[MAX_PATHS], wfd = -1;
    struct stat st;
    for (int i = 0; i < nro; i++) {
        ro_fd[i] = -1;
        ro_dir[i] = 0;
        if (covered(i, ro_path[i]) || lstat(ro_path[i], &st) < 0) continue;
        if (S_ISLNK(st.st_mode)) {
            ro_dir[i] = -1; /* recreated as the same link (merged /usr: /bin -> usr/bin) */
            continue;
        }
        if ((ro_fd[i] = open(ro_path[i], O_PATH | O_CLOEXEC)) < 0) continue;
        ro_dir[i] = S_ISDIR(st.st_mode);
    }
    if (workdir && (wfd = open(workdir, O_PATH | O_CLOEXEC)) < 0) die_setup("open-workdir");
    int dev_fd[NDEVICES];
    for (size_t i = 0; i < NDEVICES; i++) dev_fd[i] = open(devices[i], O_PATH | O_CLOEXEC);

    if (mount("tmpfs", NEWROOT, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755") < 0) die_setup("newroot");
    for (int i = 0; i < nro; i++) {
        if (ro_dir[i] == -1) {
            char target[4096], dst[4096];
            ssize_t n = readlink(ro_path[i], target, sizeof target - 1);
            if (n <= 0) continue;
            target[n] = 0;
            snprintf(dst, sizeof dst, NEWROOT "%s", ro_path[i]);
            mkdirs_above(dst);
            if (symlink(target, dst) < 0 && errno != EEXIST) die_setup("symlink");
        } else if (ro_fd[i] >= 0) {
            bind_into_root(ro_fd[i], ro_path[i], ro_dir[i], 0);
            close(ro_fd[i]);
        }
    }
    for (size_t i = 0; i < NDEVICES; i++) {
        if (dev_fd[i] < 0) continue;
        bind_into_root(dev_fd[i], devices[i], 0, 1);
        close(dev_fd[i]);
    }
    const char *links[][2] = {{"/proc/self/fd", "/dev/fd"}, {"/proc/self/fd/0", "/dev/stdin"},
                              {"/proc/self/fd/1", "/dev/stdout"}, {"/proc/self/fd/2", "/dev/stderr"}};
    for (int i = 0; i < 4; i++) {
        char dst[256];
        snprintf(dst, sizeof dst, NEWROOT "%s", links[i][1]);
        if (symlink(links[i][0], dst) < 0 && errno != EEXIST) die_setup("symlink");
    }
    if (wfd >= 0) {
        bind_into_root(wfd, workdir, 1, 1);
        close(wfd);
    }
    mkdir(NEWROOT "/proc", 0555);
    /* proc while the old root (and its /proc) is still attached: a user namespace may mount a proc only where
     * one is fully visible already. Init mounts it from inside the run's PID namespace; the zygote needs one for
     * /proc/self/ns (its runs' inits mount their own over it). */
    if (mount("proc", NEWROOT "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) die_setup("proc");
    if (chdir(NEWROOT) < 0) die_setup("chdir-root");
    if (syscall(SYS_pivot_root, ".", ".") < 0) die_setup("pivot_root");
    if (umount2(".", MNT_DETACH) < 0) die_setup("umount-old");
    if (chdir("/") < 0) die_setup("chdir");
    make_readonly();
    have_mounts = 1;
    return 0;
}

/* ---------------------------------------------------------------------------------- file system: Landlock */

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif
struct ll_ruleset_attr {
    uint64_t handled_access_fs, handled_access_net, scoped;
};
struct ll_path_beneath {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));
#define LL_VERSION (1U << 0)
#define LL_RULE_PATH_BENEATH 1
#define LL_EXECUTE (1ULL << 0)
#define LL_WRITE_FILE (1ULL << 1)
#define LL_READ_FILE (1ULL << 2)
#define LL_READ_DIR (1ULL << 3)
#define LL_REFER (1ULL << 13)
#define LL_TRUNCATE (1ULL << 14)
#define LL_IOCTL_DEV (1ULL << 15)
#define LL_FILE_RIGHTS (LL_EXECUTE | LL_WRITE_FILE | LL_READ_FILE | LL_TRUNCATE | LL_IOCTL_DEV)
#define LL_NET_TCP 3ULL           /* bind and connect */
#define LL_SCOPE_ALL 3ULL         /* abstract unix sockets, signals */

static int landlock_version(void) {
    long abi = syscall(__NR_landlock_create_ruleset, NULL, 0, LL_VERSION);
    return abi > 0 ? (int)abi : 0;
}

static uint64_t landlock_fs_rights(int abi) {
    uint64_t all = (1ULL << 13) - 1;
    if (abi >= 2) all |= LL_REFER;
    if (abi >= 3) all |= LL_TRUNCATE;
    if (abi >= 5) all |= LL_IOCTL_DEV;
    return all;
}

static void landlock_allow(int ruleset, const char *path, uint64_t rights, uint64_t handled) {
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) rights &= LL_FILE_RIGHTS;
    struct ll_path_beneath rule = {rights & handled, fd};
    syscall(__NR_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH, &rule, 0);
    close(fd);
}

/* The file system view of setup_newroot() as Landlock rules, plus no TCP and scoped sockets and signals. */
static int landlock_ruleset = -1; /* batch mode: the rules made once by init; each program restricts itself by them */

/* The rules as a ruleset fd (close-on-exec), or -1. */
static int landlock_rules(void) {
    if (landlock_abi <= 0) return -1;
    uint64_t fs = landlock_fs_rights(landlock_abi);
    struct ll_ruleset_attr attr = {fs, landlock_abi >= 4 && !keep_net ? LL_NET_TCP : 0,
                                   landlock_abi >= 6 ? LL_SCOPE_ALL : 0};
    size_t size = landlock_abi >= 6 ? sizeof attr : landlock_abi >= 4 ? 16 : 8;
    int rs = (int)syscall(__NR_landlock_create_ruleset, &attr, size, 0);
    if (rs < 0) return -1;
    uint64_t read = LL_EXECUTE | LL_READ_FILE | LL_READ_DIR;
    for (int i = 0; i < nro; i++) landlock_allow(rs, ro_path[i], read, fs);
    for (size_t i = 0; i < NDEVICES; i++) landlock_allow(rs, devices[i], LL_READ_FILE | LL_WRITE_FILE | LL_IOCTL_DEV, fs);
    landlock_allow(rs, "/proc", LL_READ_FILE | LL_READ_DIR, fs);
    if (workdir) landlock_allow(rs, workdir, fs, fs);
    return rs;
}

static int apply_landlock(void) {
    int rs = landlock_ruleset >= 0 ? landlock_ruleset : landlock_rules();
    if (rs < 0) return -1;
    int rc = (int)syscall(__NR_landlock_restrict_self, rs, 0);
    close(rs); /* this process's copy */
    return rc;
}

/* ------------------------------------------------------------------------------------------------ seccomp */

#if defined(__x86_64__)
#define SECCOMP_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SECCOMP_ARCH AUDIT_ARCH_AARCH64
#endif

#define CLONE_NS_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | \
                        CLONE_NEWCGROUP)
#define ARG0_LO offsetof(struct seccomp_data, args[0])
#define RET_ERRNO(e) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))
#define RET_ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))

/* Calls no contest program needs and a hostile one would use to reach outside: refused with EPERM. */
static const int refused_calls[] = {
    SYS_mount, SYS_umount2, SYS_pivot_root, SYS_chroot, SYS_ptrace, SYS_process_vm_readv, SYS_process_vm_writev,
    SYS_unshare, SYS_setns, SYS_keyctl, SYS_add_key, SYS_request_key, SYS_bpf, SYS_perf_event_open,
    SYS_kexec_load, SYS_init_module, SYS_finit_module, SYS_delete_module, SYS_acct, SYS_swapon, SYS_swapoff,
    SYS_reboot, SYS_syslog, SYS_quotactl, SYS_open_by_handle_at, SYS_name_to_handle_at, SYS_fanotify_init,
    SYS_userfaultfd, SYS_io_uring_setup, SYS_io_uring_enter, SYS_io_uring_register, SYS_pidfd_getfd,
    SYS_pidfd_send_signal, SYS_rt_sigqueueinfo, SYS_rt_tgsigqueueinfo, SYS_sethostname, SYS_setdomainname,
    SYS_settimeofday, SYS_clock_settime, SYS_clock_adjtime, SYS_vhangup,
#ifdef SYS_kexec_file_load
    SYS_kexec_file_load,
#endif
#ifdef SYS_open_tree
    SYS_open_tree, SYS_move_mount, SYS_fsopen, SYS_fsconfig, SYS_fsmount, SYS_fspick,
#endif
#ifdef SYS_mount_setattr
    SYS_mount_setattr,
#endif
#ifdef SYS_iopl
    SYS_iopl, SYS_ioperm,
#endif
#ifdef SYS_uselib
    SYS_uselib,
#endif
};

#ifdef SECCOMP_ARCH
/* The filter: `self` is the program's pid, the only process it may signal when `own_signals_only`. */
static int apply_seccomp(int own_signals_only, int refuse_sockets) {
    struct sock_filter f[256];
    unsigned n = 0;
    uint32_t self = (uint32_t)getpid(), neg_self = (uint32_t)(-getpid());
    f[n++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, arch));
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_ARCH, 1, 0);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    f[n++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1); /* x32 calls */
    f[n++] = (struct sock_filter)RET_ERRNO(ENOSYS);
#endif
    for (size_t i = 0; i < sizeof refused_calls / sizeof refused_calls[0]; i++) {
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)refused_calls[i], 0, 1);
        f[n++] = (struct sock_filter)RET_ERRNO(EPERM);
    }
    if (refuse_sockets) {
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 0, 1);
        f[n++] = (struct sock_filter)RET_ERRNO(EACCES);
    }
    /* clone3 keeps its flags in memory a filter cannot read: ENOSYS makes libc fall back to clone */
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1);
    f[n++] = (struct sock_filter)RET_ERRNO(ENOSYS);
    /* clone: threads and processes, but no new namespaces */
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 4);
    f[n++] = (struct sock_filter)LOAD(ARG0_LO);
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_NS_FLAGS, 0, 1);
    f[n++] = (struct sock_filter)RET_ERRNO(EPERM);
    f[n++] = (struct sock_filter)RET_ALLOW;
    if (own_signals_only) {
        /* kill(pid): itself, its own group (it leads its session), or 0 */
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_kill, 0, 6);
        f[n++] = (struct sock_filter)LOAD(ARG0_LO);
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, self, 3, 0);
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, neg_self, 2, 0);
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0);
        f[n++] = (struct sock_filter)RET_ERRNO(EPERM);
        f[n++] = (struct sock_filter)RET_ALLOW;
        /* tgkill(tgid, ...), tkill(tid, ...): its own threads */
        for (int k = 0; k < 2; k++) {
            f[n++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, nr));
            f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, k ? SYS_tkill : SYS_tgkill, 0, 4);
            f[n++] = (struct sock_filter)LOAD(ARG0_LO);
            f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, self, 1, 0);
            f[n++] = (struct sock_filter)RET_ERRNO(EPERM);
            f[n++] = (struct sock_filter)RET_ALLOW;
        }
    }
    f[n++] = (struct sock_filter)RET_ALLOW;
    struct sock_fprog prog = {(unsigned short)n, f};
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}
#else
static int apply_seccomp(int own_signals_only, int refuse_sockets) {
    (void)own_signals_only;
    (void)refuse_sockets;
    errno = ENOSYS;
    return -1;
}
#endif

/* ---------------------------------------------------------------------------------------------- the program */

static int drop_capabilities(void) {
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    return (int)syscall(SYS_capset, &hdr, data);
}

/* Count the tasks (threads) `uid` already runs: without a user namespace RLIMIT_NPROC counts all of them. */
static long user_tasks(uid_t uid) {
    DIR *d = opendir("/proc");
    if (!d) return 0;
    long total = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
        char path[64], buf[512];
        struct stat st;
        snprintf(path, sizeof path, "/proc/%s", e->d_name);
        if (stat(path, &st) < 0 || st.st_uid != uid) continue;
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        if (read_small(path, buf, sizeof buf) < 0) continue;
        char *p = strrchr(buf, ')');
        long threads = 1;
        if (p) sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %ld", &threads);
        total += threads;
    }
    closedir(d);
    return total;
}

/* Everything a program gets before it starts: limits, session, directory, uid, then the lock-down (caps,
 * no_new_privs, Landlock, seccomp). -1 (errno set) on failure. */
static int prepare_program(void) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setsid();
    if (workdir && chdir(workdir) < 0) return -1;
    if (cpu_ms > 0 && !starting_server) { /* a fork server's case children take theirs per case */
        /* backstop only: init measures CPU precisely and kills at the limit */
        struct rlimit rl = {(rlim_t)(cpu_ms / 1000 + 2), (rlim_t)(cpu_ms / 1000 + 3)};
        setrlimit(RLIMIT_CPU, &rl);
    }
    if (as_kb > 0) set_limit(RLIMIT_AS, (long long)as_kb * 1024);
    if (stack_kb > 0) set_limit(RLIMIT_STACK, (long long)stack_kb * 1024);
    if (fsize_kb > 0) set_limit(RLIMIT_FSIZE, (long long)fsize_kb * 1024);
    set_limit(RLIMIT_CORE, 0);
    long base_tasks = 0;
    if (!unsafe_ok && !init_locked) /* while CAP_SETPCAP is still held (root, or the user namespace's creator) */
        for (int cap = 0; cap <= 63; cap++) prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
    if (run_uid >= 0 && geteuid() == 0 && !have_userns) {
        if (setgroups(0, NULL) < 0) return -1;
        if (setgid((gid_t)run_gid) < 0) return -1;
        if (setuid((uid_t)run_uid) < 0) return -1;
    } else if (!have_userns && nproc > 0) {
        base_tasks = user_tasks(geteuid()); /* the user's own processes count against the limit */
    }
    /* after the uid change: NPROC is checked against the new uid, and setuid clears the death signal */
    if (nproc > 0) set_limit(RLIMIT_NPROC, nproc + base_tasks + (starting_server ? MAX_SERVERS : 0));
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (unsafe_ok) return 0;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) return -1;
    if (drop_capabilities() < 0) return -1;
    if (landlock_abi > 0 && apply_landlock() < 0) return -1;
    if (have_seccomp && !init_locked && apply_seccomp(!have_pidns && landlock_abi < 6, !keep_net) < 0) return -1;
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

/* Close every fd from 3 up except the `n` in `keep` (-1: none; sorted here), with close_range (one call, not one
 * per possible fd). */
static void close_all_but_these(int *keep, int n) {
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && keep[j - 1] > keep[j]; j--) {
            int t = keep[j];
            keep[j] = keep[j - 1];
            keep[j - 1] = t;
        }
    unsigned lo = 3;
    for (int i = 0; i < n; i++) {
        if (keep[i] < (int)lo) continue;
        if (keep[i] > (int)lo && syscall(SYS_close_range, lo, (unsigned)keep[i] - 1, 0) < 0)
            for (int fd = (int)lo; fd < keep[i]; fd++) close(fd);
        lo = (unsigned)keep[i] + 1;
    }
    if (syscall(SYS_close_range, lo, ~0U, 0) < 0)
        for (int fd = (int)lo; fd < 65536; fd++) close(fd);
}

static void close_all_but(int a, int b) {
    int keep[2] = {a, b};
    close_all_but_these(keep, 2);
}

/* ---------------------------------------------------------------------------------- init: every descendant */

static long clock_ticks = 100;

/* Direct children of `pid` (all its threads'), appended to `out`. 0 if /proc cannot tell. */
static int children_of(const char *pid, pid_t *out, int *count) {
    char path[96];
    snprintf(path, sizeof path, "/proc/%s/task", pid);
    DIR *d = opendir(path);
    if (!d) return 0;
    struct dirent *e;
    int ok = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
        char cpath[160], buf[4096];
        snprintf(cpath, sizeof cpath, "/proc/%s/task/%s/children", pid, e->d_name);
        int fd = open(cpath, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        ok = 1;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0) continue;
        buf[n] = 0;
        for (char *save = NULL, *tok = strtok_r(buf, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
            if (*count < MAX_PIDS) out[(*count)++] = (pid_t)atol(tok);
    }
    closedir(d);
    return ok;
}

/* Every live descendant of this init (as /proc numbers them); -1 when /proc cannot list children. */
static int descendants(pid_t *out) {
    int count = 0;
    if (!children_of("self", out, &count)) return -1;
    for (int i = 0; i < count; i++) {
        char p[32];
        snprintf(p, sizeof p, "%d", out[i]);
        children_of(p, out, &count);
    }
    return count;
}

/* CPU time (us) of a live process and of the children it has reaped. */
static long long process_cpu_us(pid_t pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_small(path, buf, sizeof buf) < 0) return 0;
    char *p = strrchr(buf, ')');
    unsigned long long ut = 0, st = 0;
    long long cut = 0, cst = 0;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld", &ut, &st, &cut,
                     &cst) != 4)
        return 0;
    return (long long)(ut + st + (unsigned long long)cut + (unsigned long long)cst) * 1000000 / clock_ticks;
}

static long long cpu_base_us = 0; /* reaped CPU time before the current program started (batch mode) */

static long long reaped_cpu_us(void) {
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec + (long long)ru.ru_stime.tv_sec * 1000000 +
           ru.ru_stime.tv_usec - cpu_base_us;
}

/* No process of the run is left, reaped or not: init has no child at all. Every process of the run is init's
 * descendant, and one whose parent ended is reparented to init (pid 1 of the namespace, or the subreaper), so with
 * no child there is no descendant either. Nothing is reaped here (WNOWAIT). Saves walking /proc and kill(-1), which
 * visits every process of the machine, after each program that left nothing behind (the usual case). */
static int nothing_left(void) {
    siginfo_t si;
    return waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT | __WALL) < 0 && errno == ECHILD;
}

/* CPU of the whole run so far: what init reaped, plus every live descendant. */
static long long run_cpu_us(void) {
    static pid_t pids[MAX_PIDS];
    long long total = reaped_cpu_us();
    if (nothing_left()) return total;
    int n = descendants(pids);
    for (int i = 0; i < n; i++) total += process_cpu_us(pids[i]);
    return total;
}

/* The program's pid as this /proc numbers it: the same as fork() returned, except in a PID namespace whose /proc
 * could not be mounted (the host's /proc then shows host pids): there it is init's only child at this moment. */
static pid_t proc_view_pid(pid_t pid) {
    if (!have_pidns || have_mounts || getpid() != 1) return pid;
    pid_t kids[MAX_PIDS];
    int n = 0;
    return children_of("self", kids, &n) && n == 1 ? kids[0] : -1;
}

/* Time (us) the program has waited for a CPU while runnable (/proc/PID/schedstat, its second field): on a busy
 * machine that is not the program's doing, so it does not count against the wall-clock limit. */
static long long run_delay_us(pid_t view_pid) {
    if (view_pid <= 0) return 0;
    char path[64], buf[128];
    snprintf(path, sizeof path, "/proc/%d/schedstat", view_pid);
    if (read_small(path, buf, sizeof buf) < 0) return 0;
    unsigned long long on_cpu = 0, waiting = 0;
    if (sscanf(buf, "%llu %llu", &on_cpu, &waiting) != 2) return 0;
    return (long long)(waiting / 1000);
}

/* Size in KB of what lies under `path` (not following links); entries counted in *entries. */
static long long tree_kb(int dirfd, long *entries) {
    DIR *d = fdopendir(dirfd);
    if (!d) {
        close(dirfd);
        return 0;
    }
    long long kb = 0;
    struct dirent *e;
    while ((e = readdir(d)) && *entries < 1000000) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        struct stat st;
        if (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) continue;
        (*entries)++;
        kb += (long long)st.st_blocks / 2;
        if (S_ISDIR(st.st_mode)) {
            int sub = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) kb += tree_kb(sub, entries);
        }
    }
    closedir(d);
    return kb;
}

#define MAX_ENTRIES 100000

static int over_disk_limit(void) {
    if (disk_kb <= 0 || !workdir) return 0;
    int fd = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return 0;
    long entries = 0;
    long long kb = tree_kb(fd, &entries);
    return kb > disk_kb || entries > MAX_ENTRIES;
}

static pid_t main_pid = -1;
static int main_status = 0, main_done = 0;
static long run_maxrss = 0; /* peak RSS (KB) of the processes reaped since the program started */

static void server_died(pid_t pid);

/* Reap what has ended (without blocking unless `block`); the program's own status is kept. */
static int reap(int block) {
    int reaped = 0, st;
    pid_t w;
    struct rusage ru;
    while ((w = wait4(-1, &st, __WALL | (block ? 0 : WNOHANG), &ru)) > 0 || (w < 0 && errno == EINTR)) {
        if (w <= 0) continue;
        reaped++;
        server_died(w);
        if (ru.ru_maxrss > run_maxrss) run_maxrss = ru.ru_maxrss;
        if (w == main_pid) {
            main_status = st;
            main_done = 1;
        }
    }
    return reaped;
}

/* Kill every process of the run and reap them all: pid 1 of a namespace takes everything with kill(-1);
 * a subreaper walks its descendants until none is left (orphans come back to it). */
static void kill_everything(void) {
    static pid_t pids[MAX_PIDS];
    if (nothing_left()) return;
    if (getpid() == 1) {
        kill(-1, SIGKILL);
        reap(1);
        return;
    }
    for (int round = 0; round < 2000; round++) {
        int n = descendants(pids);
        for (int i = 0; i < n; i++) kill(pids[i], SIGKILL);
        int reaped = reap(0);
        if (n <= 0 && !reaped) {
            if (waitpid(-1, NULL, __WALL | WNOHANG) < 0 && errno == ECHILD) return;
            usleep(1000);
        }
    }
}

/* What a run's pipe gave: the first `keep` bytes of it and its whole size. A stdout capture (limit_kills) ends the
 * run once it passes `keep` (reason "ole"), as the judge does for a single run. */
struct capture {
    int fd;
    char *buf;
    size_t len, size, keep;
    int limit_kills;
};

/* Read what the pipe holds now; 0 once it is closed (fd set to -1). */
static int capture_read(struct capture *c) {
    static char chunk[65536];
    ssize_t n = read(c->fd, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
    if (n <= 0) {
        close(c->fd);
        c->fd = -1;
        return 0;
    }
    c->size += (size_t)n;
    size_t room = c->keep > c->len ? c->keep - c->len : 0, take = (size_t)n < room ? (size_t)n : room;
    if (take) {
        char *grown = realloc(c->buf, c->len + take);
        if (!grown) return 1; /* kept short: the size still counts */
        c->buf = grown;
        memcpy(c->buf + c->len, chunk, take);
        c->len += take;
    }
    return 1;
}

static int terminated = 0; /* SIGTERM from the judge: the run (a batch: the whole batch) ends */

/* ------------------------------------------------------------------------------- batch mode: fork servers */

/* A program of a batch linked with the fork server hook (forkserver_hook.c) is exec'd once, as pid 1 of a PID
 * namespace of its own, and forks a child before its constructors and main for each case (start_server,
 * send_case). The messages on its socket (SOCK_SEQPACKET); keep in step with forkserver_hook.c. */
struct fs_request {
    int32_t seed_at;
    int64_t cpu_soft_s, cpu_hard_s;
    char seed[32];
};
struct fs_report {
    char kind; /* 'H': the server is up; 'D': a case is done */
    int32_t status;
    int64_t cpu_us, maxrss_kb;
};
#define FS_PLACEHOLDER "000000000000000000000000" /* argv slot the hook writes each seed into (any 64-bit one) */

struct fork_server {
    pid_t pid;  /* 0: none running */
    pid_t view; /* its pid as /proc numbers it (see proc_view_pid) */
    int ctl;
};
static struct fork_server *servers[MAX_SERVERS];
static int nservers = 0;
static struct fork_server *active_server = NULL; /* whose case is running now (NULL: a plain run) */
static int servers_off = 0;    /* a server died by itself or answered wrong: the rest of the batch runs plain */
static int server_lost = 0;    /* the active server did, in the middle of its case: the case runs again plain */
static long long case_cpu_us = 0; /* the active case's CPU: reported by its server, or measured before a kill */
static pid_t case_view_pid = -1;  /* the oldest process of the active case, as /proc numbers it */

/* A server's pid as /proc numbers it: its own pid, except where this PID namespace could not mount its /proc (the
 * host's then shows host pids): there the child of init whose NSpid line names it. */
static pid_t server_view_pid(pid_t pid) {
    if (!have_pidns || have_mounts || getpid() != 1) return pid;
    pid_t kids[MAX_PIDS];
    int n = 0;
    children_of("self", kids, &n);
    for (int i = 0; i < n; i++) {
        char path[64], buf[2048];
        snprintf(path, sizeof path, "/proc/%d/status", kids[i]);
        if (read_small(path, buf, sizeof buf) < 0) continue;
        char *ns = strstr(buf, "\nNSpid:");
        long host = 0, here = 0;
        if (ns && sscanf(ns + 7, "%ld %ld", &host, &here) == 2 && here == pid) return (pid_t)host;
    }
    return -1;
}

/* Kill a server (its namespace, with everything of its case, dies with it) and reap it. */
static void stop_server(struct fork_server *fs) {
    if (fs->pid > 0) {
        kill(fs->pid, SIGKILL);
        while (waitpid(fs->pid, NULL, __WALL) < 0 && errno == EINTR) {
        }
        fs->pid = 0;
    }
    if (fs->ctl >= 0) close(fs->ctl);
    fs->ctl = -1;
}

static void stop_all_servers(void) {
    for (int i = 0; i < nservers; i++) stop_server(servers[i]);
}

/* CPU (us) of every process of the active server's case, live: the server's descendants (its own time, which
 * counts every case it reaped, is not the case's). */
static long long server_case_cpu_live(void) {
    static pid_t pids[MAX_PIDS];
    int count = 0;
    char me[32];
    if (active_server->view <= 0) return 0;
    snprintf(me, sizeof me, "%d", active_server->view);
    children_of(me, pids, &count);
    if (count > 0 && case_view_pid <= 0) case_view_pid = pids[0];
    for (int i = 0; i < count; i++) {
        char p[32];
        snprintf(p, sizeof p, "%d", pids[i]);
        children_of(p, pids, &count);
    }
    long long total = 0;
    for (int i = 0; i < count; i++) total += process_cpu_us(pids[i]);
    return total;
}

/* End the running case at a limit: a plain run's processes all killed and reaped; a server's case by ending the
 * server (it starts again for the next case). */
static void end_case(void) {
    if (!active_server) {
        kill_everything();
        return;
    }
    long long live = server_case_cpu_live();
    if (live > case_cpu_us) case_cpu_us = live;
    stop_server(active_server);
    main_status = SIGKILL; /* as the wait status of a program killed by it */
    main_done = 1;
}

/* The active server's report has come (or its socket says it is gone). */
static void read_server_report(void) {
    struct fs_report rep;
    ssize_t n = recv(active_server->ctl, &rep, sizeof rep, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n == (ssize_t)sizeof rep && rep.kind == 'D') {
        main_status = rep.status;
        case_cpu_us = rep.cpu_us;
        if (rep.maxrss_kb > run_maxrss) run_maxrss = (long)rep.maxrss_kb;
    } else {
        server_lost = 1;
        servers_off = 1;
        stop_server(active_server);
    }
    main_done = 1;
}

/* reap() found a server dead: it ended by itself. */
static void server_died(pid_t pid) {
    for (int i = 0; i < nservers; i++) {
        if (servers[i]->pid != pid) continue;
        servers[i]->pid = 0;
        servers_off = 1;
        if (servers[i] == active_server) {
            server_lost = 1;
            main_done = 1;
        }
    }
}

/* Init's own set-up: death with its parent, a subreaper without a PID namespace, SIGCHLD and SIGTERM through a
 * signalfd (returned). */
static int init_prepare(int lib) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    prctl(PR_SET_DUMPABLE, 0); /* its /proc files (fds: the result pipe) stay closed to the program */
    if (!have_pidns) prctl(PR_SET_CHILD_SUBREAPER, 1);
    clock_ticks = sysconf(_SC_CLK_TCK) > 0 ? sysconf(_SC_CLK_TCK) : 100;
    if (lib && have_pidns) {
        /* a /proc of this PID namespace only */
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL);
    }
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGCHLD);
    sigaddset(&blocked, SIGTERM);
    sigprocmask(SIG_BLOCK, &blocked, NULL);
    int sig_fd = signalfd(-1, &blocked, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sig_fd < 0) die_setup("signalfd");
    return sig_fd;
}

/* Enforce CPU, wall and disk limits over every process of the run until the program (`pid`) has ended, draining
 * `caps` meanwhile (batch mode; ncaps 0: none); then kill and reap every process left. Why the run was ended:
 * "none" when the program ended by itself within its limits. */
static const char *watch(pid_t pid, long long start, int sig_fd, struct capture *caps, int ncaps) {
    clockid_t cpu_clock;
    /* a server's case: its program's pid is the server's to know; its CPU is measured over the server's tree */
    int have_clock = !active_server && clock_getcpuclockid(pid, &cpu_clock) == 0;
    pid_t view_pid = active_server ? -1 : proc_view_pid(pid);
    const char *reason = "none";
    int killed = 0, tick = 0;
    long long walked = start;
    while (!main_done) {
        long long elapsed = now_us() - start;
        long long left_us = wall_ms > 0 ? wall_ms * 1000LL - elapsed : 1000000;
        if (wall_ms > 0 && left_us <= 0 && !killed) /* load is not its doing */
            left_us += run_delay_us(active_server ? case_view_pid : view_pid);
        if (!killed) {
            const char *why = NULL;
            if (wall_ms > 0 && left_us <= 0) why = "wall";
            if (!why && cpu_ms > 0 && have_clock) {
                struct timespec ts;
                if (clock_gettime(cpu_clock, &ts) == 0 &&
                    (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 > cpu_ms)
                    why = "cpu";
            }
            if (!why && active_server && cpu_ms > 0 && now_us() - walked >= 10000) { /* every 10 ms */
                walked = now_us();
                long long live = server_case_cpu_live();
                if (live > case_cpu_us) case_cpu_us = live;
                if (live > cpu_ms * 1000LL) why = "cpu";
            }
            /* every 50 ms: the whole run's CPU (children, orphans) and its directory's size */
            if (!why && tick % 5 == 4 && active_server) {
                if (over_disk_limit()) why = "disk";
            } else if (!why && tick % 5 == 4) {
                if (cpu_ms > 0 && run_cpu_us() > cpu_ms * 1000LL) why = "cpu";
                else if (over_disk_limit()) why = "disk";
            }
            if (why) {
                reason = why;
                end_case();
                killed = 1;
            }
        }
        tick++;
        /* short waits early so fast programs pay no latency, then 10 ms steps for the CPU check */
        long long step = killed ? 100000 : 10000;
        if (left_us > 0 && left_us < step) step = left_us;
        struct pollfd p[5] = {{sig_fd, POLLIN, 0}, {kill_fd, POLLIN, 0}, {-1, 0, 0}, {-1, 0, 0}, {-1, 0, 0}};
        for (int i = 0; i < ncaps && i < 2; i++) p[2 + i] = (struct pollfd){caps[i].fd, POLLIN, 0};
        if (active_server && !main_done) p[4] = (struct pollfd){active_server->ctl, POLLIN, 0};
        if (poll(p, 5, (int)((step + 999) / 1000)) > 0) {
            if (p[0].revents) {
                struct signalfd_siginfo si;
                while (read(sig_fd, &si, sizeof si) == (ssize_t)sizeof si) {
                    if (si.ssi_signo == SIGTERM && !killed) {
                        reason = "killed";
                        terminated = 1;
                        end_case();
                        killed = 1;
                    }
                }
            }
            if (kill_fd >= 0 && p[1].revents) {
                /* library mode: no result line: the judge asked for it, it reports the run itself */
                kill_everything();
                _exit(0);
            }
            for (int i = 0; i < ncaps && i < 2; i++) {
                if (!p[2 + i].revents || caps[i].fd < 0) continue;
                capture_read(&caps[i]);
                if (caps[i].limit_kills && caps[i].size > caps[i].keep && !killed) {
                    reason = "ole";
                    end_case();
                    killed = 1;
                }
            }
            if (p[4].fd >= 0 && p[4].revents && !main_done) read_server_report();
        }
        reap(0);
    }
    if (active_server) { /* the server killed and reaped everything of the case before it reported */
        if (!killed && cpu_ms > 0 && case_cpu_us > cpu_ms * 1000LL) reason = "cpu";
        if (!killed && !strcmp(reason, "none") && over_disk_limit()) reason = "disk";
        for (int i = 0; i < ncaps; i++)
            while (caps[i].fd >= 0) capture_read(&caps[i]);
        if (!killed && ncaps > 0 && caps[0].limit_kills && caps[0].size > caps[0].keep) reason = "ole";
        return reason;
    }
    /* The program is gone: so is everything it started, counted and reaped before the result is written (EOF on
     * the result pipe then means the run is entirely over, and its uid may be leased again). */
    if (!killed && cpu_ms > 0 && run_cpu_us() > cpu_ms * 1000LL) reason = "cpu";
    kill_everything();
    if (!killed && !strcmp(reason, "none") && over_disk_limit()) reason = "disk";
    for (int i = 0; i < ncaps; i++) /* every writer is gone: read to the end */
        while (caps[i].fd >= 0) capture_read(&caps[i]);
    if (!killed && ncaps > 0 && caps[0].limit_kills && caps[0].size > caps[0].keep) reason = "ole";
    return reason;
}

/* pid 1 of the namespace (or a subreaper): start the program, enforce CPU, wall and disk limits over every
 * process of the run, reap everything, report. In library mode (lib) the program's process returns 0 from here,
 * set up to run; init itself never returns. */
static int init_main(char **argv, long long start, int lib) {
    int sig_fd = init_prepare(lib);
    int ep[2];
    if (pipe2(ep, O_CLOEXEC) < 0) die_setup("pipe");
    pid_t pid = fork();
    if (pid < 0) die_setup("fork");
    main_pid = pid;
    if (pid == 0) {
        close(ep[0]);
        close(sig_fd);
        if (!lib) run_program(argv, ep[1]);
        if (prepare_program() < 0) {
            int e = errno;
            ssize_t w = write(ep[1], &e, sizeof e);
            (void)w;
            _exit(127);
        }
        close_all_but(-1, -1);
        return 0;
    }
    close(ep[1]);
    int err = 0;
    ssize_t got = read(ep[0], &err, sizeof err);
    close(ep[0]);
    const char *reason = watch(pid, start, sig_fd, NULL, 0);
    long long wall = now_us() - start;
    if (got == (ssize_t)sizeof err) {
        char rbuf[64];
        snprintf(rbuf, sizeof rbuf, "exec:%d", err);
        write_result(main_status, 0, 0, wall, rbuf);
    } else {
        write_result(main_status, reaped_cpu_us(), run_maxrss, wall, reason);
    }
    _exit(0);
}

/* ------------------------------------------------------------------------------------------- batch mode (-B) */

#define MAX_BATCH 4
#define BATCH_FIELDS 12 /* name, 8 limits, seed position, fork server, argc */

/* One program of a batch case, as the judge described it after `--`:
 *   NAME CPU_MS WALL_MS AS_KB STACK_KB NPROC FSIZE_KB DISK_KB OUTPUT_LIMIT SEED_AT FORKSERVER ARGC ARG...
 * SEED_AT: the index in its argv that takes each case's seed (-1: none). FORKSERVER: 1 when the program is linked
 * with the fork server hook. */
struct batch_program {
    const char *name;
    long limit[8];
    int seed_at;
    int forkserver;
    char **argv;
    struct fork_server server;
};

static int parse_batch(int argc, char **argv, struct batch_program *progs) {
    int n = 0, i = 0;
    while (i < argc) {
        if (n >= MAX_BATCH || argc - i < BATCH_FIELDS) return -1;
        struct batch_program *bp = &progs[n++];
        bp->name = argv[i];
        for (int k = 0; k < 8; k++) bp->limit[k] = atol(argv[i + 1 + k]);
        bp->seed_at = atoi(argv[i + 9]);
        bp->forkserver = atoi(argv[i + 10]) == 1;
        bp->server = (struct fork_server){0, -1, -1};
        int nargs = atoi(argv[i + 11]);
        i += BATCH_FIELDS;
        if (nargs < 1 || nargs > argc - i || bp->seed_at >= nargs) return -1;
        bp->argv = calloc((size_t)nargs + 1, sizeof(char *));
        if (!bp->argv) return -1;
        memcpy(bp->argv, argv + i, (size_t)nargs * sizeof(char *));
        i += nargs;
    }
    return n;
}

static int write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Remove everything under the directory `dirfd` (left open), whatever modes the program left on it. */
static void wipe(int dirfd) {
    fchmod(dirfd, 0700);
    for (int pass = 0; pass < 4; pass++) {
        int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        if (!d) {
            if (fd >= 0) close(fd);
            return;
        }
        int left = 0;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            if (unlinkat(dirfd, e->d_name, 0) == 0) continue;
            int sub = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub < 0 && fchmodat(dirfd, e->d_name, 0700, 0) == 0)
                sub = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) {
                wipe(sub);
                close(sub);
            }
            if (unlinkat(dirfd, e->d_name, AT_REMOVEDIR) < 0) left = 1;
        }
        closedir(d);
        if (!left) return;
    }
}

/* Start the program `bp` as its fork server: a new PID namespace whose pid 1 it is (so its cases can neither see
 * nor signal anything outside it, and everything a case leaves comes back to it), set up as a run of the program
 * (uid, limits, Landlock, seccomp: its case children inherit them all), with its end of a socketpair in
 * ALGOITNY_FORKSERVER. 0 once it said it is up (its hook runs before main: a program without the hook never
 * does). */
static int start_server(struct batch_program *bp) {
    int sv[2], ep[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) return -1;
    if (pipe2(ep, O_CLOEXEC) < 0) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    char *argv[256], *envp[512], fs_env[64];
    int argc = 0, envc = 0;
    for (; bp->argv[argc] && argc < 255; argc++)
        argv[argc] = argc == bp->seed_at ? (char *)FS_PLACEHOLDER : bp->argv[argc];
    argv[argc] = NULL;
    extern char **environ;
    for (char **e = environ; *e && envc < 510; e++) envp[envc++] = *e;
    snprintf(fs_env, sizeof fs_env, "ALGOITNY_FORKSERVER=%d", sv[1]);
    envp[envc++] = fs_env;
    envp[envc] = NULL;
    pid_t pid = (pid_t)syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        int null_fd = open("/dev/null", O_RDWR);
        if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 || dup2(null_fd, 2) < 0) _exit(127);
        fcntl(sv[1], F_SETFD, 0);
        int keep[3] = {ep[1], landlock_ruleset, sv[1]};
        close_all_but_these(keep, 3);
        signal(SIGPIPE, SIG_DFL);
        starting_server = 1;
        if (prepare_program() == 0) execve(argv[0], argv, envp);
        int e = errno;
        ssize_t w = write(ep[1], &e, sizeof e);
        (void)w;
        _exit(127);
    }
    close(sv[1]);
    close(ep[1]);
    int err = 0;
    ssize_t got = pid > 0 ? read(ep[0], &err, sizeof err) : 0;
    close(ep[0]);
    bp->server = (struct fork_server){pid > 0 ? pid : 0, -1, sv[0]};
    struct fs_report hello;
    struct pollfd p = {sv[0], POLLIN, 0};
    if (pid < 0 || got == (ssize_t)sizeof err || poll(&p, 1, 10000) != 1 ||
        recv(sv[0], &hello, sizeof hello, 0) != (ssize_t)sizeof hello || hello.kind != 'H') {
        stop_server(&bp->server);
        return -1;
    }
    if ((bp->server.view = server_view_pid(pid)) <= 0) { /* its CPU could not be watched */
        stop_server(&bp->server);
        return -1;
    }
    int known = 0;
    for (int i = 0; i < nservers; i++) known = known || servers[i] == &bp->server;
    if (!known) servers[nservers++] = &bp->server; /* one per program: at most MAX_BATCH */
    return 0;
}

/* Hand a case to `bp`'s server: its seed, CPU limit (RLIMIT_CPU as a backstop, as for a plain run) and fds. */
static int send_case(struct batch_program *bp, const char *seed, int fds[3]) {
    struct fs_request rq;
    memset(&rq, 0, sizeof rq);
    rq.seed_at = bp->seed_at;
    if (cpu_ms > 0) rq.cpu_soft_s = cpu_ms / 1000 + 2, rq.cpu_hard_s = cpu_ms / 1000 + 3;
    snprintf(rq.seed, sizeof rq.seed, "%s", seed);
    char cbuf[CMSG_SPACE(3 * sizeof(int))];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec iov = {&rq, sizeof rq};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(3 * sizeof(int));
    memcpy(CMSG_DATA(c), fds, 3 * sizeof(int));
    return sendmsg(bp->server.ctl, &msg, MSG_NOSIGNAL) == (ssize_t)sizeof rq ? 0 : -1;
}

/* Whether this case of `bp` goes to its fork server (started now if it is not running). */
static int use_server(struct batch_program *bp, const char *seed) {
    if (servers_off) stop_all_servers(); /* a plain run's clean-up (kill(-1)) must not meet a server */
    if (!bp->forkserver || servers_off) return 0;
    if (strlen(seed) > sizeof FS_PLACEHOLDER - 1) {
        servers_off = 1;
        stop_all_servers();
        return 0;
    }
    if (bp->server.pid > 0) return 1;
    if (start_server(bp) == 0) return 1;
    servers_off = 1;
    stop_all_servers();
    return 0;
}

/* Start `bp` by vfork + exec, on these stdin, stdout and stderr; its pid. vfork: no copy of init's memory for a
 * child that only sets itself up and execs (about 12% less CPU per program). Init waits meanwhile; the child
 * changes only its own state (fds, limits, credentials, filters: all per task) before the exec or _exit, as
 * posix_spawn's child does. A function of its own: nothing of the caller's frame is shared with the child. */
static __attribute__((noinline)) pid_t spawn_plain(struct batch_program *bp, int in, int out, int err, int ep) {
    pid_t pid = vfork();
    if (pid < 0) die_setup("fork");
    if (pid == 0) {
        if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(127);
        close_all_but(ep, landlock_ruleset);
        run_program(bp->argv, ep);
    }
    return pid;
}

/* Run one program of a case (stdin `input_fd`), then report it on the result pipe:
 *   "R <stdout bytes> <stderr size> <stderr bytes> " + the result line, then the stdout and stderr bytes kept.
 * Its stdout is returned in *out (the next programs' input). 0: it ended by itself with status 0. */
static int batch_run(struct batch_program *bp, const char *seed, int input_fd, int sig_fd, int work_fd,
                     struct capture *out) {
    long *l = bp->limit;
    cpu_ms = l[0], wall_ms = l[1], as_kb = l[2], stack_kb = l[3], nproc = l[4], fsize_kb = l[5], disk_kb = l[6];
    const char *reason;
    struct capture caps[2];
    long long start, wall, cpu;
    ssize_t got;
    int err;
    for (;;) {
        main_done = main_status = 0;
        run_maxrss = 0;
        cpu_base_us = 0;
        cpu_base_us = reaped_cpu_us();
        server_lost = 0;
        case_cpu_us = 0;
        case_view_pid = -1;
        int op[2], errp[2], ep[2];
        if (pipe2(op, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0 || pipe2(ep, O_CLOEXEC) < 0) die_setup("pipe");
        lseek(input_fd, 0, SEEK_SET);
        pid_t pid;
        err = 0;
        got = 0;
        if (use_server(bp, seed)) {
            start = now_us();
            int fds[3] = {input_fd, op[1], errp[1]};
            if (send_case(bp, seed, fds) < 0) { /* the server is gone: plain from now on */
                servers_off = 1;
                for (int i = 0; i < 2; i++) close(op[i]), close(errp[i]), close(ep[i]);
                continue;
            }
            active_server = &bp->server;
            pid = bp->server.pid;
            main_pid = -1;
            close(ep[1]);
        } else {
            start = now_us();
            pid = spawn_plain(bp, input_fd, op[1], errp[1], ep[1]);
            main_pid = pid;
            close(ep[1]);
            got = read(ep[0], &err, sizeof err);
        }
        close(op[1]);
        close(errp[1]);
        close(ep[0]);
        *out = (struct capture){op[0], NULL, 0, 0, (size_t)l[7], 1};
        caps[0] = *out;
        caps[1] = (struct capture){errp[0], NULL, 0, 0, STDERR_KEEP, 0};
        reason = watch(pid, start, sig_fd, caps, 2);
        *out = caps[0];
        wall = now_us() - start;
        cpu = active_server ? case_cpu_us : reaped_cpu_us();
        int again = active_server && server_lost && !terminated;
        active_server = NULL;
        wipe(work_fd); /* nothing of this program is left for the next one */
        if (!again) break;
        /* its server died in the middle of the case (not at a limit of the case): run it again, plainly */
        free(caps[0].buf);
        free(caps[1].buf);
    }
    char rbuf[64], line[640];
    if (got == (ssize_t)sizeof err) {
        snprintf(rbuf, sizeof rbuf, "exec:%d", err);
        reason = rbuf;
        cpu = 0;
    }
    int n = snprintf(line, sizeof line, "R %zu %zu %zu ", out->len, caps[1].size, caps[1].len);
    n += format_result(line + n, sizeof line - (size_t)n, main_status, cpu, run_maxrss, wall, reason);
    if (write_all(result_fd, line, (size_t)n) < 0 || write_all(result_fd, out->buf ? out->buf : "", out->len) < 0 ||
        write_all(result_fd, caps[1].buf ? caps[1].buf : "", caps[1].len) < 0)
        _exit(0); /* the judge is gone */
    free(caps[1].buf);
    return strcmp(reason, "none") || main_status != 0 ? -1 : 0;
}

/* Init of a batch: one sandbox, many cases. For each seed line read on stdin, the programs run in order (the first,
 * the generator, on /dev/null; the others on its output), each as a run of its own: its limits, every process it
 * left killed and reaped and the run directory emptied before the next starts. A failing program ends the case.
 * "done\n" ends each case's records; EOF on stdin ends the batch. */
__attribute__((unused)) static void batch_main(int argc, char **argv) {
    static struct batch_program progs[MAX_BATCH];
    int sig_fd = init_prepare(0);
    int nprog = parse_batch(argc, argv, progs);
    if (nprog < 1) {
        errno = EINVAL;
        die_setup("batch-spec");
    }
    /* Fork servers where every program has the hook and each server can have a PID namespace of its own (a plain
     * run in between would kill the servers with its clean-up). Init then stays able to make those namespaces
     * (not locked below): each server locks itself down before its exec. */
    int all_hooked = 1;
    for (int k = 0; k < nprog; k++) all_hooked = all_hooked && progs[k].forkserver;
    servers_off = !all_hooked || unsafe_ok || !have_pidns || !have_seccomp;
    if (!unsafe_ok && have_pidns && have_seccomp && servers_off) {
        /* What every program would set up the same way, set up once in init, which its children inherit: the
         * capability bounding set (init never execs, its own capabilities stay), and the seccomp filter, which
         * names no pid when there is a PID namespace (init needs none of the calls it refuses from here on). */
        for (int cap = 0; cap <= 63; cap++) prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
        if (apply_seccomp(0, !keep_net) < 0) die_setup("seccomp");
        init_locked = 1;
    }
    if (!unsafe_ok) landlock_ruleset = landlock_rules(); /* -1: each program makes its own */
    int work_fd = workdir ? open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (work_fd < 0 || null_fd < 0) die_setup("batch-open");
    FILE *cases = fdopen(0, "r");
    char seed[128];
    while (!terminated && cases && fgets(seed, sizeof seed, cases)) {
        seed[strcspn(seed, "\n")] = 0;
        int input_fd = null_fd;
        for (int k = 0; k < nprog && !terminated; k++) {
            if (progs[k].seed_at >= 0) progs[k].argv[progs[k].seed_at] = seed;
            struct capture out;
            int ok = batch_run(&progs[k], seed, input_fd, sig_fd, work_fd, &out) == 0;
            if (k == 0 && ok) { /* the generator's output, sealed: no later program can change it */
                input_fd = (int)syscall(SYS_memfd_create, "input", MFD_CLOEXEC | MFD_ALLOW_SEALING);
                if (input_fd < 0 || write_all(input_fd, out.buf ? out.buf : "", out.len) < 0) die_setup("memfd");
                fcntl(input_fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
            }
            free(out.buf);
            if (!ok) break;
        }
        if (input_fd != null_fd) close(input_fd);
        if (write_all(result_fd, "done\n", 5) < 0) break;
    }
    _exit(0);
}

/* --------------------------------------------------------------------------------------------------- setup */

static int parse_options(int argc, char **argv) {
    int opt;
    while ((opt = getopt(argc, argv, "+d:R:t:w:m:s:p:f:D:u:g:r:Nn:UBZk:i:o:e:")) != -1) {
        switch (opt) {
        case 'd': workdir = optarg; break;
        case 'R':
            if (nro >= MAX_PATHS) return 125;
            ro_path[nro++] = optarg;
            break;
        case 't': cpu_ms = atol(optarg); break;
        case 'w': wall_ms = atol(optarg); break;
        case 'm': as_kb = atol(optarg); break;
        case 's': stack_kb = atol(optarg); break;
        case 'p': nproc = atol(optarg); break;
        case 'f': fsize_kb = atol(optarg); break;
        case 'D': disk_kb = atol(optarg); break;
        case 'u': run_uid = atol(optarg); break;
        case 'g': run_gid = atol(optarg); break;
        case 'r': result_fd = atoi(optarg); break;
        case 'N': keep_net = 1; break;
        case 'n': netns_fd = atoi(optarg); break;
        case 'U': unsafe_ok = 1; break;
        case 'B': batch_mode = 1; break;
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

/* Which layers this kernel gives, before forking init: namespaces (as root, or in a new user namespace), then
 * seccomp and Landlock. Mounts are tried in init (setup_newroot). */
__attribute__((unused)) static void enter_namespaces(void) {
    int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | (keep_net ? 0 : CLONE_NEWNET);
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (uid == 0) {
        if (netns_fd >= 0 && !keep_net && setns(netns_fd, CLONE_NEWNET) == 0) {
            flags &= ~CLONE_NEWNET;
            have_netns = 1;
        }
        if (unshare(flags) == 0) {
            have_pidns = 1;
            have_netns = have_netns || !keep_net;
        }
        have_uid = run_uid > 0;
        return;
    }
    if (unshare(flags | CLONE_NEWUSER) < 0) return;
    /* the same uid inside (not root): the capabilities that come with the new namespace set up the mounts,
     * then the program drops them */
    char map[64];
    write_file("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "%u %u 1", uid, uid);
    if (write_file("/proc/self/uid_map", map) < 0) die_setup("uid_map");
    snprintf(map, sizeof map, "%u %u 1", gid, gid);
    if (write_file("/proc/self/gid_map", map) < 0) die_setup("gid_map");
    have_userns = have_pidns = have_uid = 1;
    have_netns = !keep_net;
}

static void probe_lockdown(void) {
    landlock_abi = landlock_version();
#ifdef SECCOMP_ARCH
    have_seccomp = prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0;
#endif
}

/* After the file system step: is what is left safe enough to run? The file system must be protected by mounts
 * or by Landlock; seccomp is required in every mode. */
__attribute__((unused)) static void refuse_unless_safe(void) {
    if (unsafe_ok) {
        mode = "none";
        return;
    }
    if (!have_mounts && landlock_abi <= 0) {
        errno = 0;
        write_result(0, 0, 0, 0, have_pidns ? "setup:unsafe:mount+landlock" : "setup:unsafe:namespaces+landlock");
        _exit(120);
    }
    if (!have_seccomp) {
        write_result(0, 0, 0, 0, "setup:unsafe:seccomp");
        _exit(120);
    }
    mode = have_mounts ? "namespaces" : "landlock";
}

/* -Z: one mount namespace (the new root) and the shared network namespace for a whole judge; each run then only
 * unshares what is cheap (see algoitny_spawn). */
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
    if (setup_newroot() < 0) die_setup("mount");
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

/* Threads: glibc sizes a thread's default stack from RLIMIT_STACK, which the sandbox raises to the memory limit for
 * deep recursion, and RLIMIT_AS then refuses every thread. A thread gets what it gets on an ordinary machine (8 MB,
 * or less when the limit is lower); threading.stack_size(n) still sets any size. Set once, in the zygote: every
 * process forked from it inherits it. */
static void default_thread_stack(void) {
    size_t size = 8u << 20;
    struct rlimit rl;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < size)
        size = (size_t)rl.rlim_cur;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return;
    if (pthread_attr_setstacksize(&attr, size) == 0) pthread_setattr_default_np(&attr);
    pthread_attr_destroy(&attr);
}

/* Called by the zygote (single-threaded, holding the GIL): see the top of this file. The zygote itself enters
 * the run's new namespaces, forks init there (pid 1 of the new PID namespace) and goes back to its own; no
 * helper process is needed in between. Returns init's pid (or -1) in the zygote, 0 in the program. */
int algoitny_spawn(int argc, char **argv) {
    static int started;
    if (!started) {
        default_thread_stack();
        started = 1;
    }
    for (int i = 0; i < 4; i++)
        if (own_ns[i] < 0 && (own_ns[i] = open(ns_files[i], O_RDONLY | O_CLOEXEC)) < 0) return -1;
    if (unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS) < 0) return -1;
    pid_t init = fork();
    if (init == 0) {
        long long start = now_us();
        optind = 0; /* glibc: a full getopt reset */
        if (parse_options(argc, argv) != 0) _exit(125);
        /* the zygote is root in its own mount and network namespaces (set up by -Z) */
        have_pidns = have_netns = have_mounts = 1;
        have_uid = run_uid > 0;
        probe_lockdown();
        mode = "namespaces";
        /* No getppid() check here: the zygote lies outside this PID namespace (getppid() is 0). Should it die
         * before this line, init still ends the run at its wall limit. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        for (int i = 0; i < 3; i++)
            if (stdio_fd[i] >= 0 && stdio_fd[i] != i && dup2(stdio_fd[i], i) < 0) die_setup("dup2");
        /* only the result and kill pipes stay open in init: nothing is exec'd, so O_CLOEXEC guards nothing */
        close_all_but(result_fd, kill_fd);
        if (!have_seccomp) die_setup("seccomp");
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

    if (!unsafe_ok) {
        enter_namespaces();
        probe_lockdown();
    }
    /* SIGTERM from the judge: init ends the run (kills and reaps everything) and reports */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGCHLD);
    sigprocmask(SIG_BLOCK, &wanted, NULL);
    signal(SIGPIPE, SIG_IGN);
    pid_t init = fork();
    if (init < 0) die_setup("fork-init");
    if (init == 0) {
        if (have_pidns && setup_newroot() < 0) {
            /* mounting is refused (Ubuntu 24.04+ in a user namespace): Landlock guards the files */
        }
        refuse_unless_safe();
        if (batch_mode) batch_main(argc - optind, argv + optind);
        init_main(argv + optind, start, 0);
    }
    int sig_fd = signalfd(-1, &wanted, SFD_CLOEXEC);
    for (;;) {
        int st;
        pid_t w = waitpid(init, &st, WNOHANG);
        if (w == init || (w < 0 && errno != EINTR)) break;
        struct signalfd_siginfo si;
        if (sig_fd < 0) {
            waitpid(init, &st, 0);
            break;
        }
        if (read(sig_fd, &si, sizeof si) == (ssize_t)sizeof si && si.ssi_signo == SIGTERM) kill(init, SIGTERM);
    }
    return 0;
}
#endif
