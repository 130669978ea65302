// Wrong: cin >> reads one word, not the whole line.
#include <cctype>
#include <iostream>
#include <string>

int main() {
    int t;
    std::cin >> t;
    while (t--) {
        std::string word, kept;
        std::cin >> word;
        for (char c : word)
            if (std::isalnum((unsigned char)c)) kept += (char)std::tolower((unsigned char)c);
        std::string rev(kept.rbegin(), kept.rend());
        std::cout << (kept == rev ? "YES" : "NO") << '\n';
    }
    return 0;
}
