// Fenwick tree over the ranks of the scores: for each paper, count the earlier papers with a higher score.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<int> a(n);
    for (auto &x : a) scanf("%d", &x);
    vector<int> sorted_a(a);
    sort(sorted_a.begin(), sorted_a.end());
    sorted_a.erase(unique(sorted_a.begin(), sorted_a.end()), sorted_a.end());
    int m = sorted_a.size();
    vector<int> tree(m + 1, 0);
    long long inversions = 0;
    for (int k = 0; k < n; k++) {
        int r = lower_bound(sorted_a.begin(), sorted_a.end(), a[k]) - sorted_a.begin() + 1;
        int not_higher = 0;  // earlier papers with a score <= a[k]
        for (int i = r; i > 0; i -= i & -i) not_higher += tree[i];
        inversions += k - not_higher;
        for (int i = r; i <= m; i += i & -i) tree[i]++;
    }
    printf("%lld\n", inversions);
}
