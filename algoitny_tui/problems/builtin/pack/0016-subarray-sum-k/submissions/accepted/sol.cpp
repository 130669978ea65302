#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

int main() {
    int n;
    long long k;
    if (scanf("%d %lld", &n, &k) != 2) return 0;
    // (prefix value, index) pairs, sorted: a stretch (i, j] sums to k when prefix[j] - prefix[i] = k, i < j.
    std::vector<long long> prefix(n + 1, 0);
    for (int i = 1; i <= n; ++i) {
        long long x;
        scanf("%lld", &x);
        prefix[i] = prefix[i - 1] + x;
    }
    std::vector<std::pair<long long, int>> order(n + 1);
    for (int i = 0; i <= n; ++i) order[i] = {prefix[i], i};
    std::sort(order.begin(), order.end());
    long long answer = 0;
    for (int j = 1; j <= n; ++j) {
        long long want = prefix[j] - k;
        auto lo = std::lower_bound(order.begin(), order.end(), std::make_pair(want, 0));
        auto hi = std::lower_bound(order.begin(), order.end(), std::make_pair(want, j));
        answer += hi - lo;  // indices i < j with prefix[i] = want
    }
    printf("%lld\n", answer);
    return 0;
}
