// Also walks diagonally, so cells touching only at a corner end up on one island.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int h, w;
    cin >> h >> w;
    vector<string> g(h);
    for (auto &row : g) cin >> row;
    int count = 0, best = 0;
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
                for (int dr = -1; dr <= 1; dr++)
                    for (int dc = -1; dc <= 1; dc++) {
                        int nr = r + dr, nc = c + dc;
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
