#include <bits/stdc++.h>
using namespace std;

int main() {
    const int LIMIT = 5000000;
    vector<int> cnt(LIMIT + 1, 0);
    vector<bool> composite(LIMIT + 1, false);
    for (int i = 2; i <= LIMIT; i++) {
        if (!composite[i] && (long long)i * i <= LIMIT)
            for (int j = i * i; j <= LIMIT; j += i) composite[j] = true;
        cnt[i] = cnt[i - 1] + (composite[i] ? 0 : 1);
    }
    int q;
    scanf("%d", &q);
    while (q--) {
        int l, r;
        scanf("%d %d", &l, &r);
        printf("%d\n", cnt[r] - cnt[l - 1]);
    }
}
