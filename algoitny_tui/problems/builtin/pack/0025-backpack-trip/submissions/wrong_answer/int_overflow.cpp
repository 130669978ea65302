// Stores values in int: sums above 2^31 - 1 wrap around.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, cap;
    scanf("%d %d", &n, &cap);
    vector<int> dp(cap + 1, 0);
    for (int i = 0; i < n; i++) {
        int w, v;
        scanf("%d %d", &w, &v);
        for (int c = cap; c >= w; c--) dp[c] = max(dp[c], dp[c - w] + v);
    }
    printf("%d\n", dp[cap]);
}
