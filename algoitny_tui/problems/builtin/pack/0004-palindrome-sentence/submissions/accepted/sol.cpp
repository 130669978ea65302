#include <cctype>
#include <iostream>
#include <string>

int main() {
    std::ios::sync_with_stdio(false);
    std::cin.tie(nullptr);
    int t;
    std::string line;
    std::getline(std::cin, line);
    t = std::stoi(line);
    while (t--) {
        std::getline(std::cin, line);
        // Two pointers from both ends, skipping everything that is not a letter or a digit.
        long i = 0, j = (long)line.size() - 1;
        bool ok = true;
        while (i < j) {
            if (!std::isalnum((unsigned char)line[i])) { ++i; continue; }
            if (!std::isalnum((unsigned char)line[j])) { --j; continue; }
            if (std::tolower((unsigned char)line[i]) != std::tolower((unsigned char)line[j])) { ok = false; break; }
            ++i;
            --j;
        }
        std::cout << (ok ? "YES" : "NO") << '\n';
    }
    return 0;
}
