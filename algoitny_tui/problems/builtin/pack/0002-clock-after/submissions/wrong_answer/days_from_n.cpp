// Wrong: counts days as N / 1440, ignoring the starting time (22:30 + 100 minutes passes midnight once).
#include <cstdio>

int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        int h, m;
        long long n;
        scanf("%d:%d %lld", &h, &m, &n);
        long long minute = (h * 60LL + m + n) % 1440;
        printf("%02lld:%02lld %lld\n", minute / 60, minute % 60, n / 1440);
    }
    return 0;
}
