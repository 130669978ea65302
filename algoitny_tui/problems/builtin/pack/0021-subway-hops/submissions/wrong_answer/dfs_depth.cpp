// Uses depth-first search: the depth at which DFS first reaches a station is not the shortest hop count.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<vector<int>> adj(n + 1);
    for (int i = 0; i < m; i++) {
        int u, v;
        scanf("%d %d", &u, &v);
        adj[u].push_back(v);
        adj[v].push_back(u);
    }
    vector<int> dist(n + 1, -1);
    vector<int> st = {1};
    dist[1] = 0;
    while (!st.empty()) {
        int u = st.back();
        st.pop_back();
        for (int v : adj[u])
            if (dist[v] < 0) {
                dist[v] = dist[u] + 1;
                st.push_back(v);
            }
    }
    for (int i = 1; i <= n; i++) printf("%d%c", dist[i], i == n ? '\n' : ' ');
}
