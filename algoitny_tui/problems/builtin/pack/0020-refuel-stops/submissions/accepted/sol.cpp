#include <algorithm>
#include <cstdio>
#include <queue>
#include <utility>
#include <vector>

int main() {
    int n;
    long long d, reach;
    if (scanf("%d %lld %lld", &n, &d, &reach) != 3) return 0;
    std::vector<std::pair<long long, long long>> stations(n);
    for (auto& s : stations) scanf("%lld %lld", &s.first, &s.second);
    std::sort(stations.begin(), stations.end());
    stations.push_back({d, 0});
    std::priority_queue<long long> passed;
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
