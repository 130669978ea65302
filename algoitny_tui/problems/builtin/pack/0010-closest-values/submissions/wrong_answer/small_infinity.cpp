// Wrong: starts from "infinity" = 10^9, but the answer can be 2 * 10^9.
#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    std::vector<long long> a(n);
    for (auto& x : a) scanf("%lld", &x);
    std::sort(a.begin(), a.end());
    long long best = 1000000000;
    for (int i = 1; i < n; ++i) best = std::min(best, a[i] - a[i - 1]);
    printf("%lld\n", best);
    return 0;
}
