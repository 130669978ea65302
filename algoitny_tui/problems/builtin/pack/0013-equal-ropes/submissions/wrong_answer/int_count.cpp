// Wrong: counts pieces in 32 bits, which wrap around when short pieces are asked for (3 * 10^9 pieces).
#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
    int n;
    long long k;
    if (scanf("%d %lld", &n, &k) != 2) return 0;
    std::vector<int> ropes(n);
    for (auto& x : ropes) scanf("%d", &x);
    int lo = 0, hi = *std::max_element(ropes.begin(), ropes.end());
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        unsigned count = 0;  // wraps around past 4 294 967 295 pieces
        for (int len : ropes) count += len / mid;
        if ((long long)(int)count >= k) lo = mid; else hi = mid - 1;
    }
    printf("%d\n", lo);
    return 0;
}
