#include <cstdio>
#include <deque>
#include <vector>

int main() {
    int n, k;
    if (scanf("%d %d", &n, &k) != 2) return 0;
    std::vector<int> a(n);
    for (auto& x : a) scanf("%d", &x);
    std::deque<int> window;
    std::vector<int> out;
    for (int i = 0; i < n; ++i) {
        while (!window.empty() && a[window.back()] <= a[i]) window.pop_back();
        window.push_back(i);
        if (window.front() <= i - k) window.pop_front();
        if (i >= k - 1) out.push_back(a[window.front()]);
    }
    for (size_t i = 0; i < out.size(); ++i) printf(i + 1 < out.size() ? "%d " : "%d\n", out[i]);
    return 0;
}
