"""The column contract of every exported table, and its checks."""
