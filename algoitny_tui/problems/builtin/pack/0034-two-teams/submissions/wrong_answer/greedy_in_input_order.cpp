// Assigns teams greedily while reading the pairs and never flips a group that was already placed: two groups
// placed on their own can meet later with the wrong orientation.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<int> side(n + 1, -1);
    bool ok = true;
    for (int i = 0; i < m; i++) {
        int u, v;
        scanf("%d %d", &u, &v);
        if (side[u] < 0 && side[v] < 0) {
            side[u] = 0;
            side[v] = 1;
        } else if (side[u] < 0) {
            side[u] = 1 - side[v];
        } else if (side[v] < 0) {
            side[v] = 1 - side[u];
        } else if (side[u] == side[v]) {
            ok = false;
        }
    }
    puts(ok ? "YES" : "NO");
}
