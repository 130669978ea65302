#include <iostream>
#include <string>

int main() {
    std::string s;
    std::cin >> s;
    std::string stack;
    size_t best = 0;
    for (char c : s) {
        if (c == '(' || c == '[' || c == '{') {
            stack.push_back(c);
            best = std::max(best, stack.size());
            continue;
        }
        char want = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (stack.empty() || stack.back() != want) {
            std::cout << -1 << '\n';
            return 0;
        }
        stack.pop_back();
    }
    std::cout << (stack.empty() ? (long long)best : -1LL) << '\n';
    return 0;
}
