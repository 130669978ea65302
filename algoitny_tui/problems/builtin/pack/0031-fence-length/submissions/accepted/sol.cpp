#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
typedef pair<ll, ll> P;

ll cross(P a, P b, P c) { return (b.first - a.first) * (c.second - a.second) - (b.second - a.second) * (c.first - a.first); }

int main() {
    int n;
    scanf("%d", &n);
    vector<P> p(n);
    for (auto &q : p) scanf("%lld %lld", &q.first, &q.second);
    sort(p.begin(), p.end());
    p.erase(unique(p.begin(), p.end()), p.end());
    if (p.size() == 1) {
        puts("0");
        return 0;
    }
    vector<P> hull;
    for (int pass = 0; pass < 2; pass++) {
        size_t start = hull.size();
        for (auto &q : p) {
            while (hull.size() >= start + 2 && cross(hull[hull.size() - 2], hull.back(), q) <= 0) hull.pop_back();
            hull.push_back(q);
        }
        hull.pop_back();
        reverse(p.begin(), p.end());
    }
    long double total = 0;
    for (size_t i = 0; i < hull.size(); i++) {
        P a = hull[i], b = hull[(i + 1) % hull.size()];
        total += hypotl((long double)(a.first - b.first), (long double)(a.second - b.second));
    }
    printf("%.6Lf\n", total);
}
