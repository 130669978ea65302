// Wrong: (R - L + 1) / K ignores where the range starts (7..11 holds a multiple of 5, 6..9 none of 5).
#include <cstdio>

int main() {
    int q;
    if (scanf("%d", &q) != 1) return 0;
    while (q--) {
        long long l, r, k;
        scanf("%lld %lld %lld", &l, &r, &k);
        printf("%lld\n", (r - l + 1) / k);
    }
    return 0;
}
