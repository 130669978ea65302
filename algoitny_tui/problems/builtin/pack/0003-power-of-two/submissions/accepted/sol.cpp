#include <cstdio>

int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        unsigned long long x;
        scanf("%llu", &x);
        if (x != 0 && (x & (x - 1)) == 0)
            printf("YES %d\n", __builtin_ctzll(x));
        else
            puts("NO");
    }
    return 0;
}
