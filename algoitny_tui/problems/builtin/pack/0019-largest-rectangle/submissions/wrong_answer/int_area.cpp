// Wrong: height * width is multiplied in int before it is stored in a long long.
#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    std::vector<int> h(n + 1, 0);
    for (int i = 0; i < n; ++i) scanf("%d", &h[i]);
    std::vector<int> stack;
    long long best = 0;
    for (int i = 0; i <= n; ++i) {
        while (!stack.empty() && h[stack.back()] >= h[i]) {
            int top = stack.back();
            stack.pop_back();
            int width = stack.empty() ? i : i - stack.back() - 1;
            long long area = h[top] * width;
            best = std::max(best, area);
        }
        stack.push_back(i);
    }
    printf("%lld\n", best);
    return 0;
}
