# Wrong: writes a run only when the next letter differs, so the last run is never written.
s = input().strip()
out = []
length = 1
for i in range(1, len(s)):
    if s[i] == s[i - 1]:
        length += 1
    else:
        out.append(s[i - 1] + (str(length) if length > 1 else ""))
        length = 1
print("".join(out))
