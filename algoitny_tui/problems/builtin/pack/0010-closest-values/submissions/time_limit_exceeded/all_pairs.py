# Too slow: compares all N^2 / 2 pairs.
n = int(input())
a = list(map(int, input().split()))
best = abs(a[1] - a[0])
for i in range(n):
    x = a[i]
    for j in range(i + 1, n):
        d = abs(x - a[j])
        if d < best:
            best = d
print(best)
