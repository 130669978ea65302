// Wrong: treats a meeting that starts exactly when the previous one ends as a clash.
#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    std::vector<std::pair<int, int>> meetings(n);
    for (auto& m : meetings) scanf("%d %d", &m.second, &m.first);
    std::sort(meetings.begin(), meetings.end());
    int count = 0, free_at = -1;
    for (auto [end, start] : meetings)
        if (start > free_at) {
            ++count;
            free_at = end;
        }
    printf("%d\n", count);
    return 0;
}
