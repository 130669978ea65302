# Wrong: one counter for all kinds of brackets accepts "([)]" and "(]".
s = input().strip()
open_now = best = 0
for c in s:
    if c in "([{":
        open_now += 1
        best = max(best, open_now)
    else:
        open_now -= 1
        if open_now < 0:
            break
print(best if open_now == 0 else -1)
