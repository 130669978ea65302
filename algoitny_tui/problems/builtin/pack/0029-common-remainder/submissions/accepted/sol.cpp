#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<long long> a(n);
    for (auto &x : a) scanf("%lld", &x);
    long long g = 0;
    for (long long x : a) g = gcd(g, llabs(x - a[0]));
    printf("%lld\n", g ? g : -1LL);
}
