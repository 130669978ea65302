#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
    int n;
    long long k;
    if (scanf("%d %lld", &n, &k) != 2) return 0;
    std::vector<long long> ropes(n);
    for (auto& x : ropes) scanf("%lld", &x);
    long long lo = 0, hi = *std::max_element(ropes.begin(), ropes.end());
    while (lo < hi) {
        long long mid = (lo + hi + 1) / 2, count = 0;
        for (long long len : ropes) count += len / mid;
        if (count >= k) lo = mid; else hi = mid - 1;
    }
    printf("%lld\n", lo);
    return 0;
}
