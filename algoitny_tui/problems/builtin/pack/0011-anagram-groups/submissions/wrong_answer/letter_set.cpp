// Wrong: uses the set of letters as the key, so "aab", "abb" and "ab" collide.
#include <iostream>
#include <map>
#include <string>

int main() {
    int n;
    std::cin >> n;
    std::map<int, int> groups;
    int best = 0;
    for (int i = 0; i < n; ++i) {
        std::string w;
        std::cin >> w;
        int mask = 0;
        for (char c : w) mask |= 1 << (c - 'a');
        best = std::max(best, ++groups[mask]);
    }
    std::cout << groups.size() << ' ' << best << '\n';
    return 0;
}
