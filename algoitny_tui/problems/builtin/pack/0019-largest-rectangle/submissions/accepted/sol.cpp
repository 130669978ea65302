#include <cstdio>
#include <vector>

int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    std::vector<long long> h(n + 1, 0);
    for (int i = 0; i < n; ++i) scanf("%lld", &h[i]);
    std::vector<int> stack;
    long long best = 0;
    for (int i = 0; i <= n; ++i) {
        while (!stack.empty() && h[stack.back()] >= h[i]) {
            int top = stack.back();
            stack.pop_back();
            long long width = stack.empty() ? i : i - stack.back() - 1;
            best = std::max(best, h[top] * width);
        }
        stack.push_back(i);
    }
    printf("%lld\n", best);
    return 0;
}
