namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 name the argument in guard clauses; in the BCL from .NET Core 3.0 on.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
{
    public string ParameterName { get; } = parameterName;
}
