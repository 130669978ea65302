// Kosaraju: order the caves by finishing time, find the components on the reversed graph, then a longest-path DP
// over the components reachable from cave 1. Both searches are iterative.
#include <bits/stdc++.h>
using namespace std;
typedef long long ll;

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<ll> coins(n + 1);
    for (int i = 1; i <= n; i++) scanf("%lld", &coins[i]);
    vector<vector<int>> out(n + 1), in(n + 1);
    for (int i = 0; i < m; i++) {
        int u, v;
        scanf("%d %d", &u, &v);
        out[u].push_back(v);
        in[v].push_back(u);
    }
    vector<int> order, pos(n + 1, 0);
    vector<char> seen(n + 1, 0);
    for (int s = 1; s <= n; s++) {
        if (seen[s]) continue;
        vector<int> st = {s};
        seen[s] = 1;
        while (!st.empty()) {
            int v = st.back();
            if (pos[v] < (int)out[v].size()) {
                int w = out[v][pos[v]++];
                if (!seen[w]) {
                    seen[w] = 1;
                    st.push_back(w);
                }
            } else {
                order.push_back(v);
                st.pop_back();
            }
        }
    }
    // Components in decreasing finishing time come out in topological order of the condensation.
    vector<int> comp(n + 1, -1);
    int k = 0;
    for (int idx = n - 1; idx >= 0; idx--) {
        int s = order[idx];
        if (comp[s] >= 0) continue;
        vector<int> st = {s};
        comp[s] = k;
        while (!st.empty()) {
            int v = st.back();
            st.pop_back();
            for (int w : in[v])
                if (comp[w] < 0) {
                    comp[w] = k;
                    st.push_back(w);
                }
        }
        k++;
    }
    vector<ll> sum(k, 0);
    vector<vector<int>> members(k);
    for (int v = 1; v <= n; v++) {
        sum[comp[v]] += coins[v];
        members[comp[v]].push_back(v);
    }
    // Process components from the last in topological order to the first.
    vector<ll> best(k, 0);
    for (int c = k - 1; c >= 0; c--) {
        ll after = 0;
        for (int v : members[c])
            for (int w : out[v])
                if (comp[w] != c) after = max(after, best[comp[w]]);
        best[c] = sum[c] + after;
    }
    printf("%lld\n", best[comp[1]]);
}
