// Union-find with parity: each player stores whether it is on the same team as its parent.
#include <bits/stdc++.h>
using namespace std;

vector<int> parent, parity;

pair<int, int> find(int v) {  // (root, parity of v relative to the root), with path compression
    int p = 0, r = v;
    while (parent[r] != r) {
        p ^= parity[r];
        r = parent[r];
    }
    int cur = v, acc = p;
    while (parent[cur] != cur) {
        int next = parent[cur], here = parity[cur];
        parent[cur] = r;
        parity[cur] = acc;
        acc ^= here;
        cur = next;
    }
    return {r, p};
}

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    parent.resize(n + 1);
    parity.assign(n + 1, 0);
    iota(parent.begin(), parent.end(), 0);
    bool ok = true;
    for (int i = 0; i < m; i++) {
        int u, v;
        scanf("%d %d", &u, &v);
        auto [ru, pu] = find(u);
        auto [rv, pv] = find(v);
        if (ru == rv) {
            if (pu == pv) ok = false;
        } else {
            parent[ru] = rv;
            parity[ru] = pu ^ pv ^ 1;
        }
    }
    puts(ok ? "YES" : "NO");
}
