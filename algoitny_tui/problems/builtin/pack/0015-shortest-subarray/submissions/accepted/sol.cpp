#include <cstdio>
#include <vector>

int main() {
    int n;
    long long s;
    if (scanf("%d %lld", &n, &s) != 2) return 0;
    std::vector<long long> a(n);
    for (auto& x : a) scanf("%lld", &x);
    long long total = 0;
    int best = 0, left = 0;
    for (int right = 0; right < n; ++right) {
        total += a[right];
        while (total - a[left] >= s) total -= a[left++];
        if (total >= s && (best == 0 || right - left + 1 < best)) best = right - left + 1;
    }
    printf("%d\n", best);
    return 0;
}
