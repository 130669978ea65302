// 0-1 BFS: free moves go to the front of the deque, paid moves to the back.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    vector<string> g(n);
    char buf[600];
    for (auto &row : g) {
        scanf("%s", buf);
        row = buf;
    }
    const int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
    const string dirs = "UDLR";
    vector<int> dist(n * m, INT_MAX);
    deque<int> q;
    dist[0] = 0;
    q.push_back(0);
    while (!q.empty()) {
        int u = q.front();
        q.pop_front();
        int r = u / m, c = u % m;
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr < 0 || nr >= n || nc < 0 || nc >= m) continue;
            int v = nr * m + nc, w = g[r][c] == dirs[k] ? 0 : 1;
            if (dist[u] + w < dist[v]) {
                dist[v] = dist[u] + w;
                if (w) q.push_back(v);
                else q.push_front(v);
            }
        }
    }
    printf("%d\n", dist[n * m - 1]);
}
