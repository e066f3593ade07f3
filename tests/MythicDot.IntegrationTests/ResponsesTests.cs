using MythicDot.Testing;

namespace MythicDot.IntegrationTests;

/// <summary>Responses against the emulator: the server keeps the conversation (previous_response_id), fetch and delete by id,
/// a function-call round trip, and the errors a real server gives.</summary>
public sealed class ResponsesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_PreviousResponseId_TheServerKeepsTheConversation()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var first = await client.Responses.CreateAsync(new ResponseRequest("mythic-4", "Hello there"), Ct);
        var second = await client.Responses.CreateAsync(new ResponseRequest("mythic-4", "And again") { PreviousResponseId = first.Id }, Ct);
        var fetched = await client.Responses.GetAsync(second.Id, Ct);

        Assert.Equal("Echo: Hello there", first.OutputText);
        Assert.Equal("Echo: And again [turn 2]", second.OutputText);
        Assert.Equal(first.Id, second.PreviousResponseId);
        Assert.Equal(ResponseStatus.Completed, second.Status);
        Assert.Equal(2 + 3 + 2, second.Usage!.InputTokens); // both user turns and the first answer
        Assert.Equal(second.OutputText, fetched.OutputText);
        Assert.Equal(second.Id, fetched.Id);
        Assert.Equal("""{"model":"mythic-4","input":"And again","previous_response_id":"resp_emulator_000001"}""", emulator.Requests[1].Body);
    }

    [Fact]
    public async Task DeleteAsync_ThenGetOrContinue_NotFoundAndBadRequest()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var response = await client.Responses.CreateAsync(new ResponseRequest("mythic-4", "Hi"), Ct);

        var deleted = await client.Responses.DeleteAsync(response.Id, Ct);
        var missing = await Assert.ThrowsAsync<NotFoundError>(() => client.Responses.GetAsync(response.Id, Ct));
        var orphan = await Assert.ThrowsAsync<BadRequestError>(() => client.Responses.CreateAsync(new ResponseRequest("mythic-4", "Hi") { PreviousResponseId = response.Id }, Ct));

        Assert.True(deleted.Deleted);
        Assert.Equal(ErrorCodes.ResourceNotFound, missing.Code);
        Assert.Equal("previous_response_id", orphan.Param);
        Assert.Contains(response.Id, orphan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_FunctionCallRoundTrip_AnswersWithTheOutput()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var weather = ResponseTool.CreateFunction("get_weather", "Weather for a city",
            """{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""");

        var call = await client.Responses.CreateAsync(new ResponseRequest("mythic-4", "Use get_weather for Paris") { Tools = [weather] }, Ct);
        var function = Assert.Single(call.FunctionCalls);
        var answer = await client.Responses.CreateAsync(
            new ResponseRequest("mythic-4", [ResponseItem.FunctionCallOutput(function.CallId!, """{"temperature_c":18}""")]) { PreviousResponseId = call.Id, Tools = [weather] }, Ct);

        Assert.Equal("get_weather", function.Name);
        Assert.Equal("""{"location":"Paris"}""", function.Arguments);
        Assert.Equal(string.Empty, call.OutputText);
        Assert.Equal("""get_weather returned: {"temperature_c":18}""", answer.OutputText);
    }

    [Fact]
    public async Task CreateAsync_MaxOutputTokensAndStoreFalse_IncompleteAndNotKept()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var cut = await client.Responses.CreateAsync(new ResponseRequest("mythic-4", "one two three four") { MaxOutputTokens = 2, Store = false }, Ct);

        Assert.Equal(ResponseStatus.Incomplete, cut.Status);
        Assert.Equal("max_output_tokens", cut.IncompleteDetails!.Reason);
        Assert.Equal("Echo: one", cut.OutputText);
        await Assert.ThrowsAsync<NotFoundError>(() => client.Responses.GetAsync(cut.Id, Ct));
    }

    [Fact]
    public async Task CreateAsync_UnknownModelAndFault_TypedErrorAndRetry()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient(o => o.MaxRetries = 0);

        var unknown = await Assert.ThrowsAsync<NotFoundError>(() => client.Responses.CreateAsync(new ResponseRequest("mythic-9", "Hi"), Ct));
        emulator.EnqueueFault(EmulatorFault.Status(500), path: "responses");
        var failed = await Assert.ThrowsAsync<InternalServerError>(() => client.Responses.CreateAsync(new ResponseRequest("mythic-4", "Hi"), Ct));

        Assert.Equal(ErrorCodes.ModelNotFound, unknown.Code);
        Assert.Equal(500, (int)failed.StatusCode!);
    }
}
