/*
 * algoitny fork server hook: linked into C and C++ programs of stress tests (judge/forkserver.py), run from
 * .preinit_array: after libc's own start-up, before any constructor of the program and before main.
 *
 * Without ALGOITNY_FORKSERVER in the environment it does nothing. The batch helper (sandbox.c, batch mode) starts
 * a program with ALGOITNY_FORKSERVER=FD, FD one end of a SOCK_SEQPACKET socketpair, as pid 1 of a PID namespace of
 * its own. The variable is removed before main sees the environment. The server then loops:
 *   receive a case: struct fs_request + SCM_RIGHTS (the case's stdin, stdout, stderr);
 *   fork; the child puts them on 0/1/2, closes the socket, writes the seed into its argv slot (a placeholder long
 *   enough for any seed), takes the case's CPU limit and returns into libc's start-up: constructors, then main;
 *   wait for the child, kill and reap whatever it left in the namespace (the server is its pid 1: orphans come
 *   back to it, kill(-1) reaches all of them and nothing outside), and send a struct fs_report.
 * EOF on the socket (or anything unexpected) ends the server; its namespace dies with it. Written in the subset
 * of C that C++ compilers also accept; no stdio (the program's own stdio must start untouched).
 */
#if defined(__linux__)
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define FS_ENV "ALGOITNY_FORKSERVER="
#define FS_SEED_MAX 32

/* Keep in step with sandbox.c. */
struct fs_request {
    int32_t seed_at;     /* argv index that takes the seed, -1: none */
    int64_t cpu_soft_s;  /* RLIMIT_CPU of the case (0: leave) */
    int64_t cpu_hard_s;
    char seed[FS_SEED_MAX];
};
struct fs_report {
    char kind;           /* 'H' hello (the server is up), 'D' a case is done */
    int32_t status;      /* wait status of the case's program */
    int64_t cpu_us;      /* CPU of every process of the case, all reaped */
    int64_t maxrss_kb;   /* the largest peak RSS among them */
};

static int take_fd(char **envp) {
    int fd = -1;
    for (char **e = envp; e && *e; e++) {
        if (strncmp(*e, FS_ENV, sizeof FS_ENV - 1) != 0) continue;
        fd = atoi(*e + sizeof FS_ENV - 1);
        memset(*e, 0, strlen(*e)); /* not in /proc/self/environ either */
        char **m = e;
        do m[0] = m[1]; /* out of the environment main sees */
        while (*m++);
        break;
    }
    return fd;
}

static void reaped(struct rusage *ru, int64_t *cpu_us, int64_t *maxrss) {
    *cpu_us += (int64_t)ru->ru_utime.tv_sec * 1000000 + ru->ru_utime.tv_usec +
               (int64_t)ru->ru_stime.tv_sec * 1000000 + ru->ru_stime.tv_usec;
    if (ru->ru_maxrss > *maxrss) *maxrss = ru->ru_maxrss;
}

/* The child's set-up for one case; 0, or -1 when it cannot run (the server reports it as exit 127). */
static int become_case(int ctl, int *fds, const struct fs_request *rq, int argc, char **argv) {
    for (int i = 0; i < 3; i++)
        if (dup2(fds[i], i) < 0) return -1;
    for (int i = 0; i < 3; i++)
        if (fds[i] > 2) close(fds[i]);
    close(ctl);
    setsid();
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0); /* as an exec'd program is (the server is not) */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (rq->cpu_soft_s > 0) {
        struct rlimit rl = {(rlim_t)rq->cpu_soft_s, (rlim_t)rq->cpu_hard_s};
        if (setrlimit(RLIMIT_CPU, &rl) < 0) return -1;
    }
    if (rq->seed_at >= 0) {
        if (rq->seed_at >= argc) return -1;
        size_t room = strlen(argv[rq->seed_at]), len = strnlen(rq->seed, FS_SEED_MAX);
        if (len >= FS_SEED_MAX || len > room) return -1;
        memcpy(argv[rq->seed_at], rq->seed, len);
        memset(argv[rq->seed_at] + len, 0, room - len);
    }
    return 0;
}

static void serve(int ctl, int argc, char **argv) {
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); /* no case may open this process's memory or fds */
    struct fs_report rep;
    memset(&rep, 0, sizeof rep);
    rep.kind = 'H';
    if (send(ctl, &rep, sizeof rep, MSG_NOSIGNAL) != (ssize_t)sizeof rep) _exit(0);
    for (;;) {
        struct fs_request rq;
        int fds[3];
        char cbuf[CMSG_SPACE(sizeof fds)];
        struct iovec iov = {&rq, sizeof rq};
        struct msghdr msg;
        memset(&msg, 0, sizeof msg);
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = cbuf;
        msg.msg_controllen = sizeof cbuf;
        ssize_t n = recvmsg(ctl, &msg, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) _exit(0); /* EOF: the batch is over */
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        if (n != (ssize_t)sizeof rq || !c || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof fds))
            _exit(3);
        memcpy(fds, CMSG_DATA(c), sizeof fds);
        pid_t pid = fork();
        if (pid == 0) {
            if (become_case(ctl, fds, &rq, argc, argv) == 0) return; /* on to constructors and main */
            _exit(127);
        }
        for (int i = 0; i < 3; i++) close(fds[i]);
        if (pid < 0) _exit(4);
        memset(&rep, 0, sizeof rep);
        rep.kind = 'D';
        int st, done = 0;
        struct rusage ru;
        while (!done) { /* orphans of the case die meanwhile: reaped and counted too */
            pid_t w = wait4(-1, &st, __WALL, &ru);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) _exit(5);
            reaped(&ru, &rep.cpu_us, &rep.maxrss_kb);
            if (w == pid) {
                rep.status = st;
                done = 1;
            }
        }
        siginfo_t si;
        while (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT | __WALL) == 0) { /* something is left */
            kill(-1, SIGKILL);
            pid_t w = wait4(-1, &st, __WALL, &ru);
            if (w > 0) reaped(&ru, &rep.cpu_us, &rep.maxrss_kb);
            else if (errno != EINTR) break;
        }
        if (send(ctl, &rep, sizeof rep, MSG_NOSIGNAL) != (ssize_t)sizeof rep) _exit(0);
    }
}

static void algoitny_forkserver(int argc, char **argv, char **envp) {
    int ctl = take_fd(envp);
    /* only as pid 1 of a PID namespace of its own, as the batch helper starts it: its clean-up, kill(-1), must
     * reach the case's processes and nothing else */
    if (ctl >= 0 && getpid() == 1) serve(ctl, argc, argv);
}

__attribute__((section(".preinit_array"), used)) static void (*algoitny_forkserver_entry)(int, char **,
                                                                                         char **) = algoitny_forkserver;
#endif
