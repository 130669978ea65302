#include <cstdio>
#include <vector>

int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    std::vector<long long> ones(30, 0);
    for (int i = 0; i < n; ++i) {
        int x;
        scanf("%d", &x);
        for (int b = 0; b < 30; ++b) ones[b] += (x >> b) & 1;
    }
    long long total = 0;
    for (int b = 0; b < 30; ++b) total += ones[b] * (n - ones[b]) * (1LL << b);
    printf("%lld\n", total);
    return 0;
}
