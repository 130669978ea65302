// Forgets to reduce the base before squaring: a up to 1e18 makes a * a overflow 64 bits.
#include <bits/stdc++.h>
using namespace std;
typedef unsigned long long ull;
const ull P = 1000000007ULL;

ull power(ull base, ull exp, ull mod) {
    ull result = 1 % mod;
    while (exp) {
        if (exp & 1) result = result * base % mod;
        base = base * base % mod;
        exp >>= 1;
    }
    return result;
}

int main() {
    int t;
    scanf("%d", &t);
    while (t--) {
        ull a, b, c;
        scanf("%llu %llu %llu", &a, &b, &c);
        ull answer;
        if (b == 0 && c > 0) answer = 1;
        else if (a % P == 0) answer = 0;
        else answer = power(a, power(b, c, P - 1), P);
        printf("%llu\n", answer);
    }
}
