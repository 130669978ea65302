# Wrong: forgets the leading zeros (prints 8:5 instead of 08:05).
import sys

tokens = sys.stdin.read().split()
for i in range(int(tokens[0])):
    hh, mm = tokens[1 + 2 * i].split(":")
    total = int(hh) * 60 + int(mm) + int(tokens[2 + 2 * i])
    print(f"{total % 1440 // 60}:{total % 60} {total // 1440}")
