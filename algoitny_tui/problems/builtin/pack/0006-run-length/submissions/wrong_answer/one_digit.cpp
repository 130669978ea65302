// Wrong: writes the length as a single character '0' + length, which breaks at 10.
#include <iostream>
#include <string>

int main() {
    std::string s, out;
    std::cin >> s;
    for (size_t i = 0; i < s.size();) {
        size_t j = i;
        while (j < s.size() && s[j] == s[i]) ++j;
        out += s[i];
        if (j - i > 1) out += char('0' + (j - i));
        i = j;
    }
    std::cout << out << '\n';
    return 0;
}
