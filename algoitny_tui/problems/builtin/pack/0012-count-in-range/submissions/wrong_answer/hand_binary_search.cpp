// Wrong: a hand-written binary search whose range stops one short (hi = n - 1), so it never answers "past the end".
#include <algorithm>
#include <cstdio>
#include <vector>

int n;
std::vector<int> a;

// first index with a[i] > x (should search [0, n], searches [0, n - 1])
int first_greater(int x) {
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (a[mid] > x) hi = mid; else lo = mid + 1;
    }
    return lo;
}

int main() {
    int q;
    if (scanf("%d %d", &n, &q) != 2) return 0;
    a.resize(n);
    for (auto& x : a) scanf("%d", &x);
    std::sort(a.begin(), a.end());
    while (q--) {
        int l, r;
        scanf("%d %d", &l, &r);
        printf("%d\n", first_greater(r) - first_greater(l - 1));
    }
    return 0;
}
