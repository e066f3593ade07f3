using System.Net;
using System.Reflection;
using System.Text;
using MythicDot.Errors;

namespace MythicDot.Tests.Realtime;

/// <summary>Each server event read as its type; unknown ones kept whole; error events typed through the one error mapping.</summary>
public sealed class RealtimeServerEventTests
{
    private const string Key = "sk-test-realtime-key-0123456789";

    public static TheoryData<string> TypedEventTypes => new(
        typeof(RealtimeServerEvent).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(RealtimeServerEvent))).Select(t => t.FullName!));

    [Theory]
    [MemberData(nameof(TypedEventTypes))]
    public void Read_EachTypedEvent_ReadAsItsType(string typeName)
    {
        var type = typeof(RealtimeServerEvent).Assembly.GetType(typeName)!;
        var wire = ((RealtimeServerEvent)Activator.CreateInstance(type)!).Type.Value;

        var read = Read($$"""{"type":"{{wire}}","event_id":"event_1"}""");

        Assert.IsType(type, read);
        Assert.Equal(wire, read.Type.Value);
        Assert.Equal("event_1", read.EventId);
    }

    [Fact]
    public void Read_EveryKnownTypeValue_HasItsEventClass()
    {
        var known = typeof(RealtimeServerEventType).GetProperties(BindingFlags.Public | BindingFlags.Static).Select(p => (RealtimeServerEventType)p.GetValue(null)!);
        var modelled = TypedEventTypes.Select(row => ((RealtimeServerEvent)Activator.CreateInstance(typeof(RealtimeServerEvent).Assembly.GetType(row.Data)!)!).Type);

        Assert.Equal(known.Select(k => k.Value).Order(StringComparer.Ordinal), modelled.Select(m => m.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_SessionCreated_EveryField()
    {
        var read = Assert.IsType<SessionCreatedEvent>(Read("""
            {"event_id":"event_1","type":"session.created","session":{"id":"sess_1","object":"realtime.session","model":"mythic-4-realtime",
             "modalities":["text","audio"],"instructions":"","voice":"alloy","input_audio_format":"pcm16","output_audio_format":"pcm16",
             "turn_detection":{"type":"server_vad","threshold":0.5},"tools":[{"type":"function","name":"f","parameters":{"type":"object"}}],
             "tool_choice":"auto","temperature":0.8,"max_response_output_tokens":"inf","x_new":1},"x_top":"kept"}
            """));

        var session = read.Session!;
        Assert.Equal("sess_1", session.Id);
        Assert.Equal("realtime.session", session.ObjectType);
        Assert.Equal("mythic-4-realtime", session.Model);
        Assert.Equal([RealtimeModality.Text, RealtimeModality.Audio], session.Modalities);
        Assert.Equal(RealtimeVoice.Alloy, session.Voice);
        Assert.Equal(RealtimeAudioFormat.Pcm16, session.InputAudioFormat);
        Assert.Equal("server_vad", session.TurnDetection!.Value.GetProperty("type").GetString());
        Assert.Equal("f", Assert.Single(session.Tools!).Name);
        Assert.Equal(0.8, session.Temperature);
        Assert.Equal("inf", session.AdditionalProperties!["max_response_output_tokens"].GetString());
        Assert.Equal(1, session.AdditionalProperties["x_new"].GetInt32());
        Assert.Equal("kept", read.AdditionalProperties!["x_top"].GetString());
    }

    [Fact]
    public void Read_UnknownVoiceAndModality_Kept()
    {
        var read = Assert.IsType<SessionUpdatedEvent>(Read("""{"type":"session.updated","session":{"voice":"baritone","modalities":["video"]}}"""));

        Assert.Equal("baritone", read.Session!.Voice!.Value.Value);
        Assert.Equal("video", Assert.Single(read.Session.Modalities!).Value);
    }

    [Fact]
    public void Read_SpeechAndBufferEvents()
    {
        var started = Assert.IsType<InputAudioBufferSpeechStartedEvent>(Read("""{"type":"input_audio_buffer.speech_started","audio_start_ms":120,"item_id":"item_1"}"""));
        var stopped = Assert.IsType<InputAudioBufferSpeechStoppedEvent>(Read("""{"type":"input_audio_buffer.speech_stopped","audio_end_ms":900,"item_id":"item_1"}"""));
        var committed = Assert.IsType<InputAudioBufferCommittedEvent>(Read("""{"type":"input_audio_buffer.committed","previous_item_id":null,"item_id":"item_1"}"""));

        Assert.Equal((120, "item_1"), (started.AudioStartMs, started.ItemId));
        Assert.Equal(900, stopped.AudioEndMs);
        Assert.Null(committed.PreviousItemId);
        Assert.Equal("item_1", committed.ItemId);
    }

    [Fact]
    public void Read_ConversationItemCreated_ItemAndContent()
    {
        var read = Assert.IsType<ConversationItemCreatedEvent>(Read("""
            {"type":"conversation.item.created","previous_item_id":"item_0","item":{"id":"item_1","object":"realtime.item","type":"message","status":"completed",
             "role":"user","content":[{"type":"input_audio","transcript":null},{"type":"input_text","text":"Hi"},{"type":"audio","audio":"AAE="}]}}
            """));

        Assert.Equal("item_0", read.PreviousItemId);
        var item = read.Item!;
        Assert.Equal(("item_1", "realtime.item", "message", "completed"), (item.Id, item.ObjectType, item.Type, item.Status));
        Assert.Equal(ChatRole.User, item.Role);
        Assert.Equal("Hi", item.Content![1].Text);
        Assert.Equal(new byte[] { 0, 1 }, item.Content[2].Audio!.Value.ToArray());
    }

    [Fact]
    public void Read_AudioDelta_DecodedBytes()
    {
        var read = Assert.IsType<ResponseAudioDeltaEvent>(Read("""{"type":"response.audio.delta","response_id":"resp_1","item_id":"item_2","output_index":1,"content_index":2,"delta":"AQID/w=="}"""));

        Assert.Equal(("resp_1", "item_2", 1, 2), (read.ResponseId, read.ItemId, read.OutputIndex, read.ContentIndex));
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, read.Delta.ToArray());
    }

    [Fact]
    public void Read_TranscriptAndTextEvents()
    {
        Assert.Equal("Ec", Assert.IsType<ResponseAudioTranscriptDeltaEvent>(Read("""{"type":"response.audio_transcript.delta","delta":"Ec"}""")).Delta);
        Assert.Equal("Echo", Assert.IsType<ResponseAudioTranscriptDoneEvent>(Read("""{"type":"response.audio_transcript.done","transcript":"Echo"}""")).Transcript);
        Assert.Equal("He", Assert.IsType<ResponseTextDeltaEvent>(Read("""{"type":"response.text.delta","delta":"He"}""")).Delta);
        Assert.Equal("Hello", Assert.IsType<ResponseTextDoneEvent>(Read("""{"type":"response.text.done","text":"Hello"}""")).Text);
        Assert.Equal("resp_1", Assert.IsType<ResponseAudioDoneEvent>(Read("""{"type":"response.audio.done","response_id":"resp_1"}""")).ResponseId);
    }

    [Fact]
    public void Read_ResponseDone_StatusOutputAndUsage()
    {
        var read = Assert.IsType<ResponseDoneEvent>(Read("""
            {"type":"response.done","response":{"id":"resp_1","object":"realtime.response","status":"completed","status_details":null,
             "output":[{"id":"item_2","type":"message","role":"assistant","content":[{"type":"audio","transcript":"Echo"}]}],
             "usage":{"total_tokens":10,"input_tokens":4,"output_tokens":6,"output_token_details":{"text_tokens":1,"audio_tokens":5}}}}
            """));

        var response = read.Response!;
        Assert.Equal(("resp_1", "realtime.response"), (response.Id, response.ObjectType));
        Assert.Equal(RealtimeResponseStatus.Completed, response.Status);
        Assert.Equal("Echo", response.Output![0].Content![0].Transcript);
        Assert.Equal((10, 4, 6), (response.Usage!.TotalTokens, response.Usage.InputTokens, response.Usage.OutputTokens));
        Assert.Equal(5, response.Usage.AdditionalProperties!["output_token_details"].GetProperty("audio_tokens").GetInt32());
    }

    [Fact]
    public void Read_ResponseCreated_UnknownStatusKept()
    {
        var read = Assert.IsType<ResponseCreatedEvent>(Read("""{"type":"response.created","response":{"id":"r","status":"queued"}}"""));

        Assert.Equal("queued", read.Response!.Status.Value);
    }

    [Fact]
    public void Read_RateLimitsUpdated()
    {
        var read = Assert.IsType<RateLimitsUpdatedEvent>(Read("""{"type":"rate_limits.updated","rate_limits":[{"name":"tokens","limit":1000,"remaining":900,"reset_seconds":1.5}]}"""));

        var limit = Assert.Single(read.RateLimits!);
        Assert.Equal(("tokens", 1000, 900, 1.5), (limit.Name, limit.Limit, limit.Remaining, limit.ResetSeconds));
    }

    [Fact]
    public void Read_UnknownType_KeptWhole()
    {
        var read = Read("""{"type":"response.output_item.added","event_id":"e9","response_id":"resp_1","item":{"id":"item_3"}}""");

        Assert.Equal(typeof(RealtimeServerEvent), read.GetType());
        Assert.Equal("response.output_item.added", read.Type.Value);
        Assert.Equal("e9", read.EventId);
        Assert.Equal("resp_1", read.AdditionalProperties!["response_id"].GetString());
        Assert.Equal("item_3", read.AdditionalProperties["item"].GetProperty("id").GetString());
    }

    [Fact]
    public void Read_KnownTypeWithAnUnexpectedShape_KeptWholeNotFailed()
    {
        var read = Read("""{"type":"session.created","session":"not an object"}""");

        Assert.Equal(typeof(RealtimeServerEvent), read.GetType());
        Assert.Equal(RealtimeServerEventType.SessionCreated, read.Type);
        Assert.Equal("not an object", read.AdditionalProperties!["session"].GetString());
    }

    [Fact]
    public void Read_NoType_KeptWithAnEmptyType()
    {
        var read = Read("""{"hello":"world"}""");

        Assert.Equal(string.Empty, read.Type.Value);
        Assert.Equal("world", read.AdditionalProperties!["hello"].GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"error\"")]
    public void Read_NotAJsonObject_ApiError(string message)
    {
        var error = Assert.Throws<ApiError>(() => Read(message));

        Assert.Contains("not a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCodes.ParameterInvalid, typeof(BadRequestError), HttpStatusCode.BadRequest)]
    [InlineData(ErrorCodes.InvalidRequest, typeof(BadRequestError), HttpStatusCode.BadRequest)]
    [InlineData(ErrorCodes.InvalidApiKey, typeof(AuthenticationError), HttpStatusCode.Unauthorized)]
    [InlineData(ErrorCodes.RateLimitExceeded, typeof(RateLimitError), HttpStatusCode.TooManyRequests)]
    [InlineData(ErrorCodes.ContentFiltered, typeof(ContentFilteredError), HttpStatusCode.BadRequest)]
    [InlineData(ErrorCodes.ServerError, typeof(InternalServerError), HttpStatusCode.InternalServerError)]
    [InlineData("invalid_value", typeof(BadRequestError), HttpStatusCode.OK)] // an undocumented code: typed by the error's type
    public void Read_ErrorEvent_TypedByItsCode(string code, Type expected, HttpStatusCode status)
    {
        var read = Assert.IsType<RealtimeErrorEvent>(Read($$$"""
            {"event_id":"event_7","type":"error","error":{"type":"invalid_request_error","code":"{{{code}}}","message":"Invalid value: 'baritone'.","param":"session.voice","event_id":"evt_1"}}
            """));

        Assert.Equal(("invalid_request_error", code, "session.voice", "evt_1"), (read.Error!.Type, read.Error.Code, read.Error.Param, read.Error.EventId));
        var error = read.Exception!;
        Assert.Equal(expected, error.GetType());
        Assert.Equal("Invalid value: 'baritone'.", error.Message);
        Assert.Equal(code, error.Code);
        Assert.Equal("session.voice", error.Param);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains("\"event_id\":\"evt_1\"", error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ErrorEventEchoingTheKey_Redacted()
    {
        var read = Assert.IsType<RealtimeErrorEvent>(Read($$$"""{"type":"error","error":{"code":"invalid_api_key","message":"Bad key {{{Key}}}"}}"""));

        Security.KeyAssert.NotIn(Key, read.Exception!);
        Assert.Contains("[redacted]", read.Exception!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ErrorEventWithNoErrorObject_StillAnApiError()
    {
        var read = Assert.IsType<RealtimeErrorEvent>(Read("""{"type":"error"}"""));

        Assert.IsType<ApiError>(read.Exception);
    }

    public static TheoryData<string> ServerModelTypes()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(typeof(RealtimeServerEvent).Assembly.GetExportedTypes().Where(t => typeof(RealtimeServerEvent).IsAssignableFrom(t)));
        while (pending.TryDequeue(out var type))
        {
            if (type.Assembly != typeof(MythicDotClient).Assembly || type.IsValueType || typeof(Exception).IsAssignableFrom(type) || !seen.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                pending.Enqueue(propertyType.IsGenericType ? propertyType.GetGenericArguments()[^1] : propertyType);
            }
        }

        return new(seen.Select(t => t.FullName!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ServerModelTypes))]
    public void ServerModelType_KeepsUnknownFieldsAndIsReadOnly(string typeName)
    {
        var type = typeof(MythicDotClient).Assembly.GetType(typeName)!;
        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit"));
        var mutable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsArray || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() is var d && (d == typeof(List<>) || d == typeof(IList<>) || d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>))));

        Assert.True(type.IsAssignableTo(typeof(ApiObject)), type.Name + " does not derive from ApiObject");
        Assert.Empty(settable.Select(p => p.Name));
        Assert.Empty(mutable.Select(p => p.Name));
    }

    [Fact]
    public void ServerModelTypes_IncludeTheNestedObjects()
    {
        var types = ServerModelTypes().Select(row => row.Data).ToList();

        Assert.Contains(typeof(RealtimeSessionConfiguration).FullName!, types);
        Assert.Contains(typeof(RealtimeResponse).FullName!, types);
        Assert.Contains(typeof(RealtimeUsage).FullName!, types);
        Assert.Contains(typeof(RealtimeContentPart).FullName!, types);
        Assert.Contains(typeof(RealtimeErrorDetails).FullName!, types);
        Assert.Contains(typeof(RealtimeRateLimit).FullName!, types);
    }

    private static RealtimeServerEvent Read(string json) =>
        RealtimeEventReader.Read(Encoding.UTF8.GetBytes(json), new ErrorContext(TimeProvider.System, Key));
}
