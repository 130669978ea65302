// Depth-first finishing order without the final reverse: every rule comes out backwards.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<vector<int>> out(n + 1);
    for (int i = 0; i < m; i++) {
        int a, b;
        scanf("%d %d", &a, &b);
        out[a].push_back(b);
    }
    vector<int> state(n + 1, 0), order, edge(n + 1, 0);
    for (int s = 1; s <= n; s++) {
        if (state[s]) continue;
        vector<int> st = {s};
        state[s] = 1;
        while (!st.empty()) {
            int v = st.back();
            if (edge[v] < (int)out[v].size()) {
                int w = out[v][edge[v]++];
                if (state[w] == 1) {
                    puts("-1");
                    return 0;
                }
                if (state[w] == 0) {
                    state[w] = 1;
                    st.push_back(w);
                }
            } else {
                state[v] = 2;
                order.push_back(v);
                st.pop_back();
            }
        }
    }
    for (int v : order) printf("%d ", v);
    puts("");
}
