// Wrong: never checks that the stack is empty at the end, so "(((" gets depth 3.
#include <iostream>
#include <string>

int main() {
    std::string s, stack;
    std::cin >> s;
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
    std::cout << best << '\n';
    return 0;
}
