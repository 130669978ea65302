# Wrong: compares neighbours in input order, without sorting first.
n = int(input())
a = list(map(int, input().split()))
print(min(abs(a[i + 1] - a[i]) for i in range(n - 1)))
