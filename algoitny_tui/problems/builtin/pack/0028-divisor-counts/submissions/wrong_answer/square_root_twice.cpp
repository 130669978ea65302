// Pairs each divisor d <= sqrt(x) with x / d and adds 2, even when d * d == x: perfect squares get one too many.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int q;
    scanf("%d", &q);
    while (q--) {
        int x;
        scanf("%d", &x);
        int count = 0;
        for (int d = 1; (long long)d * d <= x; d++)
            if (x % d == 0) count += 2;
        printf("%d\n", count);
    }
}
