// Depth-first search: list each course when its search finishes, then reverse. Iterative, so deep chains are fine.
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
    vector<int> state(n + 1, 0), order, edge(n + 1, 0);  // 0 new, 1 on the stack, 2 finished
    for (int s = n; s >= 1; s--) {
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
    reverse(order.begin(), order.end());
    string text;
    for (int v : order) text += to_string(v) + ' ';
    text.back() = '\n';
    fputs(text.c_str(), stdout);
}
