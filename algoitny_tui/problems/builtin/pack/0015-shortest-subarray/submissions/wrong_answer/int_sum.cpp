// Wrong: keeps the block's sum in 32 bits; three piles of 10^9 coins wrap around.
#include <cstdio>
#include <vector>

int main() {
    int n;
    long long s;
    if (scanf("%d %lld", &n, &s) != 2) return 0;
    std::vector<unsigned> a(n);
    for (auto& x : a) scanf("%u", &x);
    unsigned total = 0;
    int best = 0, left = 0;
    for (int right = 0; right < n; ++right) {
        total += a[right];
        while (left < right && (long long)(total - a[left]) >= s) total -= a[left++];
        if ((long long)total >= s && (best == 0 || right - left + 1 < best)) best = right - left + 1;
    }
    printf("%d\n", best);
    return 0;
}
