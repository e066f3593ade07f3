using System.Reflection;
using System.Runtime.Versioning;

namespace MythicDot.Tests.Conventions;

/// <summary>MythicDot.Tests runs against the SDK's net10.0 build and MythicDot.Tests.NetStandard against its netstandard2.0 build.</summary>
public sealed class TargetFrameworkTests
{
    [Fact]
    public void SdkUnderTest_IsTheBuildThisProjectTargets()
    {
        var framework = typeof(MythicDotClient).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;

#if SDK_NETSTANDARD2_0
        Assert.Equal(".NETStandard,Version=v2.0", framework);
#else
        Assert.Equal(".NETCoreApp,Version=v10.0", framework);
#endif
    }
}
