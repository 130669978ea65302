// Asks 1, 2, 3, ... : far more questions than allowed.
#include <bits/stdc++.h>
using namespace std;

int main() {
    long long n;
    cin >> n;
    for (long long y = 1; y <= n; y++) {
        cout << "? " << y << endl;
        string reply;
        if (!(cin >> reply) || reply == "=") return 0;
    }
}
