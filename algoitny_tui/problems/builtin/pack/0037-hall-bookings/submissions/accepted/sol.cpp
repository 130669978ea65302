#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

int main() {
    int n;
    scanf("%d", &n);
    vector<array<ll, 3>> r(n);  // end, start, payment
    for (auto &q : r) scanf("%lld %lld %lld", &q[1], &q[0], &q[2]);
    sort(r.begin(), r.end());
    vector<ll> ends(n), best(n + 1, 0);
    for (int i = 0; i < n; i++) ends[i] = r[i][0];
    for (int k = 0; k < n; k++) {
        int j = upper_bound(ends.begin(), ends.begin() + k, r[k][1]) - ends.begin();
        best[k + 1] = max(best[k], best[j] + r[k][2]);
    }
    printf("%lld\n", best[n]);
}
