// Wrong: a 32-bit counter; with all zeros and K = 0 there are N(N+1)/2 = 5 000 050 000 stretches.
#include <cstdio>
#include <unordered_map>

int main() {
    int n;
    long long k;
    if (scanf("%d %lld", &n, &k) != 2) return 0;
    std::unordered_map<long long, unsigned> seen;
    seen[0] = 1;
    long long prefix = 0;
    unsigned count = 0;
    for (int i = 0; i < n; ++i) {
        long long x;
        scanf("%lld", &x);
        prefix += x;
        auto it = seen.find(prefix - k);
        if (it != seen.end()) count += it->second;
        ++seen[prefix];
    }
    printf("%u\n", count);
    return 0;
}
