namespace MythicDot.Redis.Tests;

/// <summary>The Redis the tests use: <c>MYTHICDOT_TEST_REDIS</c> (<c>host:port</c>), which <c>.ci/run</c> starts and exports.</summary>
internal static class TestRedis
{
    /// <summary>The address; without one the test skips, saying how to run it, except in CI, where it fails.</summary>
    public static string Address()
    {
        var address = Environment.GetEnvironmentVariable("MYTHICDOT_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(address))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("MYTHICDOT_TEST_REDIS is not set: in CI the Redis tests never skip; .ci/run starts a redis-server and exports it.");
            }

            Assert.Skip("No Redis: set MYTHICDOT_TEST_REDIS=127.0.0.1:6379 or run bash .ci/run, which starts one.");
        }

        return address!;
    }
}
