#include <bits/stdc++.h>
using namespace std;

int main() {
    int h, w;
    cin >> h >> w;
    vector<string> g(h);
    for (auto &row : g) cin >> row;
    int count = 0, best = 0;
    const int dr[] = {-1, 1, 0, 0}, dc[] = {0, 0, -1, 1};
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++) {
            if (g[i][j] != '#') continue;
            count++;
            int size = 0;
            vector<pair<int, int>> st = {{i, j}};
            g[i][j] = '.';
            while (!st.empty()) {
                auto [r, c] = st.back();
                st.pop_back();
                size++;
                for (int d = 0; d < 4; d++) {
                    int nr = r + dr[d], nc = c + dc[d];
                    if (nr >= 0 && nr < h && nc >= 0 && nc < w && g[nr][nc] == '#') {
                        g[nr][nc] = '.';
                        st.push_back({nr, nc});
                    }
                }
            }
            best = max(best, size);
        }
    cout << count << ' ' << best << '\n';
}
