#include <bits/stdc++.h>
using namespace std;

vector<int> parent_, sz;

int find(int x) {
    while (parent_[x] != x) {
        parent_[x] = parent_[parent_[x]];
        x = parent_[x];
    }
    return x;
}

int main() {
    int n, q;
    scanf("%d %d", &n, &q);
    parent_.resize(n + 1);
    sz.assign(n + 1, 1);
    iota(parent_.begin(), parent_.end(), 0);
    string out;
    while (q--) {
        int kind, a, b = 0;
        scanf("%d %d", &kind, &a);
        if (kind != 2) scanf("%d", &b);
        if (kind == 2) {
            out += to_string(sz[find(a)]) + "\n";
        } else if (kind == 3) {
            out += find(a) == find(b) ? "YES\n" : "NO\n";
        } else {
            a = find(a), b = find(b);
            if (a == b) continue;
            if (sz[a] < sz[b]) swap(a, b);
            parent_[b] = a;
            sz[a] += sz[b];
        }
    }
    fputs(out.c_str(), stdout);
}
