namespace System.Diagnostics.CodeAnalysis;

/// <summary>Lets netstandard2.0 annotate guards; in the BCL from .NET Core 3.0 on.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.ReturnValue, Inherited = false)]
internal sealed class NotNullAttribute : Attribute
{
}
