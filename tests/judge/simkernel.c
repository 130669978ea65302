/*
 * simkernel: run a command as if the kernel refused some features, to test the judge's sandbox on the kernels
 * users have (a container without namespaces, Ubuntu 24.04's AppArmor, a kernel without Landlock).
 *
 *   simkernel [--no-userns] [--no-mount] [--no-landlock] -- CMD ARGS...
 *
 * Sets PR_SET_NO_NEW_PRIVS, installs a seccomp filter, then execvp's CMD. The filter is inherited by every
 * process CMD starts (and stacks under any filter they add), so it simulates the kernel for the whole judge.
 *   --no-userns    unshare, setns -> EPERM; clone with any CLONE_NEW* flag -> EPERM; clone3 -> ENOSYS (its flags
 *                  sit in memory a filter cannot read, so libc falls back to clone, whose flags it can)
 *   --no-mount     mount, umount2, pivot_root and the new mount API -> EPERM (what Ubuntu 24.04's AppArmor policy
 *                  gives a process inside an unprivileged user namespace)
 *   --no-landlock  landlock_* -> ENOSYS (a kernel built without Landlock, or with it not enabled)
 * System calls of another ABI (i386 or x32 on x86_64, arm32 on aarch64) fail with ENOSYS, so the simulation
 * cannot be stepped around through them (a real kernel without the feature would refuse it there too).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#else
#error "simkernel supports x86_64 and aarch64"
#endif

/* Numbers shared by every architecture since Linux 5.x (older headers may lack the names). */
#ifndef __NR_open_tree
#define __NR_open_tree 428
#endif
#ifndef __NR_move_mount
#define __NR_move_mount 429
#endif
#ifndef __NR_fsopen
#define __NR_fsopen 430
#endif
#ifndef __NR_fsconfig
#define __NR_fsconfig 431
#endif
#ifndef __NR_fsmount
#define __NR_fsmount 432
#endif
#ifndef __NR_fspick
#define __NR_fspick 433
#endif
#ifndef __NR_clone3
#define __NR_clone3 435
#endif
#ifndef __NR_mount_setattr
#define __NR_mount_setattr 442
#endif
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#define X32_SYSCALL_BIT 0x40000000u

#define CLONE_NEW_ANY (CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS \
                       | CLONE_NEWCGROUP)
#define MAX_INSNS 128

static struct sock_filter prog[MAX_INSNS];
static unsigned short len = 0;

static void emit(struct sock_filter insn) {
    if (len >= MAX_INSNS) {
        fputs("simkernel: filter too long\n", stderr);
        _exit(126);
    }
    prog[len++] = insn;
}

static void load_nr(void) { emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))); }

/* With the syscall number loaded: if it is `nr`, fail with `err`. */
static void refuse(long nr, int err) {
    emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1));
    emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)));
}

int main(int argc, char **argv) {
    int no_userns = 0, no_mount = 0, no_landlock = 0, i;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-userns") == 0) no_userns = 1;
        else if (strcmp(argv[i], "--no-mount") == 0) no_mount = 1;
        else if (strcmp(argv[i], "--no-landlock") == 0) no_landlock = 1;
        else if (strcmp(argv[i], "--") == 0) { i++; break; }
        else {
            fprintf(stderr, "simkernel: unknown option %s\n", argv[i]);
            return 125;
        }
    }
    if (i >= argc) {
        fputs("usage: simkernel [--no-userns] [--no-mount] [--no-landlock] -- CMD ARGS...\n", stderr);
        return 125;
    }

    /* Another ABI: refuse everything (the features below would otherwise be reachable through it). */
    emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
    emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0));
    emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS));
    load_nr();
#if defined(__x86_64__)
    emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT, 0, 1));
    emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS));
#endif
    if (no_userns) {
        refuse(__NR_unshare, EPERM);
        refuse(__NR_setns, EPERM);
        refuse(__NR_clone3, ENOSYS);
        /* clone: flags are the first argument on both architectures (low 32 bits hold every CLONE_NEW*). */
        emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4));
        emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])));
        emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_NEW_ANY, 0, 1));
        emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
        emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    }
    if (no_mount) {
        refuse(__NR_mount, EPERM);
        refuse(__NR_umount2, EPERM);
        refuse(__NR_pivot_root, EPERM);
        refuse(__NR_open_tree, EPERM);
        refuse(__NR_move_mount, EPERM);
        refuse(__NR_fsopen, EPERM);
        refuse(__NR_fsconfig, EPERM);
        refuse(__NR_fsmount, EPERM);
        refuse(__NR_fspick, EPERM);
        refuse(__NR_mount_setattr, EPERM);
    }
    if (no_landlock) {
        refuse(__NR_landlock_create_ruleset, ENOSYS);
        refuse(__NR_landlock_add_rule, ENOSYS);
        refuse(__NR_landlock_restrict_self, ENOSYS);
    }
    emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));

    struct sock_fprog fprog = {.len = len, .filter = prog};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        perror("simkernel: PR_SET_NO_NEW_PRIVS");
        return 126;
    }
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) != 0) {
        perror("simkernel: installing the seccomp filter");
        return 126;
    }
    execvp(argv[i], argv + i);
    fprintf(stderr, "simkernel: %s: %s\n", argv[i], strerror(errno));
    return 127;
}
