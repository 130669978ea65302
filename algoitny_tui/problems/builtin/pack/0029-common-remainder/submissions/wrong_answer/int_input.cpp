// Reads the numbers into int: anything beyond 2^31 - 1 is lost.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    vector<int> a(n);
    for (auto &x : a) scanf("%d", &x);
    int g = 0;
    for (int x : a) g = gcd(g, abs(x - a[0]));
    printf("%d\n", g ? g : -1);
}
