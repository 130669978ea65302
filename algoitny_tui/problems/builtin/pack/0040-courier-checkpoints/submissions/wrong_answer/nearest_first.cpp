// Greedy: always walks to the nearest unvisited checkpoint.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int h, w;
    cin >> h >> w;
    vector<string> g(h);
    for (auto &s : g) cin >> s;
    vector<pair<int, int>> spots;
    for (int r = 0; r < h; r++)
        for (int c = 0; c < w; c++)
            if (g[r][c] == 'S') spots.insert(spots.begin(), {r, c});
            else if (g[r][c] == 'C') spots.push_back({r, c});
    int k = spots.size();
    vector<vector<int>> between(k, vector<int>(k));
    const int dr[] = {-1, 1, 0, 0}, dc[] = {0, 0, -1, 1};
    for (int i = 0; i < k; i++) {
        vector<vector<int>> dist(h, vector<int>(w, -1));
        queue<pair<int, int>> q;
        dist[spots[i].first][spots[i].second] = 0;
        q.push(spots[i]);
        while (!q.empty()) {
            auto [r, c] = q.front();
            q.pop();
            for (int d = 0; d < 4; d++) {
                int nr = r + dr[d], nc = c + dc[d];
                if (nr < 0 || nr >= h || nc < 0 || nc >= w || g[nr][nc] == '#' || dist[nr][nc] >= 0) continue;
                dist[nr][nc] = dist[r][c] + 1;
                q.push({nr, nc});
            }
        }
        for (int j = 0; j < k; j++) between[i][j] = dist[spots[j].first][spots[j].second];
    }
    for (int j = 1; j < k; j++)
        if (between[0][j] < 0) {
            puts("-1");
            return 0;
        }
    vector<bool> seen(k, false);
    int at = 0, total = 0;
    seen[0] = true;
    for (int step = 1; step < k; step++) {
        int pick = -1;
        for (int j = 1; j < k; j++)
            if (!seen[j] && (pick < 0 || between[at][j] < between[at][pick])) pick = j;
        total += between[at][pick];
        seen[pick] = true;
        at = pick;
    }
    printf("%d\n", total);
}
