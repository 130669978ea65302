// Counts the longest run of consecutive rising days, not a subsequence.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    int best = 0, run = 0;
    long long prev = LLONG_MIN;
    for (int i = 0; i < n; i++) {
        long long x;
        scanf("%lld", &x);
        run = x > prev ? run + 1 : 1;
        best = max(best, run);
        prev = x;
    }
    printf("%d\n", best);
}
