#include <bits/stdc++.h>
using namespace std;
const long long MOD = 1000000007;

int main() {
    int h, w;
    cin >> h >> w;
    vector<string> g(h);
    for (auto &s : g) cin >> s;
    vector<vector<long long>> dp(h, vector<long long>(w, 0));
    for (int r = 0; r < h; r++)
        for (int c = 0; c < w; c++) {
            if (g[r][c] == '#') continue;
            if (r == 0 && c == 0) dp[r][c] = 1;
            if (r > 0) dp[r][c] += dp[r - 1][c];
            if (c > 0) dp[r][c] += dp[r][c - 1];
            dp[r][c] %= MOD;
        }
    cout << dp[h - 1][w - 1] << "\n";
}
