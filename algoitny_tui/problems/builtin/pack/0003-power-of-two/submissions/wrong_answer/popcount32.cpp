// Wrong: __builtin_popcount takes an unsigned int, so only the low 32 bits are counted (2^32 + 1 looks like 1).
#include <cstdio>

int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        unsigned long long x;
        scanf("%llu", &x);
        if (__builtin_popcount(x) == 1)
            printf("YES %d\n", __builtin_ctzll(x));
        else
            puts("NO");
    }
    return 0;
}
