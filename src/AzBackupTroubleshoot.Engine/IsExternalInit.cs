namespace System.Runtime.CompilerServices
{
    // Lets netstandard2.0 use C# 9 init-only properties.
    internal static class IsExternalInit { }
}
