// Wrong: drops the front of the queue one step too late, so a reading outlives its window by one second.
#include <cstdio>
#include <deque>
#include <vector>

int main() {
    int n, k;
    if (scanf("%d %d", &n, &k) != 2) return 0;
    std::vector<int> a(n);
    for (auto& x : a) scanf("%d", &x);
    std::deque<int> window;
    for (int i = 0; i < n; ++i) {
        while (!window.empty() && a[window.back()] <= a[i]) window.pop_back();
        window.push_back(i);
        if (window.front() < i - k) window.pop_front();
        if (i >= k - 1) printf("%d%c", a[window.front()], i + 1 < n ? ' ' : '\n');
    }
    return 0;
}
