// Wrong: positions and fuel in int; distances up to 10^12 do not fit.
#include <algorithm>
#include <cstdio>
#include <queue>
#include <utility>
#include <vector>

int main() {
    int n, d, reach;
    if (scanf("%d %d %d", &n, &d, &reach) != 3) return 0;
    std::vector<std::pair<int, int>> stations(n);
    for (auto& s : stations) scanf("%d %d", &s.first, &s.second);
    std::sort(stations.begin(), stations.end());
    stations.push_back({d, 0});
    std::priority_queue<int> passed;
    int stops = 0;
    for (auto [position, amount] : stations) {
        while (reach < position && !passed.empty()) {
            reach += passed.top();
            passed.pop();
            ++stops;
        }
        if (reach < position) {
            puts("-1");
            return 0;
        }
        passed.push(amount);
    }
    printf("%d\n", stops);
    return 0;
}
