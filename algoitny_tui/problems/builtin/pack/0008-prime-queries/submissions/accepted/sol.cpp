#include <cstdio>
#include <vector>

int main() {
    const int LIMIT = 1000000;
    std::vector<char> composite(LIMIT + 1, 0);
    std::vector<int> counts(LIMIT + 1, 0);
    composite[0] = composite[1] = 1;
    for (long long p = 2; p * p <= LIMIT; ++p)
        if (!composite[p])
            for (long long m = p * p; m <= LIMIT; m += p) composite[m] = 1;
    for (int x = 1; x <= LIMIT; ++x) counts[x] = counts[x - 1] + (composite[x] ? 0 : 1);
    int q;
    if (scanf("%d", &q) != 1) return 0;
    while (q--) {
        int a, b;
        scanf("%d %d", &a, &b);
        printf("%d\n", counts[b] - counts[a - 1]);
    }
    return 0;
}
