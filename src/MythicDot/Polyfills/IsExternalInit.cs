namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 compile <c>init</c> accessors and records; in the BCL from .NET 5 on.</summary>
internal static class IsExternalInit
{
}
