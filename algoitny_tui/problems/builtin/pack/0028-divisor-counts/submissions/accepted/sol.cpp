// Divisor-count sieve: every d adds one to each of its multiples, N/1 + N/2 + ... = O(N log N) steps in all.
#include <bits/stdc++.h>
using namespace std;

int main() {
    const int LIMIT = 1000000;
    vector<int> count(LIMIT + 1, 0);
    for (int d = 1; d <= LIMIT; d++)
        for (int x = d; x <= LIMIT; x += d) count[x]++;
    int q;
    scanf("%d", &q);
    string out;
    for (int i = 0; i < q; i++) {
        int x;
        scanf("%d", &x);
        out += to_string(count[x]);
        out += '\n';
    }
    fputs(out.c_str(), stdout);
}
