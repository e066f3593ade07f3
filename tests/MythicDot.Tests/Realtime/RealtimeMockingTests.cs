using NSubstitute;

namespace MythicDot.Tests.Realtime;

/// <summary>A user fakes a realtime session in their own tests: the client, the session and the events, with no socket.</summary>
public sealed class RealtimeMockingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Substitute_FakeSession_EventsReachTheCodeUnderTest()
    {
        var client = Substitute.For<MythicDotClient>(new Uri("https://api.test/v1/"));
        var realtime = Substitute.For<RealtimeClient>();
        var session = Substitute.For<RealtimeSession>();
        client.Realtime.Returns(realtime);
        realtime.ConnectAsync(Arg.Any<RealtimeSessionOptions?>(), Arg.Any<CancellationToken>()).Returns(session);
        session.ReceiveUpdatesAsync(Arg.Any<CancellationToken>()).Returns(Events(
            new ResponseTextDeltaEvent { Delta = "Hel" },
            new ResponseTextDeltaEvent { Delta = "lo" },
            new RealtimeErrorEvent { Exception = new BadRequestError("bad voice") { Code = ErrorCodes.ParameterInvalid } }));

        await using var opened = await client.Realtime.ConnectAsync(Ct);
        await opened.SendAsync(new ResponseCreateEvent(), Ct);
        var text = string.Empty;
        var errors = new List<ApiError>();
        await foreach (var update in opened.ReceiveUpdatesAsync(Ct))
        {
            if (update is ResponseTextDeltaEvent delta)
            {
                text += delta.Delta;
            }
            else if (update is RealtimeErrorEvent { Exception: { } error })
            {
                errors.Add(error);
            }
        }

        Assert.Equal("Hello", text);
        Assert.Equal(ErrorCodes.ParameterInvalid, Assert.Single(errors).Code);
        await session.Received(1).SendAsync(Arg.Any<ResponseCreateEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void MockingConstructor_RealtimeIsNull()
    {
        Assert.Null(Substitute.ForPartsOf<MythicDotClient>(new Uri("https://api.test/v1/")).Realtime);
    }

    private static async IAsyncEnumerable<RealtimeServerEvent> Events(params RealtimeServerEvent[] events)
    {
        foreach (var update in events)
        {
            await Task.Yield();
            yield return update;
        }
    }
}
