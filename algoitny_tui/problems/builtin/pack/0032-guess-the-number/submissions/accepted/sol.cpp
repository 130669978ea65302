#include <bits/stdc++.h>
using namespace std;

int main() {
    long long n;
    cin >> n;
    long long lo = 1, hi = n;
    while (true) {
        long long mid = lo + (hi - lo) / 2;
        cout << "? " << mid << endl;  // endl flushes
        string reply;
        if (!(cin >> reply) || reply == "=") return 0;
        if (reply == "<") hi = mid - 1;
        else lo = mid + 1;
    }
}
