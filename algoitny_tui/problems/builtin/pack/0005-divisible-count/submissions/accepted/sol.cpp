#include <cstdio>

int main() {
    int q;
    if (scanf("%d", &q) != 1) return 0;
    while (q--) {
        long long l, r, k;
        scanf("%lld %lld %lld", &l, &r, &k);
        printf("%lld\n", r / k - (l - 1) / k);
    }
    return 0;
}
